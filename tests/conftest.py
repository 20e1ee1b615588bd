"""Shared fixtures: real SQLite files and, where available, the real PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'swc.db'}"


@pytest.fixture
def store(sqlite_url):
    from swc_core.store import Store

    with Store.open(sqlite_url) as s:
        yield s


def _postgres_base_url() -> str:
    url = os.environ.get("SWC_TEST_POSTGRES_URL")
    required = os.environ.get("SWC_REQUIRE_POSTGRES") == "1"
    if not url:
        if required:
            pytest.fail("SWC_REQUIRE_POSTGRES=1 but SWC_TEST_POSTGRES_URL is not set")
        pytest.skip("SWC_TEST_POSTGRES_URL not set: no PostgreSQL to test against")
    return url


@pytest.fixture
def postgres_url():
    """A fresh, empty schema in the test database, dropped afterwards."""
    base = _postgres_base_url()
    engine_url = make_url(base).set(drivername="postgresql+psycopg")
    schema = f"swc_t_{uuid.uuid4().hex[:12]}"
    try:
        engine = create_engine(engine_url, connect_args={"connect_timeout": 5})
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server
        message = f"PostgreSQL at {base} unreachable: {exc}"
        if os.environ.get("SWC_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store_url(request, tmp_path):
    """Both backends the product supports: the embedded default and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'swc.db'}"
    return request.getfixturevalue("postgres_url")


def copy_sessions(tmp: Path, with_demo_answers: bool = False) -> Path:
    """A copy of the repository's sessions/ under ``tmp`` (tests never touch the real one)."""
    target = tmp / "sessions"
    private = (".serve-tokens.json", ".participant-codes.json", ".serve-opened.json")
    shutil.copytree(
        REPO / "sessions",
        target,
        ignore=shutil.ignore_patterns("swc.db*", "output", "export", "kaarten", *private),
    )
    for edition in target.glob("*/edition.yml"):
        text_ = edition.read_text(encoding="utf-8")
        edition.write_text(
            text_.replace("../../data/content", str(REPO / "data" / "content")), encoding="utf-8"
        )
    if with_demo_answers:
        from click.testing import CliRunner

        from swc_core.cli import cli

        answers = REPO / "data" / "demo" / "answers.yml"
        result = CliRunner().invoke(
            cli, ["--sessions-dir", str(target), "import", "demo", str(answers)]
        )
        assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    return copy_sessions(tmp_path)


@pytest.fixture
def run(sessions_dir):
    """``swc`` on the test's copy of the sessions: ``run("check", "demo")`` gives click's result."""
    from click.testing import CliRunner

    from swc_core.cli import cli

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(
            cli, ["--sessions-dir", str(sessions_dir), *args], catch_exceptions=False
        )

    return invoke


@pytest.fixture(autouse=True)
def _no_live_page_left_by_another_test():
    """Each test ends with no live workbook page registered in this process.

    A page's bindings and roots are kept in module registries (``widgets/autosave.py``
    ``_live_bindings``, ``widgets/leaving.py`` ``_pages``) for as long as its widgets live,
    and ipywidgets keeps every widget until it is closed. Without this, a test that asks
    "is anything on this kernel's pages unsaved?" would see another test's refused value.
    """
    yield
    autosave = sys.modules.get("widgets.autosave")
    if autosave is not None:
        autosave._live_bindings.clear()
    leaving = sys.modules.get("widgets.leaving")
    if leaving is not None:
        leaving._pages.clear()
