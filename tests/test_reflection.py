"""Looking back at dagdeel 5 and the eindsessie: each participant's answer saved, the room's answers on a panel."""

from __future__ import annotations

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.room import DASHBOARDS, PANELS, Names, load_room
from swc_core.scheduling import ManualScheduler
from swc_core.serve.site import DASHBOARD_DIR
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.reflection import FIELD, ReflectionInstrument
from widgets.registry import instrument_class

from conftest import REPO, copy_sessions

XSS = "<script>alert('swc')</script>"


@pytest.fixture
def context(tmp_path):
    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    opened = []

    def make(step: str) -> PageContext:
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        ctx = PageContext(edition, "p01", binding, binding.load(), step=step)
        opened.append(ctx)
        return ctx

    yield make
    store.close()


def test_dagdeel_5_and_the_eindsessie_ask_what_you_take_with_you():
    pack = load_edition("demo", Settings(sessions_dir=REPO / "sessions")).content
    for step in ("dagdeel-5", "eindsessie"):
        assert "reflectie" in pack.step(step).instruments
    assert instrument_class("reflectie") is ReflectionInstrument


def test_the_reflection_shows_the_packs_evaluation_questions_and_saves_them(context):
    ctx = context("dagdeel-5")
    form = ReflectionInstrument(ctx)
    questions = ctx.content.evaluation
    assert list(form.questions) == [q.id for q in questions]
    form.takeaway.value = "Eerst de vorm per onderdeel, dan pas de partijen."
    form.questions[questions[0].id].value = "Deels: de waterdoelen wel."
    ctx.binding.scheduler.advance(5)
    saved = ctx.binding.store.values("demo", "p01")[FIELD]
    assert saved["takeaway"].startswith("Eerst de vorm")
    assert saved["answers"][questions[0].id] == "Deels: de waterdoelen wel."
    again = ReflectionInstrument(context("eindsessie"))  # the eindsessie opens what dagdeel 5 left
    assert again.takeaway.value == saved["takeaway"]
    assert again.questions[questions[0].id].value == "Deels: de waterdoelen wel."


@pytest.fixture
def room_store(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    with open_store(edition) as store:
        yield edition, store


def test_the_room_panel_lists_takeaways_and_hides_names_unless_shown(room_store):
    edition, store = room_store
    store.save(
        edition.name,
        "p02",
        FIELD,
        {"takeaway": "Schakelingen tekenen " + XSS, "answers": {}},
        "test",
    )
    room = load_room(store, edition)
    hidden = [
        p
        for p in DASHBOARDS["eindsessie"](room, Names(edition, anonymous=True))
        if p.key == "reflection"
    ][0]
    assert "Schakelingen tekenen" in hidden.html and "<script>" not in hidden.html
    assert edition.participants["p02"].name not in hidden.html
    assert text("room.anonymous", n=2) in hidden.html
    shown = [
        p
        for p in DASHBOARDS["dagdeel-5"](room, Names(edition, anonymous=False))
        if p.key == "reflection"
    ][0]
    assert edition.participants["p02"].name in shown.html


def test_the_competence_change_sits_where_the_end_scores_are_entered():
    """End scores are entered at the eindsessie (its workbook has the competences), so the panel is there."""
    keys = {name: [b.__name__ for b in builders] for name, builders in PANELS.items()}
    assert "competences_since_intake" in keys["eindsessie"]
    assert "competences_since_intake" not in keys["dagdeel-5"]
    pack = load_edition("demo", Settings(sessions_dir=REPO / "sessions")).content
    assert "competenties" in pack.step("eindsessie").instruments


def test_the_eindsessie_dashboard_is_served_like_the_others():
    from swc_core.serve.site import Site

    assert (REPO / "notebooks" / DASHBOARD_DIR / "eindsessie.ipynb").is_file()
    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    site = Site(edition, REPO / "notebooks")
    assert "eindsessie" in [d.id for d in site.dashboards()]
