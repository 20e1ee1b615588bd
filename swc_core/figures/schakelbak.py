"""The Schakelbak: the collaboration's parts as nodes coloured by form, couplings as arrows."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from typing import Any, Iterable

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from ..model.schakelbak import Coupling, Part
from .narrow import MIN_TEXT_PX, NARROW_TICK, shrunk, with_narrow
from .paper import PAPER_WIDTH
from .spec import (
    Figure,
    add_annotation,
    add_hover_points,
    add_trace,
    annotations_of,
    update_layout,
    update_xaxes,
    update_yaxes,
)
from .style import (
    ALERT,
    INK,
    NO_FORM,
    add_empty_note,
    add_truncation_note,
    caption,
    contrast_ink,
    new_figure,
)
from .text import Labeller, label

NODE_SIZE = 56
PLOT_W = 1120  # plot width in pixels
X_RANGE, Y_RANGE = (-1.65, 1.65), (-1.6, 1.5)  # the ring has radius 1; the rest is room for labels
LABEL_PX = 72  # vertical distance between stacked flow labels of one pair of parts


def schakelbak_figure(
    workbook: Workbook, pack: ContentPack, findings: Iterable[Any] | None = None
) -> Figure:
    """Parts on a ring, grouped by form in the pack's order (parts without a form
    last), couplings as arrows labelled with what flows. On a ring no arrow runs
    through another part. ``findings`` (objects with ``.subject`` = part id and
    ``.severity``) put a red ring around their part."""
    sb = workbook.schakelbak
    order = {f.id: i for i, f in enumerate(pack.forms)}
    parts = sorted(
        sb.parts, key=lambda p: order.get(p.form, len(order))
    )  # stable: keeps the participant's order
    n = len(parts)
    fig = new_figure(
        pack.instrument("schakelbak").name, height=min(max(760, 400 + 45 * n), 1400), axes=False
    )
    # half a step of rotation: two parts sit left and right, four on the corners
    angles = {
        p.id: math.pi / 2 + math.pi / max(n, 1) - 2 * math.pi * i / max(n, 1)
        for i, p in enumerate(parts)
    }
    pos = {pid: (math.cos(a), math.sin(a)) if n > 1 else (0.0, 0.0) for pid, a in angles.items()}
    flagged: dict[str, list[Any]] = {}
    for f in findings or ():
        flagged.setdefault(f.subject, []).append(f)
    labeller = Labeller()
    plot_h = fig["layout"]["height"] - 150  # without the title and note margins
    scale = (PLOT_W / (X_RANGE[1] - X_RANGE[0]), plot_h / (Y_RANGE[1] - Y_RANGE[0]))
    chords = _add_couplings(fig, workbook, pos, scale, labeller)
    forms = [(f.id, f.name, f.colour) for f in pack.forms]
    if any(p.form not in order for p in parts):
        forms.append((None, ui_text("figures.no_form"), NO_FORM))
    key: list[list[tuple[int, str, str]]] = []  # per form trace: (number, name, form) of its parts
    for form_id, form_name, colour in forms:
        mine = [p for p in parts if (p.form if p.form in order else None) == form_id]
        key.append([(parts.index(p) + 1, _part_name(sb, p), form_name) for p in mine])
        add_trace(
            fig,
            "scatter",  # [None]: an unused form still gets its legend entry
            x=[pos[p.id][0] for p in mine] or [None],
            y=[pos[p.id][1] for p in mine] or [None],
            mode="markers+text",
            name=label(form_name, None, None),
            hoverinfo="text",
            textposition=[_outward(pos[p.id]) for p in mine] or "bottom center",
            marker={"size": NODE_SIZE, "color": colour, "line": {"color": "white", "width": 2}},
            text=[
                f"<b>{labeller(_part_name(sb, p), 45, 16, 3)}</b><br><i>{label(form_name, None, 24)}</i>"
                for p in mine
            ],
            hovertext=[
                _hover(p, form_name, workbook, flagged.get(p.id, []), labeller) for p in mine
            ],
            textfont={"size": 15, "color": INK},
        )
    marked = [pid for pid in pos if pid in flagged]
    if marked:  # a red ring around parts with findings, with its own legend entry
        add_trace(
            fig,
            "scatter",
            x=[pos[p][0] for p in marked],
            y=[pos[p][1] for p in marked],
            mode="markers",
            name=caption("hover.finding"),
            hoverinfo="skip",
            marker={
                "size": NODE_SIZE + 16,
                "symbol": "circle-open",
                "color": ALERT,
                "line": {"width": 5},
            },
        )
    update_layout(
        fig,
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 16},
            "itemsizing": "constant",
        },
    )
    update_xaxes(fig, range=list(X_RANGE), fixedrange=True)
    update_yaxes(fig, range=list(Y_RANGE), fixedrange=True)
    if not parts:
        add_empty_note(fig)
    if labeller.cut:
        add_truncation_note(fig)
    spread_labels(fig, chords, pos, PLOT_W + 80)
    # on paper as on a phone: numbered parts and the key (the paper twin shows what the phone shows)
    fig.paper = lambda: spread_labels(_numbered(fig, key), chords, pos, PAPER_WIDTH)
    # a phone's twin is drawn as wide as the screen: placed for the narrowest, a wider one only has more room
    return with_narrow(fig, lambda: spread_labels(_numbered(fig, key), chords, pos, NARROWEST))


NARROW_FRAME = (
    1.7  # how much wider than the ring's own frame a phone's is: room for the outer labels
)
NARROWEST = 360  # px: the narrowest screen a phone's twin is drawn on


def _narrow(fig: Figure, frame: float = NARROW_FRAME, labels: int = NARROW_TICK - 1) -> Figure:
    """The Schakelbak on a phone (and on paper, :func:`_numbered`): the legend under the ring
    instead of in rows over the title, a wider frame so the labels of the outer parts stay inside,
    smaller labels on parts and arrows."""
    small = shrunk(fig)
    entries = sum(1 for t in small["data"] if t.get("showlegend") is not False and t.get("name"))
    update_layout(
        small,
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "font": {"size": NARROW_TICK},
        },
        margin={"b": 60 + 22 * entries, "t": 90},
    )
    update_xaxes(small, range=[X_RANGE[0] * frame, X_RANGE[1] * frame])
    for note in annotations_of(small):
        if note.get("name") == "flow":
            note["font"]["size"] = MIN_TEXT_PX
    for trace in small["data"]:
        if trace.get("mode") == "markers+text":
            trace.setdefault("textfont", {})["size"] = labels
    return small


KEY_FRAME = (
    1.15  # a phone's frame when the names are in the key under the ring: room for the flow labels
)
KEY_CHARS = 40  # a line of the key on a phone (13 px text in a 344 px plot)
KEY_LINE_PX = 19  # one line of the key
LEGEND_ROW_PX = 28  # one row of the legend, two entries a row
RING_PX = 400  # px: the ring's plot on a phone, with room above and below it for the flow labels


def _numbered(fig: Figure, key: list[list[tuple[int, str, str]]]) -> Figure:
    """The Schakelbak on a phone: each part a numbered node, its whole name and form in a key under the ring.

    Issue 16: beside their nodes the names ran past the right edge of a 390 px screen ("Contractsam…") and
    onto the arrows; a ring a phone can hold has no room beside its nodes for a name. ``key``: per trace with
    part names (in the figure's order), the (number, name, form) of its parts.
    """
    small = _narrow(fig, frame=KEY_FRAME)
    traces = [t for t in small["data"] if t.get("mode") == "markers+text"]
    lines = []
    for trace, parts in zip(traces, key):
        colour = trace["marker"]["color"]
        trace.update(
            text=[f"<b>{n}</b>" for n, _, _ in parts],
            textposition="middle center",
            textfont={"size": NARROW_TICK + 2, "color": contrast_ink(colour)},
        )
        lines += [(n, name, form) for n, name, form in parts]
    key_lines = [
        line
        for n, name, form in sorted(lines)
        for line in label(f"{n}. {name} ({form})", None, KEY_CHARS).split("<br>")
    ]
    key_px = KEY_LINE_PX * len(key_lines)
    if key_lines:
        add_annotation(
            small,
            text="<br>".join(key_lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-8,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": NARROW_TICK, "color": INK},
            name="key",
        )
    truncated = [n for n in annotations_of(small) if n.get("name") == "truncated"]
    for note in truncated:
        note.update(
            yshift=-(14 + key_px), text=label(ui_text("figures.truncated"), None, KEY_CHARS)
        )
    entries = sum(1 for t in small["data"] if t.get("showlegend") is not False and t.get("name"))
    bottom = 30 + key_px + 40 * len(truncated) + LEGEND_ROW_PX * ((entries + 1) // 2)
    update_layout(
        small,
        height=small["layout"]["margin"]["t"] + RING_PX + bottom,
        margin={"b": bottom},
    )
    return small


def _outward(xy: tuple[float, float]) -> str:
    """Where a part's label goes: away from the ring's centre, so it does not meet the arrows."""
    x, y = xy
    if y > 0.35 or (x, y) == (0.0, 0.0):
        return "top center" if y > 0.35 else "bottom center"
    if y < -0.35:
        return "bottom center"
    return "middle left" if x < 0 else "middle right"


def _add_couplings(
    fig: Figure, wb: Workbook, pos: dict, scale: tuple[float, float], labeller: Labeller
) -> list[tuple[str, str]]:
    """One arrow per coupling, centre to centre. Labels of one pair of parts are
    stacked at the middle; a chord through the centre puts its label off-centre
    so the diagonals' labels do not cover each other (:func:`spread_labels` then
    moves any label that still covers another). Returns the (source, target) of
    each flow label, in the order of the figure's annotations named "flow"."""
    pairs = Counter(frozenset((c.source, c.target)) for c in wb.schakelbak.couplings)
    seen: Counter = Counter()
    diagonals = 0
    mid_x, mid_y, mid_hover = [], [], []
    chords = []
    for c in wb.schakelbak.couplings:
        if c.source not in pos or c.target not in pos or c.source == c.target:
            continue  # an unknown part or a loop cannot be drawn; check_against_pack reports the first
        (sx, sy), (tx, ty) = pos[c.source], pos[c.target]
        pair = frozenset((c.source, c.target))
        shift = (seen[pair] - (pairs[pair] - 1) / 2) * LABEL_PX
        seen[pair] += 1
        t = 0.5
        if math.hypot((sx + tx) / 2, (sy + ty) / 2) < 0.2 and seen[pair] == 1:
            t = (0.3, 0.7, 0.4, 0.6)[diagonals % 4]
            diagonals += 1
        mx, my = sx + (tx - sx) * t, sy + (ty - sy) * t
        add_annotation(
            fig,
            x=tx,
            y=ty,
            ax=sx,
            ay=sy,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowsize=1.3,
            arrowwidth=2.5,
            arrowcolor=INK,
            standoff=NODE_SIZE / 2 + 4,
            startstandoff=NODE_SIZE / 2 + 4,
            text="",
            name="coupling",
        )
        if c.flow.strip():
            add_annotation(
                fig,
                x=mx,
                y=my,
                xref="x",
                yref="y",
                showarrow=False,
                bgcolor="white",
                bordercolor=INK,
                text=f"{_glyph(tx - sx, ty - sy, scale)} {labeller(c.flow, 60, 22, 3)}",
                borderwidth=1,
                font={"size": 14, "color": INK},
                yshift=-shift,
                name="flow",
            )
            chords.append((c.source, c.target))
        mid_x.append(mx)
        mid_y.append(my)
        mid_hover.append(_coupling_hover(c, wb, labeller))
    add_hover_points(fig, mid_x, mid_y, mid_hover, size=18, name="flows")  # each flow's full text
    return chords


def _glyph(dx: float, dy: float, scale: tuple[float, float]) -> str:
    """The arrow character for a direction on screen (``scale``: pixels per unit of x and y)."""
    if abs(dx) * scale[0] >= abs(dy) * scale[1]:
        return "→" if dx > 0 else "←"
    return "↑" if dy > 0 else "↓"


def _part_name(sb, part: Part) -> str:
    """The part's name; an unnamed part by its place ("naamloos onderdeel 2"), never its internal id."""
    return part.name.strip() or ui_text("labels.unnamed_part", number=sb.parts.index(part) + 1)


def _names(wb: Workbook, ids: list[str]) -> str:
    parties = wb.canvas.parties
    return ", ".join(
        (p.name.strip() or ui_text("labels.unnamed_party", number=parties.index(p) + 1))
        for i in ids
        if (p := wb.canvas.party(i))
    )


def _hover(
    part: Part, form_name: str, wb: Workbook, findings: list[Any], labeller: Labeller
) -> str:
    lines = [
        f"<b>{labeller(_part_name(wb.schakelbak, part), 120, 50)}</b>",
        f"{caption('hover.form')}: {label(form_name, None, None)}",
    ]
    if part.parties:
        lines.append(f"{caption('hover.parties')}: {labeller(_names(wb, part.parties), 300, 50)}")
    if part.goal.strip():
        lines.append(f"{caption('hover.goal')}: {labeller(part.goal, 300, 50)}")
    for f in findings:
        message = getattr(f, "message", "")
        lines.append(
            f"<b>{caption('hover.finding')}</b> ({label(str(f.severity), None, None)}): "
            f"{labeller(message, 200, 50)}"
        )
    return "<br>".join(lines)


def _coupling_hover(c: Coupling, wb: Workbook, labeller: Labeller) -> str:
    def name(part_id: str) -> str:
        part = wb.schakelbak.part(part_id)
        return labeller(_part_name(wb.schakelbak, part) if part else part_id, 60, None)

    head = f"<b>{name(c.source)} → {name(c.target)}</b>"
    return head + (f"<br>{labeller(c.flow, 400, 50)}" if c.flow.strip() else "")


# --- flow labels that do not cover each other ----------------------------------------------------------------
CHAR_EM = (
    0.62  # width of an average character in em: Arial's is ~0.5; a fallback (DejaVu Sans) ~0.6
)
LINE_EM = 1.3  # plotly.js's line height in em
GAP_PX = 3  # room kept between two labels
ALONG = (0.5, 0.38, 0.62, 0.28, 0.72)  # where on its arrow a label may sit, the middle first
COVER_FLOW = 20  # how much worse covering another flow label is than covering a part or its name


def _box_size(text: str, size: float) -> tuple[float, float]:
    """(width, height) in px of an annotation's box (border and padding included), estimated from its text."""
    lines = [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in text.split("<br>")]
    return max(len(line) for line in lines) * CHAR_EM * size + 6, len(lines) * LINE_EM * size + 6


def _overlap(a: tuple, b: tuple) -> float:
    """The area two boxes (left, top, right, bottom) share."""
    w, h = min(a[2], b[2]) - max(a[0], b[0]) + GAP_PX, min(a[3], b[3]) - max(a[1], b[1]) + GAP_PX
    return w * h if w > 0 and h > 0 else 0.0


def spread_labels(fig: Figure, chords: list[tuple[str, str]], pos: dict, width: int) -> Figure:
    """``fig`` (changed in place and returned) with each flow label moved, along its arrow or up and down,
    to where it covers no other flow label and no part or part's name, when there is such a place; where
    there is none, covering a part's name is preferred to covering another flow label.

    In: the figure as it will be drawn ``width`` px wide (its margins, height and axis ranges are read),
    ``chords`` from :func:`_add_couplings`, ``pos`` the parts' places. The boxes are estimated from the
    text (``CHAR_EM``): tests/test_paper_schakelbak_labels.py measures the drawn ones.
    """
    layout = fig["layout"]
    margin = layout.get("margin", {})
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    plot_w = width - margin.get("l", 80) - margin.get("r", 80)
    plot_h = layout["height"] - margin.get("t", 100) - margin.get("b", 80)
    to_px = lambda x, y: ((x - x0) / (x1 - x0) * plot_w, (y1 - y) / (y1 - y0) * plot_h)  # noqa: E731
    half = NODE_SIZE / 2
    # the parts and their names: better not covered; another flow label: never, where there is room
    parts = [
        (px - half, py - half, px + half, py + half)
        for px, py in (to_px(*xy) for xy in pos.values())
    ]
    parts += _part_label_boxes(fig, to_px)
    placed: list[tuple] = []
    flows = [note for note in annotations_of(fig) if note.get("name") == "flow"]
    for note, (source, target) in zip(flows, chords):
        w, h = _box_size(note["text"], note.get("font", {}).get("size") or 14)
        (sx, sy), (tx, ty) = pos[source], pos[target]
        best = None
        for step in range(0, 10):
            for t in ALONG:
                for shift in (
                    {0} if step == 0 else {step * (h + GAP_PX) / 2, -step * (h + GAP_PX) / 2}
                ):
                    x, y = sx + (tx - sx) * t, sy + (ty - sy) * t
                    cx, cy = to_px(x, y)
                    cy -= note.get("yshift", 0) + shift
                    box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                    outside = max(0, -box[0], box[2] - plot_w, -box[1], box[3] - plot_h) * h
                    cost = (
                        COVER_FLOW * sum(_overlap(box, other) for other in placed)
                        + outside
                        + sum(_overlap(box, other) for other in parts)
                    )
                    if best is None or cost < best[0]:
                        best = (cost, x, y, note.get("yshift", 0) + shift, box)
                if best[0] == 0:
                    break
            if best[0] == 0:
                break
        _cost, note["x"], note["y"], note["yshift"], box = best
        placed.append(box)
    return fig


def _part_label_boxes(fig: Figure, to_px) -> list[tuple]:
    """The estimated boxes (left, top, right, bottom in px of the plot) of the parts' names beside their nodes."""
    boxes = []
    for trace in fig["data"]:
        if trace.get("mode") != "markers+text":
            continue
        where = trace.get("textposition")
        size = (trace.get("textfont") or {}).get("size") or 15
        for i, (x, y, text) in enumerate(
            zip(trace.get("x") or [], trace.get("y") or [], trace.get("text") or [])
        ):
            if x is None or not text:
                continue
            w, h = _box_size(text, size)
            px, py = to_px(x, y)
            side = where[i] if isinstance(where, list) else where or "bottom center"
            gap = NODE_SIZE / 2 + 2
            if side == "middle center":  # a number inside its node (a phone): the node's own box
                continue
            if side.startswith("top"):
                boxes.append((px - w / 2, py - gap - h, px + w / 2, py - gap))
            elif side.startswith("bottom"):
                boxes.append((px - w / 2, py + gap, px + w / 2, py + gap + h))
            elif side.endswith("left"):
                boxes.append((px - gap - w, py - h / 2, px - gap, py + h / 2))
            else:
                boxes.append((px + gap, py - h / 2, px + gap + w, py + h / 2))
    return boxes
