"""A figure as the plotly mimetype output: what a live page displays and a handout embeds."""
from __future__ import annotations

import json
from typing import Any, Mapping, Union

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# A ``go.Figure`` (anything with plotly's ``to_json``), or the plain ``{"data": [...], "layout": {...}}``.
Figure = Union[Any, Mapping[str, Any]]


def figure_spec(figure: Figure) -> dict:
    """``figure`` as the plain JSON a plotly mimetype output holds (``{data, layout}``), a fresh copy.

    A ``go.Figure`` is serialised unvalidated (its builder made it valid); a dict must already be
    JSON-ready, as a figure built as plain data is.
    """
    if hasattr(figure, "to_json"):
        return json.loads(figure.to_json(validate=False))
    return json.loads(json.dumps(dict(figure)))
