"""Opties en interventies (tussentijd C): what could help the collaboration, and what you propose."""

from __future__ import annotations

from .base import Instrument, PageContext
from .controls import Captioned, textarea, ui
from .list_editor import ListEditor, Spec, new_id

FIELD = "interventions"
KEYS = ("option", "intervention", "expected")


class InterventionsInstrument(Instrument):
    instrument_id = "interventies"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        t = lambda key: ui(self.instrument_id, key)  # noqa: E731

        def area(key: str):
            return lambda value: Captioned(
                t(key), textarea(value, placeholder=t(f"{key}_placeholder")), "32%"
            )

        self.editor = ListEditor(
            [Spec(key, area(key)) for key in KEYS],
            list(self.value_of(FIELD) or []),
            new_item=lambda items: {"id": new_id("interventie-", items), **{k: "" for k in KEYS}},
            add_label=t("add"),
        )
        self.editor.observe(lambda change: self.save(FIELD, change["new"]), names="value")
        self.children = [self.title, self.intro, self.editor]

    def show_value(self, field: str, value) -> None:
        """The store's interventions: only the rows that changed are rebuilt."""
        if field != FIELD:
            return super().show_value(field, value)
        self.editor.set_items(list(value or []))
