"""How far a workbook is filled in: per canvas block, and per step of the programme."""
from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from ..content import ContentPack
from ..content.schema import Step
from ..model.canvas import Canvas
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

_INTAKE = "intake"  # the step kind (StepKind) where the competences are scored the first time

# Instrument id -> "has the participant filled in something for it?" These
# instrument ids are fixed in the schema (FIXED_IDS["instruments"]); a
# trainer's extra instrument has no field in the workbook and is left out of
# the progress. The step matters only for the competences: at the intake the
# intake scores count, later on the end scores.
INSTRUMENT_FILLED: dict[str, Callable[[Workbook, Step], bool]] = {
    "casus": lambda wb, _step: filled(wb.casus),
    "competenties": lambda wb, step: filled(wb.competences_intake if step.kind == _INTAKE else wb.competences_end),
    "canvas": lambda wb, _step: filled(wb.canvas),
    "schakelbak": lambda wb, _step: filled(wb.schakelbak),
    "beslisboom": lambda wb, _step: filled(wb.beslisboom),
    "typologie": lambda wb, _step: filled(wb.partnership),
    "doelen": lambda wb, _step: filled(wb.goals),
    "toets": lambda wb, _step: filled(wb.toets),
    "realisatie": lambda wb, _step: filled(wb.realisation),
    "eigen-rol": lambda wb, _step: filled(wb.role),
    "patronen": lambda wb, _step: filled(wb.patterns),
    "interventies": lambda wb, _step: filled(wb.interventions),
    "advies": lambda wb, _step: filled(wb.advice),
    "reflectie": lambda wb, _step: filled(wb.reflection),
}

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
        return any(filled(getattr(value, name)) for name in type(value).model_fields if name != _IDENTITY)
    if isinstance(value, dict):
        return any(filled(v) for v in value.values())
    return any(filled(v) for v in value)


def canvas_completeness(canvas: Canvas, pack: ContentPack) -> dict[str, float]:
    """Block id -> 0.0 (empty) or 1.0 (filled), for every block of the pack in canvas order."""
    def block_filled(block_id: str) -> bool:
        structured = STRUCTURED_BLOCKS.get(block_id)
        return filled(canvas.blocks.get(block_id)) or (structured is not None and filled(structured(canvas)))

    return {block.id: float(block_filled(block.id)) for block in pack.blocks}


def step_progress(workbook: Workbook, step: str, pack: ContentPack) -> float:
    """The share (0..1) of the step's instruments with something filled in; 0.0 when none can be measured."""
    programme_step = pack.step(step)
    measured = [i for i in programme_step.instruments if i in INSTRUMENT_FILLED]
    if not measured:
        return 0.0
    return sum(INSTRUMENT_FILLED[i](workbook, programme_step) for i in measured) / len(measured)
