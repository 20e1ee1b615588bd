"""Dagdeel 4: consolidated goals and the dilemmas (trade-off or compromise)."""
from __future__ import annotations

from .base import Model, Ref, ShortText, Text, items


class GoalStatus(Model):
    party: Ref  # party id
    goal: Ref  # goal id of that party
    status: Ref = "open"  # goal status id


class Dilemma(Model):
    id: Ref
    kind: Ref | None = None  # dilemma kind id: trade-off or compromis
    description: Text = ""
    gives_up: Text = ""  # who gives up what
    gains: Text = ""  # what is gained
    owner: ShortText = ""  # who owns the choice


class Goals(Model):
    consolidated: list[GoalStatus] = items()
    dilemmas: list[Dilemma] = items()
