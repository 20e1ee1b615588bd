"""Geconsolideerde doelen: which party's goal is in, off the table, joint or still open."""

from __future__ import annotations

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from ..model.goals import GoalStatus
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


def goals_matrix_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """Rows: every party's goals; columns: the parties. The owner's cell (and for a
    joint goal the whole row) is coloured by the goal's status."""
    parties = workbook.canvas.parties
    goals = [(p.id, g) for p in parties for g in p.goals]
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
        return fig
    labeller = Labeller()
    chosen = {(g.party, g.goal): g.status for g in workbook.goals.consolidated}
    party_names = [
        p.name.strip() or ui_text("labels.unnamed_party", number=n)
        for n, p in enumerate(parties, 1)
    ]
    z, text, hover = [], [], []
    for owner, goal in goals:
        status = chosen.get((owner, goal.id), DEFAULT_STATUS)
        value = index.get(status)
        name = statuses[value].name if value is not None else status
        goal_text = labeller(goal.text or goal.id, 300, 50)
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
            labeller(name, 40, max(12, int(MATRIX_W / len(parties) / 8.5)), 3)
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
        ticktext=[labeller(g.text or g.id, 60, 32, 2) for _, g in goals],
        title={"text": caption("goals.goal_axis")},
    )
    update_layout(fig, margin={"l": 300, "t": 170}, plot_bgcolor="#f7f7f7")
    if labeller.cut:
        add_truncation_note(fig)
    return fig
