"""The field registry: which keys a workbook has, and the one gate every value passes.

A field key is what the store saves under (``canvas.block.doelen``,
``schakelbak``, ``homework.tussentijd-a.herkenning``). ``parse_field`` checks
a value against the key's type and returns it normalised to plain JSON;
anything else is refused with a Dutch :class:`InputError` that names the
field and what is wrong with it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import InputError
from ..ids import ID
from ..yamlfile import loc_text, pydantic_message
from .base import MAX_TEXT, Text
from .instruments import participant_fields
from .messages import text

# participant fields with a fixed key -> the type of their value (declared with their instrument)
PARTICIPANT_FIELDS: dict[str, Any] = participant_fields()
BLOCK_SHAPE = "canvas.block.<blok-id>"  # participant: text of one canvas block
HOMEWORK_SHAPE = "homework.<stap-id>.<veld-id>"  # team: one homework field of a tussentijd
CANVAS_BLOCK = re.compile(rf"^canvas\.block\.({ID})$")
HOMEWORK = re.compile(rf"^homework\.({ID})\.({ID})$")

# The registry: every key shape -> the type of its value.
FIELD_PATTERNS: dict[str, Any] = {**PARTICIPANT_FIELDS, BLOCK_SHAPE: Text, HOMEWORK_SHAPE: Text}
KEY_SHAPES: tuple[str, ...] = tuple(FIELD_PATTERNS)


def block_field(block_id: str) -> str:
    """The key of one canvas block's text."""
    return f"canvas.block.{block_id}"


def homework_field(step_id: str, field_id: str) -> str:
    """The key of one team field of a tussentijd."""
    return f"homework.{step_id}.{field_id}"


def field_shape(key: str) -> str:
    """The registry shape ``key`` belongs to; InputError for an unknown key."""
    if key in PARTICIPANT_FIELDS:
        return key
    if isinstance(key, str) and CANVAS_BLOCK.match(key):
        return BLOCK_SHAPE
    if isinstance(key, str) and HOMEWORK.match(key):
        return HOMEWORK_SHAPE
    raise InputError(
        text("unknown_field", key=key, shapes=", ".join(KEY_SHAPES)), hint=text("field_hint")
    )


def field_type(key: str) -> Any:
    """The type of the value stored under ``key``; InputError for an unknown key."""
    return FIELD_PATTERNS[field_shape(key)]


def is_team_field(key: str) -> bool:
    """Team subjects hold the homework fields; everything else belongs to a participant."""
    return isinstance(key, str) and HOMEWORK.match(key) is not None


@lru_cache(maxsize=None)
def adapter(shape: str) -> TypeAdapter:
    return TypeAdapter(FIELD_PATTERNS[shape])


def validate_field(key: str, value: Any) -> Any:
    """The value for ``key`` as a typed object (model, list, dict or str); InputError if refused."""
    shape = field_shape(key)
    try:
        return adapter(shape).validate_python(value)
    except ValidationError as exc:
        raise _input_error(key, exc) from None


def checked_field(key: str, value: Any) -> tuple[Any, Any]:
    """``value`` checked once for ``key``: (its plain JSON, its typed object); InputError if refused."""
    typed = validate_field(key, value)
    return adapter(field_shape(key)).dump_python(typed, mode="json"), typed


def parse_field(key: str, value: Any) -> Any:
    """The value for ``key``, checked and normalised to plain JSON; InputError if refused."""
    return checked_field(key, value)[0]


def _input_error(key: str, exc: ValidationError) -> InputError:
    errors = exc.errors(include_url=False)
    err = errors[0]
    where = loc_text(tuple(p for p in err["loc"] if not _is_tag(p)))
    path = key + ("" if not where else where if where.startswith("[") else "." + where)
    more = text("more_errors", n=len(errors) - 1) if len(errors) > 1 else ""
    return InputError(f"{path}: {_message(err)}{more}")


def _is_tag(part: Any) -> bool:
    # pydantic puts validator/union member names into the location (e.g. "function-after[...]").
    return isinstance(part, str) and (
        "[" in part or part in ("constrained-str", "str", "none", "bool", "int")
    )


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx", {})
    # StringConstraints after a BeforeValidator report "too_long" with field_type "Value"
    if kind == "string_too_long" or (
        kind == "too_long" and ctx.get("field_type") not in ("List", "Dictionary")
    ):
        return text("text_too_long", count=ctx.get("max_length", MAX_TEXT))
    if kind == "too_long":
        return text("too_many_items", count=ctx.get("max_length"))
    if kind == "int_type" and isinstance(err.get("input"), bool):
        return text("int_bool")
    return pydantic_message(err)
