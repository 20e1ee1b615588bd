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

A live figure takes the width of the page (``plotly_display.live_display_data``).
A figure whose text is laid out for its full width (the canvas) carries a
narrow twin (``swc_core/figures/narrow.py``): both are sent, as the Output's
first and second output, and :data:`FIGURE_CSS` shows the one that fits the
screen, so a phone turned sideways needs no round trip to the kernel.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as W

from swc_core.figures.mimetype import Figure
from swc_core.figures.narrow import NARROW_BELOW, narrow_of
from swc_core.scheduling import Handle, Scheduler

from .plotly_display import live_display_data

REDRAW_DELAY = 1.0  # seconds
FIGURE_CLASS = "swc-figure"  # on every output that holds a figure; the browser tests count them
TWIN_CLASS = "swc-figure-twin"  # on an output holding a figure and its narrow twin
# Page CSS (widgets/style.py, widgets/dashboard/style.py): of a figure and its twin, the one for this screen.
# plotly.js draws a responsive plot at 100% of its element's height; in an output area that element has no
# height but its content's, so after the first resize (which drops the layout's height) the plot collapsed to
# 0 px. The drawing itself holds the element open: its first svg takes up room, the others lie on top of it.
# An Output 100% wide plus its 2px margins stuck out of the page by 4px: it fills the row (stretch) instead.
FIGURE_CSS = f"""
.{FIGURE_CLASS} {{ width: auto !important; max-width: 100%; min-width: 0; align-self: stretch; }}
.{FIGURE_CLASS} .js-plotly-plot .plot-container, .{FIGURE_CLASS} .js-plotly-plot .svg-container {{
  height: auto !important; }}
.{FIGURE_CLASS} .js-plotly-plot .svg-container > svg.main-svg:first-child {{ position: relative; display: block; }}
@media (min-width: {NARROW_BELOW}px) {{ .{TWIN_CLASS} .jp-OutputArea-child:nth-child(2) {{ display: none; }} }}
@media (max-width: {NARROW_BELOW - 0.02}px) {{ .{TWIN_CLASS} .jp-OutputArea-child:first-child {{ display: none; }} }}
"""


class PlotOutput(W.Output):
    """An output area holding at most one figure; ``show(figure)`` replaces it.

    ``figure`` is what it shows now (a plain ``{data, layout}`` dict, as the figure
    builders return, or None).
    """

    def __init__(self, figure: Figure | None = None, **kwargs):
        super().__init__(**kwargs)
        self.figure: Figure | None = None
        self._sent: tuple[dict, ...] | None = None
        self.show(figure)

    def show(self, figure: Figure | None) -> bool:
        """Shows ``figure`` (None: nothing) and its narrow twin if it has one; True when the page is
        sent something new.

        An unchanged figure is not sent again, so a save elsewhere in the room does not
        make every picture on the projector flicker.
        """
        self.figure = figure
        narrow = narrow_of(figure) if figure is not None else None
        outputs = tuple(live_display_data(f) for f in (figure, narrow) if f is not None)
        if outputs == self._sent:
            return False
        self._sent = outputs
        self.outputs = outputs
        for cls, on in ((FIGURE_CLASS, figure is not None), (TWIN_CLASS, narrow is not None)):
            (self.add_class if on else self.remove_class)(cls)
        return True


class FigureView(PlotOutput):
    """The figure ``build()`` returns; ``refresh()`` redraws it, ``refresh_soon()`` after a quiet moment."""

    def __init__(
        self,
        build: Callable[[], Figure],
        scheduler: Scheduler | None = None,
        delay: float = REDRAW_DELAY,
        **kwargs,
    ):
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
