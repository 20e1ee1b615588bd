"""A team's homework page for one tussentijd, as static parts: what both the live page and the handout show.

The team's members, the assignment from the content pack, the fields the team
fills in together (their text from the store) with the captain's record, and
a summary of each member's casus as filled in so far: that period's work
(canvas picture, Schakelbak diagram, goals, interventions, advice) and the
open points. A member's instrument with nothing in it is one line saying so,
never an empty figure (issue 16). Only this team's cases are read: a homework
page never holds another team's answers.

On paper, an instruction meant for the live page is said as paper says it
(``export.paper.LIVE_ONLY``): the handout's heading of the cases, the open
points. The parts are HTML strings from ``homework_*.html.j2`` / ``view_parts.html.j2``
(Jinja, autoescape) and plotly figures from ``swc_core.figures``, the builders
the live page draws with. ``widgets/homework.py`` wraps the same parts in
widgets for the live page; :func:`homework_parts` is the handout (no widget).
"""

from __future__ import annotations

from typing import Any, Callable

from swc_core import analysis, figures, messages
from swc_core.content import ContentPack
from swc_core.content.checks import CAPTAIN_RECORD
from swc_core.content.schema import Step
from swc_core.edition import Edition, Team
from swc_core.errors import InputError
from swc_core.html_templates import Markup, macros, render
from swc_core.model import Workbook
from swc_core.model.fields import homework_field

from .common import Part
from .page import merged
from .paper import paper_line


def _t(key: str, /, **values) -> str:
    """The screen text ``homework.<key>`` (data/ui/nl.yml) with ``values`` filled in."""
    return messages.text(f"homework.{key}", **values)


def piece(part: str, *args) -> str:
    """The macro ``part`` of homework_parts.html.j2 (Jinja, autoescape), as a string."""
    return str(getattr(macros("homework_parts.html.j2"), part)(*args))


def homework_step(edition: Edition, step_id: str) -> Step:
    """The tussentijd ``step_id``; ``InputError`` for a step without team fields (only tussentijden have them)."""
    step = edition.content.step(step_id)
    if not step.team_fields:  # the content schema gives team fields to tussentijden only
        raise InputError(_t("not_a_tussentijd", step=step_id))
    return step


def _nothing(instrument_id: str, pack: ContentPack) -> str:
    """One short line for an instrument the member left empty: no empty figure, no verdict from no data."""
    return piece("nothing", pack.instrument(instrument_id).name, _t("work.nothing"))


def _figure_or_nothing(instrument_id: str, stated: bool, build: Callable[[], Any], pack) -> Part:
    """The member's figure of ``instrument_id`` when ``stated`` (there is something to draw), else one line."""
    return build() if stated else _nothing(instrument_id, pack)


def open_points(wb: Workbook, pack: ContentPack) -> list[str]:
    """What is still open in one casus, as sentences a participant understands."""
    points = [f.message for f in analysis.check_forms(wb.schakelbak, pack) if f.severity != "info"]
    open_count = len(analysis.open_arrangements(wb.partnership, pack)) if wb.partnership.type else 0
    if open_count:
        points.append(_t("open_arrangements", count=open_count))
    # patterns only from what the member stated (toets answers, own recognition), never from empty blocks
    points += [_t("pattern", name=s.pattern.name) for s in analysis.stagnation_signals(wb, pack)]
    return points


def states_anything(wb: Workbook) -> bool:
    """Whether the member stated anything open points are drawn from: no verdict from no data."""
    return (
        any(p.form for p in wb.schakelbak.parts)
        or any(a.answer for a in wb.toets.values())
        or bool(wb.partnership.type)
        or any(r.answer for r in wb.patterns.values())
    )


def _listed(heading: str, items: list[tuple[str, str]], empty: str) -> str:
    """A member's stated items as an escaped list under ``heading``."""
    return render("homework_work.html.j2", heading=heading, items=items, empty=empty)


def _goals_view(wb: Workbook, pack: ContentPack) -> list[Part]:
    kinds = {k.id: k.name for k in pack.vocab.dilemma_kinds}
    dilemmas = [
        (kinds.get(d.kind or "", _t("work.no_kind")), d.description)
        for d in wb.goals.dilemmas
        if d.description.strip()
    ]
    goals = any(p.goals for p in wb.canvas.parties)
    return [
        _figure_or_nothing("doelen", goals, lambda: figures.goals_matrix_figure(wb, pack), pack),
        _listed(_t("work.dilemmas"), dilemmas, _t("work.empty")),
    ]


def _interventions_view(wb: Workbook, pack: ContentPack) -> list[Part]:
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
    return [_listed(_t("work.interventions"), chosen, _t("work.empty"))]


def _advice_view(wb: Workbook, pack: ContentPack) -> list[Part]:
    stated = (
        [(wb.advice.to or _t("work.advice_to_whom"), wb.advice.text)]
        if wb.advice.text.strip()
        else []
    )
    return [_listed(_t("work.advice"), stated, _t("work.empty"))]


# What the team sees of each member's work, per instrument of the tussentijd (programme.yml ``instruments``):
# the assignment asks the team to discuss exactly that work.
# An instrument the member left empty is one line saying so (issue 16: an empty canvas drew its note over
# the block headings, an empty Schakelbak a large blank area with only a legend).
MEMBER_VIEWS: dict[str, Callable[[Workbook, ContentPack], list[Part]]] = {
    "canvas": lambda wb, pack: [
        _figure_or_nothing(
            "canvas",
            any(analysis.canvas_completeness(wb.canvas, pack).values()),
            lambda: figures.canvas_figure(wb, pack),
            pack,
        )
    ],
    "schakelbak": lambda wb, pack: [
        _figure_or_nothing(
            "schakelbak",
            bool(wb.schakelbak.parts),
            lambda: figures.schakelbak_figure(wb, pack, analysis.check_forms(wb.schakelbak, pack)),
            pack,
        )
    ],
    "doelen": _goals_view,
    "interventies": _interventions_view,
    "advies": _advice_view,
}


def member_head(edition: Edition, pid: str, wb: Workbook) -> str:
    """Who the member is and the title of their casus."""
    person = edition.participant(pid)
    title = wb.casus.title or person.casus or _t("casus_untitled")
    return piece("member", person.name, person.organisation, title)


def member_work(edition: Edition, wb: Workbook, step_id: str) -> list[Part]:
    """The member's work of ``step_id``: per instrument of the step, its figure, list or "nothing" line."""
    pack = edition.content
    return [
        part
        for i in pack.step(step_id).instruments
        if i in MEMBER_VIEWS
        for part in MEMBER_VIEWS[i](wb, pack)
    ]


def member_points(wb: Workbook, pack: ContentPack) -> list[str]:
    """The open points of one casus, or one line saying there are none (or that nothing was stated)."""
    return open_points(wb, pack) or [
        _t("no_open_points" if states_anything(wb) else "nothing_stated")
    ]


def header_html(edition: Edition, team: Team, step: Step) -> str:
    """The team page's header: edition, step, team, goal and members (the captain named)."""
    members = [(edition.participant(m).name, m == team.captain) for m in team.members]
    return piece(
        "header",
        edition.title,
        step.name,
        team.name,
        step.goal.strip(),
        _t("members"),
        members,
        _t("captain"),
    )


def record_text(step: Step, values: dict[str, Any]) -> str:
    """The team fields as the captain records them: each label with its text."""
    return "\n\n".join(
        f"{f.label}\n{(values.get(homework_field(step.id, f.id)) or '').strip()}"
        for f in step.team_fields
    )


def captain_note_html(edition: Edition, team: Team, step: Step, rev, values: dict[str, Any]) -> str:
    """Who recorded the team's conclusion and when, and whether the fields changed since (``rev``: the record's
    latest revision or None); ``captain.html.j2``."""
    if rev is None:
        captain = edition.participants.get(team.captain)
        state, by, when = "open", captain.name if captain else "", ""
    else:
        person = edition.participants.get(rev.author)
        by = person.name if person else rev.author
        when = rev.saved_at.astimezone().strftime("%d-%m %H:%M")
        state = "recorded" if rev.value == record_text(step, values) else "changed"
    return render("captain.html.j2", state=state, by=by, when=when, reason="")


def homework_parts(edition: Edition, team_id: str, step_id: str, store) -> list[Part]:
    """The handout of the team page of ``step_id``: HTML strings and figures in page order.

    In: the edition, a team id, a tussentijd and the store; only the team's
    own answers (with their revisions: the captain's record says who and when) and its
    members' (:meth:`~swc_core.store.Store.values_of`) are read, each once.
    Raises ``InputError`` for an unknown team or for a step that is not a tussentijd,
    ``StoreError`` when the store cannot be read.
    """
    pack = edition.content
    team = edition.team(team_id)
    step = homework_step(edition, step_id)
    team_revisions = store.latest(edition.name, team.id).get(team.id, {})
    values = store.values_of(edition.name, team.members)
    parts = macros("view_parts.html.j2")
    out: list[Part] = [_together_html(edition, team, step, team_revisions)]
    for m in team.members:
        wb = Workbook.from_fields(values.get(m, {}))
        out.append(str(parts.box_start()) + member_head(edition, m, wb))
        out += member_work(edition, wb, step_id)
        # on paper: an instruction for the live page said as paper says it (export.paper.LIVE_ONLY)
        points = [line for line in (paper_line(p) for p in member_points(wb, pack)) if line]
        out.append(
            piece("caption", _t("open_points"))
            + "".join(str(parts.line(p)) for p in points)
            + str(parts.box_end())
        )
    return merged(out)


def _together_html(edition: Edition, team: Team, step: Step, team_revisions: dict) -> str:
    """The handout's header, assignment and the team's own fields with the captain's record, as HTML.

    ``team_revisions``: the newest revision of each of the team's own fields (``Store.latest``).
    """
    team_values = {f: r.value for f, r in team_revisions.items()}
    setting = (
        macros("view_parts.html.j2").line(_t("setting", setting=step.setting.strip()), "swc-help")
        if step.setting
        else ""
    )
    record = team_revisions.get(homework_field(step.id, CAPTAIN_RECORD))
    html = [
        header_html(edition, team, step),
        render(
            "homework_handout.html.j2",
            assignment=_t("assignment"),
            setting=setting,
            task=(step.assignment or "").strip(),
            together=_t("together"),
            fields=[
                (f.label, team_values.get(homework_field(step.id, f.id)) or "")
                for f in step.team_fields
            ],
            captain=Markup(captain_note_html(edition, team, step, record, team_values)),
        ),
        piece("section", messages.text("export.paper.homework_cases")),  # no "(read only)"
    ]
    return "".join(html)
