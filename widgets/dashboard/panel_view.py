"""One panel of a dashboard on screen: its title, note, figure and table.

A redraw sends a figure to the browser only when it changed (``PlotOutput``),
so a save in one corner of the room does not make every picture on the
projector flicker.
"""
from __future__ import annotations

import html

import ipywidgets as W
from swc_core.room.base import Panel

from ..figure_view import PlotOutput


class PanelView(W.VBox):
    """``update(panel)`` shows another state of the same panel (same ``key``)."""

    def __init__(self, panel: Panel):
        self.heading = W.HTML()
        self.note = W.HTML()
        self.plot = PlotOutput()
        self.table = W.HTML()
        super().__init__([self.heading, self.note, self.plot, self.table])
        self.add_class("swc-panel")
        self.update(panel)

    def update(self, panel: Panel) -> None:
        self.key = panel.key
        self.heading.value = f"<h2 class='swc-panel-title'>{html.escape(panel.title)}</h2>"
        self.note.value = f"<div class='swc-panel-note'>{html.escape(panel.note)}</div>" if panel.note else ""
        self.table.value = panel.html  # built escaped by the panel builder
        self.plot.show(panel.figure)
