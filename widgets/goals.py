"""Geconsolideerde doelen (dagdeel 4): every party's goals with a status, and the dilemmas.

The goals themselves are entered with the parties on the Samenwerkingscanvas;
here each gets a status (in, off the table, joint, open). Dilemmas are
named as trade-off or compromise; ``swc_core.analysis.dilemma_balance`` warns
when a casus holds mostly compromises and no trade-offs.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core import messages
from swc_core.analysis import dilemma_balance
from swc_core.figures import goals_matrix_figure
from swc_core.model import Workbook

from . import choices
from .base import Instrument, PageContext
from .controls import (
    FIT_CHOICE,
    Captioned,
    heading,
    label,
    line,
    name_by_caption,
    note,
    textarea,
    ui,
)
from .figure_view import FigureView
from .list_editor import ListEditor, Spec, new_id
from .term_markup import explained

FIELD = "goals"
PARTIES_FIELD = "canvas.parties"
DILEMMA_TEXTS = ("description", "gives_up", "gains")
WIDTHS = {"description": "66%", "gives_up": "48%", "gains": "48%"}  # of a dilemma's row


class GoalsInstrument(Instrument):
    instrument_id = "doelen"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        saved = dict(self.value_of(FIELD) or {})
        self._saved = saved  # keys this form does not show are kept as they were
        self._statuses = {
            (g.get("party"), g.get("goal")): g for g in saved.get("consolidated") or []
        }
        self.status_inputs: dict[tuple[str, str], W.Dropdown] = {}
        statuses = [(s.name, s.id) for s in pack.vocab.goal_statuses]
        rows: list[W.Widget] = []
        for number, party in enumerate(self.value_of(PARTIES_FIELD) or [], 1):
            goals = [g for g in party.get("goals") or [] if (g.get("text") or "").strip()]
            if not goals:
                continue
            name = (party.get("name") or "").strip() or messages.text(
                "labels.unnamed_party", number=number
            )  # never the internal id (issue 16)
            rows.append(label(name, "swc-party-name"))
            for goal in goals:
                key = (party["id"], goal["id"])
                current = (self._statuses.get(key) or {}).get("status")
                dropdown = choices.required(statuses, current, width="auto")
                dropdown.add_class(FIT_CHOICE)
                dropdown.observe(lambda _c: self._changed(), names="value")
                self.status_inputs[key] = dropdown
                name_by_caption(
                    dropdown, goal["text"]
                )  # the goal beside it says what the choice is about
                rows.append(
                    W.HBox([dropdown, label(goal["text"])], layout=W.Layout(align_items="center"))
                )
        if not self.status_inputs:
            rows = [label(self._t("no_goals"), "swc-hint")]
        legend = [
            explained(
                self._t("legend", name=s.name, text=(s.explanation or "").strip()), ctx, "swc-help"
            )
            for s in pack.vocab.goal_statuses
        ]

        kinds = [(k.name, k.id) for k in pack.vocab.dilemma_kinds]
        kind_legend = [
            explained(
                self._t("legend", name=k.name, text=(k.explanation or "").strip()), ctx, "swc-help"
            )
            for k in pack.vocab.dilemma_kinds
        ]
        specs = [
            Spec(
                "kind",
                lambda v: Captioned(self._t("kind"), choices.optional(kinds, v), "30%"),
                read=lambda w: choices.read(w.input),
            ),
            *[
                Spec(
                    key,
                    lambda v, key=key: Captioned(self._t(key), textarea(v, rows=2), WIDTHS[key]),
                )
                for key in DILEMMA_TEXTS
            ],
            Spec(
                "owner",
                lambda v: Captioned(
                    self._t("owner"),
                    line(v),
                    "48%",
                ),
            ),
        ]
        self.dilemmas = ListEditor(
            specs,
            list(saved.get("dilemmas") or []),
            new_item=self._new_dilemma,
            add_label=self._t("add_dilemma"),
        )
        self.dilemmas.observe(lambda _c: self._changed(), names="value")
        self.warning = W.VBox()
        self.figure = FigureView(
            lambda: goals_matrix_figure(self._workbook(), pack), scheduler=ctx.binding.scheduler
        )
        self.children = [
            self.title,
            self.intro,
            heading(self._t("goals_title")),
            *legend,
            *rows,
            heading(self._t("dilemmas_title")),
            *kind_legend,
            self.dilemmas,
            self.warning,
            heading(self._t("figure_title")),
            self.figure,
        ]
        self._refresh_warning()

    def _t(self, key: str, **values) -> str:
        return ui(self.instrument_id, key, **values)

    @staticmethod
    def _new_dilemma(items: list[dict]) -> dict:
        return {
            "id": new_id("dilemma-", items),
            "kind": None,
            **{k: "" for k in DILEMMA_TEXTS},
            "owner": "",
        }

    @property
    def value(self) -> dict:
        consolidated = []
        shown = set(self.status_inputs)
        for key, dropdown in self.status_inputs.items():
            consolidated.append(
                {
                    **(self._statuses.get(key) or {}),
                    "party": key[0],
                    "goal": key[1],
                    "status": dropdown.value,
                }
            )
        # statuses of goals not shown (removed from the canvas meanwhile) are kept as they were
        consolidated += [g for key, g in self._statuses.items() if key not in shown]
        return {**self._saved, "consolidated": consolidated, "dilemmas": self.dilemmas.value}

    def _workbook(self) -> Workbook:
        return self.ctx.workbook

    def show_value(self, field: str, value) -> None:
        """The store's goals: the statuses and dilemmas that changed (other parties or goals: a redraw)."""
        if field != FIELD:
            return super().show_value(field, value)
        saved = dict(value or {})
        self._saved = saved
        self._statuses = {
            (g.get("party"), g.get("goal")): g for g in saved.get("consolidated") or []
        }
        for key, dropdown in self.status_inputs.items():
            status = (self._statuses.get(key) or {}).get("status")
            if status is not None and dropdown.value != status:
                dropdown.value = status
        self.dilemmas.set_items(list(saved.get("dilemmas") or []))
        self._refresh_warning()
        self.figure.refresh_soon()

    def _changed(self) -> None:
        if self.save(FIELD, self.value):
            self._refresh_warning()
            self.figure.refresh_soon()

    def _refresh_warning(self) -> None:
        goals = self.ctx.workbook.goals  # as the page holds it: checked once, typed
        balance = dilemma_balance(goals, self.ctx.content)
        findings = [f for f in balance.findings if f.severity == "waarschuwing"]
        self.warning.children = [
            note(f.message, "swc-finding", f"swc-finding-{f.severity}") for f in findings
        ]
