"""Terugblik (dagdeel 5 and the eindsessie): the experience you take with you, and the pack's evaluation questions."""

from __future__ import annotations

from .base import Instrument, PageContext
from .controls import Captioned, textarea, ui

FIELD = "reflection"


class ReflectionInstrument(Instrument):
    """One text for "Welke ervaring neem jij mee?" and one per evaluation question (lenses.yml ``evaluation``)."""

    instrument_id = "reflectie"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        answers = dict(saved.get("answers") or {})
        t = lambda key: ui(self.instrument_id, key)  # noqa: E731
        self.takeaway = textarea(
            saved.get("takeaway"), placeholder=t("takeaway_placeholder"), rows=4
        )
        self.questions = {}
        for q in ctx.content.evaluation:
            self.questions[q.id] = textarea(answers.get(q.id), placeholder=t("answer_placeholder"))
        widgets = [self.takeaway, *self.questions.values()]
        for widget in widgets:
            widget.observe(lambda _change: self._save(), names="value")
        rows = [Captioned(t("takeaway"), self.takeaway, help=t("takeaway_help"))]
        rows += [
            Captioned(q.question.strip(), self.questions[q.id], help="; ".join(q.points))
            for q in ctx.content.evaluation
        ]
        self.children = [self.title, self.intro, *rows]

    @property
    def value(self) -> dict:
        answers = dict(
            self._saved.get("answers") or {}
        )  # answers to questions a trainer removed stay
        answers.update({qid: box.value for qid, box in self.questions.items()})
        return {**self._saved, "takeaway": self.takeaway.value, "answers": answers}

    def _save(self) -> None:
        self.save(FIELD, self.value)
