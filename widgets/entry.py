"""What a notebook calls: a live page from the widgets, or a handout without importing ipywidgets.

Every notebook imports its page function from here (one call, no logic in the
notebook). With ``handout=True`` (``swc generate``) the call goes to
``swc_core.views.entry``, which renders the page from the model: the
generation kernel never imports ipywidgets. Otherwise the live page's module
is imported at call time (``widgets.page``, ``widgets.homework``).
"""

from __future__ import annotations

from typing import Any

from swc_core.views.entry import homework_handout, workbook_handout


def open_workbook(step: str, *, handout: bool = False, **params: str) -> Any:
    """The page of ``step`` for one participant (``widgets.page.open_workbook``); ``handout``: its static
    views displayed, None returned (``swc_core.views.entry.workbook_handout``). ``params``: the notebook's
    parameters (edition, participant, db, sessions_dir)."""
    if handout:
        return workbook_handout(step, **params)
    from .page import open_workbook as live_workbook

    return live_workbook(step, **params)


def open_homework(step: str, *, handout: bool = False, **params: str) -> Any:
    """A team's homework page of ``step`` (``widgets.homework.open_homework``); ``handout``: its static
    parts displayed, None returned (``swc_core.views.entry.homework_handout``). ``params``: the notebook's
    parameters (edition, team, db, sessions_dir)."""
    if handout:
        return homework_handout(step, **params)
    from .homework import open_homework as live_homework

    return live_homework(step, **params)
