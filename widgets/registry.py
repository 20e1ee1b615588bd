"""Which widget class shows which instrument of the content pack."""
from __future__ import annotations

from importlib import import_module

# instrument id (content pack) -> "module:Class" in this package
INSTRUMENTS: dict[str, str] = {
    "casus": "casus:CasusInstrument",
    "competenties": "competences:CompetencesInstrument",
    "canvas": "canvas:CanvasInstrument",
    "schakelbak": "schakelbak:SchakelbakInstrument",
    "beslisboom": "beslisboom:BeslisboomInstrument",
    "typologie": "typology:TypologyInstrument",
    "doelen": "goals:GoalsInstrument",
    "toets": "toets:ToetsInstrument",
    "realisatie": "strategy:StrategyInstrument",
    "eigen-rol": "role:RoleInstrument",
    "patronen": "patterns:PatternsInstrument",
    "interventies": "interventions:InterventionsInstrument",
    "advies": "advice:AdviceInstrument",
    "reflectie": "reflection:ReflectionInstrument",
}


def instrument_class(instrument_id: str):
    """The widget class of an instrument; None for an instrument a trainer added that has no widget."""
    target = INSTRUMENTS.get(instrument_id)
    if target is None:
        return None
    module, name = target.split(":")
    return getattr(import_module(f"widgets.{module}"), name)
