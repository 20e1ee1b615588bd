"""Static views of the intake's instruments: the casus and the competence self-assessment."""

from __future__ import annotations

from swc_core.analysis import competence_change

from .common import Part, ViewContext, render_view


def casus(ctx: ViewContext) -> list[Part]:
    value = ctx.workbook.casus
    return [render_view(ctx, "casus", casus=value, parties=[p.model_dump() for p in value.parties])]


def competenties(ctx: ViewContext) -> list[Part]:
    """The scores of this step's moment (intake, or the end with the intake beside it)."""
    pack = ctx.content
    compare = pack.step(ctx.step).kind != "intake"
    scale = {p.value: p.label for p in pack.scale}
    scores = ctx.workbook.competences_end if compare else ctx.workbook.competences_intake
    changes = {row.competence.id: row for row in competence_change(ctx.workbook, pack)}
    top = max(scale) if scale else ""
    rows = []
    for c in pack.competences:
        score = scores.get(c.id)
        shown = (
            ctx.paper("scale_with_label", value=score, max=top, label=scale.get(score, ""))
            if score in scale
            else ""
        )
        rows.append(
            {
                "name": c.name,
                "statement": c.statement,
                "score": shown,
                "change": _change(ctx, changes.get(c.id), scale) if compare else "",
            }
        )
    points = " · ".join(
        ctx.t("competenties", "scale_point", value=v, label=lbl) for v, lbl in scale.items()
    )
    legend = ctx.t("competenties", "scale", scale=points)
    return [render_view(ctx, "competenties", compare=compare, legend=legend, rows=rows)]


def _change(ctx: ViewContext, row, scale: dict) -> str:
    """The intake score beside the end score, as the live page says it (widgets/competences.py)."""
    if row is None or row.intake is None:
        return ctx.t("competenties", "no_intake")
    label = scale.get(row.intake, "")
    if row.delta is None:
        return ctx.t("competenties", "intake_only", intake=row.intake, label=label)
    change = f"{row.delta:+d}" if row.delta else "0"
    return ctx.t("competenties", "compare", intake=row.intake, label=label, change=change)
