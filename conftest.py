"""Repository-wide pytest setup: notebooks under nbval run against a private copy of the demo edition."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent
# The day the whole suite takes as today (``SWC_TODAY``, read by ``Settings``), whatever the machine's clock
# says: a tussentijd of the demo edition. Tests about another day set their own (tests/test_programme_day.py).
PINNED_TODAY = "2026-11-10"


def pytest_configure(config):
    os.environ["SWC_TODAY"] = (
        PINNED_TODAY  # kernels, servers and CLI runs started by tests inherit it
    )
    # Every `swc serve` a test starts would prepare each demo participant's page (twelve kernels) before
    # anything else; the tests of preparation ask for it themselves (tests/test_prepared_pages.py).
    os.environ["SWC_PREPARE"] = "none"
    # nbval executes notebooks/*.ipynb with their default parameters (the demo
    # edition). Give their kernels a throw-away sessions folder with the demo
    # answers imported, so the repository's own sessions/ is never written.
    if os.environ.get("SWC_SESSIONS_DIR"):
        return
    target = Path(tempfile.mkdtemp(prefix="swc-nbval-")) / "sessions"
    shutil.copytree(
        REPO / "sessions", target, ignore=shutil.ignore_patterns("swc.db*", "output", "export")
    )
    for edition in target.glob("*/edition.yml"):
        text = edition.read_text(encoding="utf-8")
        edition.write_text(
            text.replace("../../data/content", str(REPO / "data" / "content")), encoding="utf-8"
        )
    _import_demo_answers(target)
    os.environ["SWC_SESSIONS_DIR"] = str(target)
    config._swc_sessions = target.parent


def _import_demo_answers(sessions: Path) -> None:
    from swc_core.answers_file import import_answers, read_answers
    from swc_core.edition import load_edition, open_store
    from swc_core.settings import Settings

    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        import_answers(
            store, edition, read_answers(REPO / "data" / "demo" / "answers.yml", edition), "demo"
        )


def pytest_unconfigure(config):
    tmp = getattr(config, "_swc_sessions", None)
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
        os.environ.pop("SWC_SESSIONS_DIR", None)
