"""Executed notebooks to self-contained HTML, in this process, with one configured nbconvert exporter.

The exporter is built once (template lookup, Jinja environment, preprocessors)
and reused for every document of an export; that, and not starting
``jupyter nbconvert`` per notebook, is where the speed comes from.
plotly.js is spliced in after rendering, so no parser walks its 4.8 MB.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import nbformat

from .. import __version__
from .plotly_embed import plotly_js
from .preprocessors import DropEmbeddedElements, PlotlyFigures, sanitizer

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "swc_handout"
STYLESHEET = TEMPLATES / TEMPLATE / "handout.css"


@dataclass(frozen=True)
class Page:
    """What a document says about itself, beyond its cells."""

    title: str
    footer: str = ""
    confidential: str | None = None  # the mark shown on screen and on every printed page
    fingerprint: str = ""


def converter_version() -> str:
    """Changes when the template, the stylesheet or this software changes (handouts are then redone)."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted((TEMPLATES / TEMPLATE).iterdir()):
        h.update(path.read_bytes())
    for module in (
        "html.py",
        "preprocessors.py",
        "plotly_embed.py",
        "paper.py",
        "../figures/paper.py",
    ):
        h.update((Path(__file__).parent / module).read_bytes())
    return h.hexdigest()[:16]


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:`` in the page margins)."""
    escaped = "".join(c if c.isalnum() or c in " -–·:,.()" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def _exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class HandoutExporter(HTMLExporter):
        """HTMLExporter without its last pass, which re-parses the whole page with BeautifulSoup to add
        alt texts to images and tabindex to input cells: a handout has neither, and the pass took
        half the time of a handout."""

        def from_notebook_node(self, nb, resources=None, **kw):
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return HandoutExporter


class HandoutConverter:
    """Turns notebooks into handout HTML; build one and call :meth:`convert` per document."""

    @cached_property
    def exporter(self):
        from traitlets.config import Config

        config = Config({"NbConvertBase": {"display_data_priority": ["text/html", "text/plain"]}})
        exporter = _exporter_class()(
            config=config,
            extra_template_basedirs=[str(TEMPLATES)],
            template_name=TEMPLATE,
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            language_code="nl",
        )
        for pre in (DropEmbeddedElements(), sanitizer(), PlotlyFigures(twins=True)):
            exporter.register_preprocessor(pre, enabled=True)
        return exporter

    @cached_property
    def stylesheet(self) -> str:
        return STYLESHEET.read_text(encoding="utf-8")

    def convert(self, nb: nbformat.NotebookNode, page: Page) -> str:
        """The handout of ``nb`` as one HTML string (``nb`` itself is not changed)."""
        # widget state: nothing in a handout renders it (nbconvert copies the notebook itself)
        metadata = {k: v for k, v in nb.metadata.items() if k != "widgets"}
        nb = nbformat.NotebookNode({**nb, "metadata": nbformat.NotebookNode(metadata)})
        nonce = secrets.token_urlsafe(18)
        placeholder = f"/*plotly.js {nonce}*/"
        swc = {
            "nonce": nonce,
            "title": page.title,
            "footer": page.footer,
            "confidential": page.confidential,
            "confidential_css": css_string(page.confidential or ""),
            "fingerprint": page.fingerprint,
            "css": self.stylesheet,
            "plotly_placeholder": placeholder,
        }
        body, resources = self.exporter.from_notebook_node(nb, resources={"swc": swc})
        if resources["swc"].get("plotly"):
            body = body.replace(placeholder, plotly_js(), 1)
        return body
