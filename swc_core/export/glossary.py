"""The begrippenlijst as a chapter of a handout or the praktijkboek: the shared language, from the pack."""

from __future__ import annotations

from typing import Iterable

from nbformat.v4 import new_code_cell, new_output

from ..content import ContentPack
from ..content.schema import GlossaryTerm
from ..html_templates import render


def step_terms(pack: ContentPack, step_id: str) -> list[GlossaryTerm]:
    """The terms the instruments of one step use, each once, in the order they first appear."""
    seen: dict[str, GlossaryTerm] = {}
    for instrument in pack.step(step_id).instruments:
        if instrument in {i.id for i in pack.instruments}:
            for term in pack.terms_of(instrument):
                seen.setdefault(term.id, term)
    return list(seen.values())


def glossary_html(terms: Iterable[GlossaryTerm]) -> str:
    """The chapter: a heading, one line of intro, and each term with its definition; every text escaped
    (template ``glossary_chapter.html.j2``)."""
    return render("glossary_chapter.html.j2", terms=list(terms))


def glossary_cell(terms: Iterable[GlossaryTerm]):
    """A notebook cell holding the chapter as a display output (what the handout converter renders)."""
    return new_code_cell(
        outputs=[new_output("display_data", data={"text/html": glossary_html(terms)})]
    )
