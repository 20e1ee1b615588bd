"""A plotly figure as notebook output, without plotly itself.

A figure is plain ``{data, layout}`` JSON (``swc_core/figures/spec.py``); no
page kernel imports plotly. Plotly's own display (``plotly.io.show``) goes
through ``plotly.io._renderers``, whose import pulls in nbformat and
jsonschema: about 1.6 s of CPU in every kernel, more than the rest of a
workbook page. A page only needs the plotly mimetype output (the
``jupyterlab-plotly`` mime extension, which Voilà loads with every page,
draws it; an HTML handout embeds it, see ``swc_core/export/plotly_embed.py``),
so that output is built here directly.

A live page is read at 390 px on a phone and at 1920 px on a projector, so a
live figure follows the width of its output area (``fit_width``). A handout
figure carries its twins for a phone and for paper (``swc_core/figures/paper.py``).
"""

from __future__ import annotations

from swc_core.figures.mimetype import PLOTLY_MIME, Figure, figure_spec
from swc_core.figures.paper import fit_width, twins_metadata

# Live pages: no plotly logo; ``responsive`` redraws the figure when the window changes size; no mode bar:
# its zoom and selection tools are 24 x 22 px targets a finger misses and nothing a participant or a
# projected room needs, and its "Share chart" would send the room's answers to plotly's cloud service.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def mimebundle(figure: Figure, config: dict | None = None, fit: bool = False) -> dict:
    """``{PLOTLY_MIME: {data, layout[, config]}}``: the bundle plotly's mimetype renderer produces.

    ``fit``: the figure follows the width of the page (:func:`fit_width`) instead of its own.
    """
    spec = figure_spec(figure)
    if fit:
        fit_width(spec)
    if config:
        spec["config"] = dict(config)
    return {PLOTLY_MIME: spec}


def display_data(figure: Figure, config: dict | None = None, fit: bool = False) -> dict:
    """The figure as one nbformat ``display_data`` output (what an ``Output`` widget's ``outputs`` holds)."""
    return {"output_type": "display_data", "data": mimebundle(figure, config, fit), "metadata": {}}


def live_display_data(figure: Figure) -> dict:
    """``figure`` as a live page shows it: the page's width, plotly's logo off, redrawn on resize."""
    return display_data(figure, PLOT_CONFIG, fit=True)


def show_figure(figure: Figure, config: dict | None = None) -> None:
    """Displays ``figure`` as an output of the cell that runs now, with its twins for a phone and for
    paper in the output's metadata (handouts; a live page uses ``PlotOutput``)."""
    from IPython.display import display

    display(mimebundle(figure, config), raw=True, metadata=twins_metadata(figure))
