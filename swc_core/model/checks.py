"""Ids in a workbook that the content pack, or the workbook itself, does not know.

``parse_field`` checks shape and length only (it runs without a pack, at
every keystroke); these checks run where a pack is at hand (dashboards,
export, ``swc check``) and report every problem at once, never raise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..errors import Problem
from .messages import text
from .messages import what as what_name

if TYPE_CHECKING:  # the model imports nothing from content at run time
    from ..content import ContentPack
    from .workbook import TeamHomework, Workbook


class _Findings:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def known(self, ids: Iterable[str], value: str | None, where: str, what: str) -> bool:
        """Report ``value`` when it is set and not among ``ids``; True if it is fine."""
        ids = list(ids)
        if value is None or value in ids:
            return True
        self.items.append(
            Problem(
                text("unknown_ref", what=what_name(what), value=value),
                where=where,
                hint=text("known_ids", ids=", ".join(ids)) if ids else None,
            )
        )
        return False

    def add(self, message: str, where: str, hint: str | None = None) -> None:
        self.items.append(Problem(message, where=where, hint=hint))

    def party(self, parties: set[str], value: str, where: str) -> bool:
        if value in parties:
            return True
        self.add(text("unknown_party", value=value), where, text("unknown_party_hint"))
        return False


def check_against_pack(workbook: "Workbook", pack: "ContentPack") -> list[Problem]:
    """Every id the pack does not know, and every reference to a party, goal or part that is not there."""
    found = _Findings()
    _canvas(found, workbook, pack)
    _schakelbak(found, workbook, pack)
    _decisions(found, workbook, pack)
    _goals(found, workbook, pack)
    _rest(found, workbook, pack)
    return found.items


def _canvas(found: _Findings, wb: "Workbook", pack: "ContentPack") -> None:
    for block_id in wb.canvas.blocks:
        found.known((b.id for b in pack.blocks), block_id, f"canvas.block.{block_id}", "block")
    for i, party in enumerate(wb.canvas.parties):
        found.known(
            (t.id for t in pack.vocab.party_types),
            party.type,
            f"canvas.parties[{i}].type",
            "party_type",
        )
    parties = {p.id for p in wb.canvas.parties}
    for i, c in enumerate(wb.canvas.contributions):
        found.party(parties, c.party, f"canvas.contributions[{i}].party")
    for key, scores in (
        ("competences.intake", wb.competences_intake),
        ("competences.end", wb.competences_end),
    ):
        for competence_id in scores:
            found.known(
                (c.id for c in pack.competences),
                competence_id,
                f"{key}.{competence_id}",
                "competence",
            )


def _schakelbak(found: _Findings, wb: "Workbook", pack: "ContentPack") -> None:
    parties = {p.id for p in wb.canvas.parties}
    parts = [p.id for p in wb.schakelbak.parts]
    for i, part in enumerate(wb.schakelbak.parts):
        found.known((f.id for f in pack.forms), part.form, f"schakelbak.parts[{i}].form", "form")
        for j, party_id in enumerate(part.parties):
            found.party(parties, party_id, f"schakelbak.parts[{i}].parties[{j}]")
    for i, c in enumerate(wb.schakelbak.couplings):
        for end in ("source", "target"):
            part_id = getattr(c, end)
            if part_id not in parts:
                found.add(text("unknown_part", value=part_id), f"schakelbak.couplings[{i}].{end}")
        if c.source == c.target:
            found.add(text("self_coupling", value=c.source), f"schakelbak.couplings[{i}]")


def _decisions(found: _Findings, wb: "Workbook", pack: "ContentPack") -> None:
    nodes = {n.id: n for n in pack.beslisboom.nodes}
    for i, run in enumerate(wb.beslisboom):
        for node_id, answer_id in run.answers.items():
            where = f"beslisboom[{i}].answers.{node_id}"
            if found.known(nodes, node_id, where, "node"):
                answers = [a.id for a in nodes[node_id].answers]
                if answer_id not in answers:
                    found.add(
                        text("unknown_answer", value=answer_id, node=node_id),
                        where,
                        text("known_ids", ids=", ".join(answers)) if answers else None,
                    )
    p = wb.partnership
    if p.part is not None and wb.schakelbak.part(p.part) is None:
        found.add(text("unknown_part", value=p.part), "partnership.part")
    found.known(
        (t.id for t in pack.partnership_types), p.type, "partnership.type", "partnership_type"
    )
    for trait_id in p.traits:
        found.known(
            (t.id for t in pack.partnership_traits),
            trait_id,
            f"partnership.traits.{trait_id}",
            "trait",
        )
    # Texts for another type's arrangements are kept on purpose (switching type and back
    # loses nothing), so an arrangement only has to exist in some type.
    chosen = next((t for t in pack.partnership_types if t.id == p.type), None)
    known = [a.id for a in chosen.arrangements] if chosen else []
    known += [a.id for t in pack.partnership_types for a in t.arrangements if a.id not in known]
    for arrangement_id in p.arrangements:
        found.known(
            known, arrangement_id, f"partnership.arrangements.{arrangement_id}", "arrangement"
        )


def _goals(found: _Findings, wb: "Workbook", pack: "ContentPack") -> None:
    parties = {p.id for p in wb.canvas.parties}
    for i, g in enumerate(wb.goals.consolidated):
        where = f"goals.consolidated[{i}]"
        found.known(
            (s.id for s in pack.vocab.goal_statuses), g.status, f"{where}.status", "goal_status"
        )
        if (
            found.party(parties, g.party, f"{where}.party")
            and wb.canvas.party(g.party).goal(g.goal) is None
        ):
            found.add(text("unknown_goal", goal=g.goal, party=g.party), f"{where}.goal")
    for i, d in enumerate(wb.goals.dilemmas):
        found.known(
            (k.id for k in pack.vocab.dilemma_kinds),
            d.kind,
            f"goals.dilemmas[{i}].kind",
            "dilemma_kind",
        )


def _rest(found: _Findings, wb: "Workbook", pack: "ContentPack") -> None:
    for question_id, answer in wb.toets.items():
        found.known(
            (q.id for q in pack.toets), question_id, f"toets.{question_id}", "toets_question"
        )
        found.known(
            (a.id for a in pack.vocab.toets_answers),
            answer.answer,
            f"toets.{question_id}.answer",
            "toets_answer",
        )
    for pattern_id, recognition in wb.patterns.items():
        found.known((p.id for p in pack.patterns), pattern_id, f"patterns.{pattern_id}", "pattern")
        found.known(
            (a.id for a in pack.vocab.toets_answers),
            recognition.answer,
            f"patterns.{pattern_id}.answer",
            "toets_answer",
        )
    for i, route in enumerate(wb.realisation):
        found.known(pack.vocab.realisation_routes, route.route, f"realisation[{i}].route", "route")
    for role_id in wb.role.shares:
        found.known((r.id for r in pack.roles), role_id, f"role.shares.{role_id}", "role")


def check_team_against_pack(homework: "TeamHomework", pack: "ContentPack") -> list[Problem]:
    """Homework fields whose step has no team homework, or whose field id the step does not have."""
    found = _Findings()
    steps = {s.id: s for s in pack.programme}
    for step_id, values in homework.steps.items():
        where = f"homework.{step_id}"
        if not found.known(steps, step_id, where, "step"):
            continue
        fields = [f.id for f in steps[step_id].team_fields]
        if not fields:
            found.add(text("not_a_tussentijd", value=step_id), where)
            continue
        for field_id in values:
            found.known(fields, field_id, f"{where}.{field_id}", "team_field")
    return found.items
