"""Zelfinschatting competenties: a 1-5 score per competence, at the intake and at the end."""

from __future__ import annotations

import ipywidgets as W
from traitlets import Dict

from swc_core.analysis import competence_change
from swc_core.content import ContentPack
from swc_core.model import Workbook

from .base import Instrument, PageContext
from .controls import label, ui

INTAKE_FIELD = "competences.intake"
END_FIELD = "competences.end"


def competence_field(pack: ContentPack, step_id: str) -> str:
    """Where a self-assessment made at ``step_id`` is saved.

    The step of kind ``intake`` records the starting point; any later step
    (the programme puts the instrument at the eindsessie) records where the
    participant stands at the end, so the two can be compared.
    """
    return INTAKE_FIELD if pack.step(step_id).kind == "intake" else END_FIELD


class CompetencesInstrument(Instrument):
    """Eight statements, each scored on the pack's scale; at the end with the intake score beside it."""

    instrument_id = "competenties"
    value = Dict(
        help="Scores chosen so far: {competence id: 1..5}; unchosen competences are absent."
    )

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        self.field = competence_field(pack, ctx.step)
        self.compare = self.field != INTAKE_FIELD
        self.intake: dict[str, int] = (
            dict(self.value_of(INTAKE_FIELD) or {}) if self.compare else {}
        )
        saved = dict(self.value_of(self.field) or {})
        known = {c.id for c in pack.competences}
        self._kept = {
            k: v for k, v in saved.items() if k not in known
        }  # scores the pack no longer lists
        self.scale = {p.value: p.label for p in pack.scale}
        self.buttons: dict[str, W.ToggleButtons] = {}
        self.chosen: dict[str, W.Label] = {}
        self.changes: dict[str, W.Label] = {}
        rows = [self._row(c, saved.get(c.id)) for c in pack.competences]
        self._describe()
        self.set_trait("value", self._collect())
        self.observe(lambda change: self.save(self.field, change["new"]), names="value")
        legend = label(
            self._t(
                "scale",
                scale=" · ".join(
                    self._t("scale_point", value=v, label=lbl) for v, lbl in self.scale.items()
                ),
            ),
            "swc-help",
        )
        self.children = [
            self.title,
            self.intro,
            label(self._t("end_intro" if self.compare else "intake_intro")),
            legend,
            *rows,
        ]

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    def _row(self, competence, score: int | None) -> W.VBox:
        cid = competence.id
        buttons = W.ToggleButtons(
            options=[(str(v), v) for v in self.scale],
            tooltips=list(self.scale.values()),
            value=score if score in self.scale else None,
            style={"button_width": "3.2em"},
        )
        buttons.observe(lambda _change: self._scored(), names="value")
        self.buttons[cid] = buttons
        self.chosen[cid] = label("", "swc-score-label")
        parts = [
            label(competence.name, "swc-caption"),
            label(competence.statement),
            W.HBox(
                [buttons, self.chosen[cid]],
                layout=W.Layout(flex_flow="row wrap", align_items="center"),
            ),
        ]
        if self.compare:
            self.changes[cid] = label("", "swc-help")
            parts.append(self.changes[cid])
        box = W.VBox(parts, layout=W.Layout(width="100%"))
        box.add_class("swc-competence")
        return box

    def _describe(self) -> None:
        """The chosen scale labels, and at the end the intake score and the change."""
        for cid, buttons in self.buttons.items():
            now = buttons.value
            self.chosen[cid].value = self.scale[now] if now is not None else self._t("no_score")
        if not self.compare:
            return
        scores = Workbook.from_fields({INTAKE_FIELD: self.intake, END_FIELD: self._collect()})
        for row in competence_change(scores, self.ctx.content):
            if row.intake is None:
                text = self._t("no_intake")
            elif row.delta is None:
                text = self._t(
                    "intake_only", intake=row.intake, label=self.scale.get(row.intake, "")
                )
            else:
                text = self._t(
                    "compare",
                    intake=row.intake,
                    label=self.scale.get(row.intake, ""),
                    change=f"{row.delta:+d}" if row.delta else "0",
                )
            self.changes[row.competence.id].value = text

    def _scored(self) -> None:
        self._describe()
        self.value = self._collect()

    def _collect(self) -> dict[str, int]:
        scores = dict(self._kept)
        scores.update({cid: b.value for cid, b in self.buttons.items() if b.value is not None})
        return scores
