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
live figure follows the width of its output area (:func:`fit_width`); the
builders' fixed 1200 px width stays for handouts and exports, which print on
a page of known size.
"""
from __future__ import annotations

from swc_core.figures.mimetype import PLOTLY_MIME, Figure, figure_spec

# Live pages: no plotly logo; ``responsive`` redraws the figure when the window changes size.
PLOT_CONFIG = {"displaylogo": False, "responsive": True}


def fit_width(spec: dict) -> dict:
    """``spec`` (a ``{data, layout}`` dict, changed in place and returned) without a fixed width.

    With ``autosize`` and no ``layout.width`` plotly.js takes the width of the element it draws
    in; the height is the builder's, which sized it to the rows it shows.
    """
    layout = spec.setdefault("layout", {})
    layout.pop("width", None)
    layout["autosize"] = True
    return spec


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
    """Displays ``figure`` as an output of the cell that runs now (handouts; a live page uses ``PlotOutput``)."""
    from IPython.display import display

    display(mimebundle(figure, config), raw=True)
