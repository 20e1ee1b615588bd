"""click's own texts in Dutch: help headings, ``--help``/``--version``, usage errors, value names.

click asks for every text it prints through ``_()``/``ngettext()``, imported
into each of its modules from :mod:`gettext`; the translations live in
``data/ui/click/nl.yml``, next to our own screen texts. They are
bound to those names in click's modules by :func:`speak`, instead of being
installed as a gettext catalogue, because click uses gettext's *default*
domain: a compiled ``.mo`` for it would apply only when the user's
``LANGUAGE``/``LANG`` asks for Dutch (a CI runner or an English laptop would
get English again), would need a compile step, and would also translate
anything else in the process that uses the default domain (argparse does).
A custom help formatter or context would reach the headings only, not the
errors raised from click's parser and types. What click adds in a new
version shows up in ``tests/test_cli_dutch.py``, which checks that every
text click asks for has a translation.

The value names in the help (``TEXT``, ``INTEGER RANGE``, ``DIRECTORY``)
are not texts click translates: :class:`DutchHelp` gives every option
without its own ``metavar`` the Dutch name of its type.
"""

from __future__ import annotations

import gettext
import importlib
import sys
from functools import lru_cache

import click
from ruamel.yaml import YAML

from .messages import UI_DIR, is_plural, plural_form

CATALOGUE = UI_DIR / "click" / "nl.yml"  # the swc command speaks Dutch, like the product
# click's modules that import gettext's ``_``/``ngettext`` (click 8.1-8.3).
CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
    "_termui_impl",
    *(("_winconsole",) if sys.platform == "win32" else ()),
)


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """``messages`` (click's English text -> ours) and ``metavars`` (value names), from :data:`CATALOGUE`."""
    return YAML(typ="safe").load(CATALOGUE.read_text(encoding="utf-8"))


class ClickTranslations(gettext.NullTranslations):
    """gettext's interface over our table; a text not in it stays as click wrote it."""

    def __init__(self, messages: dict):
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        found = self.messages.get(message, message)
        return found["other"] if is_plural(found) else found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.messages.get(singular)
        if found is None:
            return singular if n == 1 else plural
        return plural_form(found, n) if is_plural(found) else found


def speak() -> None:
    """Make click speak Dutch in this process (before commands are declared: click.Path names its kind then)."""
    translations = ClickTranslations(catalogue()["messages"])
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translations.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext


def metavar(english: str) -> str:
    """The Dutch for one of click's value names or placeholders (``[OPTIONS]``, ``text``, ``integer range``)."""
    return catalogue()["metavars"].get(english, english)


class DutchHelp:
    """Mixin for click commands and groups: ``[OPTIES]`` and Dutch value names in the help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", metavar("[OPTIONS]"))
        super().__init__(*args, **kwargs)
        names = catalogue()["metavars"]
        for param in self.params:
            if (
                isinstance(param, click.Option)
                and param.metavar is None
                and param.type.name in names
            ):
                param.metavar = names[param.type.name]
