"""Under load: 60 participant kernels autosaving at once lose nothing, and dashboards never see an error.

Real processes, the widgets' own save path, the real store; the short CI
variant of ``bench/load.py`` (which prints the figures). No wall time is
asserted here.
"""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import load  # noqa: E402  (bench/load.py: the same code the benchmark runs)


def _assert_nothing_lost(result: load.LoadResult, writers: int) -> None:
    assert not result.errors, result.errors
    assert len(result.writers) == writers and all(w["saved"] > 0 for w in result.writers)
    assert not result.missing, (
        f"fields whose revisions are not all there, in order: {result.missing}"
    )


def test_sixty_kernels_saving_every_100_ms_into_one_sqlite_file_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'swc.db'}"
    result = load.run_load(url, writers=60, readers=5, seconds=5)
    _assert_nothing_lost(result, 60)
    from swc_core.store import Store

    with Store.open(url) as store:
        assert store.count(load.EDITION) == result.saves
        assert store.integrity_ok()


@pytest.mark.postgres
def test_kernels_saving_at_once_into_postgresql_lose_nothing(postgres_url):
    # 30 writers: the CI database is shared (max_connections 100); bench/load.py runs 60.
    result = load.run_load(postgres_url, writers=30, readers=5, seconds=3)
    _assert_nothing_lost(result, 30)
