"""The shared look of the workbook figures: projector-sized, high contrast.

Only layout lives here; participant text passes through :mod:`.text`.
Colours the content pack does not carry (goal statuses, roles) are the
colour-blind-safe defaults below.
"""

from __future__ import annotations

from ..messages import text as ui_text
from .narrow import shrunk, with_narrow
from .spec import Figure, add_annotation, new
from .text import label

FONT = "Arial, Helvetica, sans-serif"
INK = "#111111"  # near-black: readable on a washed-out projector
MUTED = "#555555"
EMPTY_FILL = "#e6e6e6"
NO_FORM = "#9e9e9e"  # a part or route without a form yet
ALERT = "#c0392b"  # findings and the truncation note
# Okabe-Ito, for series the pack gives no colour
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TITLE_SIZE = 26
BODY_SIZE = 16
WIDTH, HEIGHT = 1200, 800
# What plotly's default "plotly" template gave our figures and they still need, now that a figure is
# plain data without a template: white, invisible grid and zero lines (a value axis sets its own grey
# grid), no tick marks, margins that grow to fit tick labels, hover text aligned left.
AXIS = {
    "gridcolor": "white",
    "linecolor": "white",
    "zerolinecolor": "white",
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 15},
}
BAR_LINE = {"color": "#E5ECF6", "width": 0.5}  # the template's thin outline of a bar


def new_figure(title: str, width: int = WIDTH, height: int = HEIGHT, axes: bool = True) -> Figure:
    """An empty figure (plain data, :mod:`.spec`) with the house layout; ``title`` is escaped here. It
    carries a narrow twin for a phone (``narrow.shrunk`` of the figure as it is once built)."""
    fig = new(
        {
            "title": {
                "text": f"<b>{label(title, None, None)}</b>",
                "x": 0.02,
                "font": {"size": TITLE_SIZE},
            },
            "width": width,
            "height": height,
            "font": {"family": FONT, "size": BODY_SIZE, "color": INK},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "margin": {"l": 40, "r": 40, "t": 80, "b": 70},
            "hoverlabel": {"font": {"size": BODY_SIZE}, "bgcolor": "white", "align": "left"},
            "hovermode": "closest",
            "autotypenumbers": "strict",
            # new() copies nested dicts, so each figure gets its own axes; None leaves "visible" unset
            "xaxis": {**AXIS, "visible": None if axes else False},
            "yaxis": {**AXIS, "visible": None if axes else False},
        }
    )
    # on a phone: the finished figure with phone-sized text (a builder that lays text out replaces this)
    return with_narrow(fig, lambda: shrunk(fig))


def caption(key: str, **values) -> str:
    """The screen text ``figures.<key>`` of the message catalogue, escaped for plotly."""
    return label(ui_text(f"figures.{key}", **values), None, None)


def add_empty_note(fig: Figure, message: str | None = None, top: bool = False) -> None:
    """A large "nog niets ingevuld" so an empty figure reads as empty, not broken;
    centred, or with ``top`` beside the title where the plot itself is full."""
    where = {"x": 1, "y": 1, "yshift": 50, "xanchor": "right"} if top else {"x": 0.5, "y": 0.5}
    add_annotation(
        fig,
        text=label(message or ui_text("figures.empty"), None, None),
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 28, "color": MUTED},
        bgcolor="rgba(255,255,255,0.85)",
        name="empty",
        **where,
    )


def add_truncation_note(fig: Figure, width: int | None = None) -> None:
    """The visible note that some text was cut (the full text is in the workbook); ``width``: wrap it
    after that many characters (a phone)."""
    add_annotation(
        fig,
        text=label(ui_text("figures.truncated"), None, width),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-45,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 15, "color": ALERT},
        name="truncated",
    )


def contrast_ink(colour: str) -> str:
    """Black or white, whichever reads better on the hex ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if luminance > 0.5 else "white"


def tint(colour: str, amount: float = 0.75) -> str:
    """``colour`` mixed with white; ``amount`` 1 is white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)
