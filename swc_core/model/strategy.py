"""Dagdeel 5 and after: patterns recognised, realisation strategy, own role, interventions, advice, reflection."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import MAX_ITEMS, UNIQUE_IDS, Model, Percent, Ref, Text, mapping


class Recognition(Model):
    """Whether the participant sees one stagnation pattern in their own collaboration (dagdeel 5)."""

    answer: Ref | None = None  # toets answer id (ja / deels / nee / onbekend); None: not answered
    evidence: Text = ""  # what they see that makes them say so


Patterns = Annotated[
    dict[Ref, Recognition], Field(max_length=MAX_ITEMS)
]  # field patterns: pattern id -> answer


class Route(Model):
    """One task of the realisation strategy and the route (form) it takes."""

    id: Ref
    task: Text = ""
    route: Ref | None = None  # a form id; None: not chosen yet
    connection: Text = ""  # how it connects with the rest of the strategy


Realisation = Annotated[list[Route], Field(max_length=MAX_ITEMS), UNIQUE_IDS]  # field realisation


class Role(Model):
    """Own role on the two axes of the survey, and the share of time per orientation."""

    focus: Percent | None = None  # 0 = richten, 100 = inrichten/verrichten
    scope: Percent | None = None  # 0 = binnen, 100 = buiten
    shares: dict[Ref, Percent] = (
        mapping()
    )  # role id -> percent of own time (sum checked by analysis)


class Intervention(Model):
    id: Ref
    option: Text = ""
    intervention: Text = ""
    expected: Text = ""  # expected effect


Interventions = Annotated[
    list[Intervention], Field(max_length=MAX_ITEMS), UNIQUE_IDS
]  # field interventions


class Advice(Model):
    to: Text = ""  # whom the advice is for (organisation or person's role)
    text: Text = ""


class Reflection(Model):
    """Looking back (dagdeel 5 and the eindsessie): what you take with you, and the pack's evaluation questions."""

    takeaway: Text = ""  # "Welke ervaring neem jij mee?"
    answers: dict[Ref, Text] = mapping()  # evaluation question id (lenses.yml) -> answer
