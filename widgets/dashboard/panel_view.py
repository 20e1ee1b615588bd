"""One panel of a dashboard on screen: its title, note, figure and table.

A redraw sends a figure to the browser only when it changed (``PlotOutput``),
so a save in one corner of the room does not make every picture on the
projector flicker.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.html_templates import render
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
        self.heading.value = render("dashboard_panel_heading.html.j2", title=panel.title)
        self.note.value = render("dashboard_panel_note.html.j2", note=panel.note)
        self.table.value = panel.html  # built escaped by the panel builder
        # a table of the room takes a projector's whole width (dashboard.css: two columns from 1600 px)
        (self.add_class if panel.html else self.remove_class)("swc-panel-wide")
        self.plot.show(panel.figure)
