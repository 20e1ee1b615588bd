"""Grids of the room: one row per participant (or team), one column per block, step or question.

Two kinds of cell: a category (filled or empty, a test answer), coloured
from a short list with a legend; or a share 0..1, shaded from white to
blue with the percentage in the cell. Rows may be grouped (by team): a line
between groups and the group's name beside it.

On a phone or an upright tablet the grid is drawn again as its narrow twin
(``swc_core/figures/narrow.py``): the columns share a phone's width, so
their names stand upright (turned a quarter) when a word would not fit
across, a group's name heads its rows instead of standing beside them, and
a cell too narrow for "100%" shows its shade only (the hover has the number).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...messages import text as ui_text
from ..narrow import NARROW_TICK, NARROW_WIDTH, shrunk, with_narrow
from ..spec import (
    Figure,
    add_annotation,
    add_shape,
    add_trace,
    update_layout,
    update_xaxes,
    update_yaxes,
)
from ..style import INK, MUTED, PALETTE, add_empty_note
from ..text import label
from .layout import CELL_TEXT, TICK, height_for, mark_empty, room_figure

ROW_LABEL_CHARS = 34
GRID_W = 760  # pixels of the plot area between the row labels and the group names (at least)
SHARE_SCALE = [[0.0, "#ffffff"], [1.0, PALETTE[0]]]
CHAR_EM = 0.55  # the average width of a character, in font sizes (Arial)
TURN = -35  # degrees: the column names of a wide grid, when a word would not fit its column
# A phone: rows of 30 px, names of rows cut to 20 characters and of columns to 30; a cell's "100%" (12 px)
# needs 34 px.
NARROW_ROW_PX, NARROW_ROW_CHARS, NARROW_COLUMN_CHARS, NARROW_TEXT_PX = 30, 20, 30, 34


@dataclass(frozen=True)
class Category:
    name: str
    colour: str


@dataclass(frozen=True)
class Cells:
    """The grid's content: row and column labels, and per cell a hover text (lines split on "\\n")."""

    rows: Sequence[str]
    columns: Sequence[str]
    hover: Sequence[Sequence[str]] | None = None
    groups: Sequence[tuple[str, int]] = ()  # (group name, how many rows) in row order


def category_grid(
    title: str,
    cells: Cells,
    values: Sequence[Sequence[int | None]],
    categories: Sequence[Category],
    empty: bool = False,
) -> Figure:
    """Each cell coloured by the index of its category (None: left blank).

    ``title``: the figure's own title, or "" for none (a dashboard panel has its heading above it).
    ``empty``: nobody answered yet; the rows are drawn (who is in the room)
    with "nog geen antwoorden" across them. Returns the projector figure, carrying its phone twin.
    """
    n = len(categories)
    scale = [
        step
        for i, c in enumerate(categories)
        for step in ([i / n, c.colour], [(i + 1) / n, c.colour])
    ]
    blank = [[""] * len(cells.columns) for _ in cells.rows]

    def draw(narrow: bool) -> Figure:
        fig = room_figure(title, height=_height(cells, narrow, legend=True))
        for c in categories:  # legend entries only
            add_trace(
                fig,
                "scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=label(c.name, 60, None),
                marker={"size": 20, "symbol": "square", "color": c.colour},
                hoverinfo="skip",
            )
        if not cells.rows or not cells.columns:
            return mark_empty(fig)
        _add_cells(
            fig, cells, values, blank, {"colorscale": scale, "zmin": -0.5, "zmax": n - 0.5}, narrow
        )
        if empty:
            add_empty_note(fig, ui_text("room.empty"))
        return fig

    return with_narrow(draw(False), lambda: _phone(draw(True), title, legend=True))


def share_grid(
    title: str, cells: Cells, shares: Sequence[Sequence[float | None]], empty: bool = False
) -> Figure:
    """Each cell shaded by its share (0..1), with the percentage written in it (none when 0); ``title`` and
    ``empty`` as above. Returns the projector figure, carrying its phone twin."""
    text = [
        [f"{round(v * 100)}%" if v else "" for v in row] for row in shares
    ]  # an empty cell reads as "none"

    def draw(narrow: bool) -> Figure:
        fig = room_figure(title, height=_height(cells, narrow, legend=False))
        if not cells.rows or not cells.columns:
            return mark_empty(fig)
        _add_cells(
            fig, cells, shares, text, {"colorscale": SHARE_SCALE, "zmin": 0, "zmax": 1}, narrow
        )
        update_layout(fig, showlegend=False, margin={"b": 40})  # no legend to make room for
        if empty:
            add_empty_note(fig, ui_text("room.empty"))
        return fig

    return with_narrow(draw(False), lambda: _phone(draw(True), title, legend=False))


@dataclass(frozen=True)
class _Columns:
    """How the column names are written: the texts, their angle, and the height they take above the grid."""

    names: list[str]
    angle: int
    top: int  # px of the top margin
    cell_text: bool  # whether a cell is wide enough for its percentage


def _columns(cells: Cells, narrow: bool) -> _Columns:
    columns = list(cells.columns)
    if not columns:
        return _Columns([], 0, 0, True)
    font = NARROW_TICK if narrow else TICK
    if narrow:
        row_px = (
            max((len(label(r, NARROW_ROW_CHARS, None)) for r in cells.rows), default=0)
            * CHAR_EM
            * font
            + 16
        )
        column_px = (NARROW_WIDTH - row_px) / len(columns)
    else:
        column_px = GRID_W / len(columns)
    chars = int(column_px / (CHAR_EM * font))
    # a word longer than the column would be broken mid-word: turn the names instead
    turned = any(len(word) > chars for c in columns for word in c.split())
    if turned:
        names = [label(c, NARROW_COLUMN_CHARS if narrow else 32, None) for c in columns]
        longest = max(len(c) for c in names) * CHAR_EM * font
        rise = longest if narrow else longest * 0.58  # sin 35°
        return _Columns(
            names, -90 if narrow else TURN, int(rise + font * 2 + 16), column_px >= NARROW_TEXT_PX
        )
    names = [label(c, 32, chars, 3) for c in columns]
    lines = max(n.count("<br>") + 1 for n in names)
    return _Columns(names, 0, int(lines * font * 1.3 + 24), column_px >= NARROW_TEXT_PX)


def _height(cells: Cells, narrow: bool, legend: bool) -> int:
    if not narrow:
        return height_for(len(cells.rows), 320)
    rows = len(cells.rows) + len(cells.groups)  # a phone gives each group a heading row
    return _columns(cells, True).top + NARROW_ROW_PX * rows + (70 if legend else 16)


def _add_cells(fig: Figure, cells: Cells, z, text, colours: dict, narrow: bool) -> None:
    rows, z, text = list(cells.rows), [list(r) for r in z], [list(r) for r in text]
    hover = [[label(h, 400, 50) for h in row] for row in cells.hover] if cells.hover else None
    names = [label(r, NARROW_ROW_CHARS if narrow else ROW_LABEL_CHARS, None) for r in rows]
    if narrow and cells.groups:
        names, z, text, hover = _with_group_rows(cells.groups, names, z, text, hover)
    columns = _columns(cells, narrow)
    if not columns.cell_text:
        text = [[""] * len(row) for row in text]
    add_trace(
        fig,
        "heatmap",
        z=z,
        x=list(range(len(cells.columns))),
        y=list(range(len(names))),
        text=text,
        texttemplate="%{text}",
        textfont={"size": CELL_TEXT},
        hovertext=hover,
        hoverinfo="text" if hover else "skip",
        showscale=False,
        xgap=2 if narrow else 3,
        ygap=2 if narrow else 3,
        name="cells",
        **colours,
    )
    last_px = (
        (len(cells.columns[-1]) if columns.angle == TURN else 0) * CHAR_EM * TICK * 0.82
    )  # cos 35°
    update_xaxes(
        fig,
        side="top",
        tickvals=list(range(len(cells.columns))),
        showgrid=False,
        zeroline=False,
        tickangle=columns.angle,
        ticktext=columns.names,
        ticklabeloverflow="allow",
    )
    update_yaxes(
        fig,
        autorange="reversed",
        tickvals=list(range(len(names))),
        showgrid=False,
        zeroline=False,
        ticktext=names,
    )
    right = 200 if cells.groups and not narrow else 40
    update_layout(
        fig,
        margin={"l": 300, "r": max(right, int(last_px) + 20), "t": columns.top},
        plot_bgcolor="#f2f2f2",
    )
    if not narrow:
        _add_groups(fig, cells.groups, len(cells.columns))


def _with_group_rows(groups, names, z, text, hover):
    """The rows with a heading row (the group's name in bold, no cells) above each group."""
    out = ([], [], [], [] if hover is not None else None)
    start = 0
    for name, size in groups:
        width = len(z[0]) if z else 0
        rows = [
            (
                f"<b>{label(name, NARROW_ROW_CHARS, None)}</b>",
                [None] * width,
                [""] * width,
                [""] * width,
            )
        ]
        rows += [
            (names[i], z[i], text[i], hover[i] if hover else None)
            for i in range(start, start + size)
        ]
        for row in rows:
            for part, value in zip(out, row):
                if part is not None:
                    part.append(value)
        start += size
    return out


def _phone(fig: Figure, title: str, legend: bool) -> Figure:
    """The narrow drawing with phone-sized text (``narrow.shrunk``), its margins kept to what it needs."""
    small = shrunk(fig)
    margin = small["layout"]["margin"]
    margin["b"] = 60 if legend else 8
    if title:
        margin["t"] += 60  # the wrapped title above the column names
    return small


def _add_groups(fig: Figure, groups: Sequence[tuple[str, int]], columns: int) -> None:
    """A line under each group but the last, and the group's name to the right of its rows."""
    start = 0
    for i, (name, size) in enumerate(groups):
        add_annotation(
            fig,
            x=1,
            y=start + (size - 1) / 2,
            xref="paper",
            yref="y",
            xanchor="left",
            xshift=12,
            showarrow=False,
            align="left",
            text=f"<b>{label(name, 60, 16, 3)}</b>",
            font={"size": TICK, "color": INK},
            name="group",
        )
        start += size
        if i < len(groups) - 1:
            add_shape(
                fig,
                type="line",
                x0=-0.5,
                x1=columns - 0.5,
                y0=start - 0.5,
                y1=start - 0.5,
                line={"color": MUTED, "width": 4},
                name="group-line",
            )
