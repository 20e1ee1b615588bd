"""A figure as the plotly mimetype output: what a live page displays and a handout embeds."""

from __future__ import annotations

import json
from typing import Any, Mapping

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# The plain ``{"data": [...], "layout": {...}}`` every builder returns (``spec.Figure``, a dict), or any
# mapping holding the same JSON-ready data.
Figure = Mapping[str, Any]


def figure_spec(figure: Figure) -> dict:
    """``figure`` (JSON-ready ``{data, layout}``) as the plain JSON a plotly mimetype output holds: a fresh
    deep copy, without the narrow twin a builder's figure may carry."""
    return json.loads(json.dumps(dict(figure)))
