"""The filled Samenwerkingscanvas, block by block in the pack's layout.

Its text is wrapped to the size of each block at the figure's full width, so
on a phone it carries a narrow twin (``narrow.py``): the blocks one under the
other in reading order, the text wrapped to a phone's width.
"""

from __future__ import annotations

from ..content import ContentPack
from ..messages import text as ui_text
from ..model import Workbook
from .narrow import NARROW_TITLE, NARROW_WIDTH, with_narrow
from .spec import Figure, add_annotation, add_shape, update_layout, update_xaxes, update_yaxes
from .style import EMPTY_FILL, INK, MUTED, add_empty_note, add_truncation_note, caption, new_figure
from .text import Labeller, label

# Plot area of the default figure in pixels, to size the text to each block.
PLOT_W, PLOT_H = 1120, 650
BODY = 15  # font size of block text
CHAR_PX = 0.56 * BODY  # average width of a character (lowercase runs, as in a URL, fit too)
LINE_PX = 1.3 * BODY
HEADING_PX = 34
PAD_PX = 8
GAP_PX = 4
NAME_PX = 19  # font size of a block's name
NARROW_LINES = 12  # the most lines of text a block shows on a phone (then "…" and the note)
NARROW_MARGIN = {"l": 4, "r": 4, "t": 70, "b": 95}  # b: a two-line truncation note


def canvas_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """The canvas as the participant filled it: one rectangle per block, its
    name on top, its text (and structured lists) inside; empty blocks grey. Carries its narrow twin
    (:func:`narrow_canvas_figure`) for a live page on a phone."""
    fig = new_figure(pack.instrument("canvas").name, axes=False)
    rows, cols = pack.grid.rows, pack.grid.cols
    ux, uy = PLOT_W / cols, PLOT_H / rows  # pixels per grid unit
    labeller = Labeller()
    any_filled = False
    for block in pack.blocks:
        lay = block.layout
        x0, x1 = lay.col + GAP_PX / ux, lay.col + lay.colspan - GAP_PX / ux
        y1 = rows - lay.row - GAP_PX / uy  # row 0 is at the top
        y0 = rows - lay.row - lay.rowspan + GAP_PX / uy
        content = _block_text(block.id, workbook, pack)
        filled = bool(content.strip())
        any_filled |= filled
        add_shape(
            fig,
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            layer="below",
            line={"color": INK if filled else MUTED, "width": 2},
            fillcolor="white" if filled else EMPTY_FILL,
            name=block.id,
        )
        left = x0 + PAD_PX / ux
        top = y1 - PAD_PX / uy
        add_annotation(
            fig,
            x=left,
            y=top,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            text=f"<b>{label(block.name, None, int((x1 - x0) * ux / (0.55 * NAME_PX)))}</b>",
            font={"size": NAME_PX, "color": INK},
            name=f"{block.id}-name",
        )
        if filled:
            width = max(int(((x1 - x0) * ux - 2 * PAD_PX) / CHAR_PX), 10)
            lines = max(int(((y1 - y0) * uy - HEADING_PX - 2 * PAD_PX) / LINE_PX), 1)
            body = labeller(content, max_chars=width * lines, width=width, max_lines=lines)
            colour = INK
        else:
            body = f"<i>{caption('block_empty')}</i>"
            colour = MUTED
        add_annotation(
            fig,
            x=left,
            y=top - HEADING_PX / uy,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            text=body,
            font={"size": BODY, "color": colour},
            name=f"{block.id}-text",
        )
    update_xaxes(fig, range=[0, cols], fixedrange=True)
    update_yaxes(fig, range=[0, rows], fixedrange=True)
    if not any_filled:
        add_empty_note(fig, top=True)
    if labeller.cut:
        add_truncation_note(fig)
    return with_narrow(fig, lambda: narrow_canvas_figure(workbook, pack))


def narrow_canvas_figure(workbook: Workbook, pack: ContentPack) -> Figure:
    """The canvas on a phone: one block under the other in reading order (the pack's rows, left to
    right), each as tall as its text wrapped to :data:`NARROW_WIDTH` pixels needs; empty blocks grey."""
    width = max(int((NARROW_WIDTH - 2 * PAD_PX) / CHAR_PX), 10)
    labeller = Labeller()
    blocks = []
    for block in sorted(pack.blocks, key=lambda b: (b.layout.row, b.layout.col)):
        content = _block_text(block.id, workbook, pack)
        body = (
            labeller(content, max_chars=width * NARROW_LINES, width=width, max_lines=NARROW_LINES)
            if content.strip()
            else None
        )
        lines = body.count("<br>") + 1 if body else 1
        blocks.append((block, body, HEADING_PX + lines * LINE_PX + 2 * PAD_PX))
    total = sum(h for _, _, h in blocks) + GAP_PX * (len(blocks) - 1)
    fig = new_figure(
        pack.instrument("canvas").name,
        width=NARROW_WIDTH + 8,
        height=round(total) + NARROW_MARGIN["t"] + NARROW_MARGIN["b"],
        axes=False,
    )
    update_layout(fig, margin=NARROW_MARGIN, title={"font": {"size": NARROW_TITLE}})
    top = total
    for block, body, height in blocks:
        add_shape(
            fig,
            type="rect",
            x0=0,
            x1=NARROW_WIDTH,
            y0=top - height,
            y1=top,
            layer="below",
            line={"color": INK if body else MUTED, "width": 2},
            fillcolor="white" if body else EMPTY_FILL,
            name=block.id,
        )
        add_annotation(
            fig,
            x=PAD_PX,
            y=top - PAD_PX,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            text=f"<b>{label(block.name, None, int(NARROW_WIDTH / (0.6 * NAME_PX)))}</b>",
            font={"size": NAME_PX, "color": INK},
            name=f"{block.id}-name",
        )
        add_annotation(
            fig,
            x=PAD_PX,
            y=top - PAD_PX - HEADING_PX,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            text=body or f"<i>{caption('block_empty')}</i>",
            font={"size": BODY, "color": INK if body else MUTED},
            name=f"{block.id}-text",
        )
        top -= height + GAP_PX
    update_xaxes(fig, range=[0, NARROW_WIDTH], fixedrange=True)
    update_yaxes(fig, range=[0, total], fixedrange=True)
    if not any(body for _, body, _ in blocks):
        add_empty_note(fig)
    if labeller.cut:
        add_truncation_note(fig, width=36)
    return fig


def _block_text(block_id: str, wb: Workbook, pack: ContentPack) -> str:
    """The raw text for a block: the participant's own text, then the structured list that belongs to it."""
    lister = _LISTS.get(block_id)
    lines = lister(wb, pack) if lister else []
    return "\n".join([wb.canvas.blocks.get(block_id, "").strip(), *lines]).strip()


def _party_lines(wb: Workbook, pack: ContentPack) -> list[str]:
    types = {t.id: t.name for t in pack.vocab.party_types}
    out = []
    for n, p in enumerate(wb.canvas.parties, 1):
        line = f"• {p.name.strip() or ui_text('labels.unnamed_party', number=n)}"
        if p.type:
            line += f" ({types.get(p.type, p.type)})"
        goals = "; ".join(g.text.strip() for g in p.goals if g.text.strip())
        out.append(f"{line}: {goals}" if goals else line)
    return out


def _contribution_lines(wb: Workbook, pack: ContentPack) -> list[str]:
    out = []
    for c in wb.canvas.contributions:
        party = wb.canvas.party(c.party)
        place = wb.canvas.parties.index(party) + 1 if party else 0
        who = (party.name.strip() if party else "") or ui_text(
            "labels.unnamed_party", number=place or "?"
        )
        line = f"• {who}: {c.description.strip()}"
        out.append(f"{line} ({ui_text('figures.risk_bearing')})" if c.risk_bearing else line)
    return out


def _goal_lines(wb: Workbook, pack: ContentPack) -> list[str]:
    statuses = {s.id: s.name for s in pack.vocab.goal_statuses}
    goals = {(p.id, g.id): g.text.strip() for p in wb.canvas.parties for g in p.goals}
    return [
        f"• {goals[(g.party, g.goal)]} ({statuses.get(g.status, g.status)})"
        for g in wb.goals.consolidated
        if goals.get((g.party, g.goal))
    ]


# Blocks that also show a structured part of the workbook (ids fixed in content.schema.FIXED_IDS).
_LISTS = {"partijen": _party_lines, "bijdragen": _contribution_lines, "doelen": _goal_lines}
