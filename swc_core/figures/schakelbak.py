"""The Schakelbak: the collaboration's parts as nodes coloured by form, couplings as arrows."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import plotly.graph_objects as go

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from ..model.schakelbak import Part
from .style import ALERT, INK, NO_FORM, add_empty_note, add_truncation_note, new_figure
from .text import Labeller, label

NODE_SIZE = 56
ROW_PX = 160  # vertical room per part in a column (marker plus its label)
PLOT_W = 1120  # plot width in pixels
LABEL_PX = 64  # vertical distance between stacked flow labels


def schakelbak_figure(workbook: Workbook, pack: ContentPack, findings: Iterable[Any] | None = None) -> go.Figure:
    """Parts in columns by form (in the pack's order, parts without a form last),
    couplings as arrows with what flows between them. ``findings`` (objects with
    ``.subject`` = part id and ``.severity``) give their part a red outline."""
    sb = workbook.schakelbak
    columns = _columns(sb.parts, pack)
    tallest = max((len(c) for c in columns.values()), default=1)
    fig = new_figure(pack.instrument("schakelbak").name, height=max(700, ROW_PX * tallest + 200), axes=False)
    pos = {part.id: (x, (len(col) - 1) / 2 - i)
           for x, col in enumerate(columns.values()) for i, part in enumerate(col)}
    flagged: dict[str, list[Any]] = {}
    for f in findings or ():
        flagged.setdefault(f.subject, []).append(f)
    labeller = Labeller()
    x_range = [-0.7, max(len(columns), 1) - 0.3]
    y_range = [-tallest / 2 - 0.6, tallest / 2 + 0.1]
    height = fig.layout.height - 150  # the plot area, without title and note margins
    _add_couplings(fig, workbook, pos, (PLOT_W / (x_range[1] - x_range[0]), height / (y_range[1] - y_range[0])),
                   labeller)
    forms = [(f.id, f.name, f.colour) for f in pack.forms]
    if None in columns:
        forms.append((None, ui_text("figures.no_form"), NO_FORM))
    for form_id, form_name, colour in forms:
        parts = columns.get(form_id, [])
        fig.add_trace(go.Scatter(  # [None]: an unused form still gets its legend entry
            x=[pos[p.id][0] for p in parts] or [None], y=[pos[p.id][1] for p in parts] or [None],
            mode="markers+text", name=label(form_name, None, None), textposition="bottom center",
            hoverinfo="text", marker={"size": NODE_SIZE, "color": colour, "line": {"color": "white", "width": 2}},
            text=[f"<b>{labeller(p.name or p.id, 45, 16, 3)}</b><br><i>{label(form_name, None, None)}</i>"
                  for p in parts],
            hovertext=[_hover(p, form_name, workbook, flagged.get(p.id, []), labeller) for p in parts],
            textfont={"size": 15, "color": INK}))
    marked = [pid for pid in pos if pid in flagged]
    if marked:  # a red ring around parts with findings, with its own legend entry
        fig.add_trace(go.Scatter(x=[pos[p][0] for p in marked], y=[pos[p][1] for p in marked], mode="markers",
                                 name=label(ui_text("figures.hover.finding"), None, None), hoverinfo="skip",
                                 marker={"size": NODE_SIZE + 16, "symbol": "circle-open", "color": ALERT,
                                         "line": {"width": 5}}))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                                               "font": {"size": 16}, "itemsizing": "constant"})
    fig.update_xaxes(range=x_range)
    fig.update_yaxes(range=y_range)
    if not sb.parts:
        add_empty_note(fig)
    if labeller.cut:
        add_truncation_note(fig)
    return fig


def _columns(parts: list[Part], pack: ContentPack) -> dict[str | None, list[Part]]:
    """Form id -> its parts, in the pack's form order; parts without (a known) form under None."""
    known = [f.id for f in pack.forms]
    out: dict[str | None, list[Part]] = {f: [] for f in known}
    for part in parts:
        out.setdefault(part.form if part.form in known else None, []).append(part)
    return {form: col for form, col in out.items() if col}


def _add_couplings(fig: go.Figure, wb: Workbook, pos: dict, scale: tuple[float, float], labeller: Labeller) -> None:
    """One arrow per coupling, centre to centre; couplings between the same two parts
    share the line, their flow labels are stacked at its middle, each with its direction glyph."""
    pairs = Counter(frozenset((c.source, c.target)) for c in wb.schakelbak.couplings)
    seen: Counter = Counter()
    mid_x, mid_y, mid_hover = [], [], []
    for c in wb.schakelbak.couplings:
        if c.source not in pos or c.target not in pos or c.source == c.target:
            continue  # an unknown part or a loop cannot be drawn; check_against_pack reports the first
        (sx, sy), (tx, ty) = pos[c.source], pos[c.target]
        pair = frozenset((c.source, c.target))
        shift = (seen[pair] - (pairs[pair] - 1) / 2) * LABEL_PX  # stack the labels of one pair
        seen[pair] += 1
        mx, my = (sx + tx) / 2, (sy + ty) / 2
        fig.add_annotation(x=tx, y=ty, ax=sx, ay=sy, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=2, arrowsize=1.3, arrowwidth=2.5, arrowcolor=INK,
                           standoff=NODE_SIZE / 2 + 4, startstandoff=NODE_SIZE / 2 + 4, text="", name="coupling")
        if c.flow.strip():
            fig.add_annotation(x=mx, y=my, xref="x", yref="y", showarrow=False, bgcolor="white", bordercolor=INK,
                               text=f"{_glyph(tx - sx, ty - sy, scale)} {labeller(c.flow, 60, 22, 3)}",
                               borderwidth=1, font={"size": 14, "color": INK}, yshift=-shift, name="flow")
        mid_x.append(mx)
        mid_y.append(my)
        mid_hover.append(_coupling_hover(c, wb, labeller))
    if mid_x:  # invisible points so the full flow text shows on hover
        fig.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", marker={"size": 18, "opacity": 0},
                                 hoverinfo="text", hovertext=mid_hover, showlegend=False, name="flows"))


def _glyph(dx: float, dy: float, scale: tuple[float, float]) -> str:
    """The arrow character for a direction on screen (``scale``: pixels per unit of x and y)."""
    if abs(dx) * scale[0] >= abs(dy) * scale[1]:
        return "→" if dx > 0 else "←"
    return "↑" if dy > 0 else "↓"


def _names(wb: Workbook, ids: list[str]) -> str:
    return ", ".join(((p.name.strip() if (p := wb.canvas.party(i)) else "") or i) for i in ids)


def _hover(part: Part, form_name: str, wb: Workbook, findings: list[Any], labeller: Labeller) -> str:
    h = lambda key: label(ui_text(f"figures.hover.{key}"), None, None)  # noqa: E731
    lines = [f"<b>{labeller(part.name or part.id, 120, 50)}</b>", f"{h('form')}: {label(form_name, None, None)}"]
    if part.parties:
        lines.append(f"{h('parties')}: {labeller(_names(wb, part.parties), 300, 50)}")
    if part.goal.strip():
        lines.append(f"{h('goal')}: {labeller(part.goal, 300, 50)}")
    for f in findings:
        message = getattr(f, "message", "")
        lines.append(f"<b>{h('finding')}</b> ({label(str(f.severity), None, None)}): {labeller(message, 200, 50)}")
    return "<br>".join(lines)


def _coupling_hover(c, wb: Workbook, labeller: Labeller) -> str:
    def name(part_id: str) -> str:
        part = wb.schakelbak.part(part_id)
        return labeller((part.name if part else "") or part_id, 60, None)

    head = f"<b>{name(c.source)} → {name(c.target)}</b>"
    return head + (f"<br>{labeller(c.flow, 400, 50)}" if c.flow.strip() else "")
