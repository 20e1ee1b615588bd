"""The Samenwerkingscanvas: free text per block, plus parties with goals and contributions."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import MAX_ITEMS, UNIQUE_IDS, Flag, Model, Ref, Text, find, items, mapping


class Goal(Model):
    id: Ref  # unique within its party
    text: Text = ""


class Party(Model):
    id: Ref
    name: Text = ""
    type: Ref | None = None  # a party type id from the content pack
    goals: Annotated[list[Goal], UNIQUE_IDS] = items()

    def goal(self, goal_id: str) -> Goal | None:
        return find(self.goals, goal_id)


class Contribution(Model):
    party: Ref  # a party id of canvas.parties
    description: Text = ""
    risk_bearing: Flag = False


Parties = Annotated[list[Party], Field(max_length=MAX_ITEMS), UNIQUE_IDS]  # field canvas.parties
Contributions = Annotated[
    list[Contribution], Field(max_length=MAX_ITEMS)
]  # field canvas.contributions


class Canvas(Model):
    """The nine blocks (one field each) with the structured parties and contributions."""

    blocks: dict[Ref, Text] = mapping()  # block id -> text
    parties: Parties = items()
    contributions: Contributions = items()

    def party(self, party_id: str) -> Party | None:
        return find(self.parties, party_id)
