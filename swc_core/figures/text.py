"""Participant text in figures: escaped, truncated and wrapped in one place.

Plotly renders text, hover labels, tick labels and legend names as a
subset of HTML (``<b>``, ``<a href>``, ``<br>``, ...) and decodes entities,
and where MathJax is loaded it typesets anything between two ``$`` signs.
Every text that is not ours goes through :func:`label`, which escapes it so
plotly shows it literally, cuts it to a size a figure can hold, and only
then inserts our own ``<br>`` line breaks.
"""

from __future__ import annotations

import html
import textwrap

ELLIPSIS = "…"


def _escape(line: str) -> str:
    # quote=False: plotly's entity decoder knows &lt; &gt; &amp; and numeric
    # entities but not &quot;, which would show up literally. Quotes are
    # harmless once "<" is escaped. "$" becomes numeric so no TeX is matched.
    return html.escape(line, quote=False).replace("$", "&#36;")


def _fit(
    text: str | None, max_chars: int | None, width: int | None, max_lines: int | None
) -> tuple[list[str], bool]:
    """The raw lines to show and whether anything was cut off."""
    text = (text or "").strip()
    cut = max_chars is not None and len(text) > max_chars
    if cut:
        text = text[: max(max_chars - 1, 0)].rstrip() + ELLIPSIS
    lines: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph.strip():
            continue  # blank lines cost room a figure does not have
        if width:
            lines.extend(textwrap.wrap(paragraph, width=width) or [""])
        else:
            lines.append(" ".join(paragraph.split()))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        if not lines[-1].endswith(ELLIPSIS):
            lines[-1] = lines[-1].rstrip() + " " + ELLIPSIS
        cut = True
    return lines, cut


def label(
    text: str | None,
    max_chars: int | None = 200,
    width: int | None = 40,
    max_lines: int | None = None,
) -> str:
    """``text`` as safe plotly text: escaped, cut to ``max_chars`` (and
    ``max_lines``) with "…", wrapped at ``width`` characters with ``<br>``.
    ``None`` for a limit switches it off."""
    lines, _ = _fit(text, max_chars, width, max_lines)
    return "<br>".join(_escape(line) for line in lines)


def truncated(
    text: str | None,
    max_chars: int | None = 200,
    width: int | None = 40,
    max_lines: int | None = None,
) -> bool:
    """Whether :func:`label` with the same limits cuts something off."""
    return _fit(text, max_chars, width, max_lines)[1]


class Labeller:
    """Calls :func:`label` and remembers whether any text was cut, so a
    figure can add the visible "tekst ingekort" note once."""

    def __init__(self) -> None:
        self.cut = False

    def __call__(
        self,
        text: str | None,
        max_chars: int | None = 200,
        width: int | None = 40,
        max_lines: int | None = None,
    ) -> str:
        if truncated(text, max_chars, width, max_lines):
            self.cut = True
        return label(text, max_chars, width, max_lines)
