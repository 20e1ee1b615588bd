"""Pages prepared per participant before they arrive (swc_core/serve/prepared.py, issue 21).

A real ``swc serve`` with personal links (``--host 127.0.0.1``) on the intake's day, ``--prepare 2``: the
first two participants' intake pages are built before anyone comes. Real Chromium opens them with each
participant's own cookie. Which kernel a page got is read from the kernel's own process: its command line
names its connection file (``kernel-<id>.json``), its environment the participant it was prepared for.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
import urllib.request

import psutil
import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.page_params import PREPARED_FOR_ENV
from swc_core.serve.prepared import participant_asked, prepare_count, prepared_key
from swc_core.settings import Settings

from conftest import REPO, copy_sessions
from servers import (
    chromium_browser,
    day_of,
    free_port,
    personal_cookie,
    serve_command,
    swc_serve,
    wait_for_http,
)

PAGE_TIMEOUT = 180_000  # ms
READY_WITHIN = 240.0  # s for two pages on a busy 2-core machine (about 5 s each when idle)
KERNEL_OF_PAGE = (
    "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
)
OPGAVE = f'textarea[placeholder="{text("widgets.casus.opgave_placeholder")}"]'


def _wait_for_line(log, needle: str, within: float = READY_WITHIN) -> None:
    deadline = time.monotonic() + within
    while needle not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.25)


def _ready_line(ready: int, total: int) -> str:
    return text("serve.prepared.progress", ready=ready, total=total, mib=0).split(" (")[0]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prepared")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    today = day_of(sessions / "demo" / "edition.yml", "intake")
    with (
        chromium_browser() as browser,
        swc_serve(
            sessions, log, "--host", "127.0.0.1", "--pool", "0", "--prepare", "2", today=today
        ) as base,
    ):
        _wait_for_line(log, _ready_line(2, 2))
        yield {"base": base, "browser": browser, "log": log, "sessions": sessions}


def _kernel_process(kernel_id: str) -> psutil.Process:
    for proc in psutil.process_iter(["cmdline"]):
        if f"kernel-{kernel_id}.json" in " ".join(proc.info["cmdline"] or []):
            return proc
    raise AssertionError(f"no process for kernel {kernel_id}")


def _prepared_for(kernel_id: str) -> str | None:
    return _kernel_process(kernel_id).environ().get(PREPARED_FOR_ENV)


def _open(room, participant: str, url_participant: str | None = None):
    """``participant``'s browser opens the intake page of ``url_participant`` (default their own)."""
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    context.add_cookies([personal_cookie(room["base"], room["sessions"], participant)])
    page = context.new_page()
    response = page.goto(
        f"{room['base']}/voila/render/intake.ipynb?participant={url_participant or participant}",
        wait_until="commit",
    )
    return context, page, response


def _name(participant: str) -> str:
    return load_edition("demo", Settings(REPO / "sessions")).participants[participant].name


def _store_values(room, participant: str) -> dict:
    settings = Settings(room["sessions"])
    with open_store(load_edition("demo", settings), settings) as store:
        return store.values("demo", participant)


def test_a_prepared_page_shows_its_participant_and_what_was_saved_after_it_was_built(room):
    """The answer saved after preparation (another device, an import) is on the page when it is handed out."""
    settings = Settings(room["sessions"])
    casus = dict(_store_values(room, "p02").get("casus") or {})
    casus["opgave"] = "Na het klaarzetten vanaf de telefoon opgeslagen."
    with open_store(load_edition("demo", settings), settings) as store:
        store.save("demo", "p02", "casus", casus, author="telefoon")
    context, page, response = _open(room, "p02")
    try:
        assert response.status == 200
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
        kernel = page.evaluate(KERNEL_OF_PAGE)
        assert _prepared_for(kernel) == "p02", "the page came from p02's prepared kernel"
        assert _name("p02") in page.text_content(".swc-header")
        page.wait_for_function(
            f"() => document.querySelector({OPGAVE!r}).value.includes('klaarzetten')",
            timeout=30_000,
        )
        # and the prepared page saves like any page
        page.locator(OPGAVE).fill("Getypt op de klaargezette pagina.")
        deadline = time.monotonic() + 60
        while (_store_values(room, "p02").get("casus") or {}).get(
            "opgave"
        ) != "Getypt op de klaargezette pagina.":
            assert time.monotonic() < deadline, room["log"].read_text(errors="replace")[-3000:]
            time.sleep(0.25)
    finally:
        context.close()


def test_a_prepared_page_is_never_handed_to_anyone_else(room):
    """p03 asks for p01's page (refused by the guard, the prepared page stays where it is); p03's own page is
    built fresh; then p01 gets their own prepared page."""
    opened = []
    try:
        context, page, response = _open(room, "p03", url_participant="p01")
        opened.append(context)
        assert response.status == 403
        context, page, response = _open(room, "p03")
        opened.append(context)
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
        assert _prepared_for(page.evaluate(KERNEL_OF_PAGE)) is None, "nobody prepared p03's page"
        assert _name("p03") in page.text_content(".swc-header")
        context, page, response = _open(room, "p01")
        opened.append(context)
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
        assert _prepared_for(page.evaluate(KERNEL_OF_PAGE)) == "p01"
        assert _name("p01") in page.text_content(".swc-header")
    finally:
        for context in opened:
            context.close()


def test_the_trainer_sees_the_progress_and_the_memory_in_the_window_and_on_the_landing_page(room):
    lines = re.findall(
        r"(\d+) van (\d+) werkboeken klaargezet \((\d+) MiB\)",
        room["log"].read_text(errors="replace"),
    )
    assert [(r, t) for r, t, _ in lines][:2] == [("1", "2"), ("2", "2")], lines
    assert all(int(mib) > 0 for _, _, mib in lines)
    trainer = json.loads((room["sessions"] / "demo" / ".serve-tokens.json").read_text())["trainer"]
    with urllib.request.urlopen(
        f"{room['base']}/swc/verbinding?token={trainer}", timeout=60
    ) as answer:
        status = json.load(answer)
    assert "2 van 2 werkboeken klaargezet" in status["line"], status


def test_stopping_the_server_stops_every_prepared_kernel_even_while_preparing(tmp_path):
    """Ctrl-C after the first page is ready, while the others are still being built."""
    sessions = copy_sessions(tmp_path)
    log = tmp_path / "serve.log"
    port = free_port()
    cmd = serve_command("demo", port, "--pool", "0", "--prepare", "all")
    env = {
        **__import__("os").environ,
        "SWC_SESSIONS_DIR": str(sessions),
        "SWC_TODAY": day_of(sessions / "demo" / "edition.yml", "intake"),
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/geen-toegang", proc=proc)
        _wait_for_line(log, _ready_line(1, 12))
        server = psutil.Process(proc.pid)
        kernels = [
            p for p in server.children(recursive=True) if "kernel_app" in " ".join(p.cmdline())
        ]
        assert len(kernels) >= 2, "one ready and the next ones being built"
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        gone, alive = psutil.wait_procs(kernels, timeout=30)
        assert not alive, [p.pid for p in alive]
    finally:
        if proc.poll() is None:
            proc.kill()
    stopped = log.read_text(errors="replace").split("stoppen: Ctrl-C")[1]
    assert "Traceback" not in stopped, stopped


def test_only_a_request_for_exactly_one_participant_takes_a_prepared_page():
    assert participant_asked("participant=p01") == "p01"
    for query in (
        "",
        "participant=p01&team=team-veen",
        "participant=p01&participant=p02",
        "language=nl",
        "participant=p01&language=nl",
    ):
        assert participant_asked(query) is None, query
    assert prepared_key("intake.ipynb", "p01") == "intake.ipynb#p01"


@pytest.mark.parametrize(
    "value, expected", [("all", 12), ("none", 0), ("5", 5), ("40", 12), ("0", 0)]
)
def test_prepare_counts(value, expected):
    assert prepare_count(value, 12) == expected


def test_a_bad_prepare_value_is_a_clear_message_and_exit_2(tmp_path):
    sessions = copy_sessions(tmp_path)
    result = subprocess.run(
        serve_command("demo", free_port(), "--prepare", "veel"),
        env={**__import__("os").environ, "SWC_SESSIONS_DIR": str(sessions)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "--prepare" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_participant_who_arrives_before_their_page_was_begun_is_not_prepared_again(tmp_path):
    """After a restart every open page reloads at once: a page already served fresh is not built beside it."""
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    log = tmp_path / "serve.log"
    last = list(load_edition("demo", Settings(sessions)).participants)[-1]
    with swc_serve(
        sessions,
        log,
        "--pool",
        "0",
        "--prepare",
        "all",
        today=day_of(sessions / "demo" / "edition.yml", "intake"),
    ) as base:
        with urllib.request.urlopen(
            f"{base}/voila/render/intake.ipynb?participant={last}", timeout=180
        ) as reply:
            page = reply.read().decode()
        assert reply.status == 200 and "kernelId" in page
        total = len(load_edition("demo", Settings(sessions)).participants) - 1
        _wait_for_line(log, _ready_line(total, total))
        kernels = [
            p
            for p in psutil.Process().children(recursive=True)
            if "kernel_app" in " ".join(p.cmdline())
        ]
        prepared = [k.environ().get(PREPARED_FOR_ENV) for k in kernels]
        assert last not in prepared and len(set(prepared) - {None}) == total, prepared
        assert prepared.count(None) == 1, "the page served to the participant who came first"
    stopped = log.read_text(errors="replace").split("stoppen: Ctrl-C")[1]
    assert "Traceback" not in stopped, stopped
