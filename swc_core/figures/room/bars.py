"""Bar charts of the room: counts per category, one or more series, side by side or stacked.

Every text a caller passes (category names, series names, hover lines) may
come from participants; all of it is escaped and cut here.

On a phone or an upright tablet the chart is drawn again as its narrow twin
(``swc_core/figures/narrow.py``): always horizontal, each category's name
wrapped beside its bar, so no name is turned, cut or dropped, whatever the
number of categories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..narrow import NARROW_TICK, shrunk, with_narrow
from ..spec import Figure, add_trace, update_layout, update_xaxes, update_yaxes
from ..style import BAR_LINE, INK, contrast_ink
from ..text import label
from .layout import BAR_PX, CELL_TEXT, height_for, mark_empty, room_figure

CATEGORY_WRAP = 28  # characters per line of a category label
HOVER_WRAP = 50
SMALL_COUNT = 12
# A phone: a category's name takes about 40% of a 340 px plot (18 characters of 13 px) and up to four lines.
NARROW_WRAP, NARROW_LINES = 18, 4
NARROW_LINE_PX = 18  # one line of a category label at NARROW_TICK px, with its leading
NARROW_BAR_PX = 16  # the least height of one bar on a phone
NARROW_AXIS_PX = 70  # px under the bars: the value axis and its title
NARROW_AXIS_CHARS = (
    26  # characters per line of the value axis's title: half a phone's width, the bars' part
)
NARROW_LEGEND_PX = 80  # px more for a legend of up to three rows
NARROW_MIN_HEIGHT = 300  # px: room for "nog geen antwoorden"


@dataclass(frozen=True)
class Series:
    """One bar per category; ``hover`` one text per category (lines split on "\\n")."""

    name: str
    values: Sequence[float | None]
    colour: str
    hover: Sequence[str] | None = None
    colours: Sequence[str] | None = None  # one colour per bar, instead of ``colour``


@dataclass(frozen=True)
class _Bars:
    """What a bar chart shows, drawn twice: for the projector and for a phone."""

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    axis: str
    stacked: bool
    percent: bool
    empty: bool
    nothing: str | None
    top: float | None


def bar_figure(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    axis: str = "",
    horizontal: bool = False,
    stacked: bool = False,
    percent: bool = False,
    empty: bool = False,
    nothing: str | None = None,
    top: float | None = None,
) -> Figure:
    """Bars per category; horizontal bars list the categories top to bottom in the given order.

    ``title``: the figure's own title, or "" for none (a dashboard panel has its heading above it).
    ``empty`` (nobody answered yet), or no category at all, gives the "nog
    geen antwoorden" figure: a row of zeros is an answer too ("nothing left
    open"), so only the caller can tell. ``nothing`` is the text for a room
    that answered but gives no category (no finding at all, say).
    ``percent`` shows values as "12%"; ``top`` fixes the end of the value axis.
    Returns the projector figure, carrying its phone twin (horizontal, names wrapped beside the bars).
    """
    bars = _Bars(title, list(categories), list(series), axis, stacked, percent, empty, nothing, top)
    return with_narrow(_draw(bars, horizontal), lambda: _narrow(bars))


def _draw(bars: _Bars, horizontal: bool, narrow: bool = False) -> Figure:
    rows = len(bars.categories)
    count = rows * (1 if bars.stacked else len(bars.series))
    if narrow:
        names = [_name(c, NARROW_WRAP, NARROW_LINES) for c in bars.categories]
        height = _narrow_height(names, bars)
    else:
        names = [
            _name(c, CATEGORY_WRAP if horizontal else max(10, 110 // max(rows, 1)), 3)
            for c in bars.categories
        ]
        height = height_for(count, row_px=BAR_PX) if horizontal else 680
    fig = room_figure(bars.title, height=height)
    if bars.empty:
        return mark_empty(fig)
    if not rows:
        return mark_empty(fig, bars.nothing)
    ticks = list(range(rows))
    for s in bars.series:
        _add_series(fig, s, ticks, horizontal, bars)
    category_axis = {"tickvals": ticks, "ticktext": names, "showgrid": False}
    highest = max((v or 0 for s in bars.series for v in s.values), default=0)
    value_axis = {
        "title": {"text": label(bars.axis, None, None)},
        "gridcolor": "#dddddd",
        "rangemode": "tozero",
        "ticksuffix": "%" if bars.percent else "",
        "range": [0, bars.top] if bars.top is not None else None,
        # small counts: one tick per whole number, never "1 1 2 2"
        "dtick": 1 if not bars.percent and highest <= SMALL_COUNT else None,
    }
    if horizontal:
        update_yaxes(fig, **category_axis, autorange="reversed")
        update_xaxes(fig, **value_axis)
        update_layout(fig, margin={"l": 330, "r": 60})
    else:
        update_xaxes(fig, **category_axis)
        update_yaxes(fig, **value_axis)
        update_layout(fig, margin={"b": 160, "l": 90})
    update_layout(
        fig,
        barmode="stack" if bars.stacked else "group",
        uniformtext={"minsize": CELL_TEXT, "mode": "hide"},
        font={"color": INK},
    )
    return fig


def _name(category: str, wrap: int, lines: int) -> str:
    """A category's name wrapped at ``wrap`` characters, or at its longest word: never inside a word."""
    longest = max((len(word) for word in category.split()), default=0)
    return label(category, 120, max(wrap, longest), lines)


def _add_series(fig: Figure, s: Series, ticks: list[int], horizontal: bool, bars: _Bars) -> None:
    shown = [_value_text(v, bars.percent, bars.stacked) for v in s.values]
    hover = [label(h, 400, HOVER_WRAP) for h in s.hover] if s.hover else None
    values = list(s.values)
    where = (
        {"y": ticks, "x": values, "orientation": "h"} if horizontal else {"x": ticks, "y": values}
    )
    colours = list(s.colours) if s.colours else s.colour
    add_trace(
        fig,
        "bar",
        **where,
        name=label(s.name, 80, None),
        marker={"color": colours, "line": BAR_LINE},
        text=shown,
        textposition="inside" if bars.stacked else "outside",
        textfont={"size": CELL_TEXT, "color": contrast_ink(s.colour) if bars.stacked else INK},
        insidetextanchor="middle" if bars.stacked else None,
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text" if hover else "skip",
        showlegend=len(bars.series) > 1,
    )


def _narrow(bars: _Bars) -> Figure:
    """The phone twin: horizontal bars, names wrapped beside them, phone-sized text."""
    small = shrunk(_draw(bars, horizontal=True, narrow=True))
    layout = small["layout"]
    # the value axis's title under the bars, wrapped: centred on the bars alone, it ran off a phone's edge
    layout["xaxis"]["title"]["text"] = label(bars.axis, None, NARROW_AXIS_CHARS)
    layout["margin"].update(
        r=36, b=_narrow_bottom(bars)
    )  # r: the count written after the longest bar
    if not bars.title:
        layout["margin"]["t"] = 16
    layout["uniformtext"] = {"minsize": NARROW_TICK, "mode": "hide"}
    return small


def _narrow_bottom(bars: _Bars) -> int:
    lines = len(label(bars.axis, None, NARROW_AXIS_CHARS).split("<br>"))
    return (
        NARROW_AXIS_PX
        + NARROW_LINE_PX * (lines - 1)
        + (NARROW_LEGEND_PX if len(bars.series) > 1 else 0)
    )


def _narrow_height(names: Sequence[str], bars: _Bars) -> int:
    """Every category as tall as its longest name, or its bars, needs on a phone."""
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    row = (
        max(lines * NARROW_LINE_PX, (1 if bars.stacked else len(bars.series)) * NARROW_BAR_PX) + 14
    )
    return max(NARROW_MIN_HEIGHT, _narrow_bottom(bars) + 30 + row * len(names))


def _value_text(value: float | None, percent: bool, stacked: bool) -> str:
    if value is None or (stacked and not value):
        return ""
    shown = (
        f"{value:.0f}" if float(value).is_integer() or percent else f"{value:.1f}".replace(".", ",")
    )
    return shown + ("%" if percent else "")  # Dutch decimal comma
