"""The realisation strategy: the tasks, grouped by the route (form) that realises them."""

from __future__ import annotations

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from ..model.strategy import Route
from .narrow import NARROW_BODY, NARROW_TITLE, NARROW_WIDTH, with_narrow
from .spec import (
    Figure,
    add_annotation,
    add_hover_points,
    add_shape,
    update_layout,
    update_xaxes,
    update_yaxes,
)
from .style import (
    INK,
    NO_FORM,
    add_empty_note,
    add_truncation_note,
    caption,
    contrast_ink,
    new_figure,
    tint,
)
from .text import Labeller, label

SLOT_PX = 130  # height of one card slot
NARROW_HEAD_PX, NARROW_CARD_PX = (
    44,
    104,
)  # on a phone: a route's heading, one card (four lines of text)
CARD_FONT = 18
PLOT_W = 1120


def strategy_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """One column per route in the pack's order, headed in the form's colour;
    each task a card in that column. Tasks without a route get their own column."""
    columns = _columns(workbook.realisation, pack)
    tallest = max((len(tasks) for _, _, tasks in columns), default=0)
    fig = new_figure(
        pack.instrument("realisatie").name, height=max(520, 220 + SLOT_PX * tallest), axes=False
    )
    labeller = Labeller()
    column_px = PLOT_W / len(columns)
    chars = max(int(column_px * 0.9 / (0.53 * CARD_FONT)) - 2, 10)
    for i, (name, colour, tasks) in enumerate(columns):
        add_shape(
            fig,
            type="rect",
            x0=i + 0.02,
            x1=i + 0.98,
            y0=0.1,
            y1=0.5,
            layer="below",
            fillcolor=colour,
            line={"width": 0},
            name="route",
        )
        add_annotation(
            fig,
            x=i + 0.5,
            y=0.3,
            xref="x",
            yref="y",
            showarrow=False,
            text=f"<b>{label(name, None, int(column_px * 0.9 / (0.5 * 19)))}</b>",
            font={"size": 19, "color": contrast_ink(colour)},
            name="route",
        )
        xs, ys, hover = [], [], []
        for k, r in enumerate(tasks):
            top, bottom = -k - 0.08, -k - 0.92
            add_shape(
                fig,
                type="rect",
                x0=i + 0.04,
                x1=i + 0.96,
                y0=bottom,
                y1=top,
                layer="below",
                fillcolor=tint(colour, 0.8),
                line={"color": colour, "width": 3},
                name=r.id,
            )
            add_annotation(
                fig,
                x=i + 0.08,
                y=top - 0.06,
                xref="x",
                yref="y",
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                text=labeller(task_name(r, workbook.realisation), chars * 4, chars, 4),
                font={"size": CARD_FONT, "color": INK},
                name="task",
            )
            xs.append(i + 0.5)
            ys.append((top + bottom) / 2)
            lines = [
                f"<b>{labeller(task_name(r, workbook.realisation), 300, 50)}</b>",
                f"{caption('hover.route')}: {label(name, None, None)}",
            ]
            if r.connection.strip():
                lines.append(f"{caption('hover.connection')}: {labeller(r.connection, 300, 50)}")
            hover.append("<br>".join(lines))
        add_hover_points(fig, xs, ys, hover, size=40, name="tasks")  # over the cards
    update_xaxes(fig, range=[0, len(columns)], fixedrange=True)
    update_yaxes(fig, range=[-max(tallest, 1) - 0.05, 0.55], fixedrange=True)
    if not workbook.realisation:
        add_empty_note(fig)
    if labeller.cut:
        add_truncation_note(fig)
    return with_narrow(fig, lambda: narrow_strategy_figure(workbook, pack))


def narrow_strategy_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """The strategy on a phone: the routes one under the other, each heading followed by its cards."""
    columns = _columns(workbook.realisation, pack)
    cards = sum(len(tasks) for _, _, tasks in columns)
    total = len(columns) * NARROW_HEAD_PX + cards * NARROW_CARD_PX
    fig = new_figure(
        pack.instrument("realisatie").name, width=NARROW_WIDTH + 8, height=total + 150, axes=False
    )
    update_layout(
        fig, margin={"l": 4, "r": 4, "t": 70, "b": 80}, title={"font": {"size": NARROW_TITLE}}
    )
    labeller = Labeller()
    chars = int(NARROW_WIDTH * 0.9 / (0.55 * NARROW_BODY))
    top = 0.0
    for name, colour, tasks in columns:
        add_shape(
            fig,
            type="rect",
            x0=0,
            x1=1,
            y0=top - NARROW_HEAD_PX + 4,
            y1=top,
            layer="below",
            fillcolor=colour,
            line={"width": 0},
            name="route",
        )
        add_annotation(
            fig,
            x=0.5,
            y=top - NARROW_HEAD_PX / 2 + 2,
            showarrow=False,
            text=f"<b>{label(name, None, 34)}</b>",
            font={"size": NARROW_BODY + 2, "color": contrast_ink(colour)},
            name="route",
        )
        top -= NARROW_HEAD_PX
        for r in tasks:
            add_shape(
                fig,
                type="rect",
                x0=0.03,
                x1=1,
                y0=top - NARROW_CARD_PX + 6,
                y1=top,
                layer="below",
                fillcolor=tint(colour, 0.8),
                line={"color": colour, "width": 3},
                name=r.id,
            )
            add_annotation(
                fig,
                x=0.06,
                y=top - 8,
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                text=labeller(task_name(r, workbook.realisation), chars * 4, chars, 4),
                font={"size": NARROW_BODY, "color": INK},
                name="task",
            )
            top -= NARROW_CARD_PX
    update_xaxes(fig, range=[0, 1], fixedrange=True)
    update_yaxes(fig, range=[top, 0], fixedrange=True)
    if not workbook.realisation:
        add_empty_note(fig)
    if labeller.cut:
        add_truncation_note(fig, width=36)
    return fig


def _columns(routes: list[Route], pack: ContentPack) -> list[tuple[str, str, list[Route]]]:
    """(route name, colour, tasks) per route of the pack, plus one for tasks without a known route."""
    forms = {f.id: f for f in pack.forms}
    ids = [r for r in pack.vocab.realisation_routes if r in forms]
    columns = [(forms[r].name, forms[r].colour, [t for t in routes if t.route == r]) for r in ids]
    loose = [t for t in routes if t.route not in ids]
    if loose:
        columns.append((ui_text("figures.no_route"), NO_FORM, loose))
    return columns


def task_name(route: Route, routes: list[Route]) -> str:
    """A task's text, or for a task without text its place in the strategy ("naamloze opgave 2",
    ``labels.unnamed_task``), never its internal id (issue 16)."""
    if route.task.strip():
        return route.task
    return ui_text("labels.unnamed_task", number=routes.index(route) + 1)
