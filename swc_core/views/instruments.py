"""One static view per instrument, and the content-pack sections each presents.

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

# instrument id -> (its view, the content-pack sections it presents: their provenance note under the title)
VIEWS: dict[str, tuple[View, tuple[str, ...]]] = {
    "canvas": (canvas, ("canvas.blocks", "vocab.party_types")),
    "casus": (casus, ()),
    "competenties": (competenties, ("competences.competences", "competences.scale")),
    "patronen": (patronen, ("patterns.patterns", "patterns.balance")),
    "realisatie": (realisatie, ("vocab.realisation_routes",)),
    "eigen-rol": (eigen_rol, ("roles.axes", "roles.roles")),
    "schakelbak": (schakelbak, ("forms.forms", "forms.part_questions")),
    "beslisboom": (beslisboom, ("beslisboom.nodes", "beslisboom.situations")),
    "typologie": (typologie, ("typologie.traits", "typologie.partnership_types")),
    "doelen": (doelen, ("vocab.goal_statuses", "vocab.dilemma_kinds")),
    "toets": (toets, ("toets.questions", "vocab.toets_answers", "patterns.patterns")),
    "interventies": (interventies, ()),
    "advies": (advies, ()),
    "reflectie": (reflectie, ("lenses.evaluation",)),
}

__all__ = ["VIEWS", "Part", "View"]
