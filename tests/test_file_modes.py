"""What participants wrote is readable by the trainer's account only: the store, exports, generated workbooks.

Each test runs under the common umask 022 (files 0644, folders 0755 by
default), so the modes checked here are the product's doing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition
from swc_core.generate import generate, generation_parameters, plan_jobs
from swc_core.settings import Settings
from swc_core.store import Store


@pytest.fixture(autouse=True)
def common_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private_tree(root: Path) -> None:
    """``root`` and everything below it: folders 0700, files 0600."""
    for path in [root, *root.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path} has mode {oct(mode(path))}"


def test_the_store_and_its_wal_files_are_private(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'swc.db'}") as store:
        store.save("demo", "p01", "canvas.block.doelen", "x", author="p01")
        with store.engine.connect() as conn:  # an open connection keeps -wal and -shm in place
            conn.exec_driver_sql("SELECT 1")
            files = sorted(tmp_path.glob("swc.db*"))
            assert [f.name for f in files] == ["swc.db", "swc.db-shm", "swc.db-wal"]
            assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}


def test_export_data_creates_private_folders_and_a_private_file(sessions_dir, tmp_path):
    out = tmp_path / "trainer" / "exports" / "antwoorden.csv"
    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions_dir), "export-data", "demo", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert_private_tree(tmp_path / "trainer")


def test_generated_workbooks_and_their_folders_are_private(sessions_dir, tmp_path):
    settings = Settings(sessions_dir=sessions_dir)
    edition = load_edition("demo", settings)
    out = tmp_path / "trainer" / "output"
    jobs = plan_jobs(
        edition,
        out,
        steps=["intake"],
        participants=["p01"],
        base_parameters=generation_parameters(edition, settings),
    )
    with Store.open(edition.store_url(settings)) as store:
        report = generate(edition, store, jobs, out, workers=1, progress=False)
    assert len(report.written) == 1 and not report.failed
    assert_private_tree(tmp_path / "trainer")
