"""Dagdeel 5 and after: realisation strategy, own role, interventions, advice."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Model, Ref, ShortText, Text

Percent = Annotated[int, Field(ge=0, le=100)]


class Route(Model):
    id: Ref
    task: Text = ""
    route: Ref | None = None  # a form id
    connection: Text = ""  # how it connects with the rest of the strategy


class Role(Model):
    focus: Percent | None = None  # 0 = richten, 100 = inrichten/verrichten
    scope: Percent | None = None  # 0 = binnen, 100 = buiten
    shares: dict[Ref, Percent] = {}  # role id -> share of own time


class Intervention(Model):
    id: Ref
    option: Text = ""
    intervention: Text = ""
    expected: Text = ""


class Advice(Model):
    to: ShortText = ""
    text: Text = ""
