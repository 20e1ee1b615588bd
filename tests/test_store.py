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
    payload = {
        "text": "<script>alert(1)</script> <img src=x onerror=alert(2)> **vet** 'quote\" 🌱 é",
        "n": [1, 2.5, None, True],
    }
    with Store.open(any_store_url) as store:
        store.save("demo", "p01", "casus", payload, author="p01")
        assert store.values("demo", "p01")["casus"] == payload


def test_save_many_is_all_or_nothing(store):
    store.save_many("demo", [("p01", "a", 1), ("p01", "b", 2)], author="t")
    with pytest.raises(StoreError):
        store.save_many(
            "demo", [("p01", "c", 3), (None, "d", 4)], author="t"
        )  # second row breaks NOT NULL
    with pytest.raises(InputError):
        store.save_many(
            "demo", [("p01", "c", 3), ("p01", "d", {1, 2})], author="t"
        )  # a set is not JSON
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


@pytest.mark.parametrize(
    "url, fragment",
    [
        ("sqlite:////nonexistent-dir/sub/swc.db", "map bestaat niet"),
        ("postgresql://nobody@127.0.0.1:1/none", "database niet bereikbaar"),
        ("mysql://x@localhost/db", "wordt niet ondersteund"),
        ("dit is geen url", "ongeldige database-URL"),
    ],
)
def test_unusable_database_url_gives_a_clear_error(url, fragment):
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert fragment in str(info.value)


def _run_concurrently(url: str, writers: int, saves: int, readers: int) -> list[int]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(writers + readers) as pool:
        reads = [
            pool.apply_async(store_workers.read_loop, (url, "demo", 40)) for _ in range(readers)
        ]
        writes = [
            pool.apply_async(
                store_workers.save_series, (url, "demo", f"p{i:02d}", f"veld-{i}", saves)
            )
            for i in range(writers)
        ]
        done = [w.get(timeout=240) for w in writes]
        for r in reads:
            r.get(timeout=240)
    return done


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_saves_from_many_processes_lose_nothing(backend, tmp_path, request):
    """Each Voilà page is its own kernel process; none of their saves may be lost."""
    url = (
        f"sqlite:///{tmp_path / 'swc.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    Store.open(url).close()  # create the schema once, as `swc` does before serving
    writers, saves = 12, 40
    assert sum(_run_concurrently(url, writers, saves, readers=3)) == writers * saves
    with Store.open(url) as store:
        assert store.count("demo") == writers * saves
        for i in range(writers):
            values = [r.value["n"] for r in store.history("demo", f"p{i:02d}", f"veld-{i}")]
            assert values == list(range(saves)), (
                "revisions of one field must be complete and in order"
            )
        assert store.integrity_ok()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_processes_creating_the_schema_at_once_both_succeed(backend, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'swc.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    assert sum(_run_concurrently(url, writers=4, saves=5, readers=0)) == 20
    with Store.open(url) as store:
        assert store.count("demo") == 20


# -- saves based on the revision a page last saw (issue 17) -------------------


HOMEWORK = "homework.tussentijd-a.herkenning"


def test_a_save_based_on_the_newest_revision_is_appended_as_it_is(any_store_url):
    with Store.open(any_store_url) as store:
        first, merged = store.save_based(
            "demo", "p01", "casus", {"title": "Veenweide"}, "p01", base_id=None
        )
        assert merged.value == {"title": "Veenweide"} and not merged.conflicts
        second, merged = store.save_based(
            "demo", "p01", "casus", {"title": "Veenweide Noord"}, "p01", base_id=first.id
        )
        assert second.id > first.id and second.value == {"title": "Veenweide Noord"}
        assert [r.value for r in store.history("demo", "p01", "casus")] == [
            {"title": "Veenweide"},
            {"title": "Veenweide Noord"},
        ]


def test_a_stale_page_saving_another_field_of_the_form_keeps_what_the_other_device_typed(
    any_store_url,
):
    """Issue 17's second case: the phone (loaded before) types the title; the laptop's opgave must stay."""
    with Store.open(any_store_url) as store:
        loaded = store.save("demo", "p01", "casus", {"title": "", "opgave": ""}, author="p01")
        store.save_based(
            "demo",
            "p01",
            "casus",
            {"title": "", "opgave": "Het gebied verdroogt."},
            "p01",
            loaded.id,
        )
        rev, merged = store.save_based(
            "demo", "p01", "casus", {"title": "Droge gronden", "opgave": ""}, "p01", loaded.id
        )
        assert (
            rev.value
            == merged.value
            == {"title": "Droge gronden", "opgave": "Het gebied verdroogt."}
        )
        assert store.values("demo", "p01")["casus"] == rev.value
        assert len(store.history("demo", "p01", "casus")) == 3, "every version is kept"


def test_a_choice_set_two_ways_keeps_mine_and_reports_both(any_store_url):
    with Store.open(any_store_url) as store:
        base = store.save("demo", "p01", "partnership", {"type": None}, author="p01")
        store.save_based("demo", "p01", "partnership", {"type": "alliantie"}, "p01", base.id)
        rev, merged = store.save_based(
            "demo",
            "p01",
            "partnership",
            {"type": "consortium"},
            "p01",
            base.id,
            is_text=lambda path: False,
        )
        assert rev.value == {"type": "consortium"}
        assert [(c.path, c.mine, c.theirs) for c in merged.conflicts] == [
            (("type",), "consortium", "alliantie")
        ]


def test_a_merge_that_changes_nothing_appends_nothing(any_store_url):
    with Store.open(any_store_url) as store:
        base = store.save("demo", "t1", HOMEWORK, "Eén.", author="p01")
        newest, _ = store.save_based("demo", "t1", HOMEWORK, "Eén. Twee.", "p02", base.id)
        again, merged = store.save_based("demo", "t1", HOMEWORK, "Eén. Twee.", "p03", base.id)
        assert again == newest and merged.value == "Eén. Twee."
        assert store.count("demo") == 2


def test_a_merged_value_the_validator_refuses_is_not_saved_but_shown_as_a_conflict(any_store_url):
    def at_most_ten(value):
        if len(value) > 10:
            raise InputError("te lang")
        return value

    with Store.open(any_store_url) as store:
        base = store.save("demo", "t1", HOMEWORK, "", author="p01")
        store.save_based("demo", "t1", HOMEWORK, "abcdefg", "p01", base.id)
        rev, merged = store.save_based(
            "demo", "t1", HOMEWORK, "hijklmn", "p02", base.id, check=at_most_ten
        )
        assert rev.value == "hijklmn"
        assert [(c.path, c.mine, c.theirs) for c in merged.conflicts] == [
            ((), "hijklmn", "abcdefg")
        ]


def test_a_base_id_of_another_field_counts_as_no_base(any_store_url):
    with Store.open(any_store_url) as store:
        other = store.save("demo", "p01", "canvas.block.doelen", "x", author="p01")
        store.save("demo", "p01", "canvas.block.partijen", "Provincie", author="p01")
        rev, _ = store.save_based(
            "demo", "p01", "canvas.block.partijen", "Gemeente", "p01", other.id
        )
        assert (
            rev.value == "GemeenteProvincie"
        )  # nothing seen: both texts kept (mine first), none replaced


def test_last_id_of_a_subject_changes_only_with_its_own_saves(any_store_url):
    with Store.open(any_store_url) as store:
        assert store.last_id_of("demo", "p01") == 0
        rev = store.save("demo", "p01", "x", 1, author="p01")
        store.save("demo", "p02", "x", 1, author="p02")
        store.save("andere", "p01", "x", 1, author="p01")
        assert store.last_id_of("demo", "p01") == rev.id


def test_teammates_saving_one_field_from_one_base_at_once_all_survive(any_store_url):
    """Five teammates' kernels (own connections) save the same homework field, all based on one revision."""
    import threading

    with Store.open(any_store_url) as store:
        base = store.save("demo", "t1", HOMEWORK, "Wat we herkennen:", author="p01")
    writers, rounds = 5, 4
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def teammate(i: int) -> None:
        try:
            with Store.open(any_store_url) as own:
                start.wait(timeout=30)
                text_ = "Wat we herkennen:"
                base_id = base.id
                for r in range(
                    rounds
                ):  # each round adds a sentence on top of what this page last saw
                    text_ += f" p{i}r{r}."
                    rev, merged = own.save_based("demo", "t1", HOMEWORK, text_, f"p0{i}", base_id)
                    text_, base_id = merged.value, rev.id
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=teammate, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    with Store.open(any_store_url) as store:
        final = store.values("demo", "t1")[HOMEWORK]
        history = store.history("demo", "t1", HOMEWORK)
    assert final.startswith("Wat we herkennen:")
    missing = [
        f"p{i}r{r}." for i in range(writers) for r in range(rounds) if f"p{i}r{r}." not in final
    ]
    assert not missing, f"lost contributions: {missing} in {final!r}"
    assert len(history) == 1 + writers * rounds


def test_a_change_made_on_an_older_value_than_its_base_is_merged_against_that_value(any_store_url):
    with Store.open(any_store_url) as store:
        first = store.save("demo", "p01", HOMEWORK, "Eén.", author="p01")
        shown, _ = store.save_based("demo", "p01", HOMEWORK, "Eén. Twee.", "p02", first.id)
        rev, merged = store.save_based(
            "demo", "p01", HOMEWORK, "Nul. Eén.", "p01", shown.id, base_value="Eén."
        )
        assert rev.value == merged.value == "Nul. Eén. Twee."


def test_values_of_gives_the_newest_value_of_only_the_subjects_asked_for(any_store_url):
    """A team page reads its team and members; another team's answers never reach it."""
    with Store.open(any_store_url) as store:
        store.save("demo", "team-a", "homework.tussentijd-a.samen", "oud", author="p01")
        store.save("demo", "team-a", "homework.tussentijd-a.samen", "nieuw", author="p02")
        store.save("demo", "p01", "casus", {"title": "Veenweide"}, author="p01")
        store.save("demo", "p03", "casus", {"title": "van team B"}, author="p03")
        store.save("andere", "p01", "casus", {"title": "andere editie"}, author="p01")

        team_a = store.values_of("demo", ("team-a", "p01", "p02"))

        assert team_a == {
            "team-a": {"homework.tussentijd-a.samen": "nieuw"},
            "p01": {"casus": {"title": "Veenweide"}},
        }  # p02 saved nothing: absent; p03 is not asked for
        assert store.values_of("demo", iter(["p03"])) == {"p03": {"casus": {"title": "van team B"}}}
        assert store.values_of("demo", []) == {}


def test_values_of_every_subject_matches_latest(any_store_url):
    with Store.open(any_store_url) as store:
        store.save_many("demo", [("p01", "a", 1), ("p02", "b", [2]), ("p01", "a", 3)], author="t")
        everyone = store.values_of("demo")
        assert everyone == {"p01": {"a": 3}, "p02": {"b": [2]}}
        assert everyone == {
            s: {f: r.value for f, r in fields.items()} for s, fields in store.latest("demo").items()
        }
