"""Widgets save every change, debounced, and never drop what was typed when the store fails."""

from __future__ import annotations

import sqlite3

import pytest

from swc_core.errors import InputError
from swc_core.scheduling import ManualScheduler
from swc_core.store import Store
from widgets.autosave import StoreBinding


def accept_text(field, value):
    if not isinstance(value, str):
        raise InputError(f"{field}: moet tekst zijn")
    if len(value) > 20_000:
        raise InputError(f"{field}: mag maximaal 20000 tekens bevatten")
    return value


@pytest.fixture
def binding(tmp_path):
    path = tmp_path / "swc.db"
    store = Store.open(f"sqlite:///{path}", busy_timeout=0.2)
    clock = ManualScheduler()
    b = StoreBinding(store, "demo", "p01", "p01", validate=accept_text, scheduler=clock)
    b.clock, b.path = clock, path
    yield b
    store.close()


def test_typing_is_saved_once_after_a_quiet_second(binding):
    saver = binding.saver("canvas.block.doelen")
    for text in ["S", "Sa", "Samen"]:
        saver.submit(text)
        binding.clock.advance(0.3)
    assert binding.store.count("demo") == 0 and binding.status.state == "pending"
    binding.clock.advance(1.0)
    assert [r.value for r in binding.store.history("demo")] == ["Samen"]
    assert binding.status.state == "saved" and binding.status.value.startswith("opgeslagen ")


def test_refused_value_is_not_saved_and_says_why(binding):
    saver = binding.saver("canvas.block.doelen")
    assert not saver.submit("x" * 20_001)
    binding.clock.advance(5)
    assert binding.store.count("demo") == 0
    assert binding.status.state == "invalid" and "20000" in binding.status.value


def test_locked_store_keeps_the_text_and_saves_it_when_the_lock_is_gone(binding):
    """Another process holds the file: the page shows 'niet opgeslagen' and retries by itself."""
    other = sqlite3.connect(binding.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    saver = binding.saver("canvas.block.risicos")
    saver.submit("droogte en verzilting")
    binding.clock.advance(1.0)
    assert binding.status.state == "failed" and "niet opgeslagen" in binding.status.value
    assert saver.pending == "droogte en verzilting"
    binding.clock.advance(10)  # still locked: keeps retrying, keeps the value
    assert binding.status.state == "failed" and binding.unsaved_fields == ["canvas.block.risicos"]
    other.execute("COMMIT")
    other.close()
    binding.clock.advance(binding.retry_delay)
    assert binding.store.values("demo", "p01") == {"canvas.block.risicos": "droogte en verzilting"}
    assert binding.status.state == "saved" and binding.unsaved_fields == []


def test_reopening_shows_the_latest_saved_values(binding):
    binding.saver("a").submit("eerste")
    binding.clock.advance(2)
    binding.saver("a").submit("tweede")
    binding.saver("b").submit("ander veld")
    assert binding.flush_all()
    reopened = StoreBinding(
        binding.store, "demo", "p01", "p01", validate=accept_text, scheduler=ManualScheduler()
    )
    assert reopened.load() == {"a": "tweede", "b": "ander veld"}
    assert len(binding.store.history("demo", "p01", "a")) == 2


# -- two devices, one workbook: saves based on what the page saw (issue 17) ----------


def _page(store, step: str, subject: str = "p01"):
    """One open page (its own binding, clock and context) of ``subject`` on the shared store."""
    from widgets.base import PageContext

    binding = StoreBinding(store, "demo", subject, subject, scheduler=ManualScheduler())
    return PageContext(_demo_edition(), subject, binding, binding.load(), step=step)


def _demo_edition():
    from swc_core.edition import load_edition
    from swc_core.settings import Settings

    from conftest import REPO

    global _EDITION
    if _EDITION is None:
        _EDITION = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    return _EDITION


_EDITION = None


@pytest.fixture
def shared_store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    store.save(
        "demo",
        "p01",
        "casus",
        {"title": "", "opgave": "", "area": "", "domain": "", "parties": [], "stuck": ""},
        author="p01",
    )
    yield store
    store.close()


def test_a_stale_second_device_saving_the_title_keeps_the_opgave_and_shows_it(shared_store):
    """Issue 17, case 2, with the real casus form on two pages that loaded the same revision."""
    from widgets.casus import CasusInstrument

    laptop, phone = _page(shared_store, "intake"), _page(shared_store, "intake")
    on_laptop, on_phone = CasusInstrument(laptop), CasusInstrument(phone)
    on_laptop.inputs["opgave"].value = "Het gebied verdroogt."
    laptop.binding.scheduler.advance(2)
    on_phone.inputs["title"].value = "Droge zandgronden"
    phone.binding.scheduler.advance(2)

    casus = shared_store.values("demo", "p01")["casus"]
    assert (casus["title"], casus["opgave"]) == ("Droge zandgronden", "Het gebied verdroogt.")
    assert on_phone.inputs["opgave"].value == "Het gebied verdroogt.", (
        "the phone shows what the laptop typed"
    )
    assert phone.values["casus"] == casus and on_phone.value["opgave"] == "Het gebied verdroogt."
    assert (
        phone.binding.status.value.startswith("opgeslagen ")
        and "elders" in phone.binding.status.value
    )
    phone.binding.scheduler.advance(5)
    assert len(shared_store.history("demo", "p01", "casus")) == 3, (
        "showing the merge saves nothing again"
    )
    assert phone.binding.unsaved_fields == []


def test_a_page_that_follows_the_store_shows_the_other_devices_save(shared_store):
    from widgets.casus import CasusInstrument

    laptop, phone = _page(shared_store, "intake"), _page(shared_store, "intake")
    on_laptop, on_phone = CasusInstrument(laptop), CasusInstrument(phone)
    on_laptop.inputs["area"].value = "Gelderse Vallei"
    laptop.binding.scheduler.advance(2)
    phone.binding.follow()
    phone.binding.scheduler.advance(phone.binding.follow_interval)
    assert on_phone.inputs["area"].value == "Gelderse Vallei"
    phone.binding.scheduler.advance(5)
    assert len(shared_store.history("demo", "p01", "casus")) == 2, "what is shown is not saved back"
    on_phone.inputs[
        "title"
    ].value = "Vallei"  # and a save from the phone now builds on the shown revision
    phone.binding.scheduler.advance(2)
    assert shared_store.values("demo", "p01")["casus"]["area"] == "Gelderse Vallei"


def test_a_field_being_typed_in_is_not_overwritten_by_the_other_device(shared_store):
    from widgets.canvas import CanvasInstrument

    laptop, phone = _page(shared_store, "dagdeel-1-2"), _page(shared_store, "dagdeel-1-2")
    on_laptop, on_phone = CanvasInstrument(laptop), CanvasInstrument(phone)
    on_laptop.blocks["doelen"].value = "Schoon water."
    on_laptop.blocks["risicos"].value = "Droogte."
    laptop.binding.scheduler.advance(2)
    on_phone.blocks["doelen"].value = "Genoeg water."  # typing, not saved yet
    phone.binding.poll()
    assert on_phone.blocks["doelen"].value == "Genoeg water.", (
        "the field being typed in is left alone"
    )
    assert on_phone.blocks["risicos"].value == "Droogte.", "the other block follows at once"
    phone.binding.scheduler.advance(2)  # the phone's save merges both texts and shows the result
    merged = shared_store.values("demo", "p01")["canvas.block.doelen"]
    assert "Schoon" in merged and "Genoeg" in merged and on_phone.blocks["doelen"].value == merged


def test_two_teammates_typing_in_one_homework_field_keep_both(shared_store):
    from widgets.homework import build_homework

    field = "homework.tussentijd-a.herkenning"
    pages = [
        build_homework(_demo_edition(), "team-veen", "tussentijd-a", shared_store) for _ in range(2)
    ]
    for page in pages:
        page.binding.scheduler = ManualScheduler()
    areas = [_textareas(page)[0] for page in pages]
    areas[0].value = "Wij herkennen de bodemdaling."
    areas[1].value = "Wij herkennen de verzilting."
    for page in pages:
        page.binding.scheduler.advance(2)
    saved = shared_store.values("demo", "team-veen")[field]
    assert "bodemdaling" in saved and "verzilting" in saved
    assert areas[1].value == saved
    pages[0].binding.poll()
    assert areas[0].value == saved, "the first teammate's page shows the second's text too"


def _textareas(root) -> list:
    import ipywidgets as W

    found, stack = [], [root]
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, W.Textarea):
            found.append(widget)
        stack.extend(getattr(widget, "children", ()) or ())
    return found


def test_a_choice_set_two_ways_shows_both_and_the_person_picks(shared_store):
    from widgets.typology import TypologyInstrument

    laptop, phone = _page(shared_store, "dagdeel-3"), _page(shared_store, "dagdeel-3")
    on_laptop, on_phone = TypologyInstrument(laptop), TypologyInstrument(phone)
    pack_types = _demo_edition().content.partnership_types
    types, names = [t.id for t in pack_types], [t.name for t in pack_types]
    on_laptop.save("partnership", {**on_laptop.value, "type": types[0]})
    laptop.binding.scheduler.advance(2)
    on_phone.save("partnership", {**on_phone.value, "type": types[1]})
    phone.binding.scheduler.advance(2)
    assert shared_store.values("demo", "p01")["partnership"]["type"] == types[1], (
        "mine is kept meanwhile"
    )
    panel = on_phone._conflicts
    assert panel in on_phone.children
    texts = [w.value for w in _all(panel) if hasattr(w, "value") and isinstance(w.value, str)]
    assert f"Hier: {names[1]}" in texts and f"Elders: {names[0]}" in texts, (
        "named as the choice list names them"
    )
    keep_elsewhere = [w for w in _all(panel) if getattr(w, "description", "") == "deze houden"][1]
    keep_elsewhere.click()
    phone.binding.scheduler.advance(2)
    assert shared_store.values("demo", "p01")["partnership"]["type"] == types[0]
    assert panel not in on_phone.children


def test_keeping_the_other_devices_choice_holds_while_the_instrument_has_an_unsaved_change(
    shared_store,
):
    """Found by a newcomer (issue 18): "Elders" kept while a trait answer was still unsaved went into the
    page's state, but the type dropdown kept showing "Hier" (its redraw waited for the unsaved change),
    and the next answer rebuilt the value from that dropdown: the choice was silently undone."""
    from widgets.typology import TypologyInstrument

    laptop, phone = _page(shared_store, "dagdeel-3"), _page(shared_store, "dagdeel-3")
    on_laptop, on_phone = TypologyInstrument(laptop), TypologyInstrument(phone)
    types = [t.id for t in _demo_edition().content.partnership_types]
    on_laptop.type.value, on_phone.type.value = types[0], types[1]
    laptop.binding.scheduler.advance(2)
    phone.binding.scheduler.advance(2)
    traits = list(on_phone.trait_inputs.values())
    answer = next(value for _label, value in traits[0].options if value)
    traits[0].value = answer  # not saved yet
    keep_elsewhere = [
        w for w in _all(on_phone._conflicts) if getattr(w, "description", "") == "deze houden"
    ][1]
    keep_elsewhere.click()
    assert on_phone.type.value == types[0] == phone.workbook.partnership.type, "shown at once"
    traits[1].value = next(value for _label, value in traits[1].options if value)
    phone.binding.scheduler.advance(10)
    saved = shared_store.values("demo", "p01")["partnership"]
    assert saved["type"] == types[0] and on_phone.type.value == types[0]
    reopened = TypologyInstrument(_page(shared_store, "dagdeel-3"))
    assert list(reopened.trait_inputs.values())[0].value == answer, "the unsaved answer is kept too"


def _all(root) -> list:
    out, stack = [], [root]
    while stack:
        widget = stack.pop(0)
        out.append(widget)
        stack.extend(getattr(widget, "children", ()) or ())
    return out


def _inputs(root) -> list:
    """What each input of a page shows, in page order (texts, choices, checkboxes, sliders)."""
    import ipywidgets as W

    shown = []
    for widget in _all(root):
        if isinstance(
            widget, (W.Label, W.HTML, W.HTMLMath, W.Output, W.Box)
        ) or not widget.has_trait("value"):
            continue
        shown.append((type(widget).__name__, getattr(widget, "options", None), widget.value))
    return shown


STEPS = [
    "intake",
    "dagdeel-1-2",
    "tussentijd-a",
    "dagdeel-3",
    "tussentijd-b",
    "dagdeel-4",
    "tussentijd-c",
    "dagdeel-5",
    "tussentijd-d",
    "eindsessie",
]


@pytest.mark.parametrize("start", ["empty", "filled"])
@pytest.mark.parametrize("step", STEPS)
def test_an_open_page_shows_what_another_device_saved_as_a_fresh_page_would(tmp_path, step, start):
    """Every instrument: after a poll the open page's inputs equal a fresh page's, and nothing is saved back."""
    from widgets.page import build_page

    from factories import make_fields

    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    try:
        if start == "filled":
            store.save_many(
                "demo", [("p01", f, v) for f, v in make_fields(parts=2, parties=2).items()], "p01"
            )
        open_page = build_page(_page(store, step), foldouts=False)
        store.save_many(
            "demo", [("p01", f, v) for f, v in make_fields(parts=3, parties=3).items()], "elders"
        )
        before = store.count("demo")
        assert open_page.ctx.binding.poll()
        open_page.ctx.binding.scheduler.advance(5)
        fresh = build_page(_page(store, step), foldouts=False)
        assert _inputs(open_page) == _inputs(fresh)
        assert store.count("demo") == before, "what was shown is not saved back"
        assert open_page.ctx.binding.unsaved_fields == []
    finally:
        store.close()


def test_a_keystroke_that_left_the_browser_before_the_other_devices_text_arrived_keeps_both(
    shared_store,
):
    """The race of two-way sync: the page shows the store's text while a keystroke made on the old one is in flight."""
    field = "canvas.block.doelen"
    shared_store.save("demo", "p01", field, "Schoon water.", author="p01")
    laptop, phone = _page(shared_store, "dagdeel-1-2"), _page(shared_store, "dagdeel-1-2")
    laptop.binding.saver(field).submit("Schoon en genoeg water.")
    laptop.binding.flush_all()
    phone.binding.poll()  # the phone now shows the laptop's text ...
    assert phone.values[field] == "Schoon en genoeg water."
    phone.binding.saver(field).submit(
        "Schoon water. Voor iedereen."
    )  # ... but this was typed on the old one
    phone.binding.flush_all()
    assert shared_store.values("demo", "p01")[field] == "Schoon en genoeg water. Voor iedereen."
    assert phone.values[field] == "Schoon en genoeg water. Voor iedereen."


def test_a_keystroke_typed_on_the_shown_text_is_not_merged_twice(shared_store):
    field = "canvas.block.doelen"
    shared_store.save("demo", "p01", field, "Schoon water.", author="p01")
    laptop, phone = _page(shared_store, "dagdeel-1-2"), _page(shared_store, "dagdeel-1-2")
    laptop.binding.saver(field).submit("Schoon en genoeg water.")
    laptop.binding.flush_all()
    phone.binding.poll()
    phone.binding.saver(field).submit("Schoon en genoeg water. Voor iedereen.")
    phone.binding.flush_all()
    assert shared_store.values("demo", "p01")[field] == "Schoon en genoeg water. Voor iedereen."


def test_pages_on_either_backend_follow_and_merge_each_others_saves(any_store_url):
    """The same promise on PostgreSQL (several servers share it) as on SQLite."""
    field = "homework.tussentijd-a.herkenning"
    with Store.open(any_store_url) as store:
        anna, bram = (
            StoreBinding(store, "demo", "team-veen", who, scheduler=ManualScheduler())
            for who in ("p01", "p02")
        )
        for page in (anna, bram):
            page.load()
        anna.saver(field).submit("Anna herkent de bodemdaling.")
        bram.saver(field).submit("Bram herkent de verzilting.")
        assert anna.flush_all() and bram.flush_all()
        both = store.values("demo", "team-veen")[field]
        assert "Anna" in both and "Bram" in both and bram.values[field] == both
        assert anna.poll() == [field] and anna.values[field] == both
        assert anna.poll() == [] and bram.poll() == [], "nothing new: nothing shown"


def test_teammates_whose_merged_text_would_be_too_long_see_both_and_pick(shared_store):
    from swc_core.model.base import MAX_TEXT
    from widgets.homework import build_homework

    field = "homework.tussentijd-a.herkenning"
    pages = [
        build_homework(_demo_edition(), "team-veen", "tussentijd-a", shared_store) for _ in range(2)
    ]
    for page in pages:
        page.binding.scheduler = ManualScheduler()
    areas = [_textareas(page)[0] for page in pages]
    long_a, long_b = "a" * (MAX_TEXT - 10), "b" * (MAX_TEXT - 10)
    areas[0].value = long_a
    areas[1].value = long_b
    for page in pages:
        page.binding.scheduler.advance(2)
    assert shared_store.values("demo", "team-veen")[field] == long_b, (
        "the second page's own text, not a cut merge"
    )
    panel = next(w for w in _all(pages[1]) if "swc-conflicts" in getattr(w, "_dom_classes", ()))
    texts = [w.value for w in _all(panel) if isinstance(getattr(w, "value", None), str)]
    assert f"Elders: {long_a}" in texts and f"Hier: {long_b}" in texts
    [w for w in _all(panel) if getattr(w, "description", "") == "deze houden"][1].click()
    pages[1].binding.scheduler.advance(2)
    assert shared_store.values("demo", "team-veen")[field] == long_a and areas[1].value == long_a
    assert panel.children == ()


def test_a_redraw_waits_while_the_instrument_holds_an_unsaved_change(shared_store):
    """The generic show_value rebuilds widgets: never while the participant's change there is not saved yet."""
    from widgets.goals import GoalsInstrument

    from factories import make_parties

    shared_store.save("demo", "p01", "canvas.parties", make_parties(1, goals=1), author="p01")
    phone = _page(shared_store, "tussentijd-b")
    goals = GoalsInstrument(phone)
    (status,) = goals.status_inputs.values()
    status.value = status.options[-1][1]  # the participant's change, saved after its quiet second
    shown_before = _inputs(goals)
    shared_store.save("demo", "p01", "canvas.parties", make_parties(3, goals=1), author="elders")
    assert phone.binding.poll() == ["canvas.parties"]
    assert _inputs(goals) == shown_before, "nothing moves under the participant's hands"
    phone.binding.scheduler.advance(2)
    assert len(_live(goals).status_inputs) == 3, "once saved, the other device's parties are shown"
    saved = shared_store.values("demo", "p01")["goals"]["consolidated"]
    assert [g["status"] for g in saved] == [status.options[-1][1]], (
        "and the change made here was saved"
    )


def _live(instrument):
    while "_live_instance" in instrument.__dict__:
        instrument = instrument.__dict__["_live_instance"]
    return instrument
