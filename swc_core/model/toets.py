"""Dagdeel 4: the four test questions, each with an answer and evidence."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import MAX_ITEMS, Model, Ref, Text


class ToetsAnswer(Model):
    answer: Ref | None = None  # toets answer id (ja / deels / nee / onbekend); None: not answered
    evidence: Text = ""
    step_back: Text = ""  # the step back when the answer is not yes


Toets = Annotated[dict[Ref, ToetsAnswer], Field(max_length=MAX_ITEMS)]  # question id -> answer
