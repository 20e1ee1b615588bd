"""The intake: the participant's own casus, and the competence self-assessment."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Model, ShortText, Text, items

Score = Annotated[int, Field(ge=1, le=5)]


class CasusParty(Model):
    name: ShortText = ""
    role: Text = ""


class Casus(Model):
    title: ShortText = ""
    area: ShortText = ""
    domain: ShortText = ""
    opgave: Text = ""
    parties: list[CasusParty] = items()
    stuck: Text = ""


Competences = dict[str, Score]  # competence id -> 1..5
