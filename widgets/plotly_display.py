"""Showing a plotly figure as a notebook output, without plotly's renderer machinery.

``figure.show()`` goes through ``plotly.io._renderers``, whose import pulls in
nbformat and jsonschema: about 1.6 s of CPU in every kernel, more than the
rest of a workbook page. A page only needs the plotly mimetype bundle (Voilà's
plotly extension draws it; an HTML handout embeds it, see
``swc_core/export/plotly_embed.py``), so that bundle is displayed directly.
"""
from __future__ import annotations

import plotly.graph_objects as go
from swc_core.figures.mimetype import PLOTLY_MIME, figure_spec

PLOT_CONFIG = {"displaylogo": False, "responsive": True}  # live pages: no plotly logo, follows the page width


def mimebundle(figure: go.Figure, config: dict | None = None) -> dict:
    """The bundle plotly's mimetype renderer produces: the figure as plain JSON plus its config."""
    spec = figure_spec(figure)
    if config:
        spec["config"] = dict(config)
    return {PLOTLY_MIME: spec}


def show_figure(figure: go.Figure, config: dict | None = None) -> None:
    """Displays ``figure`` in the current output (an ``Output`` widget's ``with`` block)."""
    from IPython.display import display

    display(mimebundle(figure, config), raw=True)
