"""What the browser still held when the participant left the page.

ipywidgets sends a text field's changes one message at a time: while one is
on its way to the kernel, newer keystrokes wait in the browser (the model's
message buffer, sent when the kernel reports idle; ``@jupyter-widgets/base``
``WidgetModel.sync``). A tab closed in that moment takes them along: seen
here, the last 4 of 34 characters typed 5 ms apart were lost.

So every text field of a page carries its model id as a CSS class
(``swc-m-<id>``); the page template's ``pagehide`` handler sends the current
text of every field typed in to the server (``/swc/leave/<kernel>``), which
hands them to this kernel (:func:`apply_left_values`) before the kernel saves
what it holds and is shut down (``swc_core/serve/kernels.py``). The text is
data to the kernel: it is set as the widget's value, checked and saved like
any keystroke, never evaluated.
"""
from __future__ import annotations

import base64
import binascii
import json

import ipywidgets as W

from .autosave import flush_every_page

FIELD_CLASS = "swc-m-"  # + model id; read by the template's pagehide handler (voila_template/swc)
TEXT_FIELDS = (W.Text, W.Textarea)


def tag_text_fields() -> None:
    """From now on, every text field built in this kernel carries ``swc-m-<model id>`` as a CSS class."""
    W.Widget.on_widget_constructed(_tag)


def _tag(widget: W.Widget) -> None:
    # Called before the widget opens its comm (ipywidgets 8 ``Widget.__init__``): the id exists from then on.
    if isinstance(widget, TEXT_FIELDS):
        widget.observe(_tag_opened, names="comm")


def _tag_opened(change) -> None:
    if change["new"] is not None:
        change["owner"].add_class(FIELD_CLASS + change["owner"].model_id)


def apply_left_values(encoded: str) -> list[str]:
    """Set the texts a leaving page still held, then save everything pending; returns fields left unsaved.

    ``encoded``: base64 of a JSON object ``{model id: text}``. Unknown ids,
    other widgets, disabled fields and non-text values are ignored; a value
    the field's instrument refuses is refused as if typed.
    """
    try:
        values = json.loads(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError):
        values = {}
    if isinstance(values, dict):
        for model_id, text in values.items():
            widget = W.widget_serialization["from_json"](f"IPY_MODEL_{model_id}", None)
            if isinstance(widget, TEXT_FIELDS) and isinstance(text, str) and not widget.disabled \
                    and widget.value != text:
                widget.value = text
    return flush_every_page()
