"""The field registry: which keys a workbook has, and the one gate every value passes.

A field key is what the store saves under (``canvas.block.doelen``,
``schakelbak``, ``homework.tussentijd-a.inzichten``). ``parse_field`` checks
a value against the key's type (and the text length limit) and returns it
normalised for JSON; anything else is refused with a Dutch message.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import InputError
from ..yamlfile import loc_text, pydantic_message
from .base import Text
from .canvas import Contribution, Party
from .casus import Casus, Competences
from .decisions import BeslisboomRun, Partnership
from .goals import Goals
from .schakelbak import Schakelbak
from .strategy import Advice, Intervention, Role, Route
from .toets import Toets

ID = r"[a-z0-9][a-z0-9-]{0,62}"

# key -> type, for participant fields with a fixed key
PARTICIPANT_FIELDS: dict[str, Any] = {
    "casus": Casus,
    "competences.intake": Competences,
    "competences.end": Competences,
    "canvas.parties": list[Party],
    "canvas.contributions": list[Contribution],
    "schakelbak": Schakelbak,
    "beslisboom": list[BeslisboomRun],
    "partnership": Partnership,
    "goals": Goals,
    "toets": Toets,
    "realisation": list[Route],
    "role": Role,
    "interventions": list[Intervention],
    "advice": Advice,
}
# key pattern -> type, for fields whose key carries an id from the content pack
CANVAS_BLOCK = re.compile(rf"^canvas\.block\.({ID})$")
HOMEWORK = re.compile(rf"^homework\.({ID})\.({ID})$")
KEY_SHAPES = [*PARTICIPANT_FIELDS, "canvas.block.<blok-id>", "homework.<stap-id>.<veld-id>"]


def is_team_field(key: str) -> bool:
    return HOMEWORK.match(key) is not None


def field_type(key: str) -> Any:
    if key in PARTICIPANT_FIELDS:
        return PARTICIPANT_FIELDS[key]
    if CANVAS_BLOCK.match(key) or HOMEWORK.match(key):
        return Text
    raise InputError(f"onbekend veld {key!r}", hint="bekende velden: " + ", ".join(KEY_SHAPES))


@lru_cache(maxsize=None)
def _adapter(key_type: Any) -> TypeAdapter:
    return TypeAdapter(key_type)


def parse_field(key: str, value: Any) -> Any:
    """The value for ``key``, checked and normalised to plain JSON; InputError if refused."""
    adapter = _adapter(field_type(key))
    try:
        return adapter.dump_python(adapter.validate_python(value), mode="json")
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = loc_text(tuple(err["loc"]))
        more = f" (en nog {exc.error_count() - 1} andere)" if exc.error_count() > 1 else ""
        raise InputError(f"{key}{'.' + where if where and not where.startswith('[') else where}: "
                         f"{pydantic_message(err)}{more}") from None
