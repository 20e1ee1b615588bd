"""`swc migrate`: an edition moves from a laptop's SQLite file to PostgreSQL whole, once, and checked."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.errors import InputError, StoreError
from swc_core.store import Store
from swc_core.store.migrate import migrate_store, read_source, summarize

EDITIONS = {"demo": 1500, "voorjaar-2027": 900, "najaar-2027": 600}


def _fill(path: Path) -> str:
    """A SQLite store with thousands of revisions of three interleaved editions, and gaps in the ids."""
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        for round_ in range(max(EDITIONS.values()) // 100):
            for edition, total in EDITIONS.items():
                if round_ * 100 < total:
                    items = [
                        (
                            f"p{i % 12:02d}",
                            f"veld-{i % 7}",
                            {"n": round_ * 100 + i, "tekst": "<b>é 🌱</b>"},
                        )
                        for i in range(100)
                    ]
                    store.save_many(edition, items, author=f"p{round_ % 12:02d}")
    # A forced restore leaves gaps in the ids; they must survive the move as they are.
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM revisions WHERE id BETWEEN 101 AND 150")
        conn.execute(
            "INSERT INTO revisions (edition, subject, field, value, author, saved_at) "
            "SELECT edition, subject, field, value, author, saved_at FROM revisions WHERE id <= 50"
        )
    return url


@pytest.fixture
def laptop(tmp_path) -> str:
    return _fill(tmp_path / "laptop.db")


def _history(url: str) -> dict[str, list]:
    with Store.open(url) as store:
        return {e: store.history(e) for e in store.editions()}


def test_every_revision_moves_with_its_id_and_the_counts_are_checked(laptop, postgres_url):
    before = _history(laptop)
    report = migrate_store(laptop, postgres_url)

    assert report.ids_kept and report.replaced == 0
    assert report.editions == summarize(read_source(laptop))
    assert (
        report.revisions == sum(len(h) for h in before.values()) == sum(EDITIONS.values())
    )  # 50 deleted, 50 copied
    assert _history(postgres_url) == before, (
        "ids, subjects, fields, values, authors and times all equal"
    )


def test_after_the_move_new_saves_get_higher_ids_so_polling_dashboards_see_them(
    laptop, postgres_url
):
    report = migrate_store(laptop, postgres_url)
    highest = max(e.max_id for e in report.editions)
    with Store.open(postgres_url) as store:
        assert store.last_id() == highest
        saved = store.save("demo", "p01", "casus.domein", "na de verhuizing", author="p01")
        assert saved.id > highest and store.last_id() == saved.id
        assert store.values("demo", "p01")["casus.domein"] == "na de verhuizing"


def test_moving_twice_is_refused_and_force_replaces_without_duplicates(laptop, postgres_url):
    first = migrate_store(laptop, postgres_url)
    with pytest.raises(StoreError) as info:
        migrate_store(laptop, postgres_url)
    assert "al revisies van" in str(info.value) and "--force" in info.value.hint
    with Store.open(postgres_url) as store:
        assert store.count() == first.revisions

    again = migrate_store(laptop, postgres_url, force=True)
    assert again.replaced == first.revisions and again.editions == first.editions
    with Store.open(postgres_url) as store:
        assert store.count() == first.revisions


def test_one_edition_joins_a_shared_store_numbered_on_in_its_own_order(laptop, postgres_url):
    """Ids already used by another edition in the target are not overwritten: the move numbers on."""
    with Store.open(postgres_url) as store:
        other = store.save_many(
            "andere", [("p01", f"veld-{i}", i) for i in range(200)], author="p01"
        )
    before = _history(laptop)["demo"]

    report = migrate_store(laptop, postgres_url, ["demo"])

    assert not report.ids_kept and [e.edition for e in report.editions] == ["demo"]
    with Store.open(postgres_url) as store:
        moved = store.history("demo")
        assert [r.id for r in moved] == sorted(r.id for r in moved) and moved[0].id > other[-1].id
        strip = lambda revs: [(r.subject, r.field, r.value, r.author, r.saved_at) for r in revs]  # noqa: E731
        assert strip(moved) == strip(before)
        assert store.history("andere") == other
        assert store.editions() == ["andere", "demo"]


def test_a_move_that_fails_halfway_leaves_the_target_empty(laptop, postgres_url, tmp_path):
    """SQLite accepts a subject longer than the schema allows, PostgreSQL does not: the last chunk fails."""
    path = Path(laptop.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO revisions (edition, subject, field, value, author, saved_at) "
            "VALUES ('demo', ?, 'x', '1', 't', '2026-01-01 00:00:00.000000')",
            ("p" * 150,),
        )
    with pytest.raises(StoreError) as info:
        migrate_store(laptop, postgres_url)
    assert "er is niets veranderd" in str(info.value)
    with Store.open(postgres_url) as store:
        assert store.count() == 0


def test_the_laptops_file_is_not_changed_by_the_move(laptop, postgres_url):
    path = Path(laptop.removeprefix("sqlite:///"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    migrate_store(laptop, postgres_url)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize(
    "editions, fragment",
    [
        (["bestaat-niet"], "geen revisies van editie bestaat-niet"),
    ],
)
def test_an_edition_the_source_lacks_is_named_with_what_it_has(
    laptop, postgres_url, editions, fragment
):
    with pytest.raises(InputError) as info:
        migrate_store(laptop, postgres_url, editions)
    assert fragment in str(info.value) and "demo" in info.value.hint


def test_cli_reports_counts_and_checksums_per_edition(laptop, postgres_url):
    result = CliRunner().invoke(
        cli, ["migrate", "--from", laptop, "--to", postgres_url, "--edition", "demo"]
    )
    assert result.exit_code == 0, result.output
    demo = next(e for e in summarize(read_source(laptop, ["demo"])))
    assert (
        f"demo: {demo.revisions} revisies, hoogste id {demo.max_id}, controlegetal {demo.checksum[:16]}"
        in result.output
    )
    assert "voorjaar-2027" not in result.output


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--from", "{tmp}/bestaat-niet.db", "--to", "{pg}"], "bronbestand niet gevonden"),
        (
            ["--from", "{laptop}", "--to", "postgresql://nobody@127.0.0.1:1/none"],
            "database niet bereikbaar",
        ),
        (["--from", "{laptop}", "--to", "{laptop}"], "bron en doel zijn dezelfde database"),
        (["--from", "{tmp}/tekst.txt", "--to", "{pg}"], "bron niet leesbaar"),
        (["--from", "{tmp}/leeg.db", "--to", "{pg}"], "geen swc-store"),
    ],
)
def test_cli_user_mistakes_give_one_line_a_hint_and_exit_2(
    laptop, postgres_url, tmp_path, args, fragment
):
    (tmp_path / "tekst.txt").write_text("geen database")
    sqlite3.connect(tmp_path / "leeg.db").execute("CREATE TABLE iets (x)").connection.close()
    args = [a.format(tmp=tmp_path, pg=postgres_url, laptop=laptop) for a in args]
    result = CliRunner().invoke(cli, ["migrate", *args])
    assert result.exit_code == 2, result.output
    assert fragment in result.output and "tip:" in result.output
    assert "Traceback" not in result.output
