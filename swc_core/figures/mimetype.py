"""A figure as the plotly mimetype output: what a live page displays and a handout embeds."""
from __future__ import annotations

import json

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figure_spec(figure) -> dict:
    """A ``go.Figure`` as the plain JSON a plotly mimetype output holds (``{data, layout}``)."""
    return json.loads(figure.to_json(validate=False))
