"""A page's widgets share one Layout and one Style per distinct look (widgets/shared_looks.py)."""

from __future__ import annotations

import json

import ipywidgets as W
import pytest

from swc_core.edition import load_edition
from swc_core.settings import Settings
from widgets.controls import set_visible
from widgets.page import build_page, open_context
from widgets.shared_looks import share_looks

from conftest import copy_sessions


@pytest.fixture
def demo_edition(tmp_path):
    settings = Settings(copy_sessions(tmp_path, with_demo_answers=True))
    return load_edition("demo", settings), settings


def _looks(root: W.Widget) -> list[W.Widget]:
    from widgets.shared_looks import _tree

    return [
        getattr(w, name)
        for w in _tree(root)
        for name in ("layout", "style")
        if w.has_trait(name) and isinstance(getattr(w, name), W.Widget)
    ]


def test_a_workbook_page_keeps_one_layout_and_style_per_distinct_look(demo_edition):
    edition, settings = demo_edition
    page = build_page(open_context("dagdeel-1-2", edition, "p01", settings))
    before = _looks(page)
    shown = {id(w): json.dumps(w.get_state(), sort_keys=True, default=str) for w in before}
    closed = share_looks(page)
    after = _looks(page)
    distinct = {id(w) for w in after}
    states = [json.dumps(w.get_state(), sort_keys=True, default=str) for w in after]
    assert closed > len(before) // 2, f"of {len(before)} looks only {closed} were shared"
    assert len(distinct) == len({(type(w).__name__, s) for w, s in zip(after, states)}), (
        "one instance per look"
    )
    assert sorted(states) == sorted(shown.values()), "every widget still has the look it had"
    assert all(w.comm is not None for w in after), "no widget points at a closed look"


def test_showing_or_hiding_one_widget_leaves_the_widgets_that_shared_its_look_alone():
    first, second = (
        W.Label("een", layout=W.Layout(width="50%")),
        W.Label("twee", layout=W.Layout(width="50%")),
    )
    box = W.VBox([first, second])
    assert share_looks(box) == 2, "the second label's layout and style"
    assert first.layout is second.layout and first.style is second.style
    set_visible(first, False)
    assert first.layout.display == "none" and second.layout.display is None
    assert first.layout.width == "50%", "the own layout copies the shared one"
