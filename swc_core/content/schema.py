"""Pydantic models of the content pack: one per concept, one per file.

Attribute names are English; the values (names, explanations, questions)
are Dutch and belong to the trainers. The ids other code relies on are
declared in :data:`FIXED_IDS`; everything else may be reworded or extended.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .conditions import Cue, PartCondition, Signal
from .types import PLAIN, Colour, Id, Strict, Text, VersionText, find

# The ids code is written against. "exact": these ids, this order, nothing
# else. "required": these must be present; trainers may add more.
FIXED_IDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "blocks": ("exact", ("doelen", "partijen", "bijdragen", "operatie", "besluitvorming", "regels", "risicos",
                         "levenscyclus", "investeringen-opbrengsten")),
    "forms": ("exact", ("organisatie", "netwerk", "contractsamenwerking", "partnership")),
    "steps": ("exact", ("intake", "dagdeel-1-2", "tussentijd-a", "dagdeel-3", "tussentijd-b", "dagdeel-4",
                        "tussentijd-c", "dagdeel-5", "tussentijd-d", "eindsessie")),
    "instruments": ("required", ("casus", "competenties", "canvas", "schakelbak", "beslisboom", "typologie",
                                 "doelen", "toets", "realisatie", "eigen-rol", "interventies", "advies")),
    "toets": ("exact", ("kan", "klopt", "werkt", "levert")),
    "patterns": ("required", ("belangenstrijd", "gijzeling", "procesenergie", "geen-criteria",
                              "bijdragen-niet-geborgd")),
    "balance": ("exact", ("inhoud", "relatie", "proces", "inrichting")),
    "competences": ("exact", ("object", "taal", "opties", "afwegen", "ontwerpen", "toepassen", "inbrengen",
                              "verbinden")),
    "roles": ("exact", ("strateeg", "netwerker", "organisatieontwikkelaar", "procesmanager")),
    "lenses": ("required", ("ambitie", "belangen", "relatie", "organisatie", "proces")),
    "party_types": ("required", ("provincie", "gemeente", "waterschap", "rijk", "agrarisch-collectief", "agrariers",
                                 "natuurorganisatie", "bedrijf", "kennisinstelling", "bewoners", "overig")),
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


# --- pack.yml -------------------------------------------------------------

class PackMeta(Strict):
    name: Text
    version: VersionText
    language: Language
    description: Text | None = None


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
        return {(r, c) for r in range(self.row, self.row + self.rowspan)
                for c in range(self.col, self.col + self.colspan)}


class Block(Strict):
    id: Id
    name: Text
    explanation: Text
    questions: tuple[Text, ...] = _texts(2, 4)
    layout: Layout


class CanvasFile(Strict):
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


class FormsFile(Strict):
    forms: tuple[Form, ...] = Field(min_length=1)


# --- beslisboom.yml -------------------------------------------------------

class Answer(Strict):
    id: Id
    label: Text
    next: Id


class Node(Strict):
    """A question leads on through its answers; an outcome names a form; an exit stops."""

    id: Id
    kind: NodeKind
    text: Text
    help: Text | None = None
    answers: tuple[Answer, ...] = ()
    form: Id | None = None
    follow_up: Text | None = None
    requirements: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> "Node":
        if self.kind == "question":
            if not self.answers:
                raise ValueError("een vraag (kind: question) heeft minstens één antwoord onder 'answers' nodig")
            if self.form or self.follow_up or self.requirements:
                raise ValueError(
                    "een vraag heeft geen 'form', 'follow_up' of 'requirements'; die horen bij een uitkomst")
        elif self.answers:
            raise ValueError(f"een eindpunt (kind: {self.kind}) heeft geen 'answers'")
        if self.kind == "outcome" and (not self.form or not self.follow_up):
            raise ValueError("een uitkomst (kind: outcome) heeft 'form' en 'follow_up' nodig")
        if self.kind == "exit" and self.form:
            raise ValueError("een uitgang (kind: exit) wijst niet naar een samenwerkingsvorm; laat 'form' weg")
        return self


class Beslisboom(Strict):
    root: Id
    intro: Text | None = None
    nodes: tuple[Node, ...] = Field(min_length=1)

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

    def fits(self, traits: dict[str, bool | None]) -> bool:
        """All cues are met: suggest this type."""
        return self.score(traits) == len(self.suggest_when)


class TypologieFile(Strict):
    traits: tuple[Trait, ...] = Field(min_length=1)
    partnership_types: tuple[PartnershipType, ...] = Field(min_length=1)


# --- toets.yml ------------------------------------------------------------

class ToetsQuestion(Strict):
    id: Id
    name: Text
    explanation: Text
    checks: tuple[Text, ...] = _texts(2, 4)
    step_back: Text


class ToetsFile(Strict):
    questions: tuple[ToetsQuestion, ...] = Field(min_length=1)


# --- patterns.yml ---------------------------------------------------------

class Pattern(Strict):
    """A stagnation pattern; indicated when at least one of its signals holds."""

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


class PatternsFile(Strict):
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


class CompetencesFile(Strict):
    competences: tuple[Competence, ...] = Field(min_length=1)
    scale: tuple[ScalePoint, ...] = Field(min_length=1)


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


class RolesFile(Strict):
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


class LensesFile(Strict):
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
            raise ValueError("een tussentijd heeft een 'assignment' (huiswerkopdracht) en 'team_fields' nodig")
        if self.kind != "tussentijd" and (self.assignment or self.team_fields):
            raise ValueError("alleen een tussentijd heeft 'assignment' en 'team_fields'")
        return self


class ProgrammeFile(Strict):
    steps: tuple[Step, ...] = Field(min_length=1)


# --- instruments.yml ------------------------------------------------------

class Instrument(Strict):
    id: Id
    name: Text
    explanation: Text


class InstrumentsFile(Strict):
    instruments: tuple[Instrument, ...] = Field(min_length=1)


# --- vocab.yml ------------------------------------------------------------

class Term(Strict):
    id: Id
    name: Text
    explanation: Text | None = None


class Vocab(Strict):
    party_types: tuple[Term, ...] = Field(min_length=1)
    goal_statuses: tuple[Term, ...] = Field(min_length=1)
    dilemma_kinds: tuple[Term, ...] = Field(min_length=1)
    toets_answers: tuple[Term, ...] = Field(min_length=1)
    realisation_routes: tuple[Id, ...] = Field(min_length=1)  # form ids
