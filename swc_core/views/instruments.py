"""One static view per instrument.

Each view takes a :class:`~swc_core.views.context.ViewContext` and returns
the instrument's body in page order: HTML strings from its template
(``view_<instrument id>.html.j2``) and the plotly figures the live page
draws, built by the same builders (``swc_core.figures``). The frame around it
(title, provenance note, intro, "nog niet ingevuld") is added by
``page.instrument_parts``.

The texts are the live page's own (``widgets.<instrument id>.*`` in
``data/ui``), except where the screen tells how to work it: there the paper
text of ``export.paper`` is used (``swc_core.export.paper.LIVE_ONLY``).
Adding an instrument: its spec (``model/instruments.py``), its widget, a
view here with its template (tests/test_handout_views.py checks every spec
has one).
"""

from __future__ import annotations

from .common import Part, View
from .decisions import beslisboom, doelen, toets, typologie
from .design import canvas, schakelbak
from .intake import casus, competenties
from .strategy import advies, eigen_rol, interventies, patronen, realisatie, reflectie

# instrument id -> its view; the content-pack sections it presents (the provenance note under its title)
# are declared once, on its spec (``InstrumentSpec.presents``)
VIEWS: dict[str, View] = {
    "canvas": canvas,
    "casus": casus,
    "competenties": competenties,
    "patronen": patronen,
    "realisatie": realisatie,
    "eigen-rol": eigen_rol,
    "schakelbak": schakelbak,
    "beslisboom": beslisboom,
    "typologie": typologie,
    "doelen": doelen,
    "toets": toets,
    "interventies": interventies,
    "advies": advies,
    "reflectie": reflectie,
}

__all__ = ["VIEWS", "Part", "View"]
