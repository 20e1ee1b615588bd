"""A plotly figure as notebook output, without plotly's renderer machinery.

``figure.show()`` goes through ``plotly.io._renderers``, whose import pulls in
nbformat and jsonschema: about 1.6 s of CPU in every kernel, more than the
rest of a workbook page. A page only needs the plotly mimetype output (the
``jupyterlab-plotly`` mime extension, which Voilà loads with every page,
draws it; an HTML handout embeds it, see ``swc_core/export/plotly_embed.py``),
so that output is built here directly.
"""
from __future__ import annotations

from swc_core.figures.mimetype import PLOTLY_MIME, Figure, figure_spec

PLOT_CONFIG = {"displaylogo": False, "responsive": True}  # live pages: no plotly logo, follows the page width


def mimebundle(figure: Figure, config: dict | None = None) -> dict:
    """``{PLOTLY_MIME: {data, layout[, config]}}``: the bundle plotly's mimetype renderer produces."""
    spec = figure_spec(figure)
    if config:
        spec["config"] = dict(config)
    return {PLOTLY_MIME: spec}


def display_data(figure: Figure, config: dict | None = None) -> dict:
    """The figure as one nbformat ``display_data`` output (what an ``Output`` widget's ``outputs`` holds)."""
    return {"output_type": "display_data", "data": mimebundle(figure, config), "metadata": {}}


def show_figure(figure: Figure, config: dict | None = None) -> None:
    """Displays ``figure`` as an output of the cell that runs now (handouts; a live page uses ``PlotOutput``)."""
    from IPython.display import display

    display(mimebundle(figure, config), raw=True)
