"""Dagdeel 3: beslisboom runs per task, and the design of the partnership."""
from __future__ import annotations

from .base import Model, Ref, ShortText, Text, items


class BeslisboomRun(Model):
    id: Ref
    task: Text = ""
    answers: dict[Ref, Ref] = {}  # node id -> answer id, in the order taken


class Partnership(Model):
    part: Ref | None = None  # the Schakelbak part this design is for
    type: Ref | None = None  # partnership type id
    traits: dict[Ref, bool] = {}  # typology trait id -> yes/no
    arrangements: dict[Ref, Text] = {}  # arrangement id -> what is arranged
    considerations: list[Text] = items()  # bestuurlijke afwegingen


BeslisboomRuns = list[BeslisboomRun]
__all__ = ["BeslisboomRun", "BeslisboomRuns", "Partnership", "ShortText"]
