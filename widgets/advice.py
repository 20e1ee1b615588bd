"""Advies aan de eigen organisatie (tussentijd D): to whom, and the advice itself."""

from __future__ import annotations

from .base import Instrument, PageContext
from .controls import textarea, ui

FIELD = "advice"


class AdviceInstrument(Instrument):
    instrument_id = "advies"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        t = lambda key: ui(self.instrument_id, key)  # noqa: E731
        # a text area of one line that grows with its text: "to whom" is often longer than a phone's line
        self.to = textarea(
            saved.get("to"), description=t("to"), placeholder=t("to_placeholder"), rows=1
        )
        self.text = textarea(
            saved.get("text"), description=t("text"), placeholder=t("text_placeholder"), rows=10
        )
        for widget in (self.to, self.text):
            widget.observe(lambda _change: self._save(), names="value")
        self.children = [self.title, self.intro, self.to, self.text]

    @property
    def value(self) -> dict:
        return {**self._saved, "to": self.to.value, "text": self.text.value}

    def _save(self) -> None:
        self.save(FIELD, self.value)
