"""Dagdeel 3: beslisboom runs per task, and the design of the partnership."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import MAX_ITEMS, UNIQUE_IDS, Flag, Model, Ref, Text, items, mapping


class BeslisboomRun(Model):
    """One task's walk through the tree; the outcome is derived by analysis, not stored."""

    id: Ref
    task: Text = ""
    answers: dict[Ref, Ref] = mapping()  # node id -> answer id, in the order taken


BeslisboomRuns = Annotated[
    list[BeslisboomRun], Field(max_length=MAX_ITEMS), UNIQUE_IDS
]  # field beslisboom


class Partnership(Model):
    part: Ref | None = None  # the Schakelbak part this design is for
    type: Ref | None = None  # partnership type id
    traits: dict[Ref, Flag] = mapping()  # typology trait id -> yes/no (helps suggest a type)
    arrangements: dict[Ref, Text] = mapping()  # arrangement id of the type -> what is arranged
    considerations: list[Text] = items()  # bestuurlijke afwegingen
