"""Casusformat (intake): the participant's own case, saved as one ``casus`` value."""

from __future__ import annotations

import ipywidgets as W
from traitlets import Dict

from .base import Instrument, PageContext
from .controls import Captioned, heading, label, line, textarea, ui
from .list_editor import ListEditor, Spec

FIELD = "casus"
SHORT = ("title", "area", "domain")  # one-line fields, in the order shown
LONG = ("opgave", "stuck")  # free-text fields


class CasusInstrument(Instrument):
    """Title, area, domain, opgave, the parties with their roles, and what is stuck."""

    instrument_id = "casus"
    value = Dict(
        help="The casus as saved: title, area, domain, opgave, parties [{name, role}], stuck."
    )

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        t = self._t
        self.inputs: dict[str, W.Widget] = {}
        for key in SHORT:
            self.inputs[key] = line(saved.get(key), placeholder=t(f"{key}_placeholder"))
        for key in LONG:
            self.inputs[key] = textarea(saved.get(key), placeholder=t(f"{key}_placeholder"), rows=5)
        self.parties = ListEditor(
            [
                Spec(
                    "name",
                    lambda v: Captioned(
                        t("party_name"),
                        line(v),
                        width="35%",
                    ),
                ),
                Spec(
                    "role", lambda v: Captioned(t("party_role"), textarea(v, rows=2), width="60%")
                ),
            ],
            saved.get("parties") or [],
            new_item=lambda _items: {"name": "", "role": ""},
            add_label=t("add_party"),
        )
        self.set_trait("value", self._collect())
        for widget in (*self.inputs.values(), self.parties):
            widget.observe(lambda _change: self._changed(), names="value")
        self.observe(lambda change: self.save(FIELD, change["new"]), names="value")
        self.children = [
            self.title,
            self.intro,
            *(self._captioned(key) for key in ("title", "area", "domain", "opgave")),
            heading(t("parties")),
            label(t("parties_help"), "swc-help"),
            self.parties,
            self._captioned("stuck"),
        ]

    def _t(self, key: str) -> str:
        return ui(self.instrument_id, key)

    def _captioned(self, key: str) -> W.VBox:
        box = W.VBox(
            [
                label(self._t(key), "swc-caption"),
                label(self._t(f"{key}_help"), "swc-help"),
                self.inputs[key],
            ],
            layout=W.Layout(width="100%"),
        )
        box.add_class("swc-field")
        return box

    def _collect(self) -> dict:
        out = dict(self._saved)
        out.update({key: widget.value for key, widget in self.inputs.items()})
        out["parties"] = [dict(p) for p in self.parties.value]
        return out

    def _changed(self) -> None:
        self.value = self._collect()

    def show_value(self, field: str, value) -> None:
        """The store's casus (saved on another device, or merged): only the inputs whose text changed are set."""
        if field != FIELD:
            return super().show_value(field, value)
        saved = dict(value or {})
        self._saved = saved
        for key, widget in self.inputs.items():
            if widget.value != (saved.get(key) or ""):
                widget.value = saved.get(key) or ""
        parties = [dict(p) for p in saved.get("parties") or []]
        if parties != self.parties.value:
            self.parties.set_items(parties)
        self.value = self._collect()
