"""Patronen in de echte wereld (dagdeel 5): the stagnation patterns, held against one's own collaboration.

Per pattern of the content pack: what it is, whether the participant
recognises it in their own collaboration and from what, and what their
answers elsewhere (the toets of dagdeel 4) point at. Saved as one
``patterns`` value ``{pattern id: {answer, evidence}}``; a pattern not
touched yet stays out of it, so "nog niet ingevuld" is never read as "no".
The pointers come from ``swc_core.analysis.stagnation_signals``, which reads
only what the participant stated.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.analysis import stagnation_signals

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, bullets, heading, label, textarea, ui
from .term_markup import explained

FIELD = "patterns"


class _Pattern(W.VBox):
    """One pattern: description, own recognition with evidence, and the pointers from other answers."""

    def __init__(
        self, instrument: "PatternsInstrument", pattern, saved: dict, pointers: tuple[str, ...]
    ):
        self.saved = saved
        t, pack = instrument._t, instrument.ctx.content
        answers = [(a.name, a.id) for a in pack.vocab.toets_answers]
        self.answer = choices.optional(answers, saved.get("answer"), width="24em")
        self.evidence = textarea(
            saved.get("evidence"), placeholder=t("evidence_placeholder"), rows=2
        )
        for widget in (self.answer, self.evidence):
            widget.observe(lambda _c: instrument._changed(), names="value")
        aspect = next((b for b in pack.balance if b.id == pattern.aspect), None)
        about = [label(t("aspect", name=aspect.name), "swc-help")] if aspect else []
        shown = (
            [label(t("pointers"), "swc-caption"), bullets(list(pointers), "swc-help")]
            if pointers
            else [label(t("no_pointers"), "swc-help")]
        )
        super().__init__(
            [
                heading(pattern.name),
                explained(pattern.description, instrument.ctx),
                *about,
                Captioned(t("recognise"), self.answer),
                Captioned(t("evidence"), self.evidence),
                *shown,
            ]
        )
        self.add_class("swc-pattern")

    @property
    def touched(self) -> bool:
        return choices.read(self.answer) is not None or bool(self.evidence.value.strip())

    @property
    def value(self) -> dict:
        return {**self.saved, "answer": choices.read(self.answer), "evidence": self.evidence.value}


class PatternsInstrument(Instrument):
    instrument_id = "patronen"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # answers for patterns this pack does not have are kept as they were
        pointers = self._pointers()
        self.patterns = {
            p.id: _Pattern(self, p, dict(saved.get(p.id) or {}), pointers.get(p.id, ()))
            for p in ctx.content.patterns
        }
        self.children = [self.title, self.intro, *self.patterns.values()]

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    def _pointers(self) -> dict[str, tuple[str, ...]]:
        """Pattern id -> why the participant's other answers point at it (the toets, dilemmas, goals)."""
        signals = stagnation_signals(self.ctx.workbook, self.ctx.content)
        return {s.pattern.id: s.signal_reasons for s in signals}

    @property
    def value(self) -> dict:
        # a pattern not touched yet stays out, so "answered" means answered
        touched = {
            pid: p.value for pid, p in self.patterns.items() if pid in self._saved or p.touched
        }
        return {**self._saved, **touched}

    def _changed(self) -> None:
        self.save(FIELD, self.value)
