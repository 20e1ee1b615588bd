"""An editable list of small forms (parties, parts, couplings, goals...).

Each row is built from field specs; its value is a dict. Keys without a
widget (an item's ``id``, say) are kept as they were, so editing a row never
loses data the row does not show. ``value`` is the whole list; observe it to
save. A nested list (a party's goals) is just a field whose widget is
another ListEditor.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as W
from traitlets import List as ListTrait

from swc_core import messages

ROW_FIELDS = "swc-row-fields"


@dataclass(frozen=True)
class Spec:
    """One field of a row: its key, and how to make its widget from the stored value."""

    key: str
    make: Callable[[Any], W.Widget]
    read: Callable[[W.Widget], Any] = lambda w: w.value


def new_id(prefix: str, items: list[dict]) -> str:
    """The first ``prefix<n>`` not used by any item."""
    used = {item.get("id") for item in items}
    return next(f"{prefix}{n}" for n in itertools.count(1) if f"{prefix}{n}" not in used)


class _Row(W.HBox):
    def __init__(self, editor: "ListEditor", item: dict):
        self.editor = editor
        self.item = dict(item)
        self.fields = {spec.key: spec.make(item.get(spec.key)) for spec in editor.specs}
        for widget in self.fields.values():
            widget.observe(lambda _change: editor._changed(), names="value")
        remove = W.Button(
            description=messages.text("buttons.remove"),
            icon="trash",
            layout=W.Layout(width="auto"),
            button_style="",
        )
        remove.add_class("swc-remove")
        remove.on_click(lambda _b: editor._remove(self))
        body = W.HBox(
            list(self.fields.values()), layout=W.Layout(flex_flow="row wrap", flex="1 1 auto")
        )
        body.add_class(ROW_FIELDS)  # style.py: one field under the other on a narrow screen
        super().__init__(
            [body, remove], layout=W.Layout(border_bottom="1px solid #eceff1", padding="4px 0")
        )

    def value(self) -> dict:
        out = dict(self.item)
        for spec in self.editor.specs:
            out[spec.key] = spec.read(self.fields[spec.key])
        return out


class ListEditor(W.VBox):
    """Rows with add/remove; ``value`` is the list of row dicts."""

    value = ListTrait(help="The rows as a list of dicts.")

    def __init__(
        self,
        specs: list[Spec],
        items: list[dict] | None = None,
        *,
        new_item: Callable[[list[dict]], dict],
        add_label: str | None = None,
        max_items: int = 200,
    ):
        super().__init__()
        self.specs = specs
        self.new_item = new_item
        self.max_items = max_items
        self.rows_box = W.VBox()
        self.add_button = W.Button(
            description=add_label or messages.text("buttons.add"),
            icon="plus",
            layout=W.Layout(width="auto"),
        )
        self.add_button.add_class("swc-add")
        self.add_button.on_click(lambda _b: self.add())
        self.children = [self.rows_box, self.add_button]
        self._rows: list[_Row] = []
        for item in items or []:
            self._rows.append(_Row(self, item))
        self._refresh(notify=False)

    def add(self, item: dict | None = None) -> None:
        if len(self._rows) >= self.max_items:
            return
        current = [r.value() for r in self._rows]
        self._rows.append(_Row(self, item if item is not None else self.new_item(current)))
        self._refresh()

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        self._refresh()

    def _changed(self) -> None:
        self.value = [r.value() for r in self._rows]

    def set_items(self, items: list[dict]) -> None:
        """Show ``items`` (the store's new list): rows whose item is unchanged keep their widgets, others are new."""
        old = self._rows
        self._rows = [
            old[i] if i < len(old) and old[i].value() == item else _Row(self, item)
            for i, item in enumerate(items)
        ]
        self._refresh()

    def _refresh(self, notify: bool = True) -> None:
        self.rows_box.children = tuple(self._rows)
        self.add_button.disabled = len(self._rows) >= self.max_items
        values = [r.value() for r in self._rows]
        if notify:
            self.value = values
        else:
            self.set_trait("value", values)

    @property
    def rows(self) -> list[_Row]:
        return list(self._rows)
