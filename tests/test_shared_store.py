"""Several `swc serve` processes on one PostgreSQL store behave as one room.

Two real servers (different ports, same schema) in headless Chromium: what a
participant types in a workbook served by one server shows on the dashboard
served by the other, and so does a save from any other process. And servers
that open a fresh schema at the same moment all start: the schema is made
once, under the advisory lock, while the others wait.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from swc_core.messages import text as ui_text
from swc_core.store import Store
from swc_core.store.migrate import migrate_store
from swc_core.store.schema import HEAD

from conftest import copy_sessions
from servers import chromium_browser, personal_secret, swc_serve

PAGE_TIMEOUT = 180_000  # ms: kernel start + imports on a busy 2-core machine
CHANGE_TIMEOUT = 30_000  # ms: generous for CI; bench/scale.py measures the real latency


def _open(browser, errors: list[str]):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    return context, page


def _wait_for(page, selector: str, logs) -> None:
    try:
        page.wait_for_selector(selector, timeout=PAGE_TIMEOUT)
    except Exception:
        for log in logs:
            print(log.read_text(errors="replace")[-3000:])
        raise


def _shows(page, needle: str) -> None:
    page.wait_for_function(
        "(n) => document.body.textContent.includes(n)", arg=needle, timeout=CHANGE_TIMEOUT
    )


def test_a_save_through_one_server_shows_on_the_other_servers_dashboard(tmp_path, postgres_url):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    migrate_store(
        f"sqlite:///{sessions / 'demo' / 'swc.db'}", postgres_url
    )  # the room moved off the laptop
    (
        sessions / "demo" / "swc.db"
    ).unlink()  # so nothing can be read from the laptop's file by mistake
    args = ("--db", postgres_url, "--host", "127.0.0.1", "--pool", "1")
    log_a, log_b = tmp_path / "serve-a.log", tmp_path / "serve-b.log"
    typed = f"Zilverreigerpolder {uuid.uuid4().hex[:6]}"
    outside = f"Kwelwater {uuid.uuid4().hex[:6]}"
    errors: list[str] = []
    with (
        swc_serve(sessions, log_a, *args) as server_a,
        swc_serve(sessions, log_b, *args) as server_b,
        chromium_browser() as browser,
    ):
        assert server_a != server_b
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        trainer_ctx, trainer = _open(browser, errors)
        participant_ctx, participant = _open(browser, errors)
        try:
            trainer.goto(f"{server_b}/t/{tokens['trainer']}")
            trainer.goto(f"{server_b}/voila/render/dashboards/intake.ipynb", wait_until="commit")
            _wait_for(trainer, ".swc-dashboard .swc-panel", [log_b])

            participant.goto(f"{server_a}/p/{personal_secret(sessions, 'p02')}")  # p02's own card
            participant.goto(
                f"{server_a}/voila/render/intake.ipynb?participant=p02", wait_until="commit"
            )
            _wait_for(participant, ".swc-page .swc-instrument", [log_a])
            domain = participant.locator(
                f'textarea[placeholder="{ui_text("widgets.casus.domain_placeholder")}"]'
            )
            domain.fill(typed)
            domain.press("Tab")

            _shows(trainer, typed)  # saved through server A, shown by server B's kernel

            with Store.open(postgres_url) as store:  # any other process: a third server, a script
                casus = {**store.values("demo", "p03")["casus"], "domain": outside}
                store.save("demo", "p03", "casus", casus, author="test")
            _shows(trainer, outside)
            assert "Traceback" not in trainer.text_content("body")
        finally:
            trainer_ctx.close()
            participant_ctx.close()
    with Store.open(postgres_url) as store:
        assert store.values("demo", "p02")["casus"]["domain"] == typed
    assert not errors, errors


# Alembic is imported before the wait, so the processes reach the schema check
# together (without the lock, two of eight then typically fail with "relation
# revisions already exists"; measured while writing this test).
OPEN_AT_ONCE = """
import sys, time
import alembic.command, alembic.config, alembic.operations, alembic.runtime.migration
from swc_core.store import Store
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
with Store.open(sys.argv[1]) as store:
    store.save("demo", "p01", "opened-by", sys.argv[3], author="server")
print("ok")
"""


def test_servers_opening_a_fresh_schema_at_the_same_moment_all_start(postgres_url):
    """Every process waits until the same instant, then opens the empty schema (as `swc serve` does)."""
    start = time.time() + 4  # past every process's imports
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT_ONCE, postgres_url, str(start), f"server-{i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i in range(8)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, outputs
    engine = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            assert conn.execute(
                text("SELECT version_num FROM alembic_version")
            ).scalars().all() == [HEAD]
            assert {"revisions", "alembic_version"} <= set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    with Store.open(postgres_url) as store:
        assert sorted(r.value for r in store.history("demo")) == [f"server-{i}" for i in range(8)]
