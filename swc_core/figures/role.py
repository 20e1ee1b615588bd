"""Eigen rol: the four orientations on two axes, the participant's position and shares."""

from __future__ import annotations

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from .narrow import NARROW_BODY, shrunk, with_narrow
from .spec import (
    Figure,
    add_annotation,
    add_shape,
    add_trace,
    annotations_of,
    update_layout,
    update_xaxes,
    update_yaxes,
)
from .style import ALERT, BAR_LINE, INK, MUTED, PALETTE, add_empty_note, caption, new_figure, tint
from .text import label

# Where a role's quadrant lies on the 0..100 axes (model.strategy.Role: 0 = richten / binnen).
_HALF = {"richten": (0, 50), "inrichten": (50, 100), "binnen": (0, 50), "buiten": (50, 100)}


def role_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """Focus (richten ↔ inrichten en verrichten) horizontally, scope (binnen ↔
    buiten) vertically; each quadrant named after its role with the survey share
    (and the participant's own share), and the participant's point."""
    own = workbook.role
    fig = new_figure(pack.instrument("eigen-rol").name)
    add_quadrants(fig, pack, own.shares)
    if own.focus is not None and own.scope is not None:
        add_trace(
            fig,
            "scatter",
            x=[own.focus],
            y=[own.scope],
            mode="markers+text",
            showlegend=False,
            marker={
                "size": 30,
                "symbol": "star",
                "color": ALERT,
                "line": {"color": "white", "width": 2},
            },
            text=[f"<b>{caption('role.you')}</b>"],
            textposition="top center",
            textfont={"size": 20, "color": ALERT},
            hoverinfo="text",
            name=caption("role.you"),
            hovertext=[
                f"{label(pack.axes.focus.name, None, None)}: {own.focus}<br>"
                f"{label(pack.axes.scope.name, None, None)}: {own.scope}"
            ],
        )
    elif own.shares:
        add_empty_note(fig, ui_text("figures.role.no_point"), top=True)
    else:
        add_empty_note(fig, top=True)
    add_role_axes(fig, pack)
    return fig


def add_quadrants(fig: Figure, pack: ContentPack, own_shares: dict[str, int] | None = None) -> None:
    """The four orientations as tinted quadrants, each named with the survey share
    (and the participant's own share, when given) in its outer corner."""
    own_shares = own_shares or {}
    for i, role in enumerate(pack.roles):
        (x0, x1), (y0, y1) = _HALF[role.focus], _HALF[role.scope]
        colour = PALETTE[i % len(PALETTE)]
        add_shape(
            fig,
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            layer="below",
            fillcolor=tint(colour, 0.82),
            line={"color": "white", "width": 4},
            name=role.id,
        )
        lines = [
            f"<b>{label(role.name, None, None)}</b>",
            caption("role.survey_share", share=role.share),
        ]
        if role.id in own_shares:
            lines.append(f"<b>{caption('role.own_share', share=own_shares[role.id])}</b>")
        # in the quadrant's outer corner, so the participant's point rarely covers it
        left, top = x0 == 0, y1 == 100
        add_annotation(
            fig,
            x=x0 + 2 if left else x1 - 2,
            y=y1 - 2 if top else y0 + 2,
            showarrow=False,
            xanchor="left" if left else "right",
            yanchor="top" if top else "bottom",
            align="left" if left else "right",
            text="<br>".join(lines),
            font={"size": 22, "color": INK},
            name="role",
        )


def add_role_axes(fig: Figure, pack: ContentPack, size: int = 16, end_chars: int = 40) -> None:
    """The two 0..100 axes with the pack's axis names, and both ends of each axis named beside the plot.

    ``end_chars``: where the names of the focus axis's two ends wrap; side by side under the plot, each
    must keep to half its width.

    The focus axis's name stands below its end names, however many lines those wrap to (two for the
    pack's "Inrichten en verrichten – …"): 8 px gap, the ends' lines at 1.3 x ``size``, 10 px air.
    """
    ends = _add_axis_ends(fig, pack, size, end_chars)
    below = 8 + max(end.count("<br>") + 1 for end in ends[:2]) * size * 1.3 + 10
    update_xaxes(
        fig,
        range=[0, 100],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        title={
            "text": f"<b>{label(pack.axes.focus.name, None, None)}</b>",
            "standoff": round(below),
        },
    )
    update_yaxes(
        fig,
        range=[0, 100],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        title={"text": f"<b>{label(pack.axes.scope.name, None, None)}</b>", "standoff": 170},
    )
    update_layout(fig, margin={"l": 230, "b": max(130, round(below + 2 * size + 20))})
    with_narrow(fig, lambda: narrow_quadrants(fig, pack))


def narrow_quadrants(fig: Figure, pack: ContentPack) -> Figure:
    """A quadrant figure (``add_role_axes``) on a phone: the ends of each axis in its title instead of
    in wide margins beside the plot (the short name before " – ", as "Binnen → Buiten"), smaller
    quadrant names; a right column's name one name's height further in from the edge than the name on
    its left, so that a long one ("Organisatieontwikkelaar") never runs into it, and both stay in the
    outer band a participant's point rarely reaches."""
    small = shrunk(fig)
    layout = small["layout"]
    layout["annotations"] = [a for a in annotations_of(small) if a.get("name") != "axis-end"]
    for note in layout["annotations"]:
        if note.get("name") == "role":
            note["font"]["size"] = NARROW_BODY
            if note["xanchor"] == "right":  # one name's height further in than its row's left name
                height = (note["text"].count("<br>") + 1) * NARROW_BODY * 1.3 + 4
                note["yshift"] = -height if note["yanchor"] == "top" else height
    focus, scope = pack.axes.focus, pack.axes.scope
    update_xaxes(
        small,
        title={
            "text": f"<b>{label(focus.name, None, None)}</b><br>"
            f"{_short(focus.richten)} → {_short(focus.inrichten)}",
            "standoff": 8,
        },
    )
    update_yaxes(
        small,
        title={
            "text": f"<b>{label(scope.name, None, None)}</b><br>"
            f"{_short(scope.binnen)} → {_short(scope.buiten)}",
            "standoff": 8,
        },
    )
    update_layout(small, margin={"l": 60, "b": 70})  # l: the two-line axis title, upright
    return small


def _short(end: str) -> str:
    """An axis end's name without its explanation ("Binnen – in de eigen organisatie": "Binnen")."""
    return label(end.split(" – ")[0], None, 30)


def _add_axis_ends(fig: Figure, pack: ContentPack, size: int, end_chars: int) -> list[str]:
    """The pack's names for both ends of both axes, beside the plot's edges; returns their texts
    (the focus axis's two ends first)."""
    focus, scope = pack.axes.focus, pack.axes.scope
    ends = [
        (f"← {label(focus.richten, None, end_chars)}", 0, 0, "left", "top", 0, -8),
        (f"{label(focus.inrichten, None, end_chars)} →", 1, 0, "right", "top", 0, -8),
        (f"↓ {label(scope.binnen, None, 18)}", 0, 0, "right", "bottom", -10, 0),
        (f"↑ {label(scope.buiten, None, 18)}", 0, 1, "right", "top", -10, 0),
    ]
    for text, x, y, xanchor, yanchor, xshift, yshift in ends:
        add_annotation(
            fig,
            text=text,
            xref="paper",
            yref="paper",
            x=x,
            y=y,
            xanchor=xanchor,
            yanchor=yanchor,
            align=xanchor,
            xshift=xshift,
            yshift=yshift,
            showarrow=False,
            font={"size": size, "color": INK},
            name="axis-end",
        )
    return [end[0] for end in ends]


def shares_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """Per role: the share of the participant's own time next to the survey's share."""
    shares = workbook.role.shares
    fig = new_figure(ui_text("figures.shares.title"))
    names = [label(r.name, None, None) for r in pack.roles]
    own = [shares.get(r.id) for r in pack.roles]
    survey = [r.share for r in pack.roles]
    add_trace(
        fig,
        "bar",
        x=names,
        y=own,
        name=caption("shares.own"),
        marker={"color": PALETTE[0], "line": BAR_LINE},
        textposition="outside",
        hoverinfo="skip",
        text=[f"{v}%" if v is not None else "" for v in own],
    )
    add_trace(
        fig,
        "bar",
        x=names,
        y=survey,
        name=caption("shares.survey"),
        marker={"color": MUTED, "line": BAR_LINE},
        text=[f"{v}%" for v in survey],
        textposition="outside",
        hoverinfo="skip",
    )
    top = max([v for v in own + survey if v is not None], default=0)
    update_layout(
        fig,
        barmode="group",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    update_yaxes(
        fig,
        range=[0, min(top + 15, 110)],
        title={"text": caption("shares.axis")},
        gridcolor="#dddddd",
        fixedrange=True,
    )
    update_xaxes(fig, fixedrange=True)
    if not shares:
        add_empty_note(fig, top=True)
    return with_narrow(fig, lambda: _shares_on_a_phone(fig))


def _shares_on_a_phone(fig: Figure) -> Figure:
    """The time split on a phone: the bars lie down, the roles' names one under the other beside them.

    Upright, side by side, the names of neighbouring roles ("Netwerker", "Organisatieontwikkelaar") ran over
    each other at 390 px (issue 16)."""
    small = shrunk(fig)
    layout = small["layout"]
    for trace in small["data"]:
        if trace["type"] == "bar":
            trace.update(orientation="h", x=trace["y"], y=trace["x"])
    values, roles = layout.get("yaxis", {}), layout.get("xaxis", {})
    layout["xaxis"] = {
        **roles,
        **{k: v for k, v in values.items() if k in ("range", "title", "gridcolor")},
    }
    layout["yaxis"] = {**values, **{k: roles[k] for k in ("tickfont",) if k in roles}}
    layout["yaxis"].pop("range", None)
    layout["yaxis"].pop("gridcolor", None)
    layout["yaxis"].update(autorange="reversed", title={"text": ""}, fixedrange=True)
    layout["xaxis"].update(fixedrange=True)
    layout["height"] = max(
        layout.get("height") or 0, 200 + 70 * len(small["data"][0].get("y") or [])
    )
    return small
