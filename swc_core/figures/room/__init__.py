"""Projector figures of the room dashboards: bars, grids and the role placement.

The builders take plain labels and numbers (the aggregation is in
:mod:`swc_core.room`); every label is escaped and cut here, so a
participant's text is safe whatever the caller passes.
"""

from .bars import Series, bar_figure
from .grid import Category, Cells, category_grid, share_grid
from .layout import mark_empty, ramp, room_figure
from .role import Point, room_role_figure

__all__ = [
    "Category",
    "Cells",
    "Point",
    "Series",
    "bar_figure",
    "category_grid",
    "mark_empty",
    "ramp",
    "room_figure",
    "room_role_figure",
    "share_grid",
]
