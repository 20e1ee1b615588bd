"""A participant's whole workbook, assembled from the latest value of each field."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from ..content import ContentPack
from ..errors import Problem
from .base import Model
from .canvas import Canvas
from .casus import Casus, Competences
from .decisions import BeslisboomRun, Partnership
from .fields import CANVAS_BLOCK, HOMEWORK, PARTICIPANT_FIELDS, parse_field
from .goals import Goals
from .schakelbak import Schakelbak
from .strategy import Advice, Intervention, Role, Route
from .toets import ToetsAnswer

# participant field key -> Workbook attribute (canvas keys are assembled separately)
_SECTIONS = {
    "casus": "casus",
    "competences.intake": "competences_intake",
    "competences.end": "competences_end",
    "schakelbak": "schakelbak",
    "beslisboom": "beslisboom",
    "partnership": "partnership",
    "goals": "goals",
    "toets": "toets",
    "realisation": "realisation",
    "role": "role",
    "interventions": "interventions",
    "advice": "advice",
}


class Workbook(Model):
    casus: Casus = Field(default_factory=Casus)
    competences_intake: Competences = {}
    competences_end: Competences = {}
    canvas: Canvas = Field(default_factory=Canvas)
    schakelbak: Schakelbak = Field(default_factory=Schakelbak)
    beslisboom: list[BeslisboomRun] = []
    partnership: Partnership = Field(default_factory=Partnership)
    goals: Goals = Field(default_factory=Goals)
    toets: dict[str, ToetsAnswer] = {}
    realisation: list[Route] = []
    role: Role = Field(default_factory=Role)
    interventions: list[Intervention] = []
    advice: Advice = Field(default_factory=Advice)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> "Workbook":
        """Build from ``{field key: value}`` (latest values); team keys and unknown keys are ignored."""
        data: dict[str, Any] = {}
        canvas: dict[str, Any] = {"blocks": {}}
        for key, value in fields.items():
            if key in _SECTIONS:
                data[_SECTIONS[key]] = value
            elif key == "canvas.parties":
                canvas["parties"] = value
            elif key == "canvas.contributions":
                canvas["contributions"] = value
            elif m := CANVAS_BLOCK.match(key):
                canvas["blocks"][m.group(1)] = value
        data["canvas"] = canvas
        return cls.model_validate(data)

    def to_fields(self) -> dict[str, Any]:
        """``{field key: value}`` for every non-empty section, as the store holds them."""
        out: dict[str, Any] = {}
        for key, attr in _SECTIONS.items():
            value = getattr(self, attr)
            dumped = value.model_dump(mode="json") if isinstance(value, Model) else _dump(value)
            if dumped != _empty(PARTICIPANT_FIELDS[key]):
                out[key] = parse_field(key, dumped)
        for block, text in self.canvas.blocks.items():
            if text:
                out[f"canvas.block.{block}"] = text
        if self.canvas.parties:
            out["canvas.parties"] = [p.model_dump(mode="json") for p in self.canvas.parties]
        if self.canvas.contributions:
            out["canvas.contributions"] = [c.model_dump(mode="json") for c in self.canvas.contributions]
        return out


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value.model_dump(mode="json") if isinstance(value, Model) else value


def _empty(key_type: Any) -> Any:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(key_type)
    origin = getattr(key_type, "__origin__", None)
    empty = [] if origin is list else {} if origin is dict else adapter.validate_python({})
    return adapter.dump_python(empty, mode="json")


class TeamHomework(Model):
    """What a team filled in together: ``{step id: {team field id: text}}``."""

    steps: dict[str, dict[str, str]] = {}

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> "TeamHomework":
        steps: dict[str, dict[str, str]] = {}
        for key, value in fields.items():
            if m := HOMEWORK.match(key):
                steps.setdefault(m.group(1), {})[m.group(2)] = value
        return cls(steps=steps)


def check_against_pack(wb: Workbook, pack: ContentPack) -> list[Problem]:
    """Ids in the workbook that the content pack (or the workbook itself) does not know."""
    problems: list[Problem] = []

    def known(ids, value, where, what):
        if value is not None and value not in ids:
            problems.append(Problem(f"onbekende {what} {value!r}", where=where))

    blocks = {b.id for b in pack.blocks}
    forms = {f.id for f in pack.forms}
    party_types = {t.id for t in pack.vocab.party_types}
    competences = {c.id for c in pack.competences}
    parties = {p.id for p in wb.canvas.parties}
    for block in wb.canvas.blocks:
        known(blocks, block, f"canvas.block.{block}", "canvasblok")
    for i, p in enumerate(wb.canvas.parties):
        known(party_types, p.type, f"canvas.parties[{i}].type", "partijtype")
    for i, c in enumerate(wb.canvas.contributions):
        known(parties, c.party, f"canvas.contributions[{i}].party", "partij")
    parts = {p.id for p in wb.schakelbak.parts}
    for i, part in enumerate(wb.schakelbak.parts):
        known(forms, part.form, f"schakelbak.parts[{i}].form", "samenwerkingsvorm")
        for party in part.parties:
            known(parties, party, f"schakelbak.parts[{i}].parties", "partij")
    for i, c in enumerate(wb.schakelbak.couplings):
        known(parts, c.source, f"schakelbak.couplings[{i}].source", "onderdeel")
        known(parts, c.target, f"schakelbak.couplings[{i}].target", "onderdeel")
    for key, scores in (("competences.intake", wb.competences_intake), ("competences.end", wb.competences_end)):
        for cid in scores:
            known(competences, cid, key, "competentie")
    nodes = {n.id for n in pack.beslisboom.nodes}
    for i, run in enumerate(wb.beslisboom):
        for node in run.answers:
            known(nodes, node, f"beslisboom[{i}].answers", "beslisboomvraag")
    p = wb.partnership
    known(parts, p.part, "partnership.part", "onderdeel")
    types = {t.id: t for t in pack.partnership_types}
    known(types, p.type, "partnership.type", "partnershiptype")
    if p.type in types:
        arrangements = {a.id for a in types[p.type].arrangements}
        for a in p.arrangements:
            known(arrangements, a, "partnership.arrangements", "afspraak")
    statuses = {s.id for s in pack.vocab.goal_statuses}
    goals = {(pt.id, g.id) for pt in wb.canvas.parties for g in pt.goals}
    for i, g in enumerate(wb.goals.consolidated):
        known(statuses, g.status, f"goals.consolidated[{i}].status", "doelstatus")
        if (g.party, g.goal) not in goals:
            problems.append(Problem(f"onbekend doel {g.goal!r} van partij {g.party!r}", where=f"goals.consolidated[{i}]"))
    kinds = {k.id for k in pack.vocab.dilemma_kinds}
    for i, d in enumerate(wb.goals.dilemmas):
        known(kinds, d.kind, f"goals.dilemmas[{i}].kind", "soort dilemma")
    questions = {q.id for q in pack.toets}
    answers = {a.id for a in pack.vocab.toets_answers}
    for qid, a in wb.toets.items():
        known(questions, qid, f"toets.{qid}", "toetsvraag")
        known(answers, a.answer, f"toets.{qid}.answer", "antwoord")
    for i, r in enumerate(wb.realisation):
        known(forms, r.route, f"realisation[{i}].route", "route")
    roles = {r.id for r in pack.roles}
    for rid in wb.role.shares:
        known(roles, rid, "role.shares", "rol")
    return problems
