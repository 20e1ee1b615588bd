"""Grids of the room: one row per participant (or team), one column per block, step or question.

Two kinds of cell: a category (filled or empty, a test answer), coloured
from a short list with a legend; or a share 0..1, shaded from white to
blue with the percentage in the cell. Rows may be grouped (by team): a line
between groups and the group's name beside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...messages import text as ui_text
from ..spec import Figure, add_annotation, add_shape, add_trace, update_layout, update_xaxes, update_yaxes
from ..style import INK, MUTED, PALETTE, add_empty_note
from ..text import label
from .layout import CELL_TEXT, TICK, height_for, mark_empty, room_figure

ROW_LABEL_CHARS = 34
GRID_W = 760  # pixels of the plot area between the row labels and the group names (at least)
SHARE_SCALE = [[0.0, "#ffffff"], [1.0, PALETTE[0]]]


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


def category_grid(title: str, cells: Cells, values: Sequence[Sequence[int | None]],
                  categories: Sequence[Category], empty: bool = False) -> Figure:
    """Each cell coloured by the index of its category (None: left blank).

    ``empty``: nobody answered yet; the rows are drawn (who is in the room)
    with "nog geen antwoorden" across them.
    """
    fig = room_figure(title, height=height_for(len(cells.rows), 320))
    for c in categories:  # legend entries only
        add_trace(fig, "scatter", x=[None], y=[None], mode="markers", name=label(c.name, 60, None),
                  marker={"size": 20, "symbol": "square", "color": c.colour}, hoverinfo="skip")
    if not cells.rows or not cells.columns:
        return mark_empty(fig)
    n = len(categories)
    scale = [step for i, c in enumerate(categories) for step in ([i / n, c.colour], [(i + 1) / n, c.colour])]
    _add_cells(fig, cells, values, [[""] * len(cells.columns) for _ in cells.rows],
               {"colorscale": scale, "zmin": -0.5, "zmax": n - 0.5})
    if empty:
        add_empty_note(fig, ui_text("room.empty"))
    return fig


def share_grid(title: str, cells: Cells, shares: Sequence[Sequence[float | None]], empty: bool = False) -> Figure:
    """Each cell shaded by its share (0..1), with the percentage written in it (none when 0); ``empty`` as above."""
    fig = room_figure(title, height=height_for(len(cells.rows), 320))
    if not cells.rows or not cells.columns:
        return mark_empty(fig)
    text = [[f"{round(v * 100)}%" if v else "" for v in row] for row in shares]  # an empty cell reads as "none"
    _add_cells(fig, cells, shares, text, {"colorscale": SHARE_SCALE, "zmin": 0, "zmax": 1})
    update_layout(fig, showlegend=False)
    if empty:
        add_empty_note(fig, ui_text("room.empty"))
    return fig


def _add_cells(fig: Figure, cells: Cells, z, text, colours: dict) -> None:
    rows, columns = list(cells.rows), list(cells.columns)
    hover = [[label(h, 400, 50) for h in row] for row in cells.hover] if cells.hover else None
    add_trace(fig, "heatmap", z=[list(r) for r in z], x=list(range(len(columns))), y=list(range(len(rows))),
              text=text, texttemplate="%{text}", textfont={"size": CELL_TEXT},
              hovertext=hover, hoverinfo="text" if hover else "skip", showscale=False,
              xgap=3, ygap=3, name="cells", **colours)
    column_chars = int(GRID_W / len(columns) / (0.55 * TICK))
    # a word longer than the column would be broken mid-word: turn the names instead
    turned = any(len(word) > column_chars for c in columns for word in c.split())
    update_xaxes(fig, side="top", tickvals=list(range(len(columns))), showgrid=False, zeroline=False,
                 tickangle=-35 if turned else 0,
                 ticktext=[label(c, 32, None if turned else column_chars, 1 if turned else 3) for c in columns])
    update_yaxes(fig, autorange="reversed", tickvals=list(range(len(rows))), showgrid=False, zeroline=False,
                 ticktext=[label(r, ROW_LABEL_CHARS, None) for r in rows])
    update_layout(fig, margin={"l": 300, "r": 200 if cells.groups else 40, "t": 260 if turned else 190},
                  plot_bgcolor="#f2f2f2")
    _add_groups(fig, cells.groups, len(columns))


def _add_groups(fig: Figure, groups: Sequence[tuple[str, int]], columns: int) -> None:
    """A line under each group but the last, and the group's name to the right of its rows."""
    start = 0
    for i, (name, size) in enumerate(groups):
        add_annotation(fig, x=1, y=start + (size - 1) / 2, xref="paper", yref="y", xanchor="left", xshift=12,
                       showarrow=False, align="left", text=f"<b>{label(name, 60, 16, 3)}</b>",
                       font={"size": TICK, "color": INK}, name="group")
        start += size
        if i < len(groups) - 1:
            add_shape(fig, type="line", x0=-0.5, x1=columns - 0.5, y0=start - 0.5, y1=start - 0.5,
                      line={"color": MUTED, "width": 4}, name="group-line")
