"""What every static view uses: its template, and how a choice list names a value.

A view returns its instrument's body as :data:`Part` s in page order: HTML strings from its
template (``view_<instrument id>.html.j2``) and the plotly figures the live page draws.
"""

from __future__ import annotations

from typing import Any, Callable

from swc_core import messages
from swc_core.html_templates import render

from .context import ViewContext

Part = Any  # an HTML string or a plotly figure (a plain ``{data, layout}`` dict)
View = Callable[[ViewContext], list[Part]]
YES_NO = {
    True: "yes",
    False: "no",
    None: "unknown",
}  # widgets.choices.<key> of a yes/no/unknown answer


def yes_no(ctx: ViewContext, value: bool | None) -> str:
    """A yes/no/unknown answer as the live page's choice list says it."""
    return messages.text(f"widgets.choices.{YES_NO[value]}")


def render_view(ctx: ViewContext, instrument_id: str, **values: Any) -> str:
    return render(f"view_{instrument_id}.html.j2", **values)


def none_chosen(ctx: ViewContext) -> str:
    return messages.text("labels.none_chosen")


def choice(ctx: ViewContext, names: dict[str, str], value: str | None) -> str:
    """How the live page's choice list shows ``value``: its name, "(nog niet gekozen)", or the
    note for an id the list no longer has (``widgets/choices.py``)."""
    if value is None:
        return none_chosen(ctx)
    if value in names:
        return names[value]
    return messages.text("widgets.choices.missing", id=value)


def unnamed(ctx: ViewContext, kind: str, number: int) -> str:
    """An unnamed party (``kind`` "party") or part ("part") as every page and handout names it: by its place
    in the list, "naamloze partij 3" (``labels.unnamed_<kind>``), never by its internal id (issue 16)."""
    return messages.text(f"labels.unnamed_{kind}", number=number)


def row_names(ctx: ViewContext, kind: str, items) -> dict[str, str]:
    """``{id: name}`` of parties or parts (``kind``: "party", "part") for the text of a view: a row without a
    name is named by its place (:func:`unnamed`)."""
    return {item.id: item.name.strip() or unnamed(ctx, kind, n) for n, item in enumerate(items, 1)}


def named_choices(ctx: ViewContext, items) -> dict[str, str]:
    """``{id: name}`` of rows (parties, parts) as the live page's choice lists name them
    (``widgets/choices.named_options``): a row without a name is "(nog zonder naam)"."""
    unnamed = messages.text("widgets.choices.unnamed")
    return {item.id: item.name.strip() or unnamed for item in items if item.id}
