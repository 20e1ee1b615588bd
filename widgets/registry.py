"""Which widget class shows which instrument of the content pack."""
from __future__ import annotations

from importlib import import_module

# instrument id (content pack) -> "module:Class" in this package
INSTRUMENTS: dict[str, str] = {}


def instrument_class(instrument_id: str):
    target = INSTRUMENTS.get(instrument_id)
    if target is None:
        return None
    module, name = target.split(":")
    return getattr(import_module(f"widgets.{module}"), name)
