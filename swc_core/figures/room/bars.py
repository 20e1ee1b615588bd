"""Bar charts of the room: counts per category, one or more series, side by side or stacked.

Every text a caller passes (category names, series names, hover lines) may
come from participants; all of it is escaped and cut here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..spec import Figure, add_trace, update_layout, update_xaxes, update_yaxes
from ..style import BAR_LINE, INK, contrast_ink
from ..text import label
from .layout import BAR_PX, CELL_TEXT, height_for, mark_empty, room_figure

CATEGORY_WRAP = 28  # characters per line of a category label
HOVER_WRAP = 50
SMALL_COUNT = 12


@dataclass(frozen=True)
class Series:
    """One bar per category; ``hover`` one text per category (lines split on "\\n")."""

    name: str
    values: Sequence[float | None]
    colour: str
    hover: Sequence[str] | None = None
    colours: Sequence[str] | None = None  # one colour per bar, instead of ``colour``


def bar_figure(title: str, categories: Sequence[str], series: Sequence[Series], *, axis: str = "",
               horizontal: bool = False, stacked: bool = False, percent: bool = False,
               empty: bool = False, nothing: str | None = None, top: float | None = None) -> Figure:
    """Bars per category; horizontal bars list the categories top to bottom in the given order.

    ``empty`` (nobody answered yet), or no category at all, gives the "nog
    geen antwoorden" figure: a row of zeros is an answer too ("nothing left
    open"), so only the caller can tell. ``nothing`` is the text for a room
    that answered but gives no category (no finding at all, say).
    ``percent`` shows values as "12%"; ``top`` fixes the end of the value axis.
    """
    rows = len(categories)
    bars = rows * (1 if stacked else len(series))
    fig = room_figure(title, height=height_for(bars, row_px=BAR_PX) if horizontal else 680)
    if empty:
        return mark_empty(fig)
    if not rows:
        return mark_empty(fig, nothing)
    ticks = list(range(rows))
    names = [label(c, 120, CATEGORY_WRAP if horizontal else max(10, 110 // rows), 3) for c in categories]
    for s in series:
        shown = [_value_text(v, percent, stacked) for v in s.values]
        hover = [label(h, 400, HOVER_WRAP) for h in s.hover] if s.hover else None
        values = list(s.values)
        where = {"y": ticks, "x": values, "orientation": "h"} if horizontal else {"x": ticks, "y": values}
        colours = list(s.colours) if s.colours else s.colour
        add_trace(fig, "bar", **where, name=label(s.name, 80, None), marker={"color": colours, "line": BAR_LINE},
                  text=shown, textposition="inside" if stacked else "outside",
                  textfont={"size": CELL_TEXT, "color": contrast_ink(s.colour) if stacked else INK},
                  insidetextanchor="middle" if stacked else None,
                  cliponaxis=False, hovertext=hover, hoverinfo="text" if hover else "skip",
                  showlegend=len(series) > 1)
    category_axis = {"tickvals": ticks, "ticktext": names, "showgrid": False}
    highest = max((v or 0 for s in series for v in s.values), default=0)
    value_axis = {"title": {"text": label(axis, None, None)}, "gridcolor": "#dddddd", "rangemode": "tozero",
                  "ticksuffix": "%" if percent else "", "range": [0, top] if top is not None else None,
                  # small counts: one tick per whole number, never "1 1 2 2"
                  "dtick": 1 if not percent and highest <= SMALL_COUNT else None}
    if horizontal:
        update_yaxes(fig, **category_axis, autorange="reversed")
        update_xaxes(fig, **value_axis)
        update_layout(fig, margin={"l": 330, "r": 60})
    else:
        update_xaxes(fig, **category_axis)
        update_yaxes(fig, **value_axis)
        update_layout(fig, margin={"b": 160, "l": 90})
    update_layout(fig, barmode="stack" if stacked else "group", uniformtext={"minsize": CELL_TEXT, "mode": "hide"},
                  font={"color": INK})
    return fig


def _value_text(value: float | None, percent: bool, stacked: bool) -> str:
    if value is None or (stacked and not value):
        return ""
    shown = f"{value:.0f}" if float(value).is_integer() or percent else f"{value:.1f}".replace(".", ",")
    return shown + ("%" if percent else "")  # Dutch decimal comma
