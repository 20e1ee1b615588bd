"""Widgets save every change, debounced, and never drop what was typed when the store fails."""
from __future__ import annotations

import sqlite3

import pytest

from swc_core.errors import InputError
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.scheduling import ManualScheduler


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
    reopened = StoreBinding(binding.store, "demo", "p01", "p01", validate=accept_text, scheduler=ManualScheduler())
    assert reopened.load() == {"a": "tweede", "b": "ander veld"}
    assert len(binding.store.history("demo", "p01", "a")) == 2
