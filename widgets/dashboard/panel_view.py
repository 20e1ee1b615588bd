"""One panel of a dashboard on screen: its title, note, figure and table.

A redraw sends a figure to the browser only when it changed, so a save in
one corner of the room does not make every picture on the projector flicker.
"""
from __future__ import annotations

import hashlib
import html

import ipywidgets as W
from swc_core.room.base import Panel

from ..plotly_display import PLOT_CONFIG, show_figure
from ..scheduling import after_this_cell


def _fingerprint(panel: Panel) -> str:
    return hashlib.sha1(panel.figure.to_json().encode()).hexdigest() if panel.figure is not None else ""


class PanelView(W.VBox):
    def __init__(self, panel: Panel):
        self.heading = W.HTML()
        self.note = W.HTML()
        self.output = W.Output()
        self.table = W.HTML()
        self._figure_key: str | None = None
        super().__init__([self.heading, self.note, self.output, self.table])
        self.add_class("swc-panel")
        self.update(panel)

    def update(self, panel: Panel) -> None:
        self.key = panel.key
        self.heading.value = f"<h2 class='swc-panel-title'>{html.escape(panel.title)}</h2>"
        self.note.value = f"<div class='swc-panel-note'>{html.escape(panel.note)}</div>" if panel.note else ""
        self.table.value = panel.html  # built escaped by the panel builder
        key = _fingerprint(panel)
        if key != self._figure_key:
            self._figure_key = key
            after_this_cell(lambda figure=panel.figure: self._show(figure))

    def _show(self, figure) -> None:
        with self.output:
            self.output.clear_output(wait=True)
            if figure is not None:
                show_figure(figure, PLOT_CONFIG)
