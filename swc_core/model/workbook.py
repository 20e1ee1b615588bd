"""A participant's whole workbook and a team's homework, assembled from field values.

The store keeps one value per field key (see ``fields``); these classes turn
the latest values into one typed object and back, so analysis and figures
work on typed objects and never on raw JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import create_model

from ..errors import InputError, Problem
from .base import Model, Ref, Text, mapping
from .canvas import Canvas
from .checks import check_against_pack, check_team_against_pack
from .fields import (
    CANVAS_BLOCK,
    HOMEWORK,
    adapter,
    block_field,
    homework_field,
    is_team_field,
    validate_field,
)
from .instruments import INSTRUMENT_SPECS, InstrumentSpec, participant_sections

# participant field key -> Workbook attribute (declared with their instrument, model/instruments.py);
# the canvas keys are assembled into ``canvas``
SECTIONS: dict[str, str] = {s.key: s.attr for s in participant_sections() if "." not in s.attr}
CANVAS_LISTS: dict[str, str] = {
    s.key: s.attr.split(".", 1)[1] for s in participant_sections() if "." in s.attr
}


class WorkbookBase(Model):
    """What every workbook can do; its sections come from the instruments (see :class:`Workbook`)."""

    @classmethod
    def from_fields(
        cls, fields: dict[str, Any], *, problems: list[Problem] | None = None
    ) -> "Workbook":
        """Build from ``{field key: latest value}``; missing keys stay empty, team keys are ignored.

        A value that does not pass ``parse_field`` (or an unknown key) raises
        InputError; pass a ``problems`` list to collect those instead and
        leave the section empty, so one bad value cannot blank a dashboard.
        """
        typed = {
            key: _typed(key, value, problems)
            for key, value in fields.items()
            if not is_team_field(key)
        }
        return cls.from_typed({k: v for k, v in typed.items() if v is not _REFUSED})

    @classmethod
    def from_typed(cls, typed: Mapping[str, Any]) -> "Workbook":
        """Assemble ``{field key: checked value}`` (each from ``validate_field``) without checking them again.

        The one assembly of sections for :meth:`from_fields` and a live page's
        ``PageState.workbook``; team keys are ignored, missing keys stay empty.
        """
        data: dict[str, Any] = {}
        canvas: dict[str, Any] = {"blocks": {}}
        for key, value in typed.items():
            if key in SECTIONS:
                data[SECTIONS[key]] = value
            elif key in CANVAS_LISTS:
                canvas[CANVAS_LISTS[key]] = value
            elif match := CANVAS_BLOCK.match(key):
                canvas["blocks"][match.group(1)] = value
        return cls.model_construct(canvas=Canvas.model_construct(**canvas), **data)

    def to_fields(self) -> dict[str, Any]:
        """``{field key: JSON value}`` for every non-empty section, as the store holds them."""
        out: dict[str, Any] = {}
        for key, attr in SECTIONS.items():
            value = adapter(key).dump_python(getattr(self, attr), mode="json")
            if value != _empty(key):
                out[key] = value
        for block_id, block_text in self.canvas.blocks.items():
            if block_text:
                out[block_field(block_id)] = block_text
        for key, attr in CANVAS_LISTS.items():
            if getattr(self.canvas, attr):
                out[key] = adapter(key).dump_python(getattr(self.canvas, attr), mode="json")
        return out

    def check_against_pack(self, pack) -> list[Problem]:
        """Shorthand for :func:`check_against_pack`."""
        return check_against_pack(self, pack)


def workbook_model(specs: tuple[InstrumentSpec, ...] = INSTRUMENT_SPECS) -> type[WorkbookBase]:
    """The workbook class of ``specs``: one attribute per instrument section, each empty by default."""
    attributes = {name: spec for instrument in specs for name, spec in instrument.attrs().items()}
    model = create_model("Workbook", __base__=WorkbookBase, __module__=__name__, **attributes)
    model.__doc__ = "Everything one participant filled in; every section empty by default."
    return model


# Everything one participant filled in: one attribute per section of an instrument (model/instruments.py).
Workbook = workbook_model()


class TeamHomework(Model):
    """What a team filled in together: ``{step id: {team field id: text}}``."""

    steps: dict[Ref, dict[Ref, Text]] = mapping()

    @classmethod
    def from_fields(
        cls, fields: dict[str, Any], *, problems: list[Problem] | None = None
    ) -> "TeamHomework":
        """Build from ``{field key: latest value}``; participant keys are ignored."""
        steps: dict[str, dict[str, str]] = {}
        for key, value in fields.items():
            if not is_team_field(key):
                continue
            typed = _typed(key, value, problems)
            if typed is not _REFUSED:
                step_id, field_id = HOMEWORK.match(key).groups()
                steps.setdefault(step_id, {})[field_id] = typed
        return cls(steps=steps)

    def text(self, step_id: str, field_id: str) -> str:
        return self.steps.get(step_id, {}).get(field_id, "")

    def to_fields(self) -> dict[str, str]:
        return {
            homework_field(s, f): v
            for s, values in self.steps.items()
            for f, v in values.items()
            if v
        }

    def check_against_pack(self, pack) -> list[Problem]:
        return check_team_against_pack(self, pack)


_REFUSED = object()


def _typed(key: str, value: Any, problems: list[Problem] | None) -> Any:
    try:
        return validate_field(key, value)
    except InputError as exc:
        if problems is None:
            raise
        problems.append(Problem(exc.message, hint=exc.hint))
        return _REFUSED


@cache
def _empty(key: str) -> Any:
    return adapter(key).dump_python(getattr(Workbook(), SECTIONS[key]), mode="json")


__all__ = ["SECTIONS", "TeamHomework", "Workbook", "check_against_pack", "check_team_against_pack"]
