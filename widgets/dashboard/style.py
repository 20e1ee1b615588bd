"""Projector mode: large type, high contrast, nothing fetched from outside.

The stylesheet is ``swc_core/templates/dashboard.css``, read once at import; the figures' rules (a
figure and its narrow twin) come from ``figure_view.FIGURE_CSS``, as on a workbook page.
"""

from __future__ import annotations

import ipywidgets as W

from swc_core.html_templates import Markup, render, stylesheet

from ..figure_view import FIGURE_CSS

CSS: str = str(
    stylesheet("dashboard.css")
)  # the dashboards' stylesheet (tests measure it in Chromium)


def dashboard_style() -> W.HTML:
    """The dashboard's ``<style>`` element in an HTML widget: dashboard.css, then the figures' rules."""
    return W.HTML(render("page_style.html.j2", css=Markup(CSS + FIGURE_CSS)))
