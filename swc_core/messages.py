"""The fixed texts of the pages (status lines, buttons), from data/ui/nl.yml.

The Code's own content lives in the content pack; this catalogue holds only
the screen texts, so no Dutch sentence is scattered through the code.

A text that counts something has two forms in the catalogue, chosen by the
``count`` value passed to :func:`text` (Dutch, like English, has CLDR's two
categories: ``one`` for exactly 1, ``other`` for 0 and every other number)::

    open_arrangements:
      one: "{count} afspraak staat nog open"
      other: "{count} afspraken staan nog open"

A sentence that counts two things takes ready phrases from ``counts``
("1 onderdeel", "3 casussen"), see :func:`counted`.
"""

from __future__ import annotations

from functools import lru_cache

from ruamel.yaml import YAML

from .settings import REPO_ROOT

UI_DIR = REPO_ROOT / "data" / "ui"
# The one language of every screen text, decided once (issue 18): only Dutch exists, as in the content
# pack (its schema accepts ``language: nl`` only), so no function takes a language. A translation would be
# a catalogue next to this one and a change of this line, not a parameter threaded through every call.
CATALOGUE = UI_DIR / "nl.yml"


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """Every screen text, as the nested dict of :data:`CATALOGUE` (read once per process)."""
    return YAML(typ="safe").load(CATALOGUE.read_text(encoding="utf-8"))


PLURAL_FORMS = ("one", "other")


def is_plural(node: object) -> bool:
    """Whether a catalogue entry is a counted text (``one``/``other`` forms)."""
    return isinstance(node, dict) and set(node) == set(PLURAL_FORMS)


def plural_form(forms: dict, count: int) -> str:
    """The form of a counted text for ``count``: ``one`` for exactly 1, ``other`` for 0 and the rest."""
    return forms["one"] if count == 1 else forms["other"]


def text(key: str, /, **values) -> str:
    """The screen text at a dotted ``key``, with ``{placeholders}`` filled in.

    For a counted text the form is chosen by ``count`` (which must be given). ``key`` is positional
    only, so a text may have a ``{key}`` placeholder of its own.
    """
    node = catalogue()
    for part in key.split("."):
        node = node[part]
    if is_plural(node):
        if "count" not in values:
            raise TypeError(f"screen text {key!r} counts something: pass count=")
        node = plural_form(node, values["count"])
    return str(node).format(**values) if values else str(node)


def counted(noun: str, count: int) -> str:
    """``count`` with its noun in the right form ("1 revisie", "0 revisies"), from ``counts.<noun>``."""
    return text(f"counts.{noun}", count=count)
