"""Static views of the design instruments: the Samenwerkingscanvas and the Schakelbak."""

from __future__ import annotations

from swc_core.analysis import check_forms
from swc_core.figures import canvas_figure, schakelbak_figure
from swc_core.html_templates import Markup, macros

from .common import Part, ViewContext, choice, named_choices, render_view, row_names, yes_no
from .paper import canvas_print_html, paper_line


def canvas(ctx: ViewContext) -> list[Part]:
    """The picture (with its print-only twin of blocks), the nine blocks, the parties, the contributions."""
    pack, value = ctx.content, ctx.workbook.canvas
    pieces = macros("view_canvas.html.j2")
    blocks = [
        {
            "name": b.name,
            "explanation": b.explanation,
            "questions": [q.strip() for q in b.questions],
            "text": ctx.values.get(f"canvas.block.{b.id}") or "",
        }
        for b in pack.blocks
    ]
    types = {t.id: t.name for t in pack.vocab.party_types}
    parties = [
        {"name": p.name, "type": choice(ctx, types, p.type), "goals": [g.text for g in p.goals]}
        for p in value.parties
    ]
    names = named_choices(ctx, value.parties)
    first = next(iter(names), None)  # the live page's choice always has one: the first party
    contributions = [
        {**c.model_dump(), "party": choice(ctx, names, c.party or first)}
        for c in value.contributions
    ]
    twin = Markup(canvas_print_html(ctx.workbook, pack))
    return [
        str(pieces.picture(twin)),
        canvas_figure(ctx.workbook, pack),
        str(pieces.rest(blocks, parties, contributions)),
    ]


def schakelbak(ctx: ViewContext) -> list[Part]:
    """The parts, the couplings, the findings of "klopt de vorm?" per part, then the picture."""
    pack, value = ctx.content, ctx.workbook.schakelbak
    t = lambda key, **v: ctx.t("schakelbak", key, **v)  # noqa: E731
    parties = named_choices(ctx, ctx.workbook.canvas.parties)
    forms = {f.id: f.name for f in pack.forms}
    parts = [
        {
            **p.model_dump(),
            "form": choice(ctx, forms, p.form),
            "parties": ", ".join(choice(ctx, parties, i) for i in p.parties),
            "joint_goal": yes_no(ctx, p.joint_goal),
            "risk_bearing": yes_no(ctx, p.risk_bearing),
        }
        for p in value.parts
    ]
    asked = pack.part_questions
    part_fields = [
        ("name", t("part_name")),
        ("form", t("form")),
        ("parties", ctx.paper("part_parties")),
        ("joint_goal", asked.joint_goal.question),
        ("risk_bearing", asked.risk_bearing.question),
        ("goal", t("goal")),
        ("agreed_performances", t("agreed_performances")),
    ]
    names = named_choices(ctx, value.parts)
    first = list(names)[:1] or [None]
    couplings = [
        {
            **c.model_dump(),
            "source": choice(ctx, names, c.source or first[0]),
            "target": choice(ctx, names, c.target or first[0]),
        }
        for c in value.couplings
    ]
    coupling_fields = [(key, t(key)) for key in ("source", "target", "flow")]
    findings = check_forms(value, pack)
    verdict = "no_findings" if any(p.form for p in value.parts) else "nothing_to_check"
    body = render_view(
        ctx,
        "schakelbak",
        forms=pack.forms,
        questions=(asked.joint_goal, asked.risk_bearing),
        parts=parts,
        part_fields=part_fields,
        couplings=couplings,
        coupling_fields=coupling_fields,
        checks=_findings_per_part(ctx, findings),
        verdict=paper_line(t(verdict)) or "",
    )
    return [body, schakelbak_figure(ctx.workbook, pack, findings)]


def _findings_per_part(ctx: ViewContext, findings) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(part name or "Algemeen", [(severity, line)])]`` in the order of the parts, general last."""
    t = lambda key, **v: ctx.t("schakelbak", key, **v)  # noqa: E731
    parts = ctx.workbook.schakelbak.parts
    names = row_names(ctx, "part", parts)
    groups: dict[str | None, list] = {}
    for finding in findings:
        groups.setdefault(finding.subject if finding.subject in names else None, []).append(finding)
    out = []
    for subject in [*names, None]:
        if subject in groups:
            lines = []
            for finding in groups[subject]:
                try:
                    severity = t(f"severity.{finding.severity}")
                except KeyError:
                    severity = finding.severity
                line = paper_line(t("finding", severity=severity, message=finding.message))
                if line:
                    lines.append((finding.severity, line))
            out.append((names[subject] if subject else t("general"), lines))
    return out
