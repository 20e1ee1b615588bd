"""What a handout and the praktijkboek show on paper in place of what only works on a screen.

The canvas picture is laid out for a 1,200 px screen; scaled to an A4 page
its text is about 6 pt. On paper the canvas is therefore printed as HTML in
the pack's own grid of blocks, with each block's full text at a size that
reads on A4 (handout.css, ``@media print``); the picture stays for the
screen. The snapshot of a workbook page (``widgets/snapshot.py``) and the
praktijkboek both call :func:`canvas_print_html`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..content import ContentPack
from ..messages import text
from ..model import Workbook

TEMPLATES = Path(__file__).parent / "templates" / "paper"
CANVAS_PRINT_CLASS = "swc-canvas-print"  # the preprocessor hides the figure right after it on paper


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def canvas_print_html(workbook: Workbook, pack: ContentPack, language: str = "nl") -> str:
    """The canvas as a print-only grid of blocks (pack layout: row, col, spans), every text escaped.

    In: the participant's workbook and the content pack. Out: one ``div`` of
    class :data:`CANVAS_PRINT_CLASS`, hidden on screen by the handout stylesheet.
    """
    template = _environment().get_template("canvas_grid.html.j2")
    return template.render(
        blocks=canvas_blocks(workbook, pack),
        title=pack.instrument("canvas").name,
        empty=text("export.paper.empty", language),
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
