"""Instruments on one page reacting to each other's saves.

The Schakelbak offers the canvas parties as choices; when the participant
adds or renames a party in the canvas on the same page, the Schakelbak's
choices follow at once. An instrument :func:`announce`\\ s a field after it
handed an accepted value to the autosaver (so ``ctx.values`` already holds
it); others subscribe with :func:`on_saved`. Listeners live as long as the
page's store binding, i.e. as long as the page.
"""

from __future__ import annotations

from typing import Callable
from weakref import WeakKeyDictionary

from .autosave import StoreBinding
from .base import PageContext

Listener = Callable[[], None]

_listeners: "WeakKeyDictionary[StoreBinding, dict[str, list[Listener]]]" = WeakKeyDictionary()


def on_saved(ctx: PageContext, field: str, callback: Listener) -> None:
    """Call ``callback()`` whenever an instrument of this page announces a new value of ``field``."""
    _listeners.setdefault(ctx.binding, {}).setdefault(field, []).append(callback)


def announce(ctx: PageContext, field: str) -> None:
    """Tell the page that ``ctx.values[field]`` changed."""
    for callback in list(_listeners.get(ctx.binding, {}).get(field, ())):
        callback()
