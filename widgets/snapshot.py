"""A static picture of a team's homework page: its widgets as plain HTML, figures kept as plotly.

A workbook's handout is rendered from the typed workbook by the static views
(``swc_core/views/``); only the team's homework page (``widgets/homework.py``,
another piece of work) is still built as widgets and walked back here.
Generated notebooks are read later, in JupyterLab or as nbconvert handouts,
where live widgets show nothing, so in handout mode that page shows this
snapshot instead: every value as text, escaped, in the page's order, with
the figures as plotly outputs.

A handout is read on paper, so the snapshot also turns the page into what
paper can say (issue 16): an instruction for the live page is left out or
replaced by what it means on paper (``export.paper.LIVE_ONLY``); a number
reads with its label and scale ("3 van 5 (Ik pas het toe met hulp)"),
never as a bare number above its name.

The HTML pieces are the macros of ``swc_core/templates/view_parts.html.j2`` (the
static views' own) and ``snapshot_parts.html.j2``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Iterator

import ipywidgets as W

from swc_core import messages
from swc_core.export.paper import paper_texts
from swc_core.html_templates import Markup, macros

from .checklist import Checklist
from .controls import NAMED_BY_CAPTION
from .figure_view import PlotOutput

e = (
    html.escape
)  # to find a live-only text inside an HTML widget's value, escaped as the templates escape it


def _piece(name: str, *args: Any) -> str:
    """One piece of the static page, as a plain string: a macro the static views use too
    (``view_parts.html.j2``), else one of ``snapshot_parts.html.j2``.

    Plain: the walk joins pieces with HTML widgets' values, which are our own escaped HTML already.
    """
    macro = getattr(macros("view_parts.html.j2"), name, None) or getattr(
        macros("snapshot_parts.html.j2"), name
    )
    return str(macro(*args))


_SKIP = (W.Button, W.FileUpload)
_NUMBERS = (
    W.IntSlider,
    W.FloatSlider,
    W.BoundedIntText,
    W.BoundedFloatText,
    W.IntText,
    W.FloatText,
)
_SLIDERS = (W.IntSlider, W.FloatSlider)
_CHOICES = (
    W.Dropdown,
    W.ToggleButtons,
    W.RadioButtons,
    W.Select,
    W.SelectionSlider,
    W.SelectMultiple,
    Checklist,
)

# Titles that carry a live-page mark ("Doelen ✓": something is filled in): on paper only the name.
DECORATED_TITLES = ("widgets.canvas.block_filled",)


@dataclass
class Paper:
    """What the walk needs besides the widget: the language's paper texts, and where it is."""

    language: str = "nl"
    replace: dict[str, str | None] = field(
        default_factory=dict
    )  # live text -> paper text (None: left out)
    decorations: list[tuple[str, str]] = field(
        default_factory=list
    )  # (before, after) around {name}

    @classmethod
    def for_language(cls, language: str = "nl") -> "Paper":
        decorations = [
            tuple(messages.text(key, language).split("{name}", 1)) for key in DECORATED_TITLES
        ]
        return cls(language, dict(paper_texts(language)), decorations)

    def t(self, key: str, **values) -> str:
        return messages.text(f"export.paper.{key}", self.language, **values)

    def line(self, text: str) -> str | None:
        """``text`` as paper says it; None when it is an instruction left out."""
        if text in self.replace:
            return self.replace[text]
        for live, paper in self.replace.items():
            if live in text:
                text = text.replace(live, paper or "").strip()
        return text

    def markup(self, value: str) -> str:
        """An HTML widget's value with every live-only text in it replaced (texts are escaped there)."""
        for live, paper in self.replace.items():
            value = value.replace(e(live), e(paper or ""))
        return value

    def title(self, title: str) -> str:
        for before, after in self.decorations:
            if title != before + after and title.startswith(before) and title.endswith(after):
                return title[len(before) : len(title) - len(after)]
        return title


def _classes(widget: W.Widget, base: str) -> str:
    return " ".join(
        [base, *(c for c in widget._dom_classes if c.startswith("swc-") and c != NAMED_BY_CAPTION)]
    )


def _field_html(label: str, value: str, cls: str = "swc-field") -> str:
    """A labelled value; ``value``: HTML made by a piece (escaped there)."""
    return _piece("field", label, Markup(value), cls)


def _described(widget: W.Widget, value: str, paper: Paper, cls: str = "swc-field") -> str:
    label = (
        ""
        if NAMED_BY_CAPTION in widget._dom_classes
        else (getattr(widget, "description", "") or "")
    )
    return _field_html(paper.line(label) or "", value, cls)


def _text_value(value: Any) -> str:
    return _piece("text_value", "" if value is None else str(value))


def _selection_label(widget) -> str:
    labels = getattr(widget, "label", None)
    if isinstance(labels, tuple):
        return ", ".join(labels)
    return labels if labels is not None else ""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _numeric_scale(widget: W.Widget) -> tuple[str, str] | None:
    """(value, highest) of a number input or of a choice among numbers ("1" … "5"); None otherwise."""
    if isinstance(widget, _NUMBERS):
        top = getattr(widget, "max", None)
        return (
            (_number(widget.value), _number(top))
            if top is not None
            else (_number(widget.value), "")
        )
    if isinstance(widget, (W.ToggleButtons, W.Dropdown, W.RadioButtons)):
        labels = [str(o[0] if isinstance(o, (tuple, list)) else o) for o in widget.options]
        if labels and all(lbl.strip().isdigit() for lbl in labels) and widget.label is not None:
            return widget.label, str(max(int(lbl) for lbl in labels))
    return None


def _scale_text(value: str, top: str, paper: Paper, label: str = "") -> str:
    if not top:
        return value
    return (
        paper.t("scale_with_label", value=value, max=top, label=label)
        if label
        else paper.t("scale", value=value, max=top)
    )


def _label_text(widget: W.Widget) -> str:
    return widget.value if isinstance(widget, W.Label) else ""


def _box_as_field(box: W.Box, paper: Paper) -> Iterator[str | Any] | None:
    """Boxes that put a number beside its meaning: one field on paper, or None for an ordinary box.

    - ``[label, slider, label]``: a slider between the two ends of its axis;
    - ``[number, box(caption, …)]``: a number in front of the name it belongs to;
    - ``[number, label]``: a number followed by what it means on the scale.
    """
    kids = [c for c in box.children if _visible(c)]
    if (
        len(kids) == 3
        and isinstance(kids[1], _SLIDERS)
        and isinstance(kids[0], W.Label)
        and isinstance(kids[2], W.Label)
    ):
        slider = kids[1]
        value = paper.t(
            "scale_ends",
            value=_number(slider.value),
            min=_number(slider.min),
            max=_number(slider.max),
            low=kids[0].value,
            high=kids[2].value,
        )
        return iter([_field_html("", _piece("plain", value), "swc-field swc-scale")])
    if len(kids) == 2 and _numeric_scale(kids[0]) is not None:
        value, top = _numeric_scale(kids[0])
        second = kids[1]
        if (
            isinstance(second, W.Box)
            and second.children
            and isinstance(second.children[0], W.Label)
        ):
            caption, rest = second.children[0].value, second.children[1:]
            line = paper.t("labelled", label=caption, value=_scale_text(value, top, paper))
            return _chain([_piece("scale_line", line)], *(_parts(c, paper) for c in rest))
        if isinstance(second, W.Label):
            return iter(
                [
                    _field_html(
                        "",
                        _piece(
                            "plain", _scale_text(value, top, paper, _label_text(second).strip())
                        ),
                        "swc-field swc-scale",
                    )
                ]
            )
    return None


def _chain(*parts) -> Iterator[str | Any]:
    for part in parts:
        yield from part


def _parts(widget: W.Widget, paper: Paper) -> Iterator[str | Any]:
    """HTML strings and figures, in page order."""
    if isinstance(widget, _SKIP) or not _visible(widget) or "swc-status" in widget._dom_classes:
        return  # a save status line means nothing on a static page
    if isinstance(widget, PlotOutput):  # every live figure: the homework's views of the cases
        if widget.figure is not None:
            yield widget.figure
        return
    if isinstance(widget, W.HTML):
        yield paper.markup(widget.value)  # built by our code with every participant value escaped
    elif isinstance(widget, W.Label):
        text = paper.line(widget.value)
        if text:
            yield _piece("label", text, _classes(widget, "swc-label"))
    elif isinstance(widget, (W.Text, W.Textarea)):
        yield _described(widget, _text_value(widget.value), paper)
    elif isinstance(widget, W.Checkbox):
        yield _described(widget, "ja" if widget.value else "nee", paper)
    elif _numeric_scale(widget) is not None:
        yield _described(
            widget, _piece("plain", _scale_text(*_numeric_scale(widget), paper)), paper
        )
    elif isinstance(widget, _CHOICES):
        yield _described(widget, _text_value(_selection_label(widget)), paper)
    elif isinstance(widget, (W.Accordion, W.Tab)):
        for i, child in enumerate(widget.children):
            title = paper.title(widget.get_title(i) or "")
            yield _piece("section", title)
            yield from _parts(child, paper)
    elif isinstance(widget, W.Box):
        as_field = _box_as_field(widget, paper)
        if as_field is not None:
            yield from as_field
            return
        yield _piece("box_start")
        for child in widget.children:
            yield from _parts(child, paper)
        yield _piece("box_end")


def _visible(widget: W.Widget) -> bool:
    layout = getattr(widget, "layout", None)
    return not (layout is not None and (layout.display == "none" or layout.visibility == "hidden"))


def snapshot(widget: W.Widget, language: str | None = None) -> list[Any]:
    """The page as a list of HTML strings and plotly figures, adjacent HTML merged.

    ``language``: of the paper texts; by default the page's own (``widget.ctx``), else Dutch.
    """
    language = language or getattr(getattr(widget, "ctx", None), "language", None) or "nl"
    paper = Paper.for_language(language)
    out: list[Any] = []
    for part in _parts(widget, paper):
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
