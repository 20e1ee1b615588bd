"""How far a workbook is filled in: per canvas block, and per step of the programme."""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from ..content import ContentPack
from ..content.schema import Step
from ..model.canvas import Canvas
from ..model.instruments import INSTRUMENT_SPECS, InstrumentSpec
from ..model.workbook import Workbook

# Canvas blocks that the participant also fills through a structured list
# (parties with their goals, contributions). These three block ids are fixed
# in the schema (FIXED_IDS["blocks"]); the canvas model keeps the lists beside
# the block texts, so this table is the one place where the two meet.
STRUCTURED_BLOCKS: dict[str, Callable[[Canvas], list]] = {
    "doelen": lambda canvas: [goal for party in canvas.parties for goal in party.goals],
    "partijen": lambda canvas: canvas.parties,
    "bijdragen": lambda canvas: canvas.contributions,
}


def _filled_rule(spec: InstrumentSpec) -> Callable[[Workbook, Step], bool]:
    """Whether the participant filled in something for the instrument of ``spec``, at a given step.

    Which workbook attributes count at a step comes from the instrument's
    spec (model/instruments.py): the competences count their intake scores at
    the intake and their end scores later on; everything else always counts.
    """
    return lambda wb, step: any(
        filled(getattr(wb, attr)) for attr in spec.counting_attrs(step.kind)
    )


# Instrument id -> "has the participant filled in something for it?", for
# every instrument with fields (model/instruments.py); a trainer's extra
# instrument has no field in the workbook and is left out of the progress.
def filled_rules(
    specs: tuple[InstrumentSpec, ...] = INSTRUMENT_SPECS,
) -> dict[str, Callable[[Workbook, Step], bool]]:
    """Instrument id -> its rule of :func:`_filled_rule`, for every instrument of ``specs``."""
    return {spec.id: _filled_rule(spec) for spec in specs}


INSTRUMENT_FILLED: dict[str, Callable[[Workbook, Step], bool]] = filled_rules()

_IDENTITY = "id"  # an item's id is bookkeeping, not something the participant filled in


def filled(value: Any) -> bool:
    """True when ``value`` holds anything the participant entered: non-blank text, a yes/no, a number."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, BaseModel):
        return any(
            filled(getattr(value, name)) for name in type(value).model_fields if name != _IDENTITY
        )
    if isinstance(value, dict):
        return any(filled(v) for v in value.values())
    return any(filled(v) for v in value)


def canvas_completeness(canvas: Canvas, pack: ContentPack) -> dict[str, float]:
    """Block id -> 0.0 (empty) or 1.0 (filled), for every block of the pack in canvas order."""

    def block_filled(block_id: str) -> bool:
        structured = STRUCTURED_BLOCKS.get(block_id)
        return filled(canvas.blocks.get(block_id)) or (
            structured is not None and filled(structured(canvas))
        )

    return {block.id: float(block_filled(block.id)) for block in pack.blocks}


def step_progress(workbook: Workbook, step: str, pack: ContentPack) -> float:
    """The share (0..1) of the step's instruments with something filled in; 0.0 when none can be measured."""
    programme_step = pack.step(step)
    measured = [i for i in programme_step.instruments if i in INSTRUMENT_FILLED]
    if not measured:
        return 0.0
    return sum(INSTRUMENT_FILLED[i](workbook, programme_step) for i in measured) / len(measured)
