"""Shared building blocks of the model: strict models and bounded text.

Free text is stored exactly as typed (never interpreted as HTML or
markdown); its length is bounded so one pasted document cannot swamp a
page, a dashboard or the store.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_TEXT = 20_000  # characters in one free-text value
MAX_ITEMS = 200  # entries in one list (parties, parts, ...)

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
ShortText = Annotated[str, StringConstraints(max_length=500)]
Ref = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]


class Model(BaseModel):
    """Strict: unknown keys are refused, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def items(max_items: int = MAX_ITEMS):
    return Field(default_factory=list, max_length=max_items)
