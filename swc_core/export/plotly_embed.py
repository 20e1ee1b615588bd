"""plotly figures in a static HTML document: the library once, each figure as a div and one call.

Executed workbooks hold their figures as ``application/vnd.plotly.v1+json``
outputs (the ``plotly_mimetype`` renderer). A handout turns each into an empty
div plus ``Plotly.newPlot(...)``, and carries plotly.js itself once, inline
(~4.8 MB, minified), so the figures stay interactive and work offline.
The JSON goes inside a ``<script>`` element, so every character that could
end that element early is written as a JSON escape.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..figures.mimetype import PLOTLY_MIME, figure_spec

__all__ = ["CONFIG", "PLOTLY_MIME", "figure_html", "figure_spec", "plotly_js", "script_json"]

CONFIG = {"displaylogo": False, "responsive": True, "typesetMath": False,
          "modeBarButtonsToRemove": ["sendDataToCloud"]}

# characters that must not appear raw inside <script>...</script>
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


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


def figure_html(spec: dict, div_id: str, nonce: str, screen_only: bool = False) -> str:
    """A div and the call that draws ``spec`` (plotly's ``{data, layout, config}``) into it.

    ``screen_only``: the figure has a twin for paper just before it, and is not printed itself.
    """
    config = {**spec.get("config", {}), **CONFIG}
    call = (f"Plotly.newPlot({script_json(div_id)},{script_json(spec.get('data', []))},"
            f"{script_json(spec.get('layout', {}))},{script_json(config)});")
    cls = "swc-figure swc-screen-only" if screen_only else "swc-figure"
    return f'<div class="{cls}" id="{div_id}"></div><script nonce="{nonce}">{call}</script>'
