"""The typed model of what a participant (or team) fills in; see ``fields`` for the store keys."""
from .base import MAX_TEXT
from .fields import KEY_SHAPES, field_type, is_team_field, parse_field
from .workbook import TeamHomework, Workbook, check_against_pack

__all__ = ["KEY_SHAPES", "MAX_TEXT", "TeamHomework", "Workbook", "check_against_pack", "field_type",
           "is_team_field", "parse_field"]
