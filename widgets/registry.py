"""Which widget class shows which instrument of the content pack."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from swc_core.model.instruments import INSTRUMENT_SPECS

from .base import Instrument

# instrument id (content pack) -> "module:Class" in this package, declared with the instrument's
# fields in swc_core/model/instruments.py
INSTRUMENTS: dict[str, str] = {spec.id: spec.widget for spec in INSTRUMENT_SPECS}


class PackInstrument(Instrument):
    """An instrument a trainer added to the pack (``instruments.yml``) that has no widget of its own.

    The page shows what the pack says of it (name, explanation, the terms it
    names), so adding one to a step's ``instruments`` changes the page as the
    pack's README promises; it has no fields to fill in.
    """

    def __init__(self, ctx, **kwargs):
        super().__init__(ctx, **kwargs)
        self.children = [self.title, self.intro]


@lru_cache(maxsize=None)
def _pack_instrument(instrument_id: str) -> type[PackInstrument]:
    return type(
        f"PackInstrument_{instrument_id.replace('-', '_')}",
        (PackInstrument,),
        {"instrument_id": instrument_id},
    )


def instrument_class(instrument_id: str):
    """The widget class of an instrument; a trainer's own instrument without a widget gets a ``PackInstrument``."""
    target = INSTRUMENTS.get(instrument_id)
    if target is None:
        return _pack_instrument(instrument_id)
    module, name = target.split(":")
    return getattr(import_module(f"widgets.{module}"), name)
