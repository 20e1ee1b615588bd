"""Showing a plotly figure in a live page, redrawn when the data changes.

A figure is shown by setting an ``Output`` widget's synced ``outputs`` to one
plotly mimetype output. The page's widget manager renders that state whenever
it changes (ipywidgets' ``OutputModel`` listens to ``change:outputs``), so it
arrives however late it is set: while Voilà runs the notebook, from a
redraw timer, or from a dashboard's poll.

The obvious alternative, ``with output: display(figure)``, is routed by the
id of the request the kernel is answering, and the page only listens for
that id while the request runs: Voilà's page never sent the request that
executed the notebook (voila#532), and a redraw from a timer belongs to a
request that has long gone idle. Measured on our own pages (issue 16): 0
plots drawn in 26 live page loads that way, while every handout drew them.

Not a ``FigureWidget``: that ships ~5 MB of JavaScript into every page. The
mimetype output is drawn by Voilà's ``jupyterlab-plotly`` mime extension,
whose plotly.js is fetched once per page.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W

from swc_core.figures.mimetype import Figure

from .plotly_display import PLOT_CONFIG, display_data
from .scheduling import Handle, Scheduler

REDRAW_DELAY = 1.0  # seconds
FIGURE_CLASS = "swc-figure"  # on every output that holds a figure; the browser tests count them


class PlotOutput(W.Output):
    """An output area holding at most one figure; ``show(figure)`` replaces it.

    ``figure`` is what it shows now (a ``go.Figure`` or a plain ``{data, layout}``
    dict, or None): a handout snapshot reads it (``widgets/snapshot.py``).
    """

    def __init__(self, figure: Figure | None = None, **kwargs):
        super().__init__(**kwargs)
        self.figure: Figure | None = None
        self._sent: dict | None = None
        self.show(figure)

    def show(self, figure: Figure | None) -> bool:
        """Shows ``figure`` (None: nothing); True when the page is sent something new.

        An unchanged figure is not sent again, so a save elsewhere in the room does not
        make every picture on the projector flicker.
        """
        self.figure = figure
        output = display_data(figure, PLOT_CONFIG) if figure is not None else None
        if output == self._sent:
            return False
        self._sent = output
        self.outputs = (output,) if output is not None else ()
        if output is not None:
            self.add_class(FIGURE_CLASS)
        else:
            self.remove_class(FIGURE_CLASS)
        return True


class FigureView(PlotOutput):
    """The figure ``build()`` returns; ``refresh()`` redraws it, ``refresh_soon()`` after a quiet moment."""

    def __init__(self, build: Callable[[], Figure], scheduler: Scheduler | None = None,
                 delay: float = REDRAW_DELAY, **kwargs):
        self.build = build
        self.scheduler = scheduler
        self.delay = delay
        self._timer: Handle | None = None
        super().__init__(build(), **kwargs)

    def refresh_soon(self) -> None:
        """Redraw after ``delay`` seconds without changes, so typing does not redraw on every key."""
        if self.scheduler is None:
            return self.refresh()
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.scheduler.call_later(self.delay, self.refresh)

    def refresh(self) -> None:
        self._timer = None
        self.show(self.build())
