"""The trainer's dashboards: which panels each one shows, in order.

A dashboard is a list of panel builders, each a pure function of the room
and the naming; the Voilà pages call ``DASHBOARDS[name](room, names)`` and
lay the panels out. The keys are the programme moments they belong to.
"""

from __future__ import annotations

from typing import Callable

from .base import Builder, Panel
from .design import canvas_grid, form_findings, forms_chosen
from .goals import dilemmas_per_case, goals_per_case
from .intake import cases_per_domain, competences_intake
from .model import Room
from .names import Names
from .partnership import arrangements_open, beslisboom_outcomes, partnership_types
from .progress import edition_overview, team_homework, team_progress
from .reflection import reflections
from .strategy import competences_since_intake, realisation_routes, role_placement, role_shares
from .toets import stagnation_in_room, toets_grid

PANELS: dict[str, tuple[Builder, ...]] = {
    "intake": (cases_per_domain, competences_intake),
    "dagdeel-1-2": (canvas_grid, forms_chosen, form_findings),
    "dagdeel-3": (beslisboom_outcomes, partnership_types, arrangements_open),
    "dagdeel-4": (dilemmas_per_case, goals_per_case, toets_grid, stagnation_in_room),
    "dagdeel-5": (stagnation_in_room, realisation_routes, role_placement, role_shares, reflections),
    # the end scores of the competences are entered at the eindsessie, so their change is shown there
    "eindsessie": (reflections, competences_since_intake),
    "team": (team_progress, team_homework),
    "overzicht": (edition_overview, team_homework),
}


def _dashboard(name: str) -> Callable[[Room, Names], list[Panel]]:
    """The panels of dashboard ``name``, built from ``PANELS[name]`` as it stands when the page draws."""

    def build(room: Room, names: Names) -> list[Panel]:
        return [builder(room, names) for builder in PANELS[name]]

    return build


DASHBOARDS: dict[str, Callable[[Room, Names], list[Panel]]] = {
    name: _dashboard(name) for name in PANELS
}

__all__ = ["DASHBOARDS", "PANELS", "Panel"]
