"""The Schakelbak: the collaboration's parts, each in a form, and how they are coupled."""

from __future__ import annotations

from typing import Annotated

from .base import UNIQUE_IDS, Flag, Model, Ref, Text, find, items


class Part(Model):
    id: Ref
    name: Text = ""
    form: Ref | None = None  # a form id; None: not chosen yet
    parties: list[Ref] = items()  # party ids of canvas.parties
    goal: Text = ""
    joint_goal: Flag | None = None  # None: not answered yet
    risk_bearing: Flag | None = None  # do parties contribute at their own risk? None: not answered
    agreed_performances: Text = ""  # mutual performances that are agreed


class Coupling(Model):
    source: Ref  # part id
    target: Ref  # part id
    flow: Text = ""  # what flows between the parts


class Schakelbak(Model):
    parts: Annotated[list[Part], UNIQUE_IDS] = items()
    couplings: list[Coupling] = items()

    def part(self, part_id: str) -> Part | None:
        return find(self.parts, part_id)
