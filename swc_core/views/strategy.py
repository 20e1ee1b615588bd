"""Static views of dagdeel 5 and after: patronen, realisatie, eigen rol, interventies, advies, terugblik."""

from __future__ import annotations

from swc_core.analysis import role_profile, stagnation_signals
from swc_core.figures import role_figure, shares_figure, strategy_figure
from swc_core.html_templates import macros

from .common import Part, ViewContext, none_chosen, render_view
from .paper import paper_line


def patronen(ctx: ViewContext) -> list[Part]:
    pack = ctx.content
    answers = {a.id: a.name for a in pack.vocab.toets_answers}
    aspects = {b.id: b.name for b in pack.balance}
    pointers = {s.pattern.id: s.signal_reasons for s in stagnation_signals(ctx.workbook, pack)}
    saved = ctx.workbook.patterns
    patterns = []
    for p in pack.patterns:
        own = saved.get(p.id)
        answer = own.answer if own else None
        patterns.append(
            {
                "name": p.name,
                "description": p.description,
                "aspect": aspects.get(p.aspect, ""),
                "answer": answers.get(answer, none_chosen(ctx)) if answer else none_chosen(ctx),
                "evidence": own.evidence if own else "",
                "pointers": list(pointers.get(p.id, ())),
            }
        )
    return [render_view(ctx, "patronen", patterns=patterns)]


def realisatie(ctx: ViewContext) -> list[Part]:
    pack = ctx.content
    routes = [pack.form(form_id) for form_id in pack.vocab.realisation_routes]
    names = {form.id: form.name for form in routes}
    items = [
        {**r.model_dump(), "route": names.get(r.route or "", none_chosen(ctx))}
        for r in ctx.workbook.realisation
    ]
    fields = [(key, ctx.t("realisatie", key)) for key in ("task", "route", "connection")]
    body = render_view(ctx, "realisatie", routes=routes, items=items, fields=fields)
    return [body, strategy_figure(ctx.workbook, pack)]


def eigen_rol(ctx: ViewContext) -> list[Part]:
    """The two axes, the figure of them, the time per role, its figure, and the profile sentence."""
    pack, role = ctx.content, ctx.workbook.role
    pieces = macros("view_eigen-rol.html.j2")
    axes = []
    for axis, low, high in (
        (pack.axes.focus, pack.axes.focus.richten, pack.axes.focus.inrichten),
        (pack.axes.scope, pack.axes.scope.binnen, pack.axes.scope.buiten),
    ):
        value = getattr(role, "focus" if axis is pack.axes.focus else "scope")
        at = (
            50 if value is None else value
        )  # where the live page's slider stands before it is moved
        axes.append(
            (axis.name, ctx.paper("scale_ends", value=at, min=0, max=100, low=low, high=high))
        )
    known = {r.id for r in pack.roles}
    total = sum(v for rid, v in role.shares.items() if rid in known)
    roles = [
        (
            ctx.paper(
                "labelled",
                label=r.name,
                value=ctx.paper("scale", value=role.shares.get(r.id, 0), max=100),
            ),
            r.description,
        )
        for r in pack.roles
    ]
    note = ctx.paper("total_note") if 0 < total != 100 else ""
    profile = paper_line(role_profile(role, pack).message) or ""
    return [
        str(pieces.axes(axes)),
        role_figure(ctx.workbook, pack),
        str(pieces.shares(roles, ctx.t("eigen-rol", "total", total=total), note)),
        shares_figure(ctx.workbook, pack),
        str(pieces.profile(profile)),
    ]


def interventies(ctx: ViewContext) -> list[Part]:
    keys = ("option", "intervention", "expected")
    fields = [(key, ctx.t("interventies", key)) for key in keys]
    items = [i.model_dump() for i in ctx.workbook.interventions]
    return [render_view(ctx, "interventies", items=items, fields=fields)]


def advies(ctx: ViewContext) -> list[Part]:
    return [render_view(ctx, "advies", advice=ctx.workbook.advice)]


def reflectie(ctx: ViewContext) -> list[Part]:
    return [
        render_view(
            ctx, "reflectie", reflection=ctx.workbook.reflection, questions=ctx.content.evaluation
        )
    ]
