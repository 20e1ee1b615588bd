"""Toets de samenwerking (dagdeel 4): the four test questions, in order, with a step back.

Each question gets an answer, evidence, and (when the answer is not the
positive one) a note on the step back. Below, the stagnation patterns the
participant's statements point at (``swc_core.analysis.stagnation_signals``):
the toets answers and their own recognition, never a block left empty.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.analysis import stagnation_signals

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, bullets, heading, label, set_visible, textarea, ui
from .term_markup import explained

FIELD = "toets"


class _Question(W.VBox):
    """One test question: answer, evidence, and the step back when the answer is not positive."""

    def __init__(self, instrument: "ToetsInstrument", question, saved: dict):
        self.question = question
        self.saved = saved
        t = instrument._t
        answers = [(a.name, a.id) for a in instrument.ctx.content.vocab.toets_answers]
        self.answer = choices.optional(
            answers, saved.get("answer"), description=t("answer"), width="24em"
        )
        self.evidence = textarea(
            saved.get("evidence"), placeholder=t("evidence_placeholder"), rows=3
        )
        self.step_back = textarea(
            saved.get("step_back"), placeholder=t("step_back_placeholder"), rows=3
        )
        self.step_back_box = W.VBox(
            [
                label(t("step_back_title"), "swc-caption"),
                explained(question.step_back, instrument.ctx, "swc-help"),
                self.step_back,
            ]
        )
        self.step_back_box.add_class("swc-step-back")
        for widget in (self.answer, self.evidence, self.step_back):
            widget.observe(lambda _c: instrument._changed(), names="value")
        self.answer.observe(lambda _c: self._show_step_back(instrument.positive), names="value")
        super().__init__(
            [
                heading(question.name),
                explained(question.explanation, instrument.ctx),
                label(t("checks"), "swc-caption"),
                bullets(list(question.checks), "swc-help"),
                self.answer,
                Captioned(t("evidence"), self.evidence),
                self.step_back_box,
            ]
        )
        self.add_class("swc-toets-question")
        self._show_step_back(instrument.positive)

    def _show_step_back(self, positive: str) -> None:
        set_visible(self.step_back_box, choices.read(self.answer) not in (None, positive))

    @property
    def touched(self) -> bool:
        return choices.read(self.answer) is not None or bool(
            self.evidence.value or self.step_back.value
        )

    @property
    def value(self) -> dict:
        return {
            **self.saved,
            "answer": choices.read(self.answer),
            "evidence": self.evidence.value,
            "step_back": self.step_back.value,
        }


class ToetsInstrument(Instrument):
    instrument_id = "toets"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        # the answers' order is fixed by the content schema; the first is the positive one ("ja")
        self.positive = pack.vocab.toets_answers[0].id
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # answers to questions this pack does not ask are kept as they were
        self.questions = {q.id: _Question(self, q, dict(saved.get(q.id) or {})) for q in pack.toets}
        self.signals = W.VBox()
        self.children = [
            self.title,
            self.intro,
            *self.questions.values(),
            heading(self._t("signals_title")),
            label(self._t("signals_help"), "swc-help"),
            self.signals,
        ]
        self._refresh_signals()

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    @property
    def value(self) -> dict:
        # a question not touched yet stays out, so "answered" means answered
        touched = {
            qid: q.value for qid, q in self.questions.items() if qid in self._saved or q.touched
        }
        return {**self._saved, **touched}

    def _changed(self) -> None:
        if self.save(FIELD, self.value):
            self._refresh_signals()

    def _refresh_signals(self) -> None:
        workbook = self.ctx.workbook  # as the page holds it: checked once, typed
        signals = stagnation_signals(workbook, self.ctx.content)
        if not signals:
            # no verdict from no data: "no pattern" only once something was answered
            answered = any(
                a.answer for a in [*workbook.toets.values(), *workbook.patterns.values()]
            )
            self.signals.children = [
                label(self._t("no_signals"), "swc-ok")
                if answered
                else label(self._t("not_answered"), "swc-help")
            ]
            return
        rows: list[W.Widget] = []
        for signal in signals:
            rows.append(label(signal.pattern.name, "swc-caption"))
            rows.append(explained(signal.pattern.description, self.ctx))
            if signal.reasons:
                rows.append(bullets(list(signal.reasons), "swc-help"))
        self.signals.children = rows
