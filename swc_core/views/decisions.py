"""Static views of the choices of dagdeel 3 and 4: beslisboom, typologie, doelen, toets."""

from __future__ import annotations

from typing import Any

from swc_core.analysis import (
    dilemma_balance,
    evaluate_run,
    open_arrangements,
    situation_routes,
    stagnation_signals,
    suggest_type,
)
from swc_core.figures import goals_matrix_figure

from .common import Part, ViewContext, choice, none_chosen, render_view, row_names, yes_no


def beslisboom(ctx: ViewContext) -> list[Part]:
    """Each task's walk through the tree (``analysis.evaluate_run``), then the routes to the situations."""
    pack = ctx.content
    runs = [_walk(ctx, run) for run in ctx.workbook.beslisboom]
    intro = (pack.beslisboom.intro or "").strip()
    return [render_view(ctx, "beslisboom", intro=intro, runs=runs, routes=_situation_routes(ctx))]


def _walk(ctx: ViewContext, run) -> dict[str, Any]:
    """One task as the live page's tree walk shows it (``widgets/beslisboom.py``), without its buttons."""
    pack, t = ctx.content, lambda key, **v: ctx.t("beslisboom", key, **v)  # noqa: E731
    result = evaluate_run(run, pack)
    open_question = result.current if result.current is not None and not result.complete else None
    end, shown = result.outcome, {"task": run.task, "exit": "", "form": ""}
    shown["path"] = [(node.text, answer.label) for node, answer in result.path]
    shown["situations"] = ", ".join(s.name for s in result.situations)
    shown["described"] = [
        t("situation", name=s.name, text=" ".join(s.description.split()))
        for s in result.situations
        if s.description
    ]
    shown["question"] = open_question.text if open_question else ""
    shown["question_help"] = (open_question.help or "") if open_question else ""
    shown["follow_up"] = (end.follow_up or "") if end else ""
    if end is not None and result.exit:
        shown["exit"] = end.text
    elif end is not None:
        form = pack.form(result.form)
        shown.update(form=form.name, outcome=end.text, essence=form.essence)
        shown["follow_up"] = (end.follow_up or "").strip()
        shown["requirements"] = list(end.requirements or ())
    return shown


def _situation_routes(ctx: ViewContext) -> list[str]:
    """Every route from the first question to a node that names situations, as one line each."""
    t = lambda key, **v: ctx.t("beslisboom", key, **v)  # noqa: E731
    lines = []
    for route in situation_routes(ctx.content):
        steps = [t("path_step", question=n.text, answer=a.label) for n, a in route.path]
        names = ", ".join(s.name for s in route.situations)
        lines.append(
            t("situations_route", names=names, route=" · ".join(steps) or t("route_start"))
        )
    return lines


def typologie(ctx: ViewContext) -> list[Part]:
    """The partnership's design: its part, traits, suggested and chosen type, arrangements, considerations."""
    pack, design = ctx.content, ctx.workbook.partnership
    traits = [
        {
            "question": trait.question,
            "help": (trait.help or "").strip(),
            "answer": yes_no(ctx, design.traits.get(trait.id)),
        }
        for trait in pack.partnership_traits
    ]
    suggested, score = suggest_type(design, pack)
    suggestion = (
        ctx.paper("no_suggestion")
        if suggested is None
        else ctx.t(
            "typologie",
            "suggestion",
            name=suggested.name,
            count=score,
            total=len(suggested.suggest_when),
        )
    )
    types = {p.id: p.name for p in pack.partnership_types}
    ptype = pack.partnership_type(design.type) if design.type in types else None
    part, has_parts = _partnership_part(ctx)
    body = render_view(
        ctx,
        "typologie",
        has_parts=has_parts,
        part=part,
        traits=traits,
        suggestion=suggestion,
        type_name=choice(ctx, types, design.type),
        ptype=ptype,
        arrangements=design.arrangements,
        still_open=[a.name for a in open_arrangements(design, pack)] if ptype else [],
        considerations=design.considerations,
    )
    return [body]


def _partnership_part(ctx: ViewContext) -> tuple[str, bool]:
    """The Schakelbak part the design is for, as the live page names it; and whether there are parts.

    Not chosen yet: the first part whose form asks for a partnership design (the live page's default).
    """
    pack = ctx.content
    partnership_forms = {f.id for f in pack.forms if f.joint_goal == "vereist" and f.risk_bearing}
    forms = {f.id: f.name for f in pack.forms}
    part_names = row_names(ctx, "part", ctx.workbook.schakelbak.parts)
    parts = sorted(ctx.workbook.schakelbak.parts, key=lambda p: p.form not in partnership_forms)
    names = {
        p.id: ctx.t(
            "typologie",
            "part_option",
            name=part_names[p.id],
            form=forms.get(p.form, ctx.t("typologie", "no_form")),
        )
        for p in parts
    }
    chosen = ctx.workbook.partnership.part
    if chosen is None and parts and parts[0].form in partnership_forms:
        chosen = parts[0].id
    return choice(ctx, names, chosen), bool(parts)


def doelen(ctx: ViewContext) -> list[Part]:
    """Each party's goals (from the canvas) with their status, the dilemmas, then the goals figure."""
    pack, workbook = ctx.content, ctx.workbook
    statuses = {s.id: s.name for s in pack.vocab.goal_statuses}
    first = pack.vocab.goal_statuses[0].id if pack.vocab.goal_statuses else None
    parties = []
    party_names = row_names(ctx, "party", workbook.canvas.parties)
    for party in workbook.canvas.parties:
        goals = [g for g in party.goals if g.text.strip()]
        if goals:
            shown = [
                {
                    "status": choice(
                        ctx, statuses, workbook.goals.status_of(party.id, g.id) or first
                    ),
                    "text": g.text,
                }
                for g in goals
            ]
            parties.append({"name": party_names[party.id], "goals": shown})
    kinds = {k.id: k.name for k in pack.vocab.dilemma_kinds}
    keys = ("kind", "description", "gives_up", "gains", "owner")
    dilemmas = [
        {**d.model_dump(), "kind": choice(ctx, kinds, d.kind)} for d in workbook.goals.dilemmas
    ]
    warnings = [
        f for f in dilemma_balance(workbook.goals, pack).findings if f.severity == "waarschuwing"
    ]
    body = render_view(
        ctx,
        "doelen",
        statuses=pack.vocab.goal_statuses,
        kinds=pack.vocab.dilemma_kinds,
        parties=parties,
        dilemmas=dilemmas,
        fields=[(key, ctx.t("doelen", key)) for key in keys],
        warnings=warnings,
    )
    return [body, goals_matrix_figure(workbook, pack)]


def toets(ctx: ViewContext) -> list[Part]:
    """The four questions in order, then the patterns the answers point at."""
    pack, workbook = ctx.content, ctx.workbook
    names = {a.id: a.name for a in pack.vocab.toets_answers}
    positive = pack.vocab.toets_answers[0].id  # the schema fixes the order: the first is "ja"
    questions = []
    for q in pack.toets:
        own = workbook.toets.get(q.id)
        answer = own.answer if own else None
        questions.append(
            {
                "name": q.name,
                "explanation": q.explanation,
                "checks": list(q.checks),
                "answer": names.get(answer or "", none_chosen(ctx)),
                "evidence": own.evidence if own else "",
                "step_back": own.step_back if own else "",
                "step_back_help": q.step_back,
                "step_back_shown": answer not in (None, positive),
            }
        )
    found = stagnation_signals(workbook, pack)
    signals = [
        {"name": s.pattern.name, "description": s.pattern.description, "reasons": list(s.reasons)}
        for s in found
    ]
    answered = any(a.answer for a in [*workbook.toets.values(), *workbook.patterns.values()])
    return [render_view(ctx, "toets", questions=questions, signals=signals, answered=answered)]
