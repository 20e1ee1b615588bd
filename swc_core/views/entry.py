"""The handouts' entry points: a generated notebook's page, displayed from the model without ipywidgets.

``swc generate`` runs every notebook with ``handout=True`` in a kernel that
only writes outputs (papermill); ``widgets/entry.py`` sends such a call
here, so a generation kernel never imports ipywidgets (nor builds a widget).
The page is shown as notebook outputs: the page's stylesheet, then each HTML
string and plotly figure of ``page.handout_parts`` (a participant's step) or
``homework.homework_parts`` (a team's homework) in page order. A user's
mistake (unknown participant, team or step) is one Dutch line
(``page_error.html.j2``); anything else raises, so generation fails loudly
and the trainer sees which handout broke.
"""

from __future__ import annotations

from typing import Any

from swc_core.edition import Edition, open_store
from swc_core.errors import InputError, SwcError
from swc_core.figures.mimetype import PLOTLY_MIME, figure_spec
from swc_core.figures.paper import twins_metadata
from swc_core.html_templates import Markup, render, stylesheet
from swc_core.messages import text
from swc_core.page_params import (
    PageParams,
    load_for_page,
    own_participant,
    page_params,
    required_participant,
)

from .context import ViewContext
from .homework import homework_parts
from .page import handout_parts


def error_html(exc: SwcError | None) -> str:
    """A participant never sees a traceback: one Dutch line (``serve.page_error``) and the hint.

    ``None``: an unexpected failure, said in one Dutch line without details.
    """
    if exc is None:
        return render("page_error.html.j2", failed=True)
    return render("page_error.html.j2", failed=False, reason=str(exc), hint=exc.hint or "")


def display_parts(parts: list[Any]) -> None:
    """Display a handout's parts as notebook outputs: the page's stylesheet (``page.css``), then each HTML
    string and plotly figure in order; a figure carries its twins for a phone and for paper in its metadata
    (``swc_core.figures.paper``), as ``widgets.plotly_display.show_figure`` shows one."""
    from IPython.display import HTML, display

    display(HTML(render("page_style.html.j2", css=Markup(stylesheet("page.css")))))
    for part in parts:
        if isinstance(part, str):
            display(HTML(part))
        else:
            display({PLOTLY_MIME: figure_spec(part)}, raw=True, metadata=twins_metadata(part))


def workbook_parts(step: str, edition: Edition, participant: str, settings) -> list[Any]:
    """The handout of ``step`` for ``participant``: the static views of their workbook, from the store.

    Raises ``SwcError`` for a participant or step the edition does not have.
    """
    edition.participant(participant)  # unknown participant: clear error
    edition.content.step(step)
    with open_store(edition, settings) as store:
        values = store.values(edition.name, participant)
    return handout_parts(edition, participant, ViewContext(edition.content, step, values))


def workbook_handout(
    step: str,
    *,
    edition: str,
    participant: str = "",
    db: str = "",
    sessions_dir: str = "",
) -> None:
    """Display the handout of ``step`` for one participant (the notebook's parameters); nothing returned.

    A user's mistake is displayed as its one-line box; an unexpected failure raises.
    """
    try:
        params = page_params(
            PageParams(edition, participant=participant, db=db, sessions_dir=sessions_dir)
        )
        ed, settings = load_for_page(params)
        parts = workbook_parts(step, ed, required_participant(params), settings)
    except SwcError as exc:
        parts = [error_html(exc)]
    display_parts(parts)


def homework_team(params: PageParams, edition: Edition) -> str:
    """The team whose homework ``params`` asks for; ``SwcError`` without one, ``InputError`` for another team
    than the visitor's own on a participant's own server (JupyterHub): a homework page holds one team's cases.
    """
    if not params.team:
        raise SwcError(text("homework.no_team"))
    edition.team(params.team)
    own = own_participant()
    if own and getattr(edition.team_of(own), "id", None) != params.team:
        raise InputError(text("homework.other_team"), hint=text("homework.other_team_hint"))
    return params.team


def homework_handout(
    step: str,
    *,
    edition: str,
    team: str = "",
    db: str = "",
    sessions_dir: str = "",
) -> None:
    """Display the handout of a team's homework page of ``step`` (``params.step`` overrides it).

    A user's mistake is displayed as its one-line box; an unexpected failure raises.
    """
    try:
        params = page_params(PageParams(edition, team=team, db=db, sessions_dir=sessions_dir))
        ed, settings = load_for_page(params)
        team_id = homework_team(params, ed)
        with open_store(ed, settings) as store:
            parts = homework_parts(ed, team_id, params.step or step, store)
    except SwcError as exc:
        parts = [error_html(exc)]
    display_parts(parts)
