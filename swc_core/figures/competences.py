"""The competence self-assessment: intake against end score per competence."""

from __future__ import annotations

from ..content import ContentPack
from ..model import Workbook
from .spec import Figure, add_trace, update_layout, update_xaxes, update_yaxes
from .style import BAR_LINE, PALETTE, add_empty_note, caption, new_figure
from .text import label


def competence_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """Grouped bars on the pack's 1–5 scale: the intake score and the end score of each competence."""
    fig = new_figure(pack.instrument("competenties").name)
    ticks = list(range(len(pack.competences)))
    names = [label(c.name, None, 16) for c in pack.competences]
    hover = [label(c.statement, None, 50) for c in pack.competences]
    for key, scores, colour in (
        ("intake", workbook.competences_intake, PALETTE[4]),
        ("end", workbook.competences_end, PALETTE[0]),
    ):
        values = [scores.get(c.id) for c in pack.competences]
        add_trace(
            fig,
            "bar",
            x=ticks,
            y=values,
            name=caption(f"competences.{key}"),
            marker={"color": colour, "line": BAR_LINE},
            text=[str(v) if v is not None else "" for v in values],
            textposition="outside",
            hoverinfo="text",
            hovertext=hover,
        )
    update_layout(
        fig,
        barmode="group",
        margin={"l": 230, "b": 150},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    update_xaxes(fig, tickvals=ticks, ticktext=names, tickfont={"size": 14}, fixedrange=True)
    update_yaxes(
        fig,
        range=[0, max(p.value for p in pack.scale) + 0.6],
        fixedrange=True,
        gridcolor="#dddddd",
        tickvals=[p.value for p in pack.scale],
        ticktext=[label(f"{p.value} – {p.label}", None, 26) for p in pack.scale],
        title={"text": caption("competences.axis")},
    )
    if not workbook.competences_intake and not workbook.competences_end:
        add_empty_note(fig, top=True)
    return fig
