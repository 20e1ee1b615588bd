"""A figure as plain data: ``{"data": [trace dicts], "layout": {...}}``, exactly what plotly.js draws.

Builders write the plotly JSON themselves instead of building a
``plotly.graph_objects.Figure``: its validators cost most of a dashboard
redraw (90-270 ms after one save, most of it in ``validate_coerce`` and
``update_layout``), and importing ``plotly.graph_objects`` weighs on every
page kernel. Nothing here validates: the builders are the only writers, and
the tests and the browser tests check what they write.

Keys are plotly.js's attribute names as nested dicts (``{"marker": {"color":
...}}``, no ``marker_color``); a value of None means "not set" and is left out,
as plotly does, so an unset attribute gets plotly.js's own default.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Optional


class Figure(dict):
    """``{"data": [...], "layout": {...}}``, JSON-ready; ``narrow`` builds its narrow twin for a phone
    (``narrow.py``), or is None when the figure reads well at any width; ``paper`` builds its twin for
    A4 when the narrow twin does not serve there (``paper.py``). Compares as its data."""

    narrow: Optional[Callable[[], "Figure"]] = None
    paper: Optional[Callable[[], "Figure"]] = (
        None  # its own layout for an A4 page (``paper.py``), if it has one
    )


def new(layout: dict | None = None) -> Figure:
    """An empty figure with ``layout`` (None values left out)."""
    return Figure(data=[], layout=compact(layout or {}))


def copy_of(fig: dict) -> Figure:
    """A deep copy of ``fig``'s data and layout, without its narrow twin."""
    return Figure(data=copy.deepcopy(fig["data"]), layout=copy.deepcopy(fig["layout"]))


def compact(values: dict) -> dict:
    """``values`` without None values, in nested dicts too (lists are data and kept as they are)."""
    return {k: compact(v) if isinstance(v, dict) else v for k, v in values.items() if v is not None}


def merge(target: dict, changes: dict) -> dict:
    """``changes`` merged into ``target`` (changed in place and returned): nested dicts are merged,
    anything else replaced, None removes the key (plotly's ``update`` semantics)."""
    for key, value in changes.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = compact(value) if isinstance(value, dict) else value
    return target


def add_trace(fig: Figure, trace_type: str, **attributes: Any) -> dict:
    """Appends a trace of ``trace_type`` ("scatter", "bar", "heatmap") with ``attributes``; returns it."""
    trace = {"type": trace_type, **compact(attributes)}
    fig["data"].append(trace)
    return trace


def add_hover_points(
    fig: Figure, xs: list, ys: list, texts: list[str], *, size: int, name: str
) -> None:
    """Invisible markers of ``size`` px at (``xs``, ``ys``) that show ``texts`` on hover (a card's or
    an arrow's full text, where the drawn label is cut short); nothing is added for no points."""
    if xs:
        add_trace(
            fig,
            "scatter",
            x=xs,
            y=ys,
            mode="markers",
            marker={"size": size, "opacity": 0},
            hoverinfo="text",
            hovertext=texts,
            showlegend=False,
            name=name,
        )


def add_annotation(fig: Figure, **attributes: Any) -> None:
    """Appends one ``layout.annotations`` entry."""
    fig["layout"].setdefault("annotations", []).append(compact(attributes))


def add_shape(fig: Figure, **attributes: Any) -> None:
    """Appends one ``layout.shapes`` entry."""
    fig["layout"].setdefault("shapes", []).append(compact(attributes))


def update_layout(fig: Figure, **changes: Any) -> Figure:
    """``changes`` merged into the layout (:func:`merge`); returns ``fig``."""
    merge(fig["layout"], changes)
    return fig


def update_xaxes(fig: Figure, **changes: Any) -> Figure:
    """``changes`` merged into ``layout.xaxis`` (our figures have one pair of axes); returns ``fig``."""
    merge(fig["layout"].setdefault("xaxis", {}), changes)
    return fig


def update_yaxes(fig: Figure, **changes: Any) -> Figure:
    """``changes`` merged into ``layout.yaxis``; returns ``fig``."""
    merge(fig["layout"].setdefault("yaxis", {}), changes)
    return fig


def annotations_of(fig: dict) -> list[dict]:
    """The figure's annotations (a list, empty when it has none)."""
    return fig["layout"].get("annotations", [])
