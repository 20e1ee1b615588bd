"""Shared building blocks of the model: strict models, bounded text, ids.

Free text is stored exactly as typed (never stripped, never interpreted as
HTML or markdown); its length is bounded so one pasted document cannot
swamp a page, a dashboard or the store.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterable

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from ..ids import ID_MAX, is_id
from .messages import text

MAX_TEXT = 20_000  # characters in one free-text value
MAX_ITEMS = 200  # entries in one list or map (parties, parts, answers, ...)


def _plain_str(value: Any) -> Any:
    # ruamel.yaml hands out str subclasses (literal/folded scalars); store plain str.
    return str(value) if isinstance(value, str) else value


def _encodable(value: str) -> str:
    # A lone surrogate (possible in JSON from a browser) cannot be written as UTF-8.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(text("bad_chars")) from None
    return value


def _check_id(value: str) -> str:
    if not is_id(value):
        raise ValueError(text("bad_id", value=value))
    return value


Text = Annotated[
    str,
    BeforeValidator(_plain_str),
    StringConstraints(max_length=MAX_TEXT),
    AfterValidator(_encodable),
]
Ref = Annotated[
    str,
    BeforeValidator(_plain_str),
    StringConstraints(max_length=ID_MAX),
    AfterValidator(_check_id),
]
# Numbers and yes/no are taken only as such: "3" or true is not a score, "ja" is not a bool.
Flag = Annotated[bool, Strict()]
Score = Annotated[int, Strict(), Field(ge=1, le=5)]  # competence self-assessment
Percent = Annotated[int, Strict(), Field(ge=0, le=100)]


def _unique_ids(items: list) -> list:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(text("duplicate_id", value=item.id))
        seen.add(item.id)
    return items


# A list of items that carry an ``id``: bounded, ids unique within the list.
UNIQUE_IDS = AfterValidator(_unique_ids)


class Model(BaseModel):
    """Strict: unknown keys are refused, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def items():
    """Default for a list attribute: empty, at most MAX_ITEMS entries."""
    return Field(default_factory=list, max_length=MAX_ITEMS)


def mapping():
    """Default for a map attribute: empty, at most MAX_ITEMS entries."""
    return Field(default_factory=dict, max_length=MAX_ITEMS)


def find(entries: Iterable[Any], item_id: str) -> Any | None:
    """The entry with ``id == item_id``, or None."""
    return next((e for e in entries if e.id == item_id), None)
