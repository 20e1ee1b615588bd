"""The projector look of the room dashboards: the house style with larger type.

A plenary room reads the figure from the back row: body text >= 18 px,
titles larger still, no tick label below 18 px, and the height grows with
the number of rows so no label is squeezed.
"""

from __future__ import annotations

from ...messages import text as ui_text
from ..spec import Figure, update_layout, update_xaxes, update_yaxes
from ..style import INK, WIDTH, add_empty_note, new_figure

BODY = 20  # base font of every room figure
TICK = 18  # the smallest text on a room figure
TITLE = 30
CELL_TEXT = 20
ROW_PX = 52  # one participant row in a grid
BAR_PX = 72  # one horizontal bar: room for a category label of three lines
MIN_HEIGHT, MAX_HEIGHT = 560, 3000
# light to dark, for the points of an ordered scale (Brewer "Blues", readable in greyscale)
RAMP = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
LEGEND_PX = 150  # bottom margin: the value axis title and a legend of up to two rows
UNTITLED_TOP = (
    30  # top margin of a figure without a title: room for the count written above the highest bar
)


def height_for(rows: int, extra: int = 260, row_px: int = ROW_PX) -> int:
    """A figure height that gives each of ``rows`` rows ``row_px`` pixels (labels of 18 px)."""
    return max(MIN_HEIGHT, min(MAX_HEIGHT, extra + row_px * rows))


def room_figure(title: str, height: int = MIN_HEIGHT, axes: bool = True) -> Figure:
    """An empty projector figure; ``title`` is escaped (by :func:`new_figure`), or "" for a figure without
    one: a dashboard panel's figure sits right under the panel's heading, which says what it shows."""
    fig = new_figure(title, width=WIDTH, height=height, axes=axes)
    if title:
        update_layout(fig, title={"font": {"size": TITLE}})
    else:
        del fig["layout"]["title"]
        update_layout(fig, margin={"t": UNTITLED_TOP})
    update_layout(
        fig,
        font={"size": BODY, "color": INK},
        hoverlabel={"font": {"size": BODY}},
        # below everything, so the legend never runs into the title or the top labels
        legend={
            "font": {"size": TICK},
            "orientation": "h",
            "yref": "container",
            "y": 0.01,
            "yanchor": "bottom",
            "x": 0.02,
            "xanchor": "left",
            "traceorder": "normal",
        },
        margin={"b": LEGEND_PX},
    )
    update_xaxes(fig, tickfont={"size": TICK}, title={"font": {"size": BODY}}, fixedrange=True)
    update_yaxes(fig, tickfont={"size": TICK}, title={"font": {"size": BODY}}, fixedrange=True)
    return fig


def mark_empty(fig: Figure, message: str | None = None) -> Figure:
    """``message`` (by default "nog geen antwoorden") across an empty room figure, axes hidden."""
    add_empty_note(fig, message or ui_text("room.empty"))
    update_xaxes(fig, visible=False)
    update_yaxes(fig, visible=False)
    return fig


def ramp(n: int) -> list[str]:
    """``n`` colours from light to dark for an ordered scale."""
    if n <= 1:
        return list(RAMP[-1:]) * n
    return [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]
