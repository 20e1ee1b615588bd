"""The Samenwerkingscanvas and the four collaboration forms: ``canvas.yml`` and ``forms.yml``.

The nine blocks and the four forms come from the slides seed (with our own
wording, ``source: [slides, eigen]``) and are fixed by ``FIXED_IDS``. That
every block fits the canvas grid without overlapping another, and that each
check of a form has an id of its own, are our own rules: the canvas picture
and the form check (``analysis``) rely on them.
"""

from __future__ import annotations

from ...messages import counted, text
from .loaded import Loaded, _fixed


def check_canvas(ld: Loaded) -> None:
    canvas = ld.models["canvas.yml"]
    _fixed(ld, "canvas.yml", ["blocks"], canvas.blocks, "blocks", "canvasblok")
    taken: dict[tuple[int, int], int] = {}  # cell -> index of the first block on it
    for i, block in enumerate(canvas.blocks):
        lay = block.layout
        if lay.row + lay.rowspan > canvas.grid.rows or lay.col + lay.colspan > canvas.grid.cols:
            ld.add(
                "canvas.yml",
                ["blocks", i, "layout"],
                text(
                    "content_check.block_outside",
                    id=block.id,
                    rows=counted("rows", canvas.grid.rows),
                    columns=counted("columns", canvas.grid.cols),
                ),
                hint=text("content_check.block_outside_hint"),
            )
        overlap = sorted({taken[c] for c in lay.cells() if c in taken})
        if overlap:
            others = ", ".join(
                text(
                    "content_check.block_at_line",
                    id=canvas.blocks[j].id,
                    line=ld.docs["canvas.yml"].line(["blocks", j, "layout"]),
                )
                for j in overlap
            )
            ld.add(
                "canvas.yml",
                ["blocks", i, "layout"],
                text("content_check.block_overlap", id=block.id, others=others),
            )
        for cell in lay.cells():
            taken.setdefault(cell, i)


def check_forms(ld: Loaded) -> None:
    forms = ld.models["forms.yml"].forms
    _fixed(ld, "forms.yml", ["forms"], forms, "forms", "samenwerkingsvorm")
    owner: dict[str, str] = {}
    for i, form in enumerate(forms):
        for j, check in enumerate(form.checks):
            if check.id in owner:
                ld.add(
                    "forms.yml",
                    ["forms", i, "checks", j, "id"],
                    text("content_check.check_id_taken", id=check.id, owner=owner[check.id]),
                    hint=text("content_check.check_id_taken_hint"),
                )
            owner.setdefault(check.id, form.id)
