"""Dagdeel 4: consolidated goals and the dilemmas (trade-off or compromise)."""

from __future__ import annotations

from typing import Annotated

from .base import UNIQUE_IDS, Model, Ref, Text, items


class GoalStatus(Model):
    """Where one party's goal (from the canvas) stands in the collaboration's goal set."""

    party: Ref  # party id
    goal: Ref  # goal id of that party
    status: Ref = "open"  # goal status id


class Dilemma(Model):
    id: Ref
    kind: Ref | None = None  # dilemma kind id (trade-off or compromis); None: not decided
    description: Text = ""
    gives_up: Text = ""  # who gives up what
    gains: Text = ""  # what is gained
    owner: Text = ""  # who owns the choice


class Goals(Model):
    consolidated: list[GoalStatus] = items()
    dilemmas: Annotated[list[Dilemma], UNIQUE_IDS] = items()

    def status_of(self, party_id: str, goal_id: str) -> str | None:
        return next(
            (g.status for g in self.consolidated if (g.party, g.goal) == (party_id, goal_id)), None
        )
