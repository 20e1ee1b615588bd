"""The model's texts (validation messages and pack-check findings), from ``model.*`` of data/ui/nl.yml.

A thin lookup so the validators keep their short names; the wording lives in
the one message catalogue with every other Dutch sentence.
"""

from __future__ import annotations

from ..messages import catalogue
from ..messages import text as ui_text


def text(name: str, **values: object) -> str:
    """The model text ``model.<name>``, formatted with ``values`` (a counted one chooses its form by ``count``)."""
    return ui_text(f"model.{name}", **values)


def what(kind: str) -> str:
    """How a finding names a kind of id ("<what> 'x' bestaat niet"), from ``model.what.<kind>``."""
    return ui_text(f"model.what.{kind}")


def __getattr__(name: str) -> object:
    """``TEXTS``: the model's texts as one table (name -> text, or its ``one``/``other`` forms), read lazily."""
    if name == "TEXTS":
        return {key: entry for key, entry in catalogue()["model"].items() if key != "what"}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
