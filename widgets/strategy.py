"""Realisatiestrategie (dagdeel 5): per goal or task the route, and how it connects with the rest."""

from __future__ import annotations

from swc_core.figures import strategy_figure

from . import choices
from .base import Instrument, PageContext
from .controls import Captioned, heading, textarea, ui
from .figure_view import FigureView
from .list_editor import ListEditor, Spec, new_id
from .term_markup import explained

FIELD = "realisation"


class StrategyInstrument(Instrument):
    instrument_id = "realisatie"

    def __init__(self, ctx: PageContext, **kwargs):
        super().__init__(ctx, **kwargs)
        pack = ctx.content
        t = lambda key, **v: ui(self.instrument_id, key, **v)  # noqa: E731
        routes = [pack.form(form_id) for form_id in pack.vocab.realisation_routes]
        legend = [
            explained(t("route_legend", name=f.name, text=f.essence.strip()), ctx, "swc-help")
            for f in routes
        ]
        specs = [
            Spec(
                "task",
                lambda v: Captioned(
                    t("task"), textarea(v, placeholder=t("task_placeholder"), rows=2), "34%"
                ),
            ),
            Spec(
                "route",
                lambda v: Captioned(
                    t("route"),
                    choices.optional([(f.name, f.id) for f in routes], v),
                    "22%",
                ),
                read=lambda w: choices.read(w.input),
            ),
            Spec(
                "connection",
                lambda v: Captioned(
                    t("connection"),
                    textarea(v, placeholder=t("connection_placeholder"), rows=2),
                    "40%",
                ),
            ),
        ]
        self.editor = ListEditor(
            specs,
            list(self.value_of(FIELD) or []),
            new_item=self._new_route,
            add_label=t("add"),
        )
        self.editor.observe(lambda change: self._changed(change["new"]), names="value")
        self.figure = FigureView(
            lambda: strategy_figure(ctx.workbook, pack),
            scheduler=ctx.binding.scheduler,
        )
        self.children = [
            self.title,
            self.intro,
            *legend,
            self.editor,
            heading(t("figure_title")),
            self.figure,
        ]

    @staticmethod
    def _new_route(items: list[dict]) -> dict:
        return {"id": new_id("route-", items), "task": "", "route": None, "connection": ""}

    def show_value(self, field: str, value) -> None:
        """The store's routes: only the rows that changed are rebuilt."""
        if field != FIELD:
            return super().show_value(field, value)
        self.editor.set_items(list(value or []))
        self.figure.refresh_soon()

    def _changed(self, value: list[dict]) -> None:
        if self.save(FIELD, value):
            self.figure.refresh_soon()
