"""A team's live homework page for one tussentijd.

It shows the team's members and a read-only summary of each member's casus
as filled in so far (canvas picture, Schakelbak diagram, open points), the
assignment from the content pack, and the fields the team fills in together
(saved to the store under the team, like any widget). What it shows of the
cases, and the HTML of the header, comes from ``swc_core.views.homework``:
the handout (``handout=True``) is rendered there from the model, with no
widget built. Only this team's cases are read: a homework page never holds
another team's answers.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import messages
from swc_core.edition import Edition, open_store
from swc_core.errors import SwcError
from swc_core.html_templates import render
from swc_core.model import Workbook
from swc_core.page_params import PageParams, load_for_page, own_participant, page_params
from swc_core.views.common import Part
from swc_core.views.entry import homework_handout, homework_team
from swc_core.views.homework import (
    header_html,
    homework_step,
    member_head,
    member_points,
    member_work,
    open_points,
    piece,
)

__all__ = ["build_homework", "member_summary", "open_homework", "open_points", "team_fields"]

from .autosave import StoreBinding
from .base import ConflictPanel
from .captain import CaptainRecord
from .controls import label, note
from .figure_view import FigureView
from .leaving import tag_text_fields
from .page import error_box, failure_box
from .shared_looks import share_looks
from .style import page_style
from .term_markup import marked_terms


def _t(key: str, /, **values) -> str:
    """The screen text ``homework.<key>`` (data/ui/nl.yml) with ``values`` filled in."""
    return messages.text(f"homework.{key}", **values)


def _widget(part: Part) -> W.Widget:
    """A static part as the live page shows it: HTML as an HTML widget, a figure in its output area."""
    return W.HTML(part) if isinstance(part, str) else FigureView(lambda: part)


def member_summary(
    edition: Edition, pid: str, wb: Workbook, step_id: str = "tussentijd-a"
) -> W.VBox:
    """One member's case as the team reads it in ``step_id``: the work of that period, then the open points
    (``swc_core.views.homework``, the handout's own parts)."""
    head = W.HTML(member_head(edition, pid, wb))
    points = member_points(wb, edition.content)
    items = [W.HTML(piece("caption", _t("open_points")))] + [label(p) for p in points]
    work = [_widget(p) for p in member_work(edition, wb, step_id)]
    box = W.VBox([head, *work, *items])
    box.add_class("swc-member-summary")
    return box


def team_fields(edition: Edition, step_id: str, binding: StoreBinding, values: dict) -> W.VBox:
    step = edition.content.step(step_id)
    rows = []
    for field in step.team_fields:
        key = f"homework.{step_id}.{field.id}"
        area = W.Textarea(  # four rows to start with, growing with the text (page.css), never scrolling inside
            value=values.get(key, ""),
            placeholder=field.help or "",
            continuous_update=True,
            rows=4,
            layout=W.Layout(width="100%"),
        )
        area.observe(
            lambda change, key=key: binding.saver(key).submit(change["new"]), names="value"
        )
        # what a teammate saved (or a merge of both) is shown here, unless this page holds an unsaved change
        binding.on_value(key, lambda _field, value, area=area: setattr(area, "value", value or ""))
        conflicts = ConflictPanel(binding)  # a merge too long to keep: both texts, pick one
        binding.on_conflict(key, conflicts.show)
        rows += [W.HTML(piece("caption", field.label)), area, conflicts]
    return W.VBox(rows)


def build_homework(
    edition: Edition,
    team_id: str,
    step_id: str,
    store,
    viewer: str | None = None,
    live: bool = True,
) -> W.VBox:
    """The team page of ``step_id`` as widgets; ``viewer``: the member looking at it (the captain gets the record
    button); ``live`` False: the assignment as plain text, without its Code terms marked (a handout is
    ``swc_core.views.homework.homework_parts``, no widget). Raises ``InputError`` for an unknown team or a step
    that is not a tussentijd, ``StoreError`` when the store cannot be read."""
    pack = edition.content
    team = edition.team(team_id)
    step = homework_step(edition, step_id)
    # the members' cases only: the team's own fields come with their revisions from binding.load()
    values = store.values_of(edition.name, team.members)
    header = W.HTML(header_html(edition, team, step))
    # where and how the team works on it (programme.yml ``setting``), then the assignment
    setting = (
        [note(_t("setting", setting=step.setting.strip()), "swc-help")] if step.setting else []
    )
    # the assignment's Code terms show their definition on hover or tap (live pages; a handout has the chapter)
    task = (step.assignment or "").strip()
    task_text = W.HTML(
        marked_terms(task, pack.glossary) if live else render("page_text.html.j2", text=task),
        layout=W.Layout(width="100%"),
    )
    task_text.add_class("swc-intro")
    task_text.add_class("swc-text")  # the assignment's text (the screen tests measure it)
    assignment = W.VBox([W.HTML(piece("section", _t("assignment"))), *setting, task_text])
    assignment.add_class("swc-assignment")
    binding = StoreBinding(store, edition.name, team.id, author=f"team:{team.id}")
    binding.load()  # the team's values with their revisions: teammates' saves are merged, never overwritten
    member = viewer if viewer in team.members else None
    together = W.VBox(
        [
            W.HTML(piece("section", _t("together"))),
            team_fields(edition, step_id, binding, binding.values),
            CaptainRecord(edition, team, step, binding, member),
            binding.status,
        ]
    )
    cases = [W.HTML(piece("section", _t("cases")))]
    cases += [
        member_summary(edition, m, Workbook.from_fields(values.get(m, {})), step_id=step_id)
        for m in team.members
    ]
    page = W.VBox([page_style(), header, assignment, together, *cases])
    page.add_class("swc-page")
    page.binding = binding
    return page


def open_homework(
    step: str,
    *,
    edition: str,
    team: str = "",
    db: str = "",
    sessions_dir: str = "",
    handout: bool = False,
) -> W.Widget | None:
    """The team's homework page of ``step`` (``params.step`` overrides it); an error box instead of a traceback.

    ``handout``: ``swc_core.views.entry.homework_handout`` displays the static parts (nothing returned, no
    widget built); an unexpected failure then raises, so generation fails loudly.
    """
    if handout:
        return homework_handout(step, edition=edition, team=team, db=db, sessions_dir=sessions_dir)
    try:
        params = page_params(PageParams(edition, team=team, db=db, sessions_dir=sessions_dir))
        ed, settings = load_for_page(params)
        team_id = homework_team(params, ed)
        own = own_participant()
        tag_text_fields()  # what a leaving browser still holds can reach this kernel (leaving.py)
        page = build_homework(
            ed,
            team_id,
            params.step or step,
            open_store(ed, settings),
            viewer=params.participant or own or None,
        )
        page.binding.follow()  # teammates' saves reach this page within about a second
        share_looks(page)  # one Layout/Style model per distinct look (shared_looks.py)
    except SwcError as exc:
        page = error_box(exc)
    except Exception:  # a bug, not a user mistake: never a traceback on a participant's screen
        page = failure_box(f"{step} ({team})")
    return page
