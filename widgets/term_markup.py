"""The shared language at each word: a glossary term in a page's text shows its definition on hover or tap.

The first use of each term of the pack's begrippenlijst (``glossary.yml``) in
a text is marked; pointing at it, tapping it or tabbing to it shows the
definition next to it (CSS in ``swc_core/templates/page.css``, no script). The
definition is also in the text for a screen reader, visually hidden until
then. A marked term is ``swc_core/templates/page_term_marked.html.j2``; everything
else in the text is escaped: the result is HTML for a ``W.HTML``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable

import ipywidgets as W

from swc_core.content.schema import GlossaryTerm
from swc_core.html_templates import macros

from .controls import label


@lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...]) -> re.Pattern:
    """One regular expression for every term name, longest first, whole words, any case."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)


def marked_terms(text: str, terms: Iterable[GlossaryTerm]) -> str:
    """``text`` as escaped HTML with the first use of each term marked (``<span class='swc-term'>``).

    ``terms``: the glossary entries to look for (their ``name`` and other
    ``forms``, whole words, case ignored; a term with ``marked: false`` is
    left alone). A term used twice is marked once.
    """
    by_name = {word.lower(): t for t in terms if t.marked for word in t.words}
    if not by_name or not text:
        return html.escape(text or "")
    out, done, last = [], set(), 0
    for match in _pattern(tuple(by_name)).finditer(text):
        term = by_name[match.group(1).lower()]
        if term.id in done:
            continue
        done.add(term.id)
        out.append(html.escape(text[last : match.start()]))
        definition = " ".join(term.definition.split())
        out.append(macros("page_term_marked.html.j2").term(match.group(1), term.name, definition))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def explained(text: str, ctx, *classes: str):
    """A pack text as a widget: on a live page with its Code terms marked (``marked_terms``), else a plain Label.

    ``ctx``: the page's ``PageContext`` (its ``live`` flag and the pack's
    glossary); ``classes``: CSS classes, as for ``controls.label``. A handout
    (``ctx.live`` False) gets a plain Label; there the begrippenlijst
    chapter carries the definitions instead.
    """
    text = (text or "").strip()
    if not getattr(ctx, "live", False):
        return label(text, *classes)
    widget = W.HTML(marked_terms(text, ctx.content.glossary), layout=W.Layout(width="100%"))
    for cls in ("swc-intro", "swc-marked", *classes):
        widget.add_class(cls)
    return widget
