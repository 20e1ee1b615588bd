"""The Samenwerkingscanvas: free text per block, plus parties with goals and contributions."""
from __future__ import annotations

from .base import Model, Ref, ShortText, Text, items


class Goal(Model):
    id: Ref
    text: Text = ""


class Party(Model):
    id: Ref
    name: ShortText = ""
    type: Ref | None = None  # a party type id from the content pack
    goals: list[Goal] = items()


class Contribution(Model):
    party: Ref  # a party id
    description: Text = ""
    risk_bearing: bool = False


class Canvas(Model):
    blocks: dict[Ref, Text] = {}  # block id -> text
    parties: list[Party] = items()
    contributions: list[Contribution] = items()

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)
