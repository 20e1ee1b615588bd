"""Small controls shared by instruments: screen texts, choice lists, escaped notes.

Everything a participant types is data: it goes into Text/Textarea/Label/
Dropdown widgets, or through a template (``swc_core.html_templates``, autoescape)
before it reaches an ``HTML`` widget. The helpers here put every text into
HTML that way, so an instrument never has to remember to escape.
"""

from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import traitlets

from swc_core import messages
from swc_core.html_templates import render

WIDE_LABEL = {"description_width": "initial"}
FIT_CHOICE = (
    "swc-fit"  # a Dropdown as wide as its chosen option (style.py), where a fixed width cut it
)


def full_width() -> W.Layout:
    return W.Layout(width="100%")


def ui(instrument_id: str, key: str, **values) -> str:
    """The screen text ``widgets.<instrument_id>.<key>`` from data/ui/nl.yml."""
    return messages.text(f"widgets.{instrument_id}.{key}", **values)


def none_chosen() -> str:
    return messages.text("labels.none_chosen")


def textarea(
    value: str | None = "",
    *,
    placeholder: str = "",
    description: str = "",
    rows: int = 3,
    width: str = "100%",
) -> W.Textarea:
    return W.Textarea(
        value=value or "",
        placeholder=placeholder,
        description=description,
        rows=rows,
        style=WIDE_LABEL,
        layout=W.Layout(width=width),
    )


LINE = "swc-line"  # a one-line free-text field that grows (the tests find these fields by it)


def line(value: str | None = "", *, placeholder: str = "", width: str = "100%") -> W.Textarea:
    """A free-text field of one line that grows with its text, for a name or a short answer.

    Issue 16: on a phone a long value in a one-line ``Text`` scrolled inside the field, so the participant
    could not see what they typed. A text area of one row grows as the page's other text areas do
    (``page.css``: ``field-sizing: content``); a line break typed in it becomes a space (a name is one line).
    """
    area = W.Textarea(
        value=value or "",
        placeholder=placeholder,
        rows=1,
        continuous_update=True,
        layout=W.Layout(width=width),
    )
    area.add_class(LINE)
    area.observe(_one_line, names="value")
    return area


def _one_line(change) -> None:
    if "\n" in change["new"]:
        change["owner"].value = " ".join(change["new"].split("\n"))


def label(text: str, *classes: str) -> W.Label:
    """Plain text (never interpreted as HTML) that wraps over as many lines as it needs."""
    widget = W.Label(text, layout=full_width())
    widget.add_class("swc-text")  # see style.py: a Label is one fixed-height line by default
    for cls in classes:
        widget.add_class(cls)
    return widget


def note(text: str, *classes: str, tag: str = "div") -> W.HTML:
    """One escaped line or paragraph in an HTML widget, with CSS classes; ``tag``: the element (div, p, h3 …)."""
    return W.HTML(
        render("controls_note.html.j2", tag=tag, classes=" ".join(classes), text=text),
        layout=full_width(),
    )


def heading(text: str) -> W.HTML:
    return note(text, "swc-subheading", tag="h3")


def bullets(items: Sequence[str], *classes: str) -> W.HTML:
    """An escaped bullet list; empty when there are no items."""
    return W.HTML(
        render("controls_bullets.html.j2", classes=" ".join(("swc-list", *classes)), items=items),
        layout=full_width(),
    )


class Captioned(W.VBox):
    """An input with its caption above it; ``value`` follows the input (for ListEditor rows)."""

    value = traitlets.Any(help="The input's value.")

    def __init__(self, caption: str, widget: W.Widget, width: str = "100%", help: str = ""):
        parts = [label(caption, "swc-caption")]
        if help:
            parts.append(label(help, "swc-help"))
        super().__init__([*parts, widget], layout=W.Layout(width=width, padding="0 6px 0 0"))
        self.input = widget
        name_by_caption(widget, caption)
        W.link((widget, "value"), (self, "value"))


NAMED_BY_CAPTION = (
    "swc-named"  # page.css hides its description visually; the caption above names the control
)


def name_by_caption(widget: W.Widget, caption: str) -> None:
    """Give an input the accessible name of the caption shown above it, without showing it twice.

    ipywidgets renders a ``description`` as a ``<label for>`` of the input, which is what a screen
    reader (and axe) needs; the page hides that label visually, as the caption already says it.
    """
    if hasattr(widget, "description") and not getattr(widget, "description", "") and caption:
        widget.description = caption
        widget.add_class(NAMED_BY_CAPTION)


def set_visible(widget: W.Widget, visible: bool) -> None:
    """Show or hide one widget; it gets a Layout of its own first, so widgets sharing one stay as they are."""
    if not getattr(widget, "_swc_own_layout", False):
        layout = widget.layout
        widget.layout = W.Layout(
            **{k: getattr(layout, k) for k in layout.keys if not k.startswith("_")}
        )
        widget._swc_own_layout = True
    widget.layout.display = None if visible else "none"


def html_values(root: W.Widget) -> list[str]:
    """The value of every HTML widget in a widget tree (tests check these for unescaped input)."""
    out: list[str] = []
    stack = [root]
    while stack:
        widget = stack.pop()
        if isinstance(widget, (W.HTML, W.HTMLMath)):
            out.append(widget.value)
        stack.extend(getattr(widget, "children", ()) or ())
    return out
