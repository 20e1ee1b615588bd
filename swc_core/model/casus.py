"""The intake: the participant's own casus, and the competence self-assessment."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import MAX_ITEMS, Model, Ref, Score, Text, items


class CasusParty(Model):
    """A party as the participant names it at intake (free text, not yet a canvas party)."""

    name: Text = ""
    role: Text = ""


class Casus(Model):
    """The case format of the intake; bundled into the praktijkboek."""

    title: Text = ""
    area: Text = ""  # the area (gebied) it is about
    domain: Text = ""  # short theme: "veenweide", "beekdal", "energie", ...
    opgave: Text = ""
    parties: list[CasusParty] = items()
    stuck: Text = ""  # where it is stuck


# competence id -> self-assessed score 1..5 (``competences.intake`` / ``competences.end``)
Competences = Annotated[dict[Ref, Score], Field(max_length=MAX_ITEMS)]
