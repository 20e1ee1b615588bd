"""What paper says instead of the live page (``swc_core.export.paper``), imported when a handout is rendered.

The live page imports ``swc_core.views`` too (its header, the homework's parts), and importing
``swc_core.export.paper`` runs ``swc_core/export/__init__.py``, which imports nbconvert, nbformat
and jsonschema: seconds of CPU in every page kernel (tests/test_preheat.py). These two functions
import it at their first call, which only a handout makes.
"""

from __future__ import annotations

from typing import Any


def paper_line(line: str) -> str | None:
    """``swc_core.export.paper.paper_line``: ``line`` as paper says it, or None when it is left out."""
    from swc_core.export.paper import paper_line as on_paper

    return on_paper(line)


def canvas_print_html(workbook: Any, pack: Any) -> str:
    """``swc_core.export.paper.canvas_print_html``: the canvas as it prints (its blocks as text)."""
    from swc_core.export.paper import canvas_print_html as printed

    return printed(workbook, pack)
