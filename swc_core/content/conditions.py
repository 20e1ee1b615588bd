"""The three small condition languages of the content pack.

Trainers write findings as data; the analysis only evaluates them. Each
language is closed (every key and operator is validated here), so a typo in
YAML is an error at ``swc check-content`` time instead of a silent no-match.

* :class:`PartCondition` - "klopt de vorm?" checks on one Schakelbak part::

      {field: joint_goal, equals: false}
      {field: agreed_performances, empty: true}
      {field: parties, fewer_than: 2}

* :class:`Signal` - evidence for a stagnation pattern (exactly one kind)::

      {toets: werkt, answers: [nee, deels]}     # toets question answered so
      {dilemma_kind: compromis, at_least: 3}    # many dilemmas named this kind
      {goal_status: van-tafel, at_least: 3}     # many goals given this status

  Every kind is something the participant stated. There is deliberately no
  kind for "left empty": a block or question not filled in yet says where the
  participant is in the workbook, not how the collaboration runs.

* :class:`Cue` - when to suggest a partnership type: ``{trait: <id>, equals: true}``
  where the trait is a yes/no question listed in ``typologie.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Mapping

from pydantic import Field, model_validator

from ..messages import text
from .types import PLAIN, Id, Strict

# Fields of a Schakelbak part the form check can look at, with their kind.
PART_FIELDS: dict[str, str] = {
    "joint_goal": "bool",
    "risk_bearing": "bool",
    "agreed_performances": "text",
    "parties": "list",
    "goal": "text",
}
# Which operator fits which kind of field.
OPERATORS: dict[str, tuple[str, ...]] = {
    "bool": ("equals",),
    "text": ("empty",),
    "list": ("empty", "fewer_than"),
}

PartField = Annotated[
    Literal["joint_goal", "risk_bearing", "agreed_performances", "parties", "goal"], PLAIN
]


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return len(value) == 0


class PartCondition(Strict):
    """One test on one field of a Schakelbak part; exactly one operator."""

    field: PartField
    equals: bool | None = None
    empty: bool | None = None
    fewer_than: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_fitting_operator(self) -> "PartCondition":
        given = [op for op in ("equals", "empty", "fewer_than") if getattr(self, op) is not None]
        allowed = OPERATORS[PART_FIELDS[self.field]]
        if len(given) != 1:
            raise ValueError(
                text("content_check.one_operator", field=self.field, allowed=" of ".join(allowed))
                + (text("content_check.now_given", given=", ".join(given)) if given else "")
            )
        if given[0] not in allowed:
            raise ValueError(
                text(
                    "content_check.operator_unfit",
                    given=given[0],
                    field=self.field,
                    allowed=" of ".join(allowed),
                )
            )
        return self

    def matches(self, part: Mapping[str, Any]) -> bool:
        """True if ``part`` (field -> value) meets the condition; an unknown yes/no never matches."""
        value = part.get(self.field)
        if self.equals is not None:
            return value is not None and bool(value) == self.equals
        if self.empty is not None:
            return _is_empty(value) == self.empty
        return len(value or ()) < (self.fewer_than or 0)


@dataclass(frozen=True)
class SignalFacts:
    """What the participant stated about one casus, in the terms signals speak."""

    toets_answers: Mapping[str, str] = field(default_factory=dict)  # toets question id -> answer id
    dilemma_counts: Mapping[str, int] = field(default_factory=dict)  # dilemma kind id -> count
    goal_counts: Mapping[str, int] = field(default_factory=dict)  # goal status id -> goals given it


_SIGNAL_KINDS = ("toets", "dilemma_kind", "goal_status")


class Signal(Strict):
    """One piece of stated evidence for a stagnation pattern; exactly one kind per signal."""

    toets: Id | None = None
    answers: tuple[Id, ...] = Field(default=("nee",), min_length=1)
    dilemma_kind: Id | None = None
    goal_status: Id | None = None
    at_least: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> "Signal":
        given = [k for k in _SIGNAL_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                text("content_check.one_signal_kind", kinds=", ".join(_SIGNAL_KINDS))
                + (text("content_check.now_given", given=", ".join(given)) if given else "")
            )
        kind = given[0]
        if "answers" in self.model_fields_set and kind != "toets":
            raise ValueError(text("content_check.answers_only_toets"))
        counted = kind in ("dilemma_kind", "goal_status")
        if counted and self.at_least is None:
            raise ValueError(text("content_check.at_least_needed", kind=kind))
        if not counted and self.at_least is not None:
            raise ValueError(text("content_check.at_least_only_counted"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in _SIGNAL_KINDS if getattr(self, k) is not None)

    def matches(self, facts: SignalFacts) -> bool:
        if self.toets is not None:
            return facts.toets_answers.get(self.toets) in self.answers
        if self.dilemma_kind is not None:
            return facts.dilemma_counts.get(self.dilemma_kind, 0) >= (self.at_least or 0)
        return facts.goal_counts.get(self.goal_status or "", 0) >= (self.at_least or 0)


class Cue(Strict):
    """A partnership type fits when the participant answers this trait so."""

    trait: Id
    equals: bool

    def matches(self, answers: Mapping[str, bool | None]) -> bool:
        value = answers.get(self.trait)
        return value is not None and value == self.equals

    def contradicts(self, answers: Mapping[str, bool | None]) -> bool:
        """The trait is answered, and the other way."""
        value = answers.get(self.trait)
        return value is not None and value != self.equals
