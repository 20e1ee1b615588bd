"""The room's own roles: every participant's point on the two axes of the survey."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...content import ContentPack
from ..role import add_quadrants, add_role_axes
from ..spec import Figure, add_trace
from ..style import ALERT
from ..text import label
from .layout import TICK, mark_empty, room_figure

POINT_NAME_CHARS = 24
END_CHARS = 26  # ~250 px at 18 px: two fit under a plot in one column of a 1920 px dashboard


@dataclass(frozen=True)
class Point:
    name: str
    focus: int  # 0..100, as the model's Role
    scope: int


def room_role_figure(title: str, points: Sequence[Point], pack: ContentPack) -> Figure:
    """The four quadrants with the survey shares, and one named point per participant."""
    fig = room_figure(title, height=820)
    if not points:
        return mark_empty(fig)
    add_quadrants(fig, pack)
    names = [label(p.name, POINT_NAME_CHARS, None) for p in points]
    add_trace(
        fig,
        "scatter",
        x=[p.focus for p in points],
        y=[p.scope for p in points],
        mode="markers+text",
        text=names,
        textposition="top center",
        textfont={"size": TICK, "color": ALERT},
        showlegend=False,
        name="room",
        marker={"size": 22, "color": ALERT, "line": {"color": "white", "width": 2}},
        hoverinfo="text",
        hovertext=[
            f"{n}<br>{label(pack.axes.focus.name, None, None)}: {p.focus}<br>"
            f"{label(pack.axes.scope.name, None, None)}: {p.scope}"
            for n, p in zip(names, points)
        ],
    )
    # the ends' names at projector size, side by side in half of a two-column dashboard's width
    add_role_axes(fig, pack, size=TICK, end_chars=END_CHARS)
    return fig
