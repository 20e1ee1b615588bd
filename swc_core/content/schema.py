"""Pydantic models of the content pack: one per concept, one per file.

Attribute names are English; the values (names, explanations, questions)
are Dutch and belong to the trainers. The ids other code relies on are
declared in :data:`FIXED_IDS`; everything else may be reworded or extended.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field, model_validator

from ..messages import text
from .conditions import Cue, PartCondition, Signal
from .types import PLAIN, Colour, Id, Strict, Text, VersionText, find

# The ids code is written against. "exact": these ids, this order, nothing
# else. "required": these must be present; trainers may add more.
FIXED_IDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "blocks": (
        "exact",
        (
            "doelen",
            "partijen",
            "bijdragen",
            "operatie",
            "besluitvorming",
            "regels",
            "risicos",
            "levenscyclus",
            "investeringen-opbrengsten",
        ),
    ),
    "forms": ("exact", ("organisatie", "netwerk", "contractsamenwerking", "partnership")),
    "steps": (
        "exact",
        (
            "intake",
            "dagdeel-1-2",
            "tussentijd-a",
            "dagdeel-3",
            "tussentijd-b",
            "dagdeel-4",
            "tussentijd-c",
            "dagdeel-5",
            "tussentijd-d",
            "eindsessie",
        ),
    ),
    "instruments": (
        "required",
        (
            "casus",
            "competenties",
            "canvas",
            "schakelbak",
            "beslisboom",
            "typologie",
            "doelen",
            "toets",
            "realisatie",
            "eigen-rol",
            "patronen",
            "interventies",
            "advies",
            "reflectie",
        ),
    ),
    "toets": ("exact", ("kan", "klopt", "werkt", "levert")),
    "patterns": (
        "required",
        ("belangenstrijd", "gijzeling", "procesenergie", "geen-criteria", "bijdragen-niet-geborgd"),
    ),
    "balance": ("exact", ("inhoud", "relatie", "proces", "inrichting")),
    "competences": (
        "exact",
        ("object", "taal", "opties", "afwegen", "ontwerpen", "toepassen", "inbrengen", "verbinden"),
    ),
    "development_goals": ("exact", ("taal", "type", "eisen", "strategie", "vitaliteit")),
    "roles": ("exact", ("strateeg", "netwerker", "organisatieontwikkelaar", "procesmanager")),
    "lenses": ("required", ("ambitie", "belangen", "relatie", "organisatie", "proces")),
    "party_types": (
        "required",
        (
            "provincie",
            "gemeente",
            "waterschap",
            "rijk",
            "agrarisch-collectief",
            "agrariers",
            "natuurorganisatie",
            "bedrijf",
            "kennisinstelling",
            "bewoners",
            "overig",
        ),
    ),
    "goal_statuses": ("exact", ("open", "in", "van-tafel", "gezamenlijk")),
    "dilemma_kinds": ("exact", ("trade-off", "compromis")),
    "toets_answers": ("exact", ("ja", "deels", "nee", "onbekend")),
}
LADDER_TOP = "co-productie"
SCALE_VALUES = (1, 2, 3, 4, 5)

Severity = Annotated[Literal["waarschuwing", "advies"], PLAIN]
JointGoal = Annotated[Literal["vereist", "mogelijk", "niet-nodig"], PLAIN]
NodeKind = Annotated[Literal["question", "outcome", "exit"], PLAIN]
StepKind = Annotated[Literal["intake", "dagdeel", "tussentijd", "eindsessie"], PLAIN]
Focus = Annotated[Literal["richten", "inrichten"], PLAIN]
Scope = Annotated[Literal["binnen", "buiten"], PLAIN]
Language = Annotated[Literal["nl"], PLAIN]


def _texts(lo: int = 0, hi: int | None = None):
    return Field(default=() if lo == 0 else ..., min_length=lo, max_length=hi)


# --- provenance -------------------------------------------------------------

# The source id of material the trainers (or this project) wrote themselves:
# examples, rules and elaborations that no source text contains.
OWN_SOURCE = "eigen"


def _one_or_more(value):
    # `source: slides` and `source: [slides, eigen]` both read as a tuple of ids
    return (value,) if isinstance(value, str) else value


Provenance = Annotated[tuple[Id, ...], BeforeValidator(_one_or_more), Field(min_length=1)]


class Sourced(Strict):
    """A pack file whose every section says where its content comes from.

    ``source`` maps each name of :attr:`SECTIONS` to source ids of ``pack.yml``
    (``sources``) or ``eigen``; the cross-checks report a missing or unknown
    section and an unknown source at their line.
    """

    SECTIONS: ClassVar[tuple[str, ...]] = ()
    # required per section by the cross-checks (checks.check_provenance), which point at the line;
    # the default only lets a test build a file model by hand
    source: dict[str, Provenance] = Field(default_factory=dict)


# --- pack.yml -------------------------------------------------------------


class Source(Strict):
    """A source text the pack draws on; ``code``: part of De Samenwerkingscode and its training."""

    id: Id
    name: Text
    file: Text
    code: bool


class PackMeta(Strict):
    name: Text
    version: VersionText
    language: Language
    description: Text | None = None
    sources: tuple[Source, ...] = Field(min_length=1)


# --- canvas.yml -----------------------------------------------------------


class Grid(Strict):
    rows: int = Field(ge=1, le=12)
    cols: int = Field(ge=1, le=24)


class Layout(Strict):
    """Where a block sits on the canvas picture (0-based grid cell and span)."""

    row: int = Field(ge=0)
    col: int = Field(ge=0)
    rowspan: int = Field(default=1, ge=1)
    colspan: int = Field(default=1, ge=1)

    def cells(self) -> set[tuple[int, int]]:
        return {
            (r, c)
            for r in range(self.row, self.row + self.rowspan)
            for c in range(self.col, self.col + self.colspan)
        }


class Block(Strict):
    id: Id
    name: Text
    explanation: Text
    questions: tuple[Text, ...] = _texts(2, 4)
    layout: Layout


class CanvasFile(Sourced):
    SECTIONS = ("blocks",)
    grid: Grid
    blocks: tuple[Block, ...] = Field(min_length=1)


# --- forms.yml ------------------------------------------------------------


class FormCheck(Strict):
    """One rule of "klopt de vorm?": when the condition holds, report the message."""

    id: Id
    when: PartCondition
    message: Text
    severity: Severity


class Form(Strict):
    id: Id
    name: Text
    essence: Text
    colour: Colour
    binding: bool
    joint_goal: JointGoal
    risk_bearing: bool
    mutual_performances: bool
    must_agree: tuple[Text, ...] = _texts(1)
    examples: tuple[Text, ...] = ()
    checks: tuple[FormCheck, ...] = ()


class PartQuestion(Strict):
    """How the Schakelbak asks about one yes/no property of a part."""

    question: Text
    help: Text | None = None


class PartQuestions(Strict):
    """The Schakelbak's yes/no questions per part, in the Code's own meaning (the form checks read the answers)."""

    joint_goal: PartQuestion
    risk_bearing: PartQuestion


class FormsFile(Sourced):
    SECTIONS = ("forms", "part_questions")
    forms: tuple[Form, ...] = Field(min_length=1)
    part_questions: PartQuestions


# --- beslisboom.yml -------------------------------------------------------


class Answer(Strict):
    id: Id
    label: Text
    next: Id


class Situation(Strict):
    """One of the numbered situations the tree leads to (the Code's book defines them; trainers fill them in)."""

    id: Id
    name: Text
    description: Text | None = None


class Node(Strict):
    """A question leads on through its answers; an outcome names a form; an exit stops.

    ``situations``: the situations a path through this node leads to.
    """

    id: Id
    kind: NodeKind
    text: Text
    help: Text | None = None
    answers: tuple[Answer, ...] = ()
    form: Id | None = None
    follow_up: Text | None = None
    requirements: tuple[Text, ...] = ()
    situations: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> "Node":
        if self.kind == "question":
            if not self.answers:
                raise ValueError(text("content_check.question_needs_answers"))
            if self.form or self.follow_up or self.requirements:
                raise ValueError(text("content_check.question_has_no_outcome_fields"))
        elif self.answers:
            raise ValueError(text("content_check.end_has_no_answers", kind=self.kind))
        if self.kind == "outcome" and (not self.form or not self.follow_up):
            raise ValueError(text("content_check.outcome_needs_form"))
        if self.kind == "exit" and self.form:
            raise ValueError(text("content_check.exit_has_no_form"))
        return self


class Beslisboom(Sourced):
    SECTIONS = ("nodes", "situations")
    root: Id
    intro: Text | None = None
    nodes: tuple[Node, ...] = Field(min_length=1)
    situations: tuple[Situation, ...] = ()

    def node(self, node_id: str) -> Node:
        return find(self.nodes, node_id, "knooppunt in de beslisboom")


# --- typologie.yml --------------------------------------------------------


class Trait(Strict):
    """A yes/no question about the casus that helps suggest a partnership type."""

    id: Id
    question: Text
    help: Text | None = None


class Arrangement(Strict):
    id: Id
    name: Text
    help: Text


class PartnershipType(Strict):
    id: Id
    name: Text
    definition: Text
    when_it_fits: Text
    arrangements: tuple[Arrangement, ...] = Field(min_length=1)
    suggest_when: tuple[Cue, ...] = Field(min_length=1)

    def score(self, traits: dict[str, bool | None]) -> int:
        """How many cues the answered traits meet."""
        return sum(cue.matches(traits) for cue in self.suggest_when)

    def against(self, traits: dict[str, bool | None]) -> int:
        """How many cues the answered traits contradict (answered the other way)."""
        return sum(cue.contradicts(traits) for cue in self.suggest_when)

    def fits(self, traits: dict[str, bool | None]) -> bool:
        """All cues are met."""
        return self.score(traits) == len(self.suggest_when)


class TypologieFile(Sourced):
    SECTIONS = ("traits", "partnership_types")
    traits: tuple[Trait, ...] = Field(min_length=1)
    partnership_types: tuple[PartnershipType, ...] = Field(min_length=1)


# --- toets.yml ------------------------------------------------------------


class ToetsQuestion(Strict):
    id: Id
    name: Text
    explanation: Text
    checks: tuple[Text, ...] = _texts(2, 4)
    step_back: Text


class ToetsFile(Sourced):
    SECTIONS = ("questions",)
    questions: tuple[ToetsQuestion, ...] = Field(min_length=1)


# --- patterns.yml ---------------------------------------------------------


class Pattern(Strict):
    """A stagnation pattern of a running collaboration.

    Indicated when the participant recognises it (dagdeel 5), or when one of
    its signals holds: each signal is something the participant stated.
    """

    id: Id
    name: Text
    description: Text
    aspect: Id | None = None  # the balance aspect it mostly disturbs
    signals: tuple[Signal, ...] = Field(min_length=1)


class BalanceAspect(Strict):
    id: Id
    name: Text
    explanation: Text
    question: Text


class PatternsFile(Sourced):
    SECTIONS = ("patterns", "balance")
    patterns: tuple[Pattern, ...] = Field(min_length=1)
    balance: tuple[BalanceAspect, ...] = Field(min_length=1)


# --- competences.yml ------------------------------------------------------


class Competence(Strict):
    id: Id
    name: Text
    description: Text
    statement: Text  # first-person line for the self-assessment


class ScalePoint(Strict):
    value: int = Field(ge=1, le=5)
    label: Text


class DevelopmentGoal(Strict):
    """One of the training's development goals (essay): what a participant learns to do."""

    id: Id
    name: Text  # a few words, shown as the goal's title
    description: Text  # the goal in a sentence, in our own words


class CompetencesFile(Sourced):
    SECTIONS = ("competences", "scale", "development_goals")
    competences: tuple[Competence, ...] = Field(min_length=1)
    scale: tuple[ScalePoint, ...] = Field(min_length=1)
    development_goals: tuple[DevelopmentGoal, ...] = Field(min_length=1)


# --- roles.yml ------------------------------------------------------------


class FocusAxis(Strict):
    name: Text
    richten: Text
    inrichten: Text


class ScopeAxis(Strict):
    name: Text
    binnen: Text
    buiten: Text


class Axes(Strict):
    focus: FocusAxis
    scope: ScopeAxis


class Role(Strict):
    id: Id
    name: Text
    description: Text
    question: Text
    focus: Focus
    scope: Scope
    share: int = Field(ge=0, le=100)  # percent of activities in the survey


class RolesFile(Sourced):
    SECTIONS = ("axes", "roles")
    axes: Axes
    roles: tuple[Role, ...] = Field(min_length=1)


# --- lenses.yml -----------------------------------------------------------


class Lens(Strict):
    id: Id
    name: Text
    question: Text
    explanation: Text


class Rung(Strict):
    id: Id
    name: Text
    explanation: Text


class EvaluationQuestion(Strict):
    id: Id
    question: Text
    points: tuple[Text, ...] = ()


class LensesFile(Sourced):
    SECTIONS = ("lenses", "ladder", "evaluation")
    lenses: tuple[Lens, ...] = Field(min_length=1)
    ladder: tuple[Rung, ...] = Field(min_length=2)
    evaluation: tuple[EvaluationQuestion, ...] = Field(min_length=1)


# --- programme.yml --------------------------------------------------------


class TeamField(Strict):
    id: Id
    label: Text
    help: Text


class Step(Strict):
    id: Id
    kind: StepKind
    name: Text
    setting: Text | None = None
    goal: Text
    instruments: tuple[Id, ...] = ()
    assignment: Text | None = None
    team_fields: tuple[TeamField, ...] = ()

    @model_validator(mode="after")
    def _homework_only_in_tussentijd(self) -> "Step":
        if self.kind == "tussentijd" and (not self.assignment or not self.team_fields):
            raise ValueError(text("content_check.tussentijd_needs_homework"))
        if self.kind != "tussentijd" and (self.assignment or self.team_fields):
            raise ValueError(text("content_check.homework_only_tussentijd"))
        return self


class ProgrammeFile(Sourced):
    SECTIONS = ("steps",)
    steps: tuple[Step, ...] = Field(min_length=1)


# --- instruments.yml ------------------------------------------------------


class Instrument(Strict):
    id: Id
    name: Text
    explanation: Text
    terms: tuple[Id, ...] = ()  # ids of glossary.yml: the terms this instrument uses


class InstrumentsFile(Sourced):
    SECTIONS = ("instruments",)
    instruments: tuple[Instrument, ...] = Field(min_length=1)


# --- glossary.yml ---------------------------------------------------------


class GlossaryTerm(Strict):
    """One word of the shared language, its definition, and the variants the product never uses.

    ``forms``: other forms of the same word a text may use (a plural: "onderdelen"), marked like the name;
    ``marked``: False for a term whose name is also an everyday word (the canvas blocks: "Partijen", "Doelen"),
    so a page does not mark every use of that word with the block's definition (the fold-outs and the
    begrippenlijst still list it);
    ``avoid``: other words for the same concept, which no participant-facing text may use (tests/test_glossary.py).
    """

    id: Id
    name: Text
    definition: Text
    forms: tuple[Text, ...] = ()
    marked: bool = True
    avoid: tuple[Text, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The name and its other forms: every way a page may write this term."""
        return (self.name, *self.forms)


class GlossaryFile(Sourced):
    SECTIONS = ("terms",)
    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)


# --- vocab.yml ------------------------------------------------------------


class Term(Strict):
    id: Id
    name: Text
    explanation: Text | None = None


class Vocab(Sourced):
    SECTIONS = (
        "party_types",
        "goal_statuses",
        "dilemma_kinds",
        "toets_answers",
        "realisation_routes",
    )
    party_types: tuple[Term, ...] = Field(min_length=1)
    goal_statuses: tuple[Term, ...] = Field(min_length=1)
    dilemma_kinds: tuple[Term, ...] = Field(min_length=1)
    toets_answers: tuple[Term, ...] = Field(min_length=1)
    realisation_routes: tuple[Id, ...] = Field(min_length=1)  # form ids
