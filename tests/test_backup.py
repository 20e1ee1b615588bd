"""`swc backup` and `swc restore`: a consistent copy while a kernel keeps saving, restored whole or not at all."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.store import Store

from fault_processes import start, value


@pytest.fixture
def swc(sessions_dir):
    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--sessions-dir", str(sessions_dir), *args])

    return invoke


def _history(url: str) -> list:
    with Store.open(url) as store:
        assert store.integrity_ok()
        return [r.value for r in store.history("demo", "p01")]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_backup_while_a_kernel_saves_holds_every_revision_committed_before_it_began(
    backend, swc, sessions_dir, tmp_path, request
):
    url = (
        f"sqlite:///{sessions_dir / 'demo' / 'swc.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    kernel = start(
        "save-loop", url
    )  # a real process saving one value after another, all through the test
    try:
        confirmed = 1
        while confirmed < 50:
            kernel.stdout.readline()
            confirmed += 1
        # Saves 0..49 were committed before the backup began; the kernel keeps saving during it.
        made = swc("backup", "demo", "--db", url, "--out", str(tmp_path / "backup.db"))
        assert made.exit_code == 0, made.output
        assert ("pg_dump" in made.output) == (backend == "postgresql")
        still_saving = int(kernel.stdout.readline())
    finally:
        kernel.kill()
        kernel.wait()
    assert stat.S_IMODE(os.stat(tmp_path / "backup.db").st_mode) == 0o600
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = swc("restore", "demo", str(tmp_path / "backup.db"), "--db", fresh)
    assert restored.exit_code == 0, restored.output
    values = _history(fresh)
    assert len(values) >= 50 and values == [value(n) for n in range(len(values))], (
        "the backup is one consistent moment: a complete prefix of what was saved"
    )
    assert still_saving >= 50


def test_restore_refuses_a_store_with_answers_and_with_force_replaces_them_whole(
    swc, any_store_url, tmp_path
):
    with Store.open(any_store_url) as store:
        for n in range(3):
            store.save("demo", "p01", "canvas.block.doelen", value(n), author="p01")
        store.save("andere", "p01", "canvas.block.doelen", "van een andere editie", author="p01")
    assert (
        swc("backup", "demo", "--db", any_store_url, "--out", str(tmp_path / "b.db")).exit_code == 0
    )
    with Store.open(any_store_url) as store:
        store.save("demo", "p01", "canvas.block.doelen", "na de back-up", author="p01")

    refused = swc("restore", "demo", str(tmp_path / "b.db"), "--db", any_store_url)
    assert (
        refused.exit_code == 2
        and "heeft al 4 revisies" in refused.output
        and "--force" in refused.output
    )
    assert _history(any_store_url)[-1] == "na de back-up"

    forced = swc("restore", "demo", str(tmp_path / "b.db"), "--db", any_store_url, "--force")
    assert forced.exit_code == 0, forced.output
    assert _history(any_store_url) == [value(n) for n in range(3)]
    with Store.open(any_store_url) as store:
        assert store.values("andere", "p01") == {"canvas.block.doelen": "van een andere editie"}


def test_a_backup_of_a_shared_store_holds_only_its_own_edition(swc, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with Store.open(url) as store:
        store.save("demo", "p01", "canvas.block.doelen", "demo", author="p01")
        store.save(
            "andere", "p01", "canvas.block.doelen", "geheim van een andere editie", author="p01"
        )
    assert swc("backup", "demo", "--db", url, "--out", str(tmp_path / "b.db")).exit_code == 0
    assert b"geheim van een andere editie" not in (tmp_path / "b.db").read_bytes()
    with Store.open(f"sqlite:///{tmp_path / 'b.db'}") as copy:
        assert copy.editions() == ["demo"]


def test_default_backup_goes_to_a_private_backups_folder_of_the_edition(swc, sessions_dir):
    with Store.open(f"sqlite:///{sessions_dir / 'demo' / 'swc.db'}") as store:
        store.save("demo", "p01", "canvas.block.doelen", "x", author="p01")
    result = swc("backup", "demo")
    assert result.exit_code == 0, result.output
    folder = sessions_dir / "demo" / "backups"
    [made] = list(folder.iterdir())
    assert (
        stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(made.stat().st_mode) == 0o600
    )
    assert f"1 revisie -> {made}" in result.output
