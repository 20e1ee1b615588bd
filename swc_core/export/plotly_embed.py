"""plotly figures in a static HTML document: the library once, each figure as a div and one call.

Executed workbooks hold their figures as ``application/vnd.plotly.v1+json``
outputs (the ``plotly_mimetype`` renderer). A handout turns each into an empty
div plus ``Plotly.newPlot(...)``, and carries plotly.js itself once, inline
(~4.8 MB, minified), so the figures stay interactive and work offline.
The JSON goes inside a ``<script>`` element, so every character that could
end that element early is written as a JSON escape. A handout figure is drawn
as wide as the page, beside its narrow twin for a phone, and its twin for
paper is drawn at the width of A4 for print (``swc_core/figures/paper.py``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..figures.mimetype import PLOTLY_MIME, figure_spec
from ..figures.paper import fit_width
from ..html_templates import Markup, render

__all__ = ["CONFIG", "PLOTLY_MIME", "figure_html", "figure_spec", "plotly_js", "script_json"]

CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "typesetMath": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}
PAPER_CONFIG = {
    "responsive": False,
    "staticPlot": True,
}  # drawn once at the paper's width, never redrawn
# handout.css: the figure's own plot and its narrow twin (one of them shown, by screen width), the paper twin
WIDE_CLASS, NARROW_CLASS, PAPER_CLASS = "swc-figure-wide", "swc-figure-narrow", "swc-figure-paper"
WITH_TWIN_CLASS = "swc-with-twin"

# characters that must not appear raw inside <script>...</script>
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The minified plotly.js bundle shipped with the plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def script_json(value: Any) -> str:
    """``value`` as JSON that can sit inside an inline script without ending it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def _new_plot(div_id: str, spec: dict, config: dict) -> str:
    return (
        f"Plotly.newPlot({script_json(div_id)},{script_json(spec.get('data', []))},"
        f"{script_json(spec.get('layout', {}))},{script_json(config)});"
    )


def figure_html(
    spec: dict,
    div_id: str,
    nonce: str,
    screen_only: bool = False,
    narrow: dict | None = None,
    paper: dict | None = None,
) -> str:
    """A div and the call that draws ``spec`` (plotly's ``{data, layout, config}``) into it.

    ``screen_only``: the figure has a twin for paper just before it (the canvas's grid of blocks), and is
    not printed itself. ``narrow`` and ``paper``: its twins (``swc_core/figures/paper.py``); then the
    div ``div_id`` holds the figure and its narrow twin, both as wide as the page, and handout.css
    shows the one that fits the screen; the paper twin follows in a div of its own that only print shows.
    """
    config = {**spec.get("config", {}), **CONFIG}
    if narrow is None and paper is None:
        cls = "swc-figure swc-screen-only" if screen_only else "swc-figure"
        return _figure_markup(None, [(div_id, cls, spec, config)], None, nonce)
    classes = ["swc-figure"] + (["swc-screen-only"] if screen_only or paper is not None else [])
    plots = [(f"{div_id}-wide", WIDE_CLASS, fit_width(figure_spec(spec)), config)]
    if narrow is not None:
        classes.append(WITH_TWIN_CLASS)
        plots.append((f"{div_id}-narrow", NARROW_CLASS, fit_width(figure_spec(narrow)), config))
    outer = {"classes": " ".join(classes), "id": div_id}
    paper_div = None
    if paper is not None and not screen_only:
        paper_div = (f"{div_id}-paper", PAPER_CLASS, paper, {**config, **PAPER_CONFIG})
    return _figure_markup(outer, plots, paper_div, nonce)


def _figure_markup(outer: dict | None, plots: list[tuple], paper: tuple | None, nonce: str) -> str:
    """The template ``handout_figure.html.j2`` for ``plots`` (and ``paper``): ``(id, classes, spec, config)``
    each; the calls' JSON is made safe for a script element by :func:`script_json`."""
    drawn = plots + ([paper] if paper else [])
    calls = Markup("".join(_new_plot(pid, plot, cfg) for pid, _, plot, cfg in drawn))
    return render(
        "handout_figure.html.j2",
        outer=outer,
        plots=[{"id": pid, "classes": cls} for pid, cls, _, _ in plots],
        paper={"id": paper[0], "classes": paper[1]} if paper else None,
        calls=calls,
        nonce=nonce,
    )
