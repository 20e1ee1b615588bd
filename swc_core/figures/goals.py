"""Geconsolideerde doelen: which party's goal is in, off the table, joint or still open."""

from __future__ import annotations

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from ..model.goals import GoalStatus
from .narrow import NARROW_TICK, shrunk, with_narrow
from .spec import Figure, add_trace, update_layout, update_xaxes, update_yaxes
from .style import PALETTE, add_empty_note, add_truncation_note, caption, new_figure
from .text import Labeller, label

# The pack's statuses carry no colour; their ids are fixed (content.schema.FIXED_IDS).
STATUS_COLOURS = {
    "open": "#d9d9d9",
    "in": "#0072B2",
    "van-tafel": "#D55E00",
    "gezamenlijk": "#009E73",
}
JOINT = "gezamenlijk"  # a goal of all parties together: its whole row is coloured
DEFAULT_STATUS = GoalStatus.model_fields["status"].default
MATRIX_W = 700  # pixels between the goal labels and the legend, to wrap party names
# On a phone (issue 16: the goals' names were cut at the left edge at 390 px, the matrix squeezed beside the
# legend): goal names wrapped narrow beside the rows, party names upright above the columns, the legend under.
NARROW_GOAL_CHARS, NARROW_GOAL_LINES = 16, 3  # a goal's name beside its row
NARROW_PARTY_CHARS = 22  # a party's name, upright above its column
NARROW_ROW_PX = 58  # px: one row, three lines of a goal's name


def goals_matrix_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """Rows: every party's goals; columns: the parties. The owner's cell (and for a
    joint goal the whole row) is coloured by the goal's status. Its narrow twin
    (``narrow.with_narrow``) lays the same matrix out for a phone's width."""
    fig = _matrix(workbook, pack, narrow=False)
    return with_narrow(fig, lambda: _matrix(workbook, pack, narrow=True))


def _matrix(workbook: Workbook, pack: ContentPack, narrow: bool) -> Figure:
    """The goals matrix, laid out for a laptop or projector, or with ``narrow`` for a phone."""
    parties = workbook.canvas.parties
    goals = [(p.id, g) for p in parties for g in p.goals]
    # a goal without text by its place, never by its internal id (labels.unnamed_goal, issue 16)
    goal_names = [
        g.text.strip() or ui_text("labels.unnamed_goal", number=n)
        for n, (_, g) in enumerate(goals, 1)
    ]
    fig = new_figure(
        pack.instrument("doelen").name, height=min(max(600, 260 + 56 * len(goals)), 4000)
    )
    statuses = list(pack.vocab.goal_statuses)
    index = {s.id: i for i, s in enumerate(statuses)}
    colours = [STATUS_COLOURS.get(s.id, PALETTE[i % len(PALETTE)]) for i, s in enumerate(statuses)]
    for s, colour in zip(statuses, colours):  # legend entries only
        add_trace(
            fig,
            "scatter",
            x=[None],
            y=[None],
            mode="markers",
            name=label(s.name, None, None),
            marker={"size": 18, "symbol": "square", "color": colour},
            hoverinfo="skip",
        )
    if not goals or not parties:
        add_empty_note(fig)
        update_xaxes(fig, visible=False)
        update_yaxes(fig, visible=False)
        return _narrowed(fig, len(goals), 0) if narrow else fig
    labeller = Labeller()
    chosen = {(g.party, g.goal): g.status for g in workbook.goals.consolidated}
    party_names = [
        p.name.strip() or ui_text("labels.unnamed_party", number=n)
        for n, p in enumerate(parties, 1)
    ]
    z, text, hover = [], [], []
    for (owner, goal), goal_name in zip(goals, goal_names):
        status = chosen.get((owner, goal.id), DEFAULT_STATUS)
        value = index.get(status)
        name = statuses[value].name if value is not None else status
        goal_text = labeller(goal_name, 300, 50)
        row_z, row_t, row_h = [], [], []
        for p, p_name in zip(parties, party_names):
            shown = value is not None and (p.id == owner or status == JOINT)
            row_z.append(value if shown else None)
            row_t.append(label(name, None, 14) if shown else "")
            row_h.append(
                f"<b>{goal_text}</b><br>{caption('hover.party')}: {labeller(p_name, 80, None)}<br>"
                f"{caption('hover.status')}: {label(name, None, None)}"
                if shown
                else ""
            )
        z.append(row_z)
        text.append(row_t)
        hover.append(row_h)
    n = len(statuses)
    scale = [step for i, c in enumerate(colours) for step in ([i / n, c], [(i + 1) / n, c])]
    add_trace(
        fig,
        "heatmap",
        z=z,
        x=list(range(len(parties))),
        y=list(range(len(goals))),
        text=text,
        texttemplate="%{text}",
        textfont={"size": 15},
        hovertext=hover,
        hoverinfo="text",
        colorscale=scale,
        zmin=-0.5,
        zmax=n - 0.5,
        showscale=False,
        xgap=4,
        ygap=4,
        name="goals",
    )
    update_xaxes(
        fig,
        side="top",
        tickvals=list(range(len(parties))),
        showgrid=False,
        zeroline=False,
        ticktext=[
            labeller(name, NARROW_PARTY_CHARS, None)
            if narrow
            else labeller(name, 40, max(12, int(MATRIX_W / len(parties) / 8.5)), 3)
            for name in party_names
        ],
        title={"text": caption("goals.party_axis")},
    )
    update_yaxes(
        fig,
        autorange="reversed",
        tickvals=list(range(len(goals))),
        showgrid=False,
        zeroline=False,
        ticktext=[
            labeller(g, 60, NARROW_GOAL_CHARS, NARROW_GOAL_LINES)
            if narrow
            else labeller(g, 60, 32, 2)
            for g in goal_names
        ],
        title={"text": caption("goals.goal_axis")},
    )
    update_layout(fig, margin={"l": 300, "t": 170}, plot_bgcolor="#f7f7f7")
    if labeller.cut:
        add_truncation_note(fig, width=36 if narrow else None)
    return _narrowed(fig, len(goals), len(parties)) if narrow else fig


def _narrowed(fig: Figure, goals: int, parties: int) -> Figure:
    """``fig`` laid out for a phone: phone-sized text (``narrow.shrunk``), room beside the rows for the goals'
    names, party names upright above the columns, the legend under the matrix. A cell is too narrow for
    its status's name there: its colour and the legend say it (the name shows on a tap)."""
    small = shrunk(fig)
    top = 90 + (int(NARROW_PARTY_CHARS * 0.62 * NARROW_TICK) if parties else 0)
    update_layout(
        small,
        height=top + 150 + NARROW_ROW_PX * max(goals, 3),
        # the goals' names push the left margin open as far as they need (the axis' automargin)
        margin={"l": 8, "r": 8, "t": top, "b": 150},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
    )
    update_xaxes(small, tickangle=-90, title={"text": ""})
    update_yaxes(small, title={"text": ""})
    for trace in small["data"]:
        if trace["type"] == "heatmap":
            trace["texttemplate"] = ""
    for note in small["layout"].get("annotations", []):
        if (
            note.get("name") == "truncated"
        ):  # from the right: the goals' names push the plot's left edge
            note.update(yshift=-10, x=1, xanchor="right", align="right")
    return small
