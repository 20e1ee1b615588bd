"""A lost connection loses nothing (issue 17): text typed offline is kept in the browser and saved later.

Real `swc serve`, real Chromium, no mocks. The connection is cut by a
loopback TCP proxy between the browser and the server (:class:`CutProxy`):
stopping it closes the page's websocket and refuses new connections, as a
dropped wifi does. While cut, the participant keeps typing; the page keeps
the text in ``localStorage`` (the template's offline keeper) and never says
"opgeslagen". Then:

- the same kernel after a short cut: the kept text is handed to it again;
- a cut longer than ``--cull-idle``: the kernel is culled, the page reloads
  itself and its fresh kernel gets the kept text;
- ``swc serve`` stopped and started again (same port, same sessions) while a
  page is open: the same.

After each, the store holds every character typed, the page shows it, and
nothing is left in ``localStorage``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser, free_port, serve_command, wait_for_http

PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
WITHIN = 120.0  # s: generous for CI; each wait ends as soon as its condition holds
CULL_IDLE = 30  # s: the shortest `swc serve --cull-idle` takes
OPGAVE = f'textarea[placeholder="{text("widgets.casus.opgave_placeholder")}"]'

# In every page of a context: note each moment the save status is visible and says "opgeslagen" while the
# page still keeps text that the store may not hold (kept entries in localStorage). Kept across reloads.
SAID_SAVED_WHILE_KEPT_JS = """
(() => {
  const saved = %s;
  setInterval(() => {
    let kept = 0;
    for (let i = 0; i < localStorage.length; i++) { if (localStorage.key(i).startsWith("swc-kept|")) kept++; }
    const status = [...document.querySelectorAll(".swc-status")].find(
      (el) => getComputedStyle(el).visibility !== "hidden" && el.textContent.trim().startsWith(saved));
    if (kept && status) {
      sessionStorage.setItem("swc-said-saved", String(Number(sessionStorage.getItem("swc-said-saved") || 0) + 1));
    }
  }, 50);
})();
""" % json.dumps(text("status.saved", time="").split(" ")[0])


class CutProxy:
    """A loopback TCP proxy from ``port`` to ``target``; :meth:`cut` drops every connection and refuses new ones.

    :meth:`hold` is a wifi that died before anyone noticed: the connections
    stay open, but nothing sent either way arrives (it is dropped), until
    :meth:`cut` closes them.
    """

    def __init__(self, target: int):
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._held = threading.Event()

    def hold(self) -> None:
        self._held.set()

    def start(self) -> None:
        self._held.clear()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            for conn in self._open:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                conn.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close()
                    upstream.close()
                    return
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                if not self._held.is_set():
                    dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@contextmanager
def serve(sessions, log, port: int, *args: str):
    """`swc serve demo` on ``port`` (stopped with Ctrl-C afterwards); yields the process."""
    cmd = serve_command("demo", port, "--pool", "0", *args)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            cmd,
            env={**os.environ, "SWC_SESSIONS_DIR": str(sessions)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_http(f"http://127.0.0.1:{port}/geen-toegang", proc=proc)
            yield proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.fixture
def room(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    return {"sessions": sessions, "log": tmp_path / "serve.log", "port": free_port()}


def stored_opgave(room, participant: str) -> str:
    settings = Settings(room["sessions"])
    with open_store(load_edition("demo", settings), settings) as store:
        return (store.values("demo", participant).get("casus") or {}).get("opgave") or ""


def wait_until(condition, what: str, room, within: float = WITHIN):
    deadline = time.monotonic() + within
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"not within {within} s: {what}\n" + room["log"].read_text(errors="replace")[-3000:]
            )
        time.sleep(0.25)
    return result


def open_opgave(browser, base: str, participant: str, room):
    """The participant's intake page (its *De opgave* field), watched for "opgeslagen" while text is kept."""
    return open_step(browser, base, "intake", participant, room)


def kernel_of(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def kernel_gone(port: int, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernels/{kernel_id}", timeout=5):
            return False
    except urllib.error.HTTPError as exc:
        return exc.code == 404


def kept_entries(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter((k) => k.startsWith("swc-kept|")).map((k) => [k, JSON.parse(localStorage.getItem(k))]))""")


def sent_entries(page) -> dict:
    """Text on its way to the kernel, kept by the page until the kernel holds it (``swc-sent|`` entries)."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter((k) => k.startsWith("swc-sent|")).map((k) => [k, JSON.parse(localStorage.getItem(k))]))""")


def type_offline(page, words: str) -> None:
    """Type while the page has no connection: the banner says so, the text is kept, the status is hidden."""
    page.wait_for_selector("#swc-offline", state="visible", timeout=30_000)
    page.locator(OPGAVE).press_sequentially(words, delay=10)
    assert text("serve.page.offline") in page.text_content("#swc-offline")
    assert (
        page.locator(".swc-status").first.evaluate("el => getComputedStyle(el).visibility")
        == "hidden"
    )


def assert_all_saved_and_shown(page, room, participant: str, full: str) -> None:
    wait_until(lambda: stored_opgave(room, participant) == full, f"the store holds {full!r}", room)
    page.wait_for_function(
        "([sel, t]) => document.querySelector(sel) && document.querySelector(sel).value === t",
        arg=[OPGAVE, full],
        timeout=60_000,
    )
    page.wait_for_selector(
        "#swc-offline", state="hidden", timeout=90_000
    )  # the socket retries every 10-30 s
    assert kept_entries(page) == {}
    assert page.evaluate("sessionStorage.getItem('swc-said-saved')") is None, (
        "said 'opgeslagen' while text was kept"
    )


def test_a_short_cut_hands_the_kept_text_to_the_same_kernel(browser, room):
    proxy = CutProxy(room["port"])
    proxy.start()
    with serve(room["sessions"], room["log"], room["port"]):
        context, page = open_opgave(browser, f"http://127.0.0.1:{proxy.port}", "p10", room)
        try:
            kernel = kernel_of(page)
            page.locator(OPGAVE).fill("Voor de onderbreking.")
            wait_until(
                lambda: stored_opgave(room, "p10") == "Voor de onderbreking.",
                "the first save",
                room,
            )
            proxy.cut()
            type_offline(page, " Tijdens de onderbreking.")
            [entry] = kept_entries(page).values()
            assert entry == {
                "base": "Voor de onderbreking.",
                "text": "Voor de onderbreking. Tijdens de onderbreking.",
                "at": entry["at"],
                "life": entry["life"],
            }  # life: which load of the page kept it
            assert stored_opgave(room, "p10") == "Voor de onderbreking."
            proxy.start()
            assert_all_saved_and_shown(
                page, room, "p10", "Voor de onderbreking. Tijdens de onderbreking."
            )
            assert kernel_of(page) == kernel, (
                "the page was reloaded, though its kernel was still there"
            )
        finally:
            context.close()
            proxy.cut()


def test_characters_on_their_way_when_the_connection_dies_are_kept_and_saved(browser, room):
    """The wifi dies mid-typing, before the page can know: what is typed then goes into a socket that delivers
    nothing. Those characters are kept in the browser all the same (until the kernel says it holds them),
    join what is typed once the page knows it is offline, and are all saved when the connection is back,
    merged against what the kernel really had (not against what the page showed)."""
    proxy = CutProxy(room["port"])
    proxy.start()
    with serve(room["sessions"], room["log"], room["port"]):
        context, page = open_opgave(browser, f"http://127.0.0.1:{proxy.port}", "p08", room)
        try:
            kernel = kernel_of(page)
            page.locator(OPGAVE).fill("Begin.")
            wait_until(lambda: stored_opgave(room, "p08") == "Begin.", "the first save", room)
            page.wait_for_function(
                "() => !Object.keys(localStorage).some((k) => k.startsWith('swc-sent|'))",
                timeout=30_000,
            )  # the kernel said it holds "Begin."
            proxy.hold()  # the wifi is gone; the page does not know yet
            page.locator(OPGAVE).press_sequentially(" Onderweg verloren.", delay=10)
            [on_its_way] = sent_entries(page).values()
            assert (on_its_way["base"], on_its_way["text"]) == (
                "Begin.",
                "Begin. Onderweg verloren.",
            )
            proxy.cut()  # now the socket closes: the page knows
            type_offline(page, " Daarna offline.")
            assert sent_entries(page) == {}
            [kept] = kept_entries(page).values()
            assert (kept["base"], kept["text"]) == (
                "Begin.",
                "Begin. Onderweg verloren. Daarna offline.",
            )
            proxy.start()
            assert_all_saved_and_shown(
                page, room, "p08", "Begin. Onderweg verloren. Daarna offline."
            )
            assert kernel_of(page) == kernel
            # and typing goes on as before once the socket is back
            page.locator(OPGAVE).press_sequentially(" Weer verbonden.", delay=10)
            full = "Begin. Onderweg verloren. Daarna offline. Weer verbonden."
            wait_until(
                lambda: stored_opgave(room, "p08") == full, "typing after the reconnect saved", room
            )
            page.wait_for_function(
                "() => !Object.keys(localStorage).some((k) => k.startsWith('swc-'))", timeout=30_000
            )
        finally:
            context.close()
            proxy.cut()


def test_a_choice_changed_offline_and_set_another_way_elsewhere_shows_both_after_a_restart(
    browser, room
):
    """The same choice changed on this page while the server is down, and another way on another device:
    the reloaded page shows both ("Hier" / "Elders") and lets the participant pick; the store keeps both."""
    first = _content(room).competences[0].id
    before = stored_choices(room, "p09")["score"]
    mine, theirs = [s for s in (1, 2, 3, 4, 5) if s != before][:2]
    base = f"http://127.0.0.1:{room['port']}"
    with serve(room["sessions"], room["log"], room["port"]) as first_server:
        context, page = open_opgave(browser, base, "p09", room)
        first_server.send_signal(signal.SIGINT)
        first_server.wait(timeout=60)
    try:
        page.wait_for_selector("#swc-offline", state="visible", timeout=30_000)
        page.locator(".swc-competence").nth(0).locator(
            ".widget-toggle-button", has_text=str(mine)
        ).click()
        page.wait_for_function(
            "() => Object.keys(localStorage).some((k) => k.startsWith('swc-kept|'))", timeout=30_000
        )
        [kept] = kept_entries(page).values()
        shown_before = None if before is None else str(before)
        assert (kept["left"], kept.get("base")) == ({"label": str(mine)}, {"label": shown_before})
        settings = Settings(room["sessions"])
        with open_store(load_edition("demo", settings), settings) as store:  # the phone, meanwhile
            scores = store.values("demo", "p09").get("competences.intake") or {}
            store.save("demo", "p09", "competences.intake", {**scores, first: theirs}, "p09")
        with serve(room["sessions"], room["log"], room["port"]):
            panel = page.locator(".swc-conflicts")
            panel.wait_for(
                timeout=PAGE_TIMEOUT
            )  # the page reloaded itself and handed its kernel the choice
            assert text("conflict.here", value=str(mine)) in panel.text_content()
            assert text("conflict.elsewhere", value=str(theirs)) in panel.text_content()
            panel.screenshot(path=str(room["log"].parent / "offline-conflict.png"))
            with open_store(load_edition("demo", settings), settings) as store:
                history = [
                    (r.value or {}).get(first)
                    for r in store.history("demo", "p09", "competences.intake")
                ]
            assert history[-2:] == [theirs, mine], (
                "both versions in the store, this page's the newest"
            )
            page.wait_for_selector("#swc-offline", state="hidden", timeout=60_000)
            assert kept_entries(page) == {}
            panel.get_by_role("button", name=text("conflict.keep")).nth(1).click()  # keep "Elders"
            wait_until(
                lambda: stored_choices(room, "p09")["score"] == theirs,
                "the choice kept from elsewhere",
                room,
            )
            page.wait_for_selector(".swc-conflicts", state="detached", timeout=30_000)
    finally:
        context.close()


def test_a_cut_longer_than_culling_ends_the_kernels_and_the_reloaded_page_saves_the_kept_text(
    browser, room
):
    """Wifi gone for longer than ``--cull-idle`` while the room keeps saving.

    The workbook's kernel is culled (it saves what it holds first); so is the
    trainer's dashboard, which redraws for every save in the room and so never
    looks idle (a lost dashboard kept its kernel for 27 min). Back online, the
    workbook page reloads itself and its fresh kernel saves the text kept meanwhile.

    Not only text: a choice (toggle buttons) on that page, and on another
    page a dropdown and a slider, changed while the wifi is gone, are kept
    too and set on the reloaded pages' new fields (whose model ids differ).
    (In the same cut: a second cut longer than culling would double the time.)
    """
    proxy = CutProxy(room["port"])
    proxy.start()
    base = f"http://127.0.0.1:{proxy.port}"
    with serve(room["sessions"], room["log"], room["port"], "--cull-idle", str(CULL_IDLE)):
        context, page = open_opgave(browser, base, "p11", room)
        board_context = browser.new_context(viewport={"width": 1300, "height": 900})
        role_context, role_page = open_step(browser, base, "dagdeel-5", "p11", room)
        try:
            board = board_context.new_page()
            board.goto(f"{base}/voila/render/dashboards/intake.ipynb", wait_until="commit")
            board.wait_for_selector(".swc-dashboard", timeout=PAGE_TIMEOUT)
            kernels = [kernel_of(page), kernel_of(board), kernel_of(role_page)]
            page.locator(OPGAVE).fill("Eerste zin.")
            wait_until(lambda: stored_opgave(room, "p11") == "Eerste zin.", "the first save", room)
            proxy.cut()
            board_context.close()  # its leave beacon goes nowhere
            type_offline(page, " Tweede zin, zonder wifi.")
            chosen = choose_offline(page, role_page, room, "p11")
            settings = Settings(room["sessions"])
            with open_store(load_edition("demo", settings), settings) as store:

                def room_saves_and_kernels_gone() -> (
                    bool
                ):  # a colleague keeps typing: the dashboard redraws
                    store.save(
                        "demo",
                        "p03",
                        "casus",
                        {"title": "Casus", "opgave": f"{time.monotonic()}"},
                        "p03",
                    )
                    time.sleep(0.75)
                    return all(kernel_gone(room["port"], k) for k in kernels)

                wait_until(
                    room_saves_and_kernels_gone, "both kernels culled", room, within=CULL_IDLE + 60
                )
            page.locator(OPGAVE).press_sequentially(" Derde zin, na het opruimen.", delay=10)
            full = "Eerste zin. Tweede zin, zonder wifi. Derde zin, na het opruimen."
            assert stored_opgave(room, "p11") == "Eerste zin."
            assert stored_choices(room, "p11") != chosen["stored"]
            proxy.start()
            wait_until(
                lambda: stored_choices(room, "p11") == chosen["stored"],
                f"the store holds {chosen}",
                room,
            )
            assert_all_saved_and_shown(page, room, "p11", full)
            assert kernel_of(page) != kernels[0]
            assert kernel_of(role_page) != kernels[2]
            assert_choices_shown(page, role_page, chosen["shown"])
            role_page.wait_for_selector("#swc-offline", state="hidden", timeout=90_000)
            assert kept_entries(role_page) == {}
            assert role_page.evaluate("sessionStorage.getItem('swc-said-saved')") is None, (
                "said 'opgeslagen' while a choice was kept"
            )
        finally:
            context.close()
            board_context.close()
            role_context.close()
            proxy.cut()


def open_step(browser, base: str, step: str, participant: str, room):
    """A workbook page in a context of its own (its own ``localStorage``), watched for "opgeslagen" while
    something is kept (``SAID_SAVED_WHILE_KEPT_JS``)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.add_init_script(SAID_SAVED_WHILE_KEPT_JS)
    page = context.new_page()
    page.goto(f"{base}/voila/render/{step}.ipynb?participant={participant}", wait_until="commit")
    try:
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        raise
    return context, page


def _content(room):
    return load_edition("demo", Settings(room["sessions"])).content


def stored_choices(room, participant: str) -> dict:
    """The first competence's score (intake), the first pattern's answer and the focus slider (dagdeel 5)."""
    content = _content(room)
    settings = Settings(room["sessions"])
    with open_store(load_edition("demo", settings), settings) as store:
        values = store.values("demo", participant)
    return {
        "score": (values.get("competences.intake") or {}).get(content.competences[0].id),
        "answer": ((values.get("patterns") or {}).get(content.patterns[0].id) or {}).get("answer"),
        "focus": (values.get("role") or {}).get("focus"),
    }


CHOICES_SHOWN_JS = """() => {
    const select = document.querySelector('.swc-instrument-patronen select');
    const active = document.querySelector('.swc-competence .widget-toggle-button.mod-active');
    const handle = document.querySelector('.swc-instrument-eigen-rol [role=slider]');
    return {score: active ? active.textContent.trim() : null,
            answer: select ? select.options[select.selectedIndex].textContent.replace(/\u00a0/g, ' ') : null,
            focus: handle ? Math.round(Number(handle.getAttribute('aria-valuenow'))) : null};
}"""


def choose_offline(page, role_page, room, participant: str) -> dict:
    """Offline: a competence's score (toggle buttons), a pattern's answer (dropdown), the focus slider (keyboard).

    Each set to something other than what the store holds; returns what the store and the pages should show.
    """
    content, before = _content(room), stored_choices(room, participant)
    score = 2 if before["score"] != 2 else 3
    page.locator(".swc-competence").nth(0).locator(
        ".widget-toggle-button", has_text=str(score)
    ).click()
    role_page.wait_for_selector("#swc-offline", state="visible", timeout=30_000)
    answer = next(a for a in content.vocab.toets_answers if a.id != before["answer"])
    role_page.locator(".swc-instrument-patronen select").first.select_option(label=answer.name)
    handle = role_page.locator(".swc-instrument-eigen-rol [role=slider]").first
    start = round(float(handle.get_attribute("aria-valuenow")))
    handle.focus()
    step = "ArrowRight" if start <= 90 else "ArrowLeft"
    for _ in range(5):
        handle.press(step)
    focus = start + 5 if step == "ArrowRight" else start - 5
    time.sleep(0.5)  # the keeper notes a change once it is drawn
    return {
        "stored": {"score": score, "answer": answer.id, "focus": focus},
        "shown": {"score": str(score), "answer": answer.name, "focus": focus},
    }


def assert_choices_shown(page, role_page, want: dict) -> None:
    deadline = time.monotonic() + 30
    while True:
        a, b = page.evaluate(CHOICES_SHOWN_JS), role_page.evaluate(CHOICES_SHOWN_JS)
        seen = {"score": a["score"], "answer": b["answer"], "focus": b["focus"]}
        if seen == want or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert seen == want


def test_a_restarted_server_gets_what_was_typed_while_it_was_down(browser, room):
    base = f"http://127.0.0.1:{room['port']}"
    with serve(room["sessions"], room["log"], room["port"]) as first:
        context, page = open_opgave(browser, base, "p12", room)
        page.locator(OPGAVE).fill("Voor de herstart.")
        wait_until(
            lambda: stored_opgave(room, "p12") == "Voor de herstart.", "the first save", room
        )
        first.send_signal(signal.SIGINT)
        first.wait(timeout=60)
    try:
        type_offline(page, " Terwijl de server weg is.")
        full = "Voor de herstart. Terwijl de server weg is."
        with serve(room["sessions"], room["log"], room["port"]):
            assert_all_saved_and_shown(page, room, "p12", full)
    finally:
        context.close()


# -- the kernel's side, without a browser -------------------------------------------------------------


@pytest.fixture
def tagged():
    """Text fields built from now on are tagged as in a served page (``widgets/leaving.py``); untagged afterwards."""
    import ipywidgets as W

    from widgets.leaving import tag_text_fields

    tag_text_fields()
    yield
    W.Widget.on_widget_constructed(None)


def _intake_page(store, subject: str = "p01"):
    from swc_core.scheduling import ManualScheduler
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.page import build_page

    from conftest import REPO

    edition = load_edition("demo", Settings(REPO / "sessions"))
    binding = StoreBinding(store, "demo", subject, subject, scheduler=ManualScheduler())
    return build_page(
        PageContext(edition, subject, binding, binding.load(), step="intake"), foldouts=False
    )


def _opgave_key(page) -> str:
    from widgets.leaving import key_fields

    placeholder = text("widgets.casus.opgave_placeholder")
    [key] = [
        k for k, w in key_fields(page).items() if getattr(w, "placeholder", None) == placeholder
    ]
    return key


def _kept(values: dict) -> str:
    import base64

    return base64.b64encode(json.dumps(values).encode()).decode()


def test_a_field_keeps_its_key_when_the_page_is_built_again(tagged, store):
    """Model ids change with every load; the key the browser files kept text under does not."""
    first, second = _intake_page(store), _intake_page(store)
    assert _opgave_key(first) == _opgave_key(second) == "casus-3"
    assert "swc-s-" + "demo\np01".encode().hex() in first._dom_classes
    from widgets.leaving import key_fields

    assert sorted(key_fields(first)) == sorted(key_fields(second))
    assert all(
        any(c == f"swc-k-{k}" for c in w._dom_classes) for k, w in key_fields(second).items()
    )


def test_kept_text_is_set_or_merged_and_saved_and_unknown_fields_are_said_so(tagged, store):
    from widgets.leaving import apply_kept_values, key_fields

    page = _intake_page(store)
    key = _opgave_key(page)
    opgave = key_fields(page)[key]
    opgave.value = (
        "Elders getypt. Eerste zin."  # changed since the base the browser kept its text on
    )
    answer = json.loads(
        apply_kept_values(
            _kept(
                {
                    key: {"base": "Eerste zin.", "text": "Eerste zin. Offline getypt."},
                    "bestaat-niet-0": {"base": "", "text": "x"},
                }
            )
        )
    )
    assert answer == {key: "saved", "bestaat-niet-0": "unknown"}
    merged = "Elders getypt. Eerste zin. Offline getypt."
    assert opgave.value == merged
    assert store.values("demo", "p01")["casus"]["opgave"] == merged
    assert json.loads(apply_kept_values("geen base64!")) == {}


def test_a_keep_request_carries_a_choice_s_base_only_in_a_choice_s_shape():
    from swc_core.serve.handlers import _kept_values

    body = json.dumps(
        {
            "rol-m0": {"left": {"label": "3"}, "base": {"label": "2"}},
            "rol-m1": {"left": {"number": 4}, "base": "geen vorm"},  # a base of no shape: left out
            "rol-m2": {"left": {"checked": True}},  # kept by an older page: no base
            "casus-3": {"base": "a", "text": "ab"},
        }
    ).encode()
    assert _kept_values(body) == {
        "rol-m0": {"left": {"label": "3"}, "base": {"label": "2"}},
        "rol-m1": {"left": {"number": 4}},
        "rol-m2": {"left": {"checked": True}},
        "casus-3": {"base": "a", "text": "ab"},
    }
