"""A figure's narrow twin: the same picture laid out for a phone or an upright tablet.

Plotly scales a figure's shapes and axes to the width it is drawn at, never
its text: the canvas laid out for 1,200 px and drawn at 390 px puts 15 px
text in blocks a third of their size, where it runs over the next block.
Such a figure carries a builder of its narrow twin (blocks one under the
other, text wrapped for a phone); a live page sends both and lets the
browser show the one that fits the screen (``widgets/figure_view.py``,
breakpoint :data:`NARROW_BELOW`). Handouts and exports use the figure itself:
they print on a page of known width.
"""

from __future__ import annotations

from typing import Callable

from .spec import Figure, copy_of

NARROW_BELOW = 1100  # px of screen width below which a live page shows the narrow twin
NARROW_WIDTH = 340  # px: the plot width a twin's text is wrapped for (a 390 px phone, less margins)
MIN_TEXT_PX = 12  # px: the smallest text of a figure on a screen, and on paper (12 px = 9 pt)


def with_narrow(fig: Figure, build: Callable[[], Figure]) -> Figure:
    """``fig``, carrying ``build`` (called only when a live page needs the twin); returns ``fig``."""
    fig.narrow = build
    return fig


def narrow_of(fig) -> Figure | None:
    """The narrow twin of ``fig``, built now, or None when ``fig`` reads well at any width (or is a
    plain dict without a twin). No text in it is smaller than :data:`MIN_TEXT_PX`."""
    build = getattr(fig, "narrow", None)
    return floor_fonts(build(), MIN_TEXT_PX) if build is not None else None


_FONT_KEYS = ("font", "tickfont", "textfont", "insidetextfont", "outsidetextfont")


def floor_fonts(fig: dict, least: float) -> dict:
    """``fig`` (a ``{data, layout}`` dict, changed in place and returned) with no font size under ``least``.

    Every ``font``-like attribute of the layout, its axes, legend, title, annotations and hover labels,
    and of every trace (a size per point too), is raised to ``least``; the layout's own font, which the
    rest inherits where it sets no size, is set to at least ``least``.
    """
    layout = fig.setdefault("layout", {})
    font = layout.setdefault("font", {})
    font["size"] = max(font.get("size") or least, least)
    for item in [layout, *fig.get("data", [])]:
        _floor(item, least)
    return fig


def _floor(item, least: float) -> None:
    if isinstance(item, list):
        for element in item:
            _floor(element, least)
        return
    if not isinstance(item, dict):
        return
    for key, value in item.items():
        if key in _FONT_KEYS and isinstance(value, dict) and value.get("size") is not None:
            size = value["size"]
            value["size"] = (
                [max(s, least) for s in size] if isinstance(size, list) else max(size, least)
            )
        if key not in ("x", "y", "z", "text", "hovertext", "customdata", "values", "labels"):
            _floor(value, least)


NARROW_TITLE = 20  # px: a figure's title on a phone (26-30 px on a laptop or projector)
NARROW_BODY = 14  # px: the largest body text
NARROW_TICK = 13  # px: tick labels and legend
NARROW_TITLE_CHARS = 28  # a title wraps after this many characters
TITLE_LINE_PX = 26  # one line of a title at NARROW_TITLE px
HEATMAP_TEXT = 12  # px: the text in a grid's cells, a phone's width shared by up to ten columns


def shrunk(fig: Figure) -> Figure:
    """A deep copy of ``fig`` for a phone: the same data, its title wrapped, no text above the phone sizes,
    slim side margins. The twin of a chart whose text is not laid out to its width (bars, grids, the
    quadrant)."""
    small = copy_of(fig)
    layout = small["layout"]
    title = layout.setdefault("title", {})
    if title.get("text"):
        title["text"] = _wrapped_title(title["text"])
    _cap(title, NARROW_TITLE, NARROW_TITLE)
    _cap(layout, NARROW_BODY, NARROW_BODY)
    layout.setdefault("hoverlabel", {}).setdefault("font", {})["size"] = NARROW_BODY
    legend = layout.setdefault("legend", {})
    legend.setdefault("font", {})["size"] = NARROW_TICK
    margin = layout.setdefault("margin", {})
    margin["l"] = min(margin.get("l", 80), 8)
    margin["r"] = min(margin.get("r", 80), 8)
    if title.get(
        "text"
    ):  # the title at the top, and a legend above the plot below it, not beside it
        on_top = (
            legend.get("orientation") == "h"
            and (legend.get("y") or 0) >= 1
            and legend.get("yref") != "container"
        )
        lines = title["text"].count("<br>") + 1
        # plotly.js anchors only the first line of a title at its top: the padding makes room for the others
        title.update(
            y=1, yref="container", yanchor="top", pad={"t": 8 + TITLE_LINE_PX * (lines - 1)}
        )
        margin["t"] = max(margin.get("t") or 0, 20 + TITLE_LINE_PX * lines + (36 if on_top else 12))
    for axis in ("xaxis", "yaxis"):
        axis = layout.setdefault(axis, {})
        axis.setdefault("tickfont", {})["size"] = NARROW_TICK
        axis.setdefault("title", {}).setdefault("font", {})["size"] = NARROW_BODY
    for note in layout.get("annotations", []):
        _cap(note, NARROW_BODY, NARROW_BODY + 4)
    for trace in small["data"]:
        textfont = trace.get("textfont")
        if trace["type"] == "heatmap":
            trace.setdefault("textfont", {})["size"] = HEATMAP_TEXT
        elif textfont and textfont.get("size"):
            textfont["size"] = min(textfont["size"], NARROW_BODY)
    return small


def _cap(item: dict, unset: int, most: int) -> None:
    """``item["font"]["size"]`` at most ``most`` (``unset``, capped, where it has none)."""
    font = item.setdefault("font", {})
    font["size"] = min(font.get("size") or unset, most)


def _wrapped_title(title: str) -> str:
    """``title`` (escaped text, possibly in ``<b>``) with ``<br>`` so each line fits a phone."""
    import textwrap

    bold = title.startswith("<b>") and title.endswith("</b>")
    inner = title[3:-4] if bold else title
    lines = [
        line
        for part in inner.split("<br>")
        for line in textwrap.wrap(part, NARROW_TITLE_CHARS) or [""]
    ]
    joined = "<br>".join(lines)
    return f"<b>{joined}</b>" if bold else joined
