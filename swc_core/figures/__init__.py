"""Plotly pictures of a workbook, built from model objects and the content pack.

A figure is plain data, the JSON plotly.js draws (``{"data": [...], "layout":
{...}}``, see :mod:`.spec`); nothing here imports plotly. Builders never touch
the store; participant text reaches a figure only through :func:`text.label`
(escaped, truncated, wrapped).
"""

from .canvas import canvas_figure
from .competences import competence_figure
from .goals import goals_matrix_figure
from .role import role_figure, shares_figure
from .schakelbak import schakelbak_figure
from .strategy import strategy_figure
from .text import label, truncated

__all__ = [
    "canvas_figure",
    "competence_figure",
    "goals_matrix_figure",
    "label",
    "role_figure",
    "schakelbak_figure",
    "shares_figure",
    "strategy_figure",
    "truncated",
]
