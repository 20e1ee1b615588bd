"""Leaving a workbook page never loses what was typed (issue 17, first promise).

Real `swc serve`, real Chromium: a participant types and, within a fraction
of the autosave's quiet second, closes the tab, goes back to the landing page
or reloads. The server asks the page's kernel to save what it holds before it
shuts the kernel down (``swc_core/serve/kernels.py``), so every character is
in the store afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from contextlib import contextmanager

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser, free_port, serve_command, swc_serve, wait_for_http

PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
STORED_WITHIN = 60.0  # s: generous for CI; the save itself takes milliseconds


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("leaving")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with chromium_browser() as browser, swc_serve(sessions, log, "--pool", "0") as base:
        yield {"base": base, "browser": browser, "log": log, "sessions": sessions}


def _stored_opgave(room, participant: str) -> str:
    edition = load_edition("demo", Settings(room["sessions"]))
    with open_store(edition, Settings(room["sessions"])) as store:
        return (store.values("demo", participant).get("casus") or {}).get("opgave") or ""


def _wait_stored(room, participant: str, expected: str) -> str:
    deadline = time.monotonic() + STORED_WITHIN
    stored = _stored_opgave(room, participant)
    while stored != expected and time.monotonic() < deadline:
        time.sleep(0.25)
        stored = _stored_opgave(room, participant)
    return stored


def _open_opgave(room, participant: str):
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(
        f"{room['base']}/voila/render/intake.ipynb?participant={participant}", wait_until="commit"
    )
    try:
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        raise
    box = page.locator(f'textarea[placeholder="{text("widgets.casus.opgave_placeholder")}"]')
    return context, page, box


@pytest.mark.parametrize("leave", ["close", "navigate", "reload"])
def test_what_was_typed_just_before_leaving_is_in_the_store(room, leave):
    participant = {"close": "p05", "navigate": "p06", "reload": "p07"}[leave]
    context, page, box = _open_opgave(room, participant)
    try:
        box.fill("Eerste zin.")
        assert _wait_stored(room, participant, "Eerste zin.") == "Eerste zin."
        full = "Eerste zin. Tweede zin, vlak voor het weggaan."
        box.press_sequentially(" Tweede zin, vlak voor het weggaan.", delay=5)
        # leave at once: well inside the autosave's quiet second
        if leave == "close":
            page.close(run_before_unload=True)
        elif leave == "navigate":
            page.goto(f"{room['base']}/", wait_until="commit")
        else:
            page.reload(wait_until="commit")
        assert _wait_stored(room, participant, full) == full, room["log"].read_text(
            errors="replace"
        )[-3000:]
    finally:
        context.close()


@contextmanager
def _own_server(tmp_path, room):
    """A `swc serve` of this test's own (it will be stopped), with the module's browser; yields (room, process)."""
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    port = free_port()
    mine = {
        "sessions": sessions,
        "log": tmp_path / "serve.log",
        "base": f"http://127.0.0.1:{port}",
        "browser": room["browser"],
    }  # one Playwright per thread: the module's browser
    cmd = serve_command("demo", port, "--pool", "0")
    with open(mine["log"], "wb") as out:
        proc = subprocess.Popen(
            cmd,
            env={**os.environ, "SWC_SESSIONS_DIR": str(sessions)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_http(mine["base"] + "/geen-toegang", proc=proc)
            yield mine, proc
        finally:
            if proc.poll() is None:
                proc.kill()


def _stop(proc) -> None:
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)


def test_ctrl_c_of_the_server_first_saves_what_the_page_kernels_hold(tmp_path, room):
    """The trainer stops the server while a participant's change waits for its quiet second: it is stored."""
    with _own_server(tmp_path, room) as (mine, proc):
        context, page, box = _open_opgave(mine, "p08")
        box.fill("Opgeslagen bij het stoppen.")
        page.wait_for_function(
            "(t) => document.body.textContent.includes(t)", arg=text("status.pending")
        )
        _stop(proc)  # well inside the autosave's quiet second
        context.close()
    assert _stored_opgave(mine, "p08") == "Opgeslagen bij het stoppen.", mine["log"].read_text()[
        -3000:
    ]


def test_a_lost_connection_is_shown_at_once_and_the_status_no_longer_says_saved(tmp_path, room):
    """The server goes away (a restart, the venue's wifi): the page says so and hides 'opgeslagen'."""
    with _own_server(tmp_path, room) as (mine, proc):
        context, page, box = _open_opgave(mine, "p09")
        box.fill("Nog verbonden.")
        page.wait_for_function("(t) => document.body.textContent.includes(t)", arg="opgeslagen")
        assert page.locator("#swc-offline").is_hidden()
        _stop(proc)
        page.wait_for_selector("#swc-offline", state="visible", timeout=30_000)
        assert text("serve.page.offline") in page.text_content("#swc-offline")
        assert (
            page.locator(".swc-status").first.evaluate("el => getComputedStyle(el).visibility")
            == "hidden"
        )
        context.close()


def _kernel_gone(base: str, kernel_id: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=5):
            return False
    except urllib.error.HTTPError as exc:
        return exc.code == 404


def test_a_closed_dashboard_tab_frees_its_kernel(room):
    """A trainer's dashboard left open is a kernel like a workbook's: closing its tab ends it within seconds."""
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{room['base']}/voila/render/dashboards/intake.ipynb", wait_until="commit")
    page.wait_for_selector(".swc-dashboard", timeout=PAGE_TIMEOUT)
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    assert not _kernel_gone(room["base"], kernel)
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 20  # "within a few seconds"; generous for a loaded CI machine
    while not _kernel_gone(room["base"], kernel):
        assert time.monotonic() < deadline, (
            "the dashboard's kernel still runs after its tab closed\n"
            + room["log"].read_text(errors="replace")[-3000:]
        )
        time.sleep(0.25)
    context.close()
