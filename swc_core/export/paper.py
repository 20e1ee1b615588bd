"""What a handout and the praktijkboek show on paper in place of what only works on a screen.

The canvas picture is laid out for a 1,200 px screen; scaled to an A4 page
its text is about 6 pt. On paper the canvas is therefore printed as HTML in
the pack's own grid of blocks, with each block's full text at a size that
reads on A4 (handout.css, ``@media print``); the picture stays for the
screen. The static views of a workbook page (``swc_core/views/``) and the
praktijkboek both call :func:`canvas_print_html`. A line that tells how to
work the live page is left out or said as paper says it (:data:`LIVE_ONLY`,
:func:`paper_line`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..content import ContentPack
from ..messages import text
from ..model import Workbook

TEMPLATES = Path(__file__).parent / "templates" / "paper"
CANVAS_PRINT_CLASS = "swc-canvas-print"  # the preprocessor hides the figure right after it on paper

# Screen texts that tell how to work the live page (click, tick, slide, add, choose first). On paper
# each is left out (None) or replaced by the catalogue text named here. A text is matched where it
# stands whole in a label, or inside an HTML widget or a longer line (a finding that ends in advice).
LIVE_ONLY: dict[str, str | None] = {
    "widgets.canvas.blocks_help": None,
    "widgets.canvas.parties_help": None,
    "widgets.canvas.contributions_help": "export.paper.contributions_help",
    "widgets.canvas.need_parties": "export.paper.empty",
    "widgets.schakelbak.parts_help": "export.paper.parts_help",
    "widgets.schakelbak.need_parties": None,
    "widgets.schakelbak.part_parties": "export.paper.part_parties",
    "widgets.schakelbak.need_parts": None,
    "widgets.schakelbak.couplings_help": "export.paper.couplings_help",
    "widgets.schakelbak.check_help": "export.paper.check_help",
    "widgets.schakelbak.nothing_to_check": "export.paper.nothing_to_check",
    "widgets.typologie.no_parts": "export.paper.no_parts",
    "widgets.typologie.no_suggestion": "export.paper.no_suggestion",
    "widgets.typologie.type_title": "export.paper.type_title",
    "widgets.typologie.choose_type_first": "export.paper.no_type",
    "widgets.typologie.considerations_help": "export.paper.considerations_help",
    "widgets.doelen.no_goals": "export.paper.no_goals",
    "widgets.toets.not_answered": "export.paper.not_answered",
    "widgets.eigen-rol.axes_help": None,
    "widgets.eigen-rol.shares_help": "export.paper.shares_help",
    "widgets.eigen-rol.total_note": "export.paper.total_note",
    "widgets.competenties.intake_intro": "export.paper.intake_intro",
    "widgets.competenties.end_intro": "export.paper.end_intro",
    "analysis.role_not_placed": "export.paper.role_not_placed",
    "analysis.no_form": "export.paper.no_form",
    "homework.cases": "export.paper.homework_cases",
}


@lru_cache(maxsize=1)
def paper_texts() -> dict[str, str | None]:
    """Live text -> its paper text (None: left out), longest live text first (:data:`LIVE_ONLY`)."""
    replace = {text(live): text(paper) if paper else None for live, paper in LIVE_ONLY.items()}
    return dict(sorted(replace.items(), key=lambda kv: -len(kv[0])))


def paper_line(line: str) -> str | None:
    """``line`` as paper says it: a live-only instruction replaced, or None when it is left out.

    A live-only text that stands inside a longer line (a finding ending in advice) is replaced there.
    """
    replace = paper_texts()
    if line in replace:
        return replace[line]
    for live, paper in replace.items():
        if live in line:
            line = line.replace(live, paper or "").strip()
    return line


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def canvas_print_html(workbook: Workbook, pack: ContentPack) -> str:
    """The canvas as a print-only grid of blocks (pack layout: row, col, spans), every text escaped.

    In: the participant's workbook and the content pack. Out: one ``div`` of
    class :data:`CANVAS_PRINT_CLASS`, hidden on screen by the handout stylesheet.
    """
    template = _environment().get_template("canvas_grid.html.j2")
    return template.render(
        blocks=canvas_blocks(workbook, pack),
        title=pack.instrument("canvas").name,
        empty=text("export.paper.empty"),
    )


def canvas_blocks(workbook: Workbook, pack: ContentPack) -> list[dict]:
    """Each block of the canvas in the pack's order: ``name``, its place in the pack's grid (``row``,
    ``rowspan``, ``col``, ``colspan``) and its text as ``lines`` (none when empty), as the figure draws it."""
    from ..figures.canvas import (
        _block_text,  # the block's own text plus its structured list, as drawn
    )

    blocks = []
    for block in pack.blocks:
        lay = block.layout
        content = _block_text(block.id, workbook, pack)
        blocks.append(
            {
                "name": block.name,
                "row": lay.row,
                "rowspan": lay.rowspan,
                "col": lay.col,
                "colspan": lay.colspan,
                "lines": [line for line in content.splitlines() if line.strip()],
            }
        )
    return blocks
