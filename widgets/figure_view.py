"""Showing a plotly figure in a page, redrawn when the data changes.

A plain ``go.Figure`` shown in an ``Output`` (not a FigureWidget, which ships
~5 MB of JavaScript into every page): Voilà renders it with the plotly
mimetype extension, and an HTML handout embeds the same output
(``widgets/plotly_display.py``).
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W
import plotly.graph_objects as go

from .plotly_display import PLOT_CONFIG, show_figure
from .scheduling import Handle, Scheduler, after_this_cell

REDRAW_DELAY = 1.0  # seconds


class FigureView(W.Output):
    """An output area that shows the figure ``build()`` returns; ``refresh()`` redraws it."""

    def __init__(self, build: Callable[[], go.Figure], scheduler: Scheduler | None = None,
                 delay: float = REDRAW_DELAY, **kwargs):
        super().__init__(**kwargs)
        self.build = build
        self.scheduler = scheduler
        self.delay = delay
        self._timer: Handle | None = None
        self.add_class("swc-figure")
        self.figure: go.Figure | None = None
        self.refresh()

    def refresh_soon(self) -> None:
        """Redraw after a quiet moment, so typing does not redraw on every key."""
        if self.scheduler is None:
            return self.refresh()
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.scheduler.call_later(self.delay, self.refresh)

    def refresh(self) -> None:
        self._timer = None
        self.figure = self.build()  # built now: a handout snapshot reads it right away
        after_this_cell(self._show)

    def _show(self) -> None:
        figure = self.figure
        if figure is None:
            return
        with self:
            self.clear_output(wait=True)
            show_figure(figure, PLOT_CONFIG)
