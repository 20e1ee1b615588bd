"""Field types shared by every model of the content pack.

Validation messages reach trainers, so the validators here raise Dutch
``ValueError``s; ``yamlfile.pydantic_problems`` passes those through as is.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Iterable, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from ..errors import InputError
from ..ids import is_id
from ..messages import text

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


def _plain_str(value: Any) -> Any:
    # ruamel hands out str subclasses (folded/literal scalars); keep models plain.
    return str(value) if isinstance(value, str) else value


def _number_as_text(value: Any) -> Any:
    # `version: 1.0` is a float in YAML; a version is text to us.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return _plain_str(value)


def _check_id(value: str) -> str:
    if not is_id(value):
        raise ValueError(text("model.bad_id", value=value))
    return value


def _check_colour(value: str) -> str:
    if not COLOUR_PATTERN.match(value):
        raise ValueError(text("content_check.bad_colour", value=value))
    return value.lower()


Id = Annotated[
    str,
    BeforeValidator(_plain_str),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_id),
]
Text = Annotated[
    str, BeforeValidator(_plain_str), StringConstraints(strip_whitespace=True, min_length=1)
]
VersionText = Annotated[
    str, BeforeValidator(_number_as_text), StringConstraints(strip_whitespace=True, min_length=1)
]
Colour = Annotated[
    str,
    BeforeValidator(_plain_str),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_colour),
]


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# Put in front of a Literal: ``Annotated[Literal["a", "b"], PLAIN]`` (the loader words its error in Dutch).
PLAIN = BeforeValidator(_plain_str)


class _HasId(Protocol):
    id: str


T = TypeVar("T", bound=_HasId)


def find(items: Iterable[T], item_id: str, what: str) -> T:
    """The item with ``item_id``; an unknown id is a user error that lists the known ones."""
    items = list(items)
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(i.id for i in items)
    raise InputError(
        text("content_check.unknown_id", what=what, id=item_id, known=known),
        hint=text("content_check.unknown_id_hint"),
    )
