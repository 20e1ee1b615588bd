"""Dropdowns whose choices can be 'not chosen', yes/no/unknown, or change while the page is open.

Two traps of ipywidgets' selection widgets are handled here once:

* An option whose value is ``None`` cannot stay selected: choosing it sets
  ``value=None``, which the widget reads as "no selection" and shows as an
  empty box. So the "nothing chosen" option carries the empty string and
  :func:`read` turns it back into ``None``.
* Setting ``options`` resets the selection (a Dropdown jumps to its first
  option). :func:`refresh_options` puts the
  chosen values back, and keeps a chosen id that is no longer in the list
  as a visible option of its own, so a removed party or part is never
  silently replaced by another one.
"""

from __future__ import annotations

from typing import Any, Iterable

import ipywidgets as W

from swc_core import messages

from .checklist import Checklist
from .controls import WIDE_LABEL, none_chosen

NOTHING = ""  # the option value that stands for "not chosen" (None)
_YES, _NO = "ja", "nee"  # internal option values of a yes/no/unknown dropdown

Options = list[tuple[str, str]]


def _t(key: str, **values) -> str:
    return messages.text(f"widgets.choices.{key}", **values)


def with_missing(options: Iterable[tuple[str, str]], chosen: Iterable[str | None]) -> Options:
    """``options`` plus an option for every chosen id the list no longer has."""
    out = list(options)
    known = {value for _label, value in out}
    for value in chosen:
        if value is not None and value not in known:
            out.append((_t("missing", id=value), value))
            known.add(value)
    return out


def optional(
    options: Iterable[tuple[str, str]],
    value: str | None,
    *,
    description: str = "",
    width: str = "100%",
) -> W.Dropdown:
    """A Dropdown with a first '(nog niet gekozen)' option; :func:`read` gives None for it."""
    full = with_missing([(none_chosen(), NOTHING), *options], [value])
    return W.Dropdown(
        options=full,
        value=value or NOTHING,
        description=description,
        style=WIDE_LABEL,
        layout=W.Layout(width=width),
    )


def required(
    options: Iterable[tuple[str, str]],
    value: str | None,
    *,
    description: str = "",
    width: str = "100%",
) -> W.Dropdown:
    """A Dropdown that always has a choice (the first option when ``value`` is None)."""
    full = with_missing(options, [value])
    chosen = value if value is not None else (full[0][1] if full else None)
    return W.Dropdown(
        options=full,
        value=chosen,
        description=description,
        style=WIDE_LABEL,
        layout=W.Layout(width=width),
    )


def yes_no_unknown(value: bool | None, *, description: str = "", width: str = "100%") -> W.Dropdown:
    """ja / nee / weet ik nog niet, for a ``bool | None`` field; read it with :func:`read_yes_no`."""
    options = [
        (_t("unknown"), NOTHING),
        (_t("yes"), _YES),
        (_t("no"), _NO),
    ]
    current = {True: _YES, False: _NO}.get(value, NOTHING)
    return W.Dropdown(
        options=options,
        value=current,
        description=description,
        style=WIDE_LABEL,
        layout=W.Layout(width=width),
    )


def several(
    options: Iterable[tuple[str, str]],
    values: Iterable[str] | None,
    *,
    description: str = "",
    width: str = "100%",
) -> Checklist:
    """Pick any number of ids (parties of a part) with checkboxes; ids no longer listed stay chosen and visible."""
    chosen = tuple(values or ())
    return Checklist(with_missing(options, chosen), chosen, layout=W.Layout(width=width))


def read(widget: W.Dropdown) -> str | None:
    """The chosen id of an :func:`optional` dropdown, None when nothing is chosen."""
    return widget.value or None


def read_yes_no(widget: W.Dropdown) -> bool | None:
    return {_YES: True, _NO: False}.get(widget.value)


def read_several(widget: Checklist) -> list[str]:
    return list(widget.value)


def refresh_options(
    widget: W.Dropdown | Checklist,
    options: Iterable[tuple[str, str]],
    *,
    optional_first: bool = False,
) -> None:
    """Give ``widget`` new options (e.g. renamed or added parties) and keep what was chosen.

    The selection briefly changes while the options are replaced; callers that
    save on every change should ignore changes while they refresh.
    """
    chosen: Any = widget.value
    ids = chosen if isinstance(chosen, tuple) else (chosen,)
    head = [(none_chosen(), NOTHING)] if optional_first else []
    full = with_missing([*head, *options], [i for i in ids if i != NOTHING])
    if list(widget.options) == full:
        return
    widget.options = full
    widget.value = chosen


class Hush:
    """A counter that is true while options are being refreshed: changes made then are not edits.

    ``with self.hush: refresh_options(...)``, and in the save callback
    ``if self.hush: return``.
    """

    def __init__(self):
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    def __enter__(self) -> "Hush":
        self.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self.depth -= 1


def named_options(items: Iterable[dict]) -> Options:
    """``(name, id)`` for rows with an id and a name (parties, parts); unnamed rows get a placeholder."""
    return [
        ((item.get("name") or "").strip() or _t("unnamed"), item["id"])
        for item in items
        if item.get("id")
    ]
