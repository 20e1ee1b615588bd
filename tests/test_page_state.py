"""A live page holds a typed Workbook: a change is checked once, figures and analysis take it as it is.

Issue 18, point 2: before, the autosaver checked a value, the raw value went
into the page's dict, and every redraw rebuilt the Workbook from those dicts,
checking every field again (and some instruments checked their own field a
third time). These tests count the checks a real page makes for one change.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from swc_core.edition import load_edition
from swc_core.figures.mimetype import PLOTLY_MIME
from swc_core.model import Workbook, fields, page_state, workbook
from swc_core.model.page_state import PageState
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.canvas import CanvasInstrument
from widgets.goals import GoalsInstrument

from conftest import REPO

PARTIES = [
    {"id": "p-1", "name": "Waterschap", "goals": [{"id": "d-1", "text": "Schoon water"}]},
    {"id": "p-2", "name": "Collectief", "goals": [{"id": "d-1", "text": "Een goed inkomen"}]},
]


@lru_cache(maxsize=1)
def demo_edition():
    return load_edition("demo", Settings(sessions_dir=REPO / "sessions"))


@pytest.fixture
def checks(monkeypatch) -> Counter:
    """How often each field key's value is checked against its type (the real check, counted)."""
    counted: Counter = Counter()
    real = fields.validate_field

    def counting(key, value):
        counted[key] += 1
        return real(key, value)

    for module in (
        fields,
        page_state,
        workbook,
    ):  # the autosaver checks through fields.checked_field
        monkeypatch.setattr(module, "validate_field", counting)
    return counted


@pytest.fixture
def page(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
    ctx = PageContext(demo_edition(), "p01", binding, {"canvas.parties": PARTIES}, step="dagdeel-3")
    yield ctx
    store.close()


def drawn(figure_view) -> str:
    """The plotly figures the view sends to the browser, as text."""
    return str([output["data"][PLOTLY_MIME] for output in figure_view.outputs])


def test_typing_in_a_canvas_block_is_checked_once_on_its_way_to_the_store_and_the_figure(
    page, checks
):
    canvas = CanvasInstrument(page)
    checks.clear()
    canvas.blocks["doelen"].value = "Schoon water voor boer en natuur"
    page.binding.scheduler.advance(2.0)  # the save and the figure's redraw after a quiet second

    assert page.binding.store.values("demo", "p01")["canvas.block.doelen"] == (
        "Schoon water voor boer en natuur"
    )
    assert "Schoon water voor boer en natuur" in drawn(canvas.figure)
    assert checks == Counter({"canvas.block.doelen": 1}), checks
    assert page.workbook.canvas.blocks["doelen"] == "Schoon water voor boer en natuur"


def test_a_goal_status_is_checked_once_for_the_save_the_warning_and_the_matrix(page, checks):
    goals = GoalsInstrument(page)
    checks.clear()
    (party, goal), first = next(iter(goals.status_inputs.items()))
    first.index = len(first.options) - 1
    page.binding.scheduler.advance(2.0)

    saved = page.binding.store.values("demo", "p01")["goals"]["consolidated"]
    assert {(g["party"], g["goal"]): g["status"] for g in saved}[party, goal] == first.value
    assert checks == Counter({"goals": 1}), checks
    assert page.workbook.goals.status_of(party, goal) == first.value


def test_the_pages_workbook_is_built_once_per_change_and_never_checks_a_value():
    state = PageState({"canvas.block.doelen": "Schoon water", "role": {"shares": {}}})
    first = state.workbook
    assert state.workbook is first
    state["canvas.block.risicos"] = "Droogte"
    assert state.workbook is not first
    assert state.workbook.canvas.blocks == {"doelen": "Schoon water", "risicos": "Droogte"}


def test_a_value_the_model_refuses_is_kept_as_typed_and_named_but_stays_out_of_the_workbook():
    too_long = "x" * 20_001
    state = PageState({"canvas.block.doelen": too_long, "casus": {"title": "Veenweide"}})

    assert state["canvas.block.doelen"] == too_long  # nothing a participant typed is lost
    assert "doelen" not in state.workbook.canvas.blocks
    assert "20000" in state.refused["canvas.block.doelen"].message
    assert state.workbook.casus.title == "Veenweide"

    state["canvas.block.doelen"] = "Korter"
    assert state.refused == {} and state.workbook.canvas.blocks == {"doelen": "Korter"}


def test_the_workbook_of_a_page_equals_the_one_built_from_the_same_values():
    values = {"canvas.parties": PARTIES, "canvas.block.doelen": "Schoon water", "toets": {}}
    assert PageState(values).workbook == Workbook.from_fields(values)
