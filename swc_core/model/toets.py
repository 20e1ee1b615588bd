"""Dagdeel 4: the four test questions, each with an answer and evidence."""
from __future__ import annotations

from .base import Model, Ref, Text


class ToetsAnswer(Model):
    answer: Ref | None = None  # toets answer id: ja / deels / nee / onbekend
    evidence: Text = ""
    step_back: Text = ""  # what the step back is when the answer is not yes


Toets = dict[Ref, ToetsAnswer]  # question id -> answer
