"""The typed model of what a participant (or team) fills in.

``fields`` is the registry of store keys and the one gate every value
passes (``parse_field``); ``Workbook``/``TeamHomework`` assemble the latest
values into typed objects; ``check_against_pack`` reports ids the content
pack does not know.
"""

from .base import MAX_TEXT
from .fields import (
    FIELD_PATTERNS,
    KEY_SHAPES,
    block_field,
    field_shape,
    field_type,
    homework_field,
    is_team_field,
    parse_field,
    validate_field,
)
from .workbook import SECTIONS, TeamHomework, Workbook, check_against_pack, check_team_against_pack

__all__ = [
    "FIELD_PATTERNS",
    "KEY_SHAPES",
    "MAX_TEXT",
    "SECTIONS",
    "TeamHomework",
    "Workbook",
    "block_field",
    "check_against_pack",
    "check_team_against_pack",
    "field_shape",
    "field_type",
    "homework_field",
    "is_team_field",
    "parse_field",
    "validate_field",
]
