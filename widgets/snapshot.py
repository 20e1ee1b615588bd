"""A static picture of a page: its widgets rendered as plain HTML, figures kept as plotly.

Generated notebooks are read later, in JupyterLab or as nbconvert handouts,
where live widgets show nothing (their renderer comes from the internet and
their state is not saved). In handout mode a page therefore shows this
snapshot instead: every value as text, escaped, in the page's order, with
the figures as plotly outputs. It walks the widget tree, so every instrument
gets a faithful static view without code of its own.
"""
from __future__ import annotations

import html
from typing import Any, Iterator

import ipywidgets as W

from .checklist import Checklist
from .controls import NAMED_BY_CAPTION
from .figure_view import PlotOutput

e = html.escape

_SKIP = (W.Button, W.FileUpload)


def _described(widget: W.Widget, value: str, cls: str = "swc-field") -> str:
    label = "" if NAMED_BY_CAPTION in widget._dom_classes else (getattr(widget, "description", "") or "")
    head = f"<div class='swc-field-label'>{e(label)}</div>" if label else ""
    return f"<div class='{cls}'>{head}<div class='swc-field-value'>{value}</div></div>"


def _text_value(value: Any) -> str:
    text = "" if value is None else str(value)
    return e(text).replace("\n", "<br>") if text.strip() else "<span class='swc-empty'>—</span>"


def _selection_label(widget) -> str:
    labels = getattr(widget, "label", None)
    if isinstance(labels, tuple):
        return ", ".join(labels)
    return labels if labels is not None else ""


def _parts(widget: W.Widget) -> Iterator[str | Any]:
    """HTML strings and figures, in page order."""
    if isinstance(widget, _SKIP) or not _visible(widget) or "swc-status" in widget._dom_classes:
        return  # a save status line means nothing on a static page
    if isinstance(widget, PlotOutput):  # every live figure: workbook views, dashboard panels, the rondgang
        if widget.figure is not None:
            yield widget.figure
        return
    if isinstance(widget, W.HTML):
        yield widget.value  # built by our code with every participant value escaped
    elif isinstance(widget, W.Label):
        yield f"<div class='swc-label'>{e(widget.value)}</div>"
    elif isinstance(widget, (W.Text, W.Textarea)):
        yield _described(widget, _text_value(widget.value))
    elif isinstance(widget, W.Checkbox):
        yield _described(widget, "ja" if widget.value else "nee")
    elif isinstance(widget, (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select, W.SelectionSlider,
                             W.SelectMultiple, Checklist)):
        yield _described(widget, _text_value(_selection_label(widget)))
    elif isinstance(widget, (W.IntSlider, W.FloatSlider, W.BoundedIntText, W.IntText, W.FloatText)):
        yield _described(widget, e(str(widget.value)))
    elif isinstance(widget, (W.Accordion, W.Tab)):
        for i, child in enumerate(widget.children):
            title = widget.get_title(i) or ""
            yield f"<h3 class='swc-section'>{e(title)}</h3>"
            yield from _parts(child)
    elif isinstance(widget, W.Box):
        yield "<div class='swc-box'>"
        for child in widget.children:
            yield from _parts(child)
        yield "</div>"


def _visible(widget: W.Widget) -> bool:
    layout = getattr(widget, "layout", None)
    return not (layout is not None and (layout.display == "none" or layout.visibility == "hidden"))


def snapshot(widget: W.Widget) -> list[Any]:
    """The page as a list of HTML strings and plotly figures, adjacent HTML merged."""
    out: list[Any] = []
    for part in _parts(widget):
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return out


def show_snapshot(widget: W.Widget) -> None:
    """Display the snapshot as notebook outputs (HTML and plotly mimetype)."""
    from IPython.display import HTML, display

    from .plotly_display import show_figure

    for part in snapshot(widget):
        if isinstance(part, str):
            display(HTML(part))
        else:
            show_figure(part)
