"""The validated content pack: typed access and lookups by id."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .schema import (
    Axes,
    BalanceAspect,
    Beslisboom,
    Block,
    Competence,
    DevelopmentGoal,
    EvaluationQuestion,
    Form,
    GlossaryTerm,
    Grid,
    Instrument,
    Lens,
    Node,
    PackMeta,
    PartnershipType,
    PartQuestions,
    Pattern,
    Role,
    Rung,
    ScalePoint,
    Source,
    Step,
    ToetsQuestion,
    Trait,
    Vocab,
)
from .types import find


class ContentPack(BaseModel):
    """Everything the Code says, validated and cross-checked (see ``load_content``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Path
    meta: PackMeta
    # where each section comes from: "<file stem>.<section>" (e.g. "typologie.partnership_types") -> source ids
    provenance: dict[str, tuple[str, ...]]
    grid: Grid
    blocks: tuple[Block, ...]
    forms: tuple[Form, ...]
    part_questions: PartQuestions
    beslisboom: Beslisboom
    partnership_traits: tuple[Trait, ...]
    partnership_types: tuple[PartnershipType, ...]
    toets: tuple[ToetsQuestion, ...]
    patterns: tuple[Pattern, ...]
    balance: tuple[BalanceAspect, ...]
    competences: tuple[Competence, ...]
    scale: tuple[ScalePoint, ...]
    development_goals: tuple[
        DevelopmentGoal, ...
    ]  # the training's aims (essay): frame intake and final assessment
    roles: tuple[Role, ...]
    axes: Axes
    lenses: tuple[Lens, ...]
    ladder: tuple[Rung, ...]
    evaluation: tuple[EvaluationQuestion, ...]
    programme: tuple[Step, ...]
    instruments: tuple[Instrument, ...]
    vocab: Vocab
    glossary: tuple[GlossaryTerm, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.meta.sources

    def block(self, block_id: str) -> Block:
        return find(self.blocks, block_id, "canvasblok")

    def form(self, form_id: str) -> Form:
        return find(self.forms, form_id, "samenwerkingsvorm")

    def step(self, step_id: str) -> Step:
        return find(self.programme, step_id, "programmastap")

    def instrument(self, instrument_id: str) -> Instrument:
        return find(self.instruments, instrument_id, "instrument")

    def partnership_type(self, type_id: str) -> PartnershipType:
        return find(self.partnership_types, type_id, "partnershiptype")

    def node(self, node_id: str) -> Node:
        return self.beslisboom.node(node_id)

    def competence(self, competence_id: str) -> Competence:
        return find(self.competences, competence_id, "competentie")

    def role(self, role_id: str) -> Role:
        return find(self.roles, role_id, "rol")

    def toets_question(self, question_id: str) -> ToetsQuestion:
        return find(self.toets, question_id, "toetsvraag")

    def term(self, term_id: str) -> GlossaryTerm:
        return find(self.glossary, term_id, "begrip")

    def terms_of(self, instrument_id: str) -> tuple[GlossaryTerm, ...]:
        """The glossary terms an instrument uses, in the order it names them."""
        return tuple(self.term(t) for t in self.instrument(instrument_id).terms)

    def pattern(self, pattern_id: str) -> Pattern:
        return find(self.patterns, pattern_id, "patroon")
