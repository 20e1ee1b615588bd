"""One ``Layout`` and one ``Style`` widget per distinct look, shared by every widget of a page that has it.

In ipywidgets every control has a ``Layout`` model and most a ``Style`` model of their own, and each is a
widget: a model the kernel serialises and the browser fetches and builds before the page shows. A workbook
page of the demo (dagdeel-1-2, participant p01) builds 1,367 widgets, of which 529 are Layouts in only 15
distinct states and 324 are Styles in 7 (measured by walking ``Widget.widgets`` after ``build_page``). With
one model per distinct look the page has 550 widgets and its state (ipywidgets' ``request_states`` reply)
shrinks from 1.05 MiB to 0.40 MiB of JSON: less for the kernel to send when thirty pages open at once, and
fewer models for each browser to build.

ipywidgets lets several widgets use one Layout or Style instance (its "Widget Styling" documentation assigns
one style to a second button); a change to a shared one changes them all. So a look is shared
only once the page is built, and a widget that is shown or hidden later goes through
:func:`widgets.controls.set_visible`, which first gives it a Layout of its own.
"""

from __future__ import annotations

import json

import ipywidgets as W

LOOKS = ("layout", "style")  # the traits of a widget that hold its look


def share_looks(root: W.Widget) -> int:
    """Make every widget under ``root`` with an equal Layout (or Style) use one instance of it.

    ``root``: a widget tree (followed through ``children`` and every other widget-valued trait).
    Returns how many Layout and Style widgets were closed because an equal one now serves instead.
    Widgets built later (a row added to a list) keep their own look until shared again.
    """
    kept: dict[tuple[str, str], W.Widget] = {}
    closed = 0
    for widget in _tree(root):
        for name in LOOKS:
            look = getattr(widget, name, None) if widget.has_trait(name) else None
            if not isinstance(look, W.Widget):
                continue
            same = kept.setdefault((type(look).__name__, _state_key(look)), look)
            if same is not look:
                setattr(widget, name, same)
                look.close()
                closed += 1
    return closed


def _state_key(look: W.Widget) -> str:
    return json.dumps(look.get_state(), sort_keys=True, default=str)


def _tree(root: W.Widget):
    """Every widget reachable from ``root`` once, looks excluded (they are what is being shared)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        for name in widget.keys:
            if name in LOOKS:
                continue
            value = getattr(widget, name, None)
            if isinstance(value, W.Widget):
                stack.append(value)
            elif isinstance(value, (tuple, list)):
                stack.extend(v for v in value if isinstance(v, W.Widget))
