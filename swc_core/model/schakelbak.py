"""The Schakelbak: the collaboration's parts, each in a form, and how they are coupled."""
from __future__ import annotations

from .base import Model, Ref, ShortText, Text, items


class Part(Model):
    id: Ref
    name: ShortText = ""
    form: Ref | None = None  # a form id; None: not chosen yet
    parties: list[Ref] = items()  # party ids
    goal: Text = ""
    joint_goal: bool | None = None
    risk_bearing: bool | None = None
    agreed_performances: Text = ""


class Coupling(Model):
    source: Ref  # part id
    target: Ref  # part id
    flow: Text = ""  # what flows between the parts


class Schakelbak(Model):
    parts: list[Part] = items()
    couplings: list[Coupling] = items()

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)
