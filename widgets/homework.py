"""A team's homework page for one tussentijd.

It shows the team's members and a read-only summary of each member's casus
as filled in so far (canvas picture, Schakelbak diagram, open points), the
assignment from the content pack, and the fields the team fills in together
(saved to the store under the team, like any widget). A member's instrument
with nothing in it is one line saying so, never an empty figure. The page's
HTML comes from ``swc_core/templates/homework_*.html.j2``. Only this team's
cases are read: a homework page never holds another team's answers.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import analysis, figures, messages
from swc_core.edition import Edition, open_store
from swc_core.errors import InputError, SwcError
from swc_core.html_templates import macros, render
from swc_core.model import Workbook
from swc_core.page_params import PageParams, load_for_page, own_participant, page_params

from .autosave import StoreBinding
from .base import ConflictPanel
from .captain import CaptainRecord
from .controls import label, note
from .figure_view import FigureView
from .leaving import tag_text_fields
from .page import error_box, failure_box, show
from .shared_looks import share_looks
from .style import page_style
from .term_markup import marked_terms


def _t(key: str, language: str, **values) -> str:
    return messages.text(f"homework.{key}", language, **values)


def _html(part: str, *args) -> W.HTML:
    """An HTML widget holding the macro ``part`` of homework_parts.html.j2 (Jinja, autoescape)."""
    return W.HTML(str(getattr(macros("homework_parts.html.j2"), part)(*args)))


def _nothing(instrument_id: str, pack, language: str) -> W.HTML:
    """One short line for an instrument the member left empty: no empty figure, no verdict from no data."""
    return _html("nothing", pack.instrument(instrument_id).name, _t("work.nothing", language))


def _figure_or_nothing(instrument_id: str, stated: bool, build, pack, language: str) -> W.Widget:
    """The member's figure of ``instrument_id`` when ``stated`` (there is something to draw), else one line."""
    return FigureView(build) if stated else _nothing(instrument_id, pack, language)


def open_points(wb: Workbook, pack, language: str) -> list[str]:
    """What is still open in one casus, as sentences a participant understands."""
    points = [f.message for f in analysis.check_forms(wb.schakelbak, pack) if f.severity != "info"]
    open_count = len(analysis.open_arrangements(wb.partnership, pack)) if wb.partnership.type else 0
    if open_count:
        points.append(_t("open_arrangements", language, count=open_count))
    # patterns only from what the member stated (toets answers, own recognition), never from empty blocks
    points += [
        _t("pattern", language, name=s.pattern.name) for s in analysis.stagnation_signals(wb, pack)
    ]
    return points


def _states_anything(wb: Workbook) -> bool:
    """Whether the member stated anything open points are drawn from: no verdict from no data."""
    return (
        any(p.form for p in wb.schakelbak.parts)
        or any(a.answer for a in wb.toets.values())
        or bool(wb.partnership.type)
        or any(r.answer for r in wb.patterns.values())
    )


def _listed(heading: str, items: list[tuple[str, str]], empty: str) -> W.HTML:
    """A member's stated items as an escaped list under ``heading`` (``render``: Jinja, autoescape)."""
    return W.HTML(render("homework_work.html.j2", heading=heading, items=items, empty=empty))


def _goals_view(wb: Workbook, pack, language: str) -> list[W.Widget]:
    kinds = {k.id: k.name for k in pack.vocab.dilemma_kinds}
    dilemmas = [
        (kinds.get(d.kind or "", _t("work.no_kind", language)), d.description)
        for d in wb.goals.dilemmas
        if d.description.strip()
    ]
    goals = any(p.goals for p in wb.canvas.parties)
    return [
        _figure_or_nothing(
            "doelen", goals, lambda: figures.goals_matrix_figure(wb, pack), pack, language
        ),
        _listed(_t("work.dilemmas", language), dilemmas, _t("work.empty", language)),
    ]


def _interventions_view(wb: Workbook, pack, language: str) -> list[W.Widget]:
    chosen = [
        (
            i.option or i.intervention,
            " → ".join(x for x in (i.intervention, i.expected) if x.strip())
            if i.option
            else i.expected,
        )
        for i in wb.interventions
        if i.option.strip() or i.intervention.strip()
    ]
    return [_listed(_t("work.interventions", language), chosen, _t("work.empty", language))]


def _advice_view(wb: Workbook, pack, language: str) -> list[W.Widget]:
    stated = (
        [(wb.advice.to or _t("work.advice_to_whom", language), wb.advice.text)]
        if wb.advice.text.strip()
        else []
    )
    return [_listed(_t("work.advice", language), stated, _t("work.empty", language))]


# What the team sees of each member's work, per instrument of the tussentijd (programme.yml ``instruments``):
# the assignment asks the team to discuss exactly that work.
# An instrument the member left empty is one line saying so (issue 16: an empty canvas drew its note over
# the block headings, an empty Schakelbak a large blank area with only a legend).
MEMBER_VIEWS = {
    "canvas": lambda wb, pack, language: [
        _figure_or_nothing(
            "canvas",
            any(analysis.canvas_completeness(wb.canvas, pack).values()),
            lambda: figures.canvas_figure(wb, pack),
            pack,
            language,
        )
    ],
    "schakelbak": lambda wb, pack, language: [
        _figure_or_nothing(
            "schakelbak",
            bool(wb.schakelbak.parts),
            lambda: figures.schakelbak_figure(wb, pack, analysis.check_forms(wb.schakelbak, pack)),
            pack,
            language,
        )
    ],
    "doelen": _goals_view,
    "interventies": _interventions_view,
    "advies": _advice_view,
}


def member_summary(
    edition: Edition, pid: str, wb: Workbook, language: str, step_id: str = "tussentijd-a"
) -> W.VBox:
    """One member's case as the team reads it in ``step_id``: the work of that period, then the open points."""
    pack = edition.content
    person = edition.participant(pid)
    title = wb.casus.title or person.casus or _t("casus_untitled", language)
    head = _html("member", person.name, person.organisation, title)
    points = open_points(wb, pack, language) or [
        _t("no_open_points" if _states_anything(wb) else "nothing_stated", language)
    ]
    items = [_html("caption", _t("open_points", language))] + [label(p) for p in points]
    work = [
        w
        for i in pack.step(step_id).instruments
        if i in MEMBER_VIEWS
        for w in MEMBER_VIEWS[i](wb, pack, language)
    ]
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
        conflicts = ConflictPanel(
            binding, binding.language
        )  # a merge too long to keep: both texts, pick one
        binding.on_conflict(key, conflicts.show)
        rows += [_html("caption", field.label), area, conflicts]
    return W.VBox(rows)


def build_homework(
    edition: Edition,
    team_id: str,
    step_id: str,
    store,
    language: str = "nl",
    viewer: str | None = None,
    live: bool = True,
) -> W.VBox:
    """The team page of ``step_id``; ``viewer``: the member looking at it (the captain gets the record button);
    ``live``: a page in a browser (Code terms show their definition), False for a handout's snapshot."""
    pack = edition.content
    team = edition.team(team_id)
    step = pack.step(step_id)
    if not step.team_fields:  # the content schema gives team fields to tussentijden only
        raise InputError(_t("not_a_tussentijd", language, step=step_id))
    latest = {
        s: {f: r.value for f, r in fields.items()}
        for s, fields in store.latest(edition.name).items()
        if s == team.id or s in team.members
    }
    members = [(edition.participant(m).name, m == team.captain) for m in team.members]
    header = _html(
        "header",
        edition.title,
        step.name,
        team.name,
        step.goal.strip(),
        _t("members", language),
        members,
        _t("captain", language),
    )
    # where and how the team works on it (programme.yml ``setting``), then the assignment
    setting = (
        [note(_t("setting", language, setting=step.setting.strip()), "swc-help")]
        if step.setting
        else []
    )
    # the assignment's Code terms show their definition on hover or tap (live pages; a handout has the chapter)
    task = (step.assignment or "").strip()
    task_text = W.HTML(
        marked_terms(task, pack.glossary) if live else render("page_text.html.j2", text=task),
        layout=W.Layout(width="100%"),
    )
    task_text.add_class("swc-intro")
    task_text.add_class("swc-text")  # the assignment's text (the screen tests measure it)
    assignment = W.VBox([_html("section", _t("assignment", language)), *setting, task_text])
    assignment.add_class("swc-assignment")
    binding = StoreBinding(
        store, edition.name, team.id, author=f"team:{team.id}", language=language
    )
    binding.load()  # the team's values with their revisions: teammates' saves are merged, never overwritten
    member = viewer if viewer in team.members else None
    together = W.VBox(
        [
            _html("section", _t("together", language)),
            team_fields(edition, step_id, binding, binding.values),
            CaptainRecord(edition, team, step, binding, member, language),
            binding.status,
        ]
    )
    cases = [_html("section", _t("cases", language))]
    cases += [
        member_summary(edition, m, Workbook.from_fields(latest.get(m, {})), language, step_id)
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
    language: str = "nl",
    sessions_dir: str = "",
    handout: bool = False,
) -> W.Widget | None:
    try:
        params = page_params(PageParams(edition, "", team, db, language, sessions_dir))
        ed, settings = load_for_page(params)
        if not params.team:
            raise SwcError(_t("no_team", params.language))
        ed.team(params.team)
        own = (
            own_participant()
        )  # a participant's own server (JupyterHub): only their own team's homework
        if own and getattr(ed.team_of(own), "id", None) != params.team:
            raise InputError(
                _t("other_team", params.language), hint=_t("other_team_hint", params.language)
            )
        if not handout:
            tag_text_fields()  # what a leaving browser still holds can reach this kernel (leaving.py)
        page = build_homework(
            ed,
            params.team,
            params.step or step,
            open_store(ed, settings),
            params.language,
            viewer=params.participant or own or None,
            live=not handout,
        )
        if not handout:
            page.binding.follow()  # teammates' saves reach this page within about a second
            share_looks(page)  # one Layout/Style model per distinct look (shared_looks.py)
    except SwcError as exc:
        page = error_box(exc)
    except Exception:  # a bug, not a user mistake: never a traceback on a participant's screen
        if handout:
            raise  # generation must fail loudly
        page = failure_box(f"{step} ({team})")
    return show(page, handout)
