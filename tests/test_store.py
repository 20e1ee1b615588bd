"""The store keeps every revision, on SQLite and PostgreSQL, under concurrent processes."""
from __future__ import annotations

import multiprocessing
import os
import stat

import pytest
from alembic.script import ScriptDirectory

from swc_core.errors import InputError, StoreError
from swc_core.store import Store
from swc_core.store.schema import HEAD, alembic_config

import store_workers


def test_save_appends_revisions_and_latest_gives_newest(any_store_url):
    with Store.open(any_store_url) as store:
        first = store.save("demo", "p01", "canvas.block.doelen", "eerste versie", author="p01")
        second = store.save("demo", "p01", "canvas.block.doelen", "tweede versie", author="p01")
        store.save("demo", "p02", "canvas.block.doelen", "van p02", author="p02")
        store.save("andere", "p01", "canvas.block.doelen", "andere editie", author="p01")

        assert second.id > first.id
        assert store.values("demo", "p01") == {"canvas.block.doelen": "tweede versie"}
        assert store.latest("demo")["p02"]["canvas.block.doelen"].value == "van p02"
        history = store.history("demo", "p01", "canvas.block.doelen")
        assert [r.value for r in history] == ["eerste versie", "tweede versie"]
        assert store.count("demo") == 3 and store.count() == 4
        assert store.editions() == ["andere", "demo"]


def test_values_round_trip_exactly_including_markup_and_unicode(any_store_url):
    """What a participant typed comes back byte for byte: it is data, not markup."""
    payload = {"text": "<script>alert(1)</script> <img src=x onerror=alert(2)> **vet** 'quote\" 🌱 é", "n": [1, 2.5, None, True]}
    with Store.open(any_store_url) as store:
        store.save("demo", "p01", "casus", payload, author="p01")
        assert store.values("demo", "p01")["casus"] == payload


def test_save_many_is_all_or_nothing(store):
    store.save_many("demo", [("p01", "a", 1), ("p01", "b", 2)], author="t")
    with pytest.raises(StoreError):
        store.save_many("demo", [("p01", "c", 3), (None, "d", 4)], author="t")  # second row breaks NOT NULL
    with pytest.raises(InputError):
        store.save_many("demo", [("p01", "c", 3), ("p01", "d", {1, 2})], author="t")  # a set is not JSON
    assert store.count("demo") == 2


def test_sqlite_file_is_private_and_in_wal_mode(tmp_path):
    path = tmp_path / "swc.db"
    with Store.open(f"sqlite:///{path}") as store:
        store.save("demo", "p01", "x", 1, author="t")
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_schema_head_constant_matches_alembic():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_reopening_an_existing_store_keeps_everything(sqlite_url):
    with Store.open(sqlite_url) as store:
        store.save("demo", "p01", "x", "bewaard", author="t")
    with Store.open(sqlite_url) as store:
        assert store.values("demo", "p01") == {"x": "bewaard"}
        assert store.integrity_ok()


@pytest.mark.parametrize("url, fragment", [
    ("sqlite:////nonexistent-dir/sub/swc.db", "map bestaat niet"),
    ("postgresql://nobody@127.0.0.1:1/none", "database niet bereikbaar"),
    ("mysql://x@localhost/db", "wordt niet ondersteund"),
    ("dit is geen url", "ongeldige database-URL"),
])
def test_unusable_database_url_gives_a_clear_error(url, fragment):
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert fragment in str(info.value)


def _run_concurrently(url: str, writers: int, saves: int, readers: int) -> list[int]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(writers + readers) as pool:
        reads = [pool.apply_async(store_workers.read_loop, (url, "demo", 40)) for _ in range(readers)]
        writes = [
            pool.apply_async(store_workers.save_series, (url, "demo", f"p{i:02d}", f"veld-{i}", saves))
            for i in range(writers)
        ]
        done = [w.get(timeout=240) for w in writes]
        for r in reads:
            r.get(timeout=240)
    return done


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_saves_from_many_processes_lose_nothing(backend, tmp_path, request):
    """Each Voilà page is its own kernel process; none of their saves may be lost."""
    url = f"sqlite:///{tmp_path / 'swc.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    Store.open(url).close()  # create the schema once, as `swc` does before serving
    writers, saves = 12, 40
    assert sum(_run_concurrently(url, writers, saves, readers=3)) == writers * saves
    with Store.open(url) as store:
        assert store.count("demo") == writers * saves
        for i in range(writers):
            values = [r.value["n"] for r in store.history("demo", f"p{i:02d}", f"veld-{i}")]
            assert values == list(range(saves)), "revisions of one field must be complete and in order"
        assert store.integrity_ok()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_processes_creating_the_schema_at_once_both_succeed(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'swc.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    assert sum(_run_concurrently(url, writers=4, saves=5, readers=0)) == 20
    with Store.open(url) as store:
        assert store.count("demo") == 20
