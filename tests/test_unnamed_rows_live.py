"""Issue 16 on the live page: an unnamed party or part is named by its place, never by its internal id.

The goals form labelled a party without a name "partij-3", the typologie's part list "onderdeel-2"; the rest
of the product says "naamloze partij 3" (``labels.unnamed_party`` / ``labels.unnamed_part``).
"""

from __future__ import annotations

import re

import ipywidgets as W
from test_handout_views import UNNAMED_ROWS
from test_instruments_describing import demo_edition

from swc_core.scheduling import ManualScheduler
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.goals import GoalsInstrument
from widgets.typology import TypologyInstrument

INTERNAL_ID = re.compile(r"\b(partij|onderdeel)-\d")


def _texts(root: W.Widget) -> list[str]:
    """Every text a participant can see or pick: values, descriptions and the options of choice lists (a
    choice list's value is its option's id, which it never shows)."""
    value = "label" if hasattr(root, "options") else "value"
    out = [
        text
        for text in (getattr(root, value, ""), getattr(root, "description", ""))
        if isinstance(text, str)
    ]
    out += [str(o[0] if isinstance(o, tuple) else o) for o in getattr(root, "options", ()) or ()]
    for child in getattr(root, "children", ()) or ():
        out += _texts(child)
    return out


def test_the_goals_form_and_the_typologie_name_an_unnamed_row_by_its_place(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    try:
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        for cls, step, name in (
            (GoalsInstrument, "dagdeel-4", "naamloze partij 2"),
            (TypologyInstrument, "dagdeel-3", "naamloos onderdeel 1"),
        ):
            ctx = PageContext(demo_edition(), "p01", binding, dict(UNNAMED_ROWS), step=step)
            shown = " ".join(_texts(cls(ctx)))
            assert not INTERNAL_ID.search(shown), f"{cls.__name__}: an internal id is shown"
            assert name in shown, cls.__name__
    finally:
        store.close()
