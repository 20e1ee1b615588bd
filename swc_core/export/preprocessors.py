"""The nbconvert preprocessors that make an executed workbook a safe, static handout.

In order: drop the inline ``<style>``/``<script>`` elements of outputs (the
handout has its own stylesheet, and nothing in an output may run), sanitize
every HTML output with an allowlist (nbconvert's ``SanitizeHTML`` with
bleach), then turn plotly outputs into a div plus a call signed with the
document's nonce. Participant text is already escaped by the pages; the
sanitizer is the second line: markup that slips through is removed, so a
test that looks for the literal text fails instead of a script running.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Bool

from ..figures.paper import twins_of
from .paper import CANVAS_PRINT_CLASS
from .plotly_embed import PLOTLY_MIME, figure_html

TWIN_MARK = f'class="swc-print-only {CANVAS_PRINT_CLASS}"'  # a figure right after it is shown on screen only

ALLOWED_TAGS = [
    "a",
    "b",
    "br",
    "caption",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
]
# data-label: the column a cell belongs to, shown before it when a table becomes cards on a phone (handout.css)
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "role", "aria-label"],
    "a": ["href"],
    "td": ["colspan", "rowspan", "data-label"],
    "th": ["colspan", "rowspan", "scope"],
}
# whole elements whose content is not text to show; the sanitizer removes any other stray tag
_DROPPED = re.compile(
    r"<(style|script|noscript|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def _html_outputs(cell):
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data:
            yield data


class DropEmbeddedElements(Preprocessor):
    """Removes style and script elements with their content (the sanitizer would keep their text).

    A pattern is enough here: these elements come from our own pages (the
    page stylesheet); whatever it misses, the sanitizer after it strips.
    """

    def preprocess_cell(self, cell, resources, index):
        for data in _html_outputs(cell):
            markup = data["text/html"]
            markup = "".join(markup) if isinstance(markup, list) else markup
            data["text/html"] = _DROPPED.sub("", markup)
        return cell, resources


def sanitizer(**kwargs) -> SanitizeHTML:
    """nbconvert's sanitizer with our allowlist; plotly JSON passes (it is drawn, not parsed as HTML)."""
    keep = {"metadata", "text/plain", PLOTLY_MIME}
    return SanitizeHTML(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        strip=True,
        safe_output_keys=keep,
        **kwargs,
    )


class PlotlyFigures(Preprocessor):
    """Each plotly output becomes HTML (div + ``Plotly.newPlot``); records that plotly.js is needed.

    ``twins``: each figure also gets its narrow twin (a phone) and its paper twin (print), from the
    output's metadata or built from its JSON (``swc_core/figures/paper.py``): handouts and the
    praktijkboek. Slides leave it off: a projected slide is neither a phone nor paper.
    """

    twins = Bool(False, help="draw each figure's twins for a phone and for paper").tag(config=True)
    paper = Bool(
        True, help="with twins: the paper twin too (slides are never printed from a phone's twin)"
    ).tag(config=True)

    def preprocess(self, nb, resources):
        swc = resources["swc"]
        count = 0
        for cell in nb.cells:
            before = ""  # the HTML output just before a figure: does it hold the figure's twin for paper?
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                spec = data.get(PLOTLY_MIME)
                if spec is None:
                    markup = data.get("text/html", "")
                    before = "".join(markup) if isinstance(markup, list) else markup
                    continue
                count += 1
                twin = (
                    TWIN_MARK in before
                )  # our markup as the sanitizer writes it; typed text is escaped
                narrow, paper = (
                    twins_of(output.get("metadata"), spec) if self.twins else (None, None)
                )
                paper = paper if self.paper else None
                output["data"] = {
                    "text/html": figure_html(
                        spec,
                        f"swc-fig-{count}",
                        swc["nonce"],
                        screen_only=twin,
                        narrow=narrow,
                        paper=paper,
                    )
                }
                output["metadata"] = {}
                before = ""
        swc["plotly"] = count > 0
        swc["figures"] = count
        return nb, resources
