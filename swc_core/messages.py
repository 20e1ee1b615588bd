"""The fixed texts of the pages (status lines, buttons), from data/ui/<language>.yml.

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

from .errors import InputError
from .settings import REPO_ROOT

UI_DIR = REPO_ROOT / "data" / "ui"


@lru_cache(maxsize=None)
def _catalogue(language: str) -> dict:
    path = UI_DIR / f"{language}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in UI_DIR.glob("*.yml"))
        raise InputError(
            f"geen schermteksten voor taal {language!r}",
            where=str(path),
            hint="beschikbaar: " + ", ".join(known),
        )
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


PLURAL_FORMS = ("one", "other")


def is_plural(node: object) -> bool:
    """Whether a catalogue entry is a counted text (``one``/``other`` forms)."""
    return isinstance(node, dict) and set(node) == set(PLURAL_FORMS)


def plural_form(forms: dict, count: int) -> str:
    """The form of a counted text for ``count``: ``one`` for exactly 1, ``other`` for 0 and the rest."""
    return forms["one"] if count == 1 else forms["other"]


def text(key: str, /, language: str = "nl", **values) -> str:
    """The screen text at a dotted ``key``, with ``{placeholders}`` filled in.

    For a counted text the form is chosen by ``count`` (which must be given). ``key`` is positional
    only, so a text may have a ``{key}`` placeholder of its own.
    """
    node = _catalogue(language)
    for part in key.split("."):
        node = node[part]
    if is_plural(node):
        if "count" not in values:
            raise TypeError(f"screen text {key!r} counts something: pass count=")
        node = plural_form(node, values["count"])
    return str(node).format(**values) if values else str(node)


def counted(noun: str, count: int, language: str = "nl") -> str:
    """``count`` with its noun in the right form ("1 revisie", "0 revisies"), from ``counts.<noun>``."""
    return text(f"counts.{noun}", language, count=count)
