"""The page's look: readable on a laptop, printable, no external fonts or scripts.

The stylesheet is ``swc_core/templates/page.css``; the figures' rules (a figure and its
narrow twin) come from ``figure_view.FIGURE_CSS``, kept beside the code that sets their classes.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.html_templates import Markup, render, stylesheet

from .figure_view import FIGURE_CSS

CSS: str = str(
    stylesheet("page.css")
)  # the workbook page's stylesheet (tests measure it in Chromium)


def page_style() -> W.HTML:
    """The page's ``<style>`` element in an HTML widget: page.css, then the figures' rules."""
    return W.HTML(render("page_style.html.j2", css=Markup(CSS + FIGURE_CSS)))
