"""Geconsolideerde doelen: the status of every party goal, and trade-offs against compromises."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import FIXED_IDS, ContentPack
from ..model.canvas import Goal, Party
from ..model.goals import Goals, GoalStatus
from ..model.workbook import Workbook
from .findings import Finding, say

# The two dilemma kinds, by their fixed ids (the schema fixes ids and order).
TRADE_OFF, COMPROMISE = FIXED_IDS["dilemma_kinds"][1]
# A party goal nobody has consolidated yet has the model's default status.
OPEN = GoalStatus.model_fields["status"].default

# Compromises are part of "the art of the feasible" (the essay's dagdeel 4);
# what the survey article warns against is the pattern, a collaboration that
# becomes "a collection of weak compromises". So a compromise as such is never
# flagged, nor two: only a collection (at least three) ...
MIN_COMPROMISES = 3
# ... that is most of what was named (more than half of all dilemmas, kindless
# ones included, so a casus still sorting its dilemmas is not flagged), with
# not a single owned trade-off beside it.
COMPROMISE_SHARE = 0.5

MOSTLY_COMPROMISES = "vooral-compromissen"  # source of the finding about the pattern


@dataclass(frozen=True)
class DilemmaBalance:
    """Dilemmas per kind (every kind of the pack, zeros included) and what that says."""

    counts: dict[str, int]
    unnamed: int  # dilemmas without a kind yet
    mostly_compromises: (
        bool  # the pattern of a collection of compromises, not "there are compromises"
    )
    findings: list[Finding] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.unnamed


def dilemma_balance(goals: Goals, pack: ContentPack) -> DilemmaBalance:
    """Dilemmas per kind, and a warning only when they show the pattern of a collection of compromises."""
    counts = {kind.id: 0 for kind in pack.vocab.dilemma_kinds}
    unnamed = 0
    for dilemma in goals.dilemmas:
        if dilemma.kind in counts:
            counts[dilemma.kind] += 1
        else:
            unnamed += 1
    compromises, total = counts[COMPROMISE], sum(counts.values()) + unnamed
    mostly = (
        counts[TRADE_OFF] == 0
        and compromises >= MIN_COMPROMISES
        and compromises > COMPROMISE_SHARE * total
    )
    findings = []
    if mostly:
        names = {kind.id: kind.name for kind in pack.vocab.dilemma_kinds}
        message = say(
            "mostly_compromises",
            count=compromises,
            compromise=names[COMPROMISE],
            trade_off=names[TRADE_OFF],
        )
        findings.append(Finding.create(MOSTLY_COMPROMISES, "waarschuwing", message))
    return DilemmaBalance(
        counts=counts, unnamed=unnamed, mostly_compromises=mostly, findings=findings
    )


@dataclass(frozen=True)
class GoalRow:
    """One cell row of the goals x parties matrix."""

    party: Party
    goal: Goal
    status: str  # goal status id


def goals_matrix(workbook: Workbook) -> list[GoalRow]:
    """Every goal of every party on the canvas with its consolidated status (open when none).

    Statuses recorded for goals that are no longer on the canvas are left out;
    when a goal was recorded twice, the later entry counts.
    """
    status = {(g.party, g.goal): g.status for g in workbook.goals.consolidated}
    return [
        GoalRow(party, goal, status.get((party.id, goal.id), OPEN))
        for party in workbook.canvas.parties
        for goal in party.goals
    ]


def goal_status_counts(workbook: Workbook, pack: ContentPack) -> dict[str, int]:
    """How many party goals have each status (every status of the pack, zeros included).

    A status the pack does not know counts as open: the goal is not
    consolidated in any way the Code recognises.
    """
    counts = {s.id: 0 for s in pack.vocab.goal_statuses}
    for row in goals_matrix(workbook):
        counts[row.status if row.status in counts else OPEN] += 1
    return counts
