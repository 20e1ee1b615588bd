"""A step's handout page from the typed workbook: header, then each instrument's static view.

:func:`handout_parts` gives the page as the generated notebook shows it: HTML
strings and plotly figures in page order (adjacent HTML merged), for the
instruments the content pack's programme lists for the step, as the live
page lists them. The frame of an instrument is the live page's: its title
with the provenance note, its intro as plain text (the handout carries the
begrippenlijst as a chapter), then its view; an instrument with nothing
filled in (``analysis.completeness.INSTRUMENT_FILLED``) is its title and
"nog niet ingevuld".
"""

from __future__ import annotations

from swc_core.analysis.completeness import INSTRUMENT_FILLED
from swc_core.content import provenance_note
from swc_core.edition import Edition
from swc_core.html_templates import Markup, macros, render
from swc_core.model import Workbook
from swc_core.model.instruments import presented_sections

from .context import ViewContext
from .instruments import VIEWS, Part

COMPETENCES = (
    "competenties"  # framed by the training's development goals (content schema's fixed id)
)


def header_html(
    edition: Edition,
    subject: str,
    workbook: Workbook,
    step_id: str,
    *,
    goal: str | Markup | None = None,
    glossary_href: str = "",
    cases_href: str = "",
) -> str:
    """Who the page is for and what the step is about (``page_header.html.j2``, every value escaped).

    ``workbook``: the subject's typed answers (the casus title they gave, else the edition's).

    ``goal``: the step's goal as the live page marks it (default: the plain text, as a handout shows it);
    the links only on a live page.
    """
    step = edition.content.step(step_id)
    person = edition.participant(subject)
    team = edition.team_of(person.id)
    return render(
        "page_header.html.j2",
        edition=edition.title,
        step=step.name,
        name=person.name,
        organisation=person.organisation,
        team=team.name if team else "",
        casus=workbook.casus.title or person.casus,
        goal=step.goal.strip() if goal is None else goal,
        setting=(step.setting or "").strip(),
        instruments=[edition.content.instrument(i).name for i in step.instruments],
        glossary_href=glossary_href,
        cases_href=cases_href,
    )


def development_goals_html(ctx: ViewContext) -> str:
    """The training's development goals, framing the self-assessment (lead line of the intake or the end)."""
    moment = "intake" if ctx.content.step(ctx.step).kind == "intake" else "end"
    lead = ctx.t("development_goals", moment)
    return render("development_goals.html.j2", goals=ctx.content.development_goals, lead=lead)


def instrument_parts(ctx: ViewContext, instrument_id: str) -> list[Part]:
    """One instrument as a handout shows it: framed view, or title plus "nog niet ingevuld".

    A trainer's own instrument (in the pack, with no fields) is its title and explanation, as on the live page.
    """
    view = VIEWS.get(instrument_id, _no_fields)
    info = ctx.content.instrument(instrument_id)
    note = provenance_note(ctx.content, presented_sections(instrument_id)) or ""
    title = render("page_instrument_title.html.j2", name=info.name, note=note)
    pieces = macros("view_parts.html.j2")
    rule = INSTRUMENT_FILLED.get(instrument_id)
    if rule is not None and not rule(ctx.workbook, ctx.content.step(ctx.step)):
        return [title + str(pieces.empty_instrument(ctx.paper("empty")))]
    intro = render("page_text.html.j2", text=info.explanation.strip())
    return [str(pieces.box_start()) + title + intro, *view(ctx), str(pieces.box_end())]


def _no_fields(ctx: ViewContext) -> list[Part]:
    return []


def handout_parts(edition: Edition, subject: str, ctx: ViewContext) -> list[Part]:
    """The handout page of ``ctx.step`` for ``subject``: HTML strings and figures, adjacent HTML merged.

    Raises the pack's ``SwcError`` for an unknown step or participant (the caller shows it).
    """
    parts: list[Part] = [header_html(edition, subject, ctx.workbook, ctx.step)]
    for instrument_id in ctx.content.step(ctx.step).instruments:
        if instrument_id == COMPETENCES:
            parts.append(development_goals_html(ctx))
        parts += instrument_parts(ctx, instrument_id)
    return merged(parts)


def merged(parts: list[Part]) -> list[Part]:
    """``parts`` with adjacent HTML strings joined: one notebook output per run of HTML."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return out
