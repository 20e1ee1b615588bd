"""The trainer knows how many workbook pages are open and whether any hold unsaved work (issue 17).

Real `swc serve`, real Chromium: ``/swc/verbinding`` counts participants'
pages (not the trainer's dashboards), their connections, and the pages whose
kernel holds a field the store does not have yet; the trainer's landing
page shows that line. A store locked by another process (SQLite's
exclusive lock) makes a page's save fail: the trainer sees it, and sees it
go once the lock is gone and the page's retry has saved.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request

import pytest

from swc_core.edition import load_edition
from swc_core.messages import text
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser, swc_serve

PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
WITHIN = 90.0  # s; each wait ends as soon as its condition holds
OPGAVE = f'textarea[placeholder="{text("widgets.casus.opgave_placeholder")}"]'


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("room_status")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with chromium_browser() as browser, swc_serve(sessions, log, "--pool", "0") as base:
        yield {"base": base, "browser": browser, "log": log, "sessions": sessions}


def status(base: str, **headers) -> dict:
    request = urllib.request.Request(f"{base}/swc/verbinding", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def wait_for_status(room, wanted: dict) -> dict:
    deadline = time.monotonic() + WITHIN
    while True:
        now = status(room["base"])
        if all(now[k] == v for k, v in wanted.items()):
            return now
        if time.monotonic() > deadline:
            raise AssertionError(
                f"room status {now}, wanted {wanted}\n" + room["log"].read_text()[-3000:]
            )
        time.sleep(0.5)


def open_page(room, path: str, ready: str):
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{room['base']}{path}", wait_until="commit")
    try:
        page.wait_for_selector(ready, timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        page.screenshot(path=str(room["log"].with_suffix(".png")))
        raise
    return context, page


def test_the_trainer_sees_open_pages_and_unsaved_work_but_not_dashboards(room):
    opened = [
        open_page(room, f"/voila/render/intake.ipynb?participant={p}", ".swc-page .swc-instrument")
        for p in ("p01", "p02")
    ]
    dashboard, _ = open_page(room, "/voila/render/dashboards/intake.ipynb", ".swc-dashboard")
    try:
        wait_for_status(room, {"pages": 2, "connected": 2, "unsaved": 0, "unknown": 0})
        db = load_edition("demo", Settings(room["sessions"])).folder / "swc.db"
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute(
            "BEGIN EXCLUSIVE"
        )  # another process holds the store: the page's save fails and retries
        try:
            opened[0][1].locator(OPGAVE).fill("Tekst die even niet opgeslagen kan worden.")
            now = wait_for_status(room, {"pages": 2, "unsaved": 1})
            assert text("serve.room_status.unsaved", count=1) in now["line"]
            landing = room["browser"].new_page()
            landing.goto(room["base"] + "/")
            landing.wait_for_function(
                "(t) => document.getElementById('swc-room-status').textContent.includes(t)",
                arg=text("serve.room_status.unsaved", count=1),
                timeout=60_000,
            )
            assert text("serve.room_status.pages", count=2) in landing.text_content(
                "#swc-room-status"
            )
            landing.close()
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        now = wait_for_status(room, {"pages": 2, "unsaved": 0, "unknown": 0})
        assert text("serve.room_status.all_saved") in now["line"]
        opened.pop()[0].close()  # a closed tab: its kernel ends (leave beacon), it no longer counts
        wait_for_status(room, {"pages": 1, "connected": 1})
    finally:
        for context, _ in opened:
            context.close()
        dashboard.close()


def test_only_the_trainer_gets_the_room_status(tmp_path):
    """With personal links in force, a participant's or the room's browser is refused; the trainer's is not."""
    from servers import personal_secret

    sessions = copy_sessions(tmp_path)
    with swc_serve(sessions, tmp_path / "serve.log", "--host", "127.0.0.1", "--pool", "0") as base:
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        for token in (personal_secret(sessions, "p01"), tokens["room"], "onzin"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                status(base, Authorization=f"token {token}")
            assert refused.value.code == 403
        assert status(base, Authorization=f"token {tokens['trainer']}")["pages"] == 0


def test_a_keep_request_with_bad_input_changes_nothing_and_an_unknown_kernel_is_404(room):
    """``/swc/keep/<kernel>`` takes only ``{key: {"base": text, "text": text}}``; anything else is no text at all."""
    context, page = open_page(
        room, "/voila/render/intake.ipynb?participant=p03", ".swc-page .swc-instrument"
    )
    try:
        kernel = page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
        before = page.locator(OPGAVE).input_value()
        for body in (
            b"geen json",
            b"[1, 2]",
            b"\xff\xfe",
            json.dumps(
                {"../casus-3": {"text": "x"}, "casus-3": {"text": 5}, "casus-2": "x"}
            ).encode(),
        ):
            request = urllib.request.Request(
                f"{room['base']}/swc/keep/{kernel}", data=body, method="POST"
            )
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert json.loads(answer.read()) == {}
        assert page.locator(OPGAVE).input_value() == before
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(
                urllib.request.Request(
                    f"{room['base']}/swc/keep/0000-dead", data=b"{}", method="POST"
                ),
                timeout=30,
            )
        assert gone.value.code == 404
    finally:
        context.close()
