"""The fixed texts of the pages (status lines, buttons), from data/ui/<language>.yml.

The Code's own content lives in the content pack; this catalogue holds only
the screen texts, so no Dutch sentence is scattered through the code.
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
        raise InputError(f"geen schermteksten voor taal {language!r}", where=str(path), hint="beschikbaar: " + ", ".join(known))
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def text(key: str, language: str = "nl", **values) -> str:
    """The screen text at a dotted ``key``, with ``{placeholders}`` filled in."""
    node = _catalogue(language)
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values) if values else str(node)
