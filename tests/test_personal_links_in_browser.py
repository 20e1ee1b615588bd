"""Personal links in Chromium: two participants' browsers and the trainer's, each trying the others' pages
and kernels, on a real `swc serve --host` (issue 20).

Participant A comes in with the QR code of their card (the personal link),
participant B through the room's door by typing their code. Each opens their
own workbook, then tries the other's page, the other's kernel (API,
websocket, leave beacon), another team's homework, a dashboard and the
export. The trainer reaches everything and sees who has opened their
workbook. Screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from swc_core.codes import CodeBook
from swc_core.messages import text

from conftest import REPO, copy_sessions
from servers import chromium_browser, kernel_count, personal_secret, settled_kernel_count, swc_serve

SHOTS = REPO / "tests" / "artifacts" / "screenshots"
PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
A, B = "p01", "p05"  # team-veen and team-klimaat

# From a page of the server (same origin, so with that browser's cookie): what the other's kernel answers.
PROBE_OTHERS_KERNEL = """async (kernel) => {
  const api = (await fetch(`/api/kernels/${kernel}`)).status;
  const leave = (await fetch(`/swc/leave/${kernel}`, {method: 'POST', body: '{}'})).status;
  const ws = await new Promise((resolve) => {
    const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/api/kernels/${kernel}/channels`);
    socket.onopen = () => { socket.close(); resolve('open'); };
    socket.onerror = () => resolve('refused');
    setTimeout(() => resolve('no answer'), 15000);
  });
  return {api, leave, ws};
}"""
# Over the page's own kernel's websocket: is code run (execute_request), are widget-level requests answered?
PROBE_OWN_KERNEL = """async ([kernel, code]) => new Promise((resolve) => {
  const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/api/kernels/${kernel}/channels`);
  const sent = {}, replies = {};
  const message = (type, content) => {
    sent[type] = `${type}-${Math.random()}`;
    return JSON.stringify({header: {msg_id: sent[type], msg_type: type, session: 'probe', username: 'probe',
                                    date: new Date().toISOString(), version: '5.3'},
                           parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []});
  };
  socket.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    for (const [type, id] of Object.entries(sent)) {
      if (msg.parent_header && msg.parent_header.msg_id === id && msg.msg_type.endsWith('_reply')) replies[type] = true;
    }
  };
  socket.onopen = () => {
    socket.send(message('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                            allow_stdin: false, stop_on_error: true}));
    socket.send(message('kernel_info_request', {}));
    setTimeout(() => { socket.close(); resolve(replies); }, 8000);
  };
  socket.onerror = () => resolve({refused: true});
})"""
KERNEL_OF_PAGE = (
    "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("personal-browser")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with (
        chromium_browser() as browser,
        swc_serve(sessions, log, "--host", "127.0.0.1", "--pool", "0") as base,
    ):
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        yield {
            "base": base,
            "tokens": tokens,
            "browser": browser,
            "log": log,
            "sessions": sessions,
            "tmp": tmp,
        }


def _browser(room, errors: list[str]):
    context = room["browser"].new_context(viewport={"width": 1300, "height": 950})
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    return context, page


def _open_workbook(room, context, participant: str):
    """The participant's dagdeel 3 workbook from their own landing page, in a tab of its own that stays open
    (leaving a workbook ends its kernel); returns the tab and its kernel's id."""
    page = context.new_page()
    page.goto(room["base"] + "/")
    page.click(f"a[href='/voila/render/dagdeel-3.ipynb?participant={participant}']")
    try:
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        raise
    return page, page.evaluate(KERNEL_OF_PAGE)


def _refused(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 403, (url, response.status)
    assert text("serve.no_access.title") in page.text_content("body")


def _stored_by(sessions, subject: str, needle: str, within: float = 60.0) -> str | None:
    """The author of the first revision of ``subject`` whose value holds ``needle`` (waits for the autosave)."""
    import time

    from swc_core.edition import load_edition, open_store
    from swc_core.settings import Settings

    edition = load_edition("demo", Settings(sessions))
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with open_store(edition, Settings(sessions)) as store:
            found = [
                r.author
                for r in store.history("demo", subject)
                if needle in json.dumps(r.value, ensure_ascii=False)
            ]
        if found:
            return found[0]
        time.sleep(0.25)
    return None


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"personal-{name}.png"), full_page=True)


def test_two_participants_and_the_trainer_each_reach_only_what_is_theirs(room):
    base, tokens, sessions = room["base"], room["tokens"], room["sessions"]
    errors: list[str] = []
    (a_ctx, a), (b_ctx, b), (t_ctx, t) = (_browser(room, errors) for _ in range(3))
    try:
        # A scans the card: the personal link, then the address bar holds no code
        a.goto(f"{base}/p/{personal_secret(sessions, A)}")
        assert a.url == f"{base}/" and "Welkom, Annelies Verhoef" in a.text_content("body")
        _shot(a, "landing-participant")
        # B comes in through the room's door and types the code from the card (lower case, with the dash)
        b.goto(f"{base}/r/{tokens['room']}")
        assert text("serve.door.title") in b.text_content("body")
        _shot(b, "door")
        b.fill("#swc-code", CodeBook(sessions / "demo").codes()[B].shown.lower())
        b.click("button[type=submit]")
        b.wait_for_url(f"{base}/")
        assert "Welkom, Marloes Brink" in b.text_content("body")
        t.goto(f"{base}/t/{tokens['trainer']}")

        (a_work, kernel_a), (b_work, kernel_b) = (
            _open_workbook(room, a_ctx, A),
            _open_workbook(room, b_ctx, B),
        )
        assert "Annelies Verhoef" in a_work.text_content(".swc-header")
        _shot(a_work, "workbook")

        # each tries the other's page, another team's homework, a dashboard and the exports
        for page, other in ((a, B), (b, A)):
            _refused(page, f"{base}/voila/render/dagdeel-3.ipynb?participant={other}")
            _refused(page, f"{base}/voila/render/intake.ipynb?participant={other}")
        _refused(a, f"{base}/voila/render/homework.ipynb?team=team-klimaat&step=tussentijd-b")
        _refused(b, f"{base}/voila/render/homework.ipynb?team=team-veen&step=tussentijd-b")
        for page in (a, b):
            for route in (
                "/voila/render/dashboards/dagdeel-3.ipynb",
                "/export/antwoorden.csv",
                "/export/antwoorden.xlsx",
                "/kaarten",
                "/kaarten/links.csv",
            ):
                _refused(page, base + route)
        _shot(a, "refused")

        # ... and the other's kernel, from a page of the server, with their own cookie
        for page, other_kernel in ((a, kernel_b), (b, kernel_a)):
            page.goto(base + "/")
            assert page.evaluate(PROBE_OTHERS_KERNEL, other_kernel) == {
                "api": 403,
                "leave": 403,
                "ws": "refused",
            }
        for kernel in (
            kernel_a,
            kernel_b,
        ):  # both still running: nothing the other tried reached them
            assert (
                t.evaluate("async (k) => (await fetch(`/api/kernels/${k}`)).status", kernel) == 200
            )

        # their own kernel runs widgets, never code sent over the websocket
        marker = room["tmp"] / "ran.txt"
        own = a.evaluate(PROBE_OWN_KERNEL, [kernel_a, f"open({str(marker)!r}, 'w').write('x')"])
        assert own == {"kernel_info_request": True}, own
        assert not marker.exists()

        # B's workbook still works: what B types is saved as B's
        b_work.locator(".swc-page textarea").first.fill("Geschreven door Marloes")
        assert _stored_by(sessions, B, "Geschreven door Marloes") == B

        # the trainer: a dashboard, and who has opened their workbook
        t.goto(f"{base}/voila/render/dashboards/dagdeel-3.ipynb", wait_until="commit")
        t.wait_for_selector(".swc-dashboard", timeout=PAGE_TIMEOUT)
        t.goto(base + "/")
        body = t.text_content("body")
        assert (
            "✓ Annelies Verhoef" in body
            and "✓ Marloes Brink" in body
            and "– Joost de Kruijf" in body
        )
        _shot(t, "landing-trainer")
    finally:
        for context in (a_ctx, b_ctx, t_ctx):
            context.close()
    assert not errors, errors
    log = room["log"].read_text(errors="replace")
    for code in CodeBook(sessions / "demo").codes().values():
        assert code.secret not in log and code.code not in log


def test_a_colleagues_case_opens_no_kernel_and_not_you_forgets(room):
    base, sessions = room["base"], room["sessions"]
    errors: list[str] = []
    context, page = _browser(room, errors)
    try:
        page.goto(f"{base}/p/{personal_secret(sessions, 'p03')}")
        before = settled_kernel_count(base)  # the earlier test's kernels gone
        page.click("a[href='/casus/p01']")
        page.wait_for_load_state()
        body = page.text_content("body")
        assert "Vertrouwelijk" in body and "Annelies Verhoef" in body
        assert page.locator("input, textarea, button, select, [contenteditable]").count() == 0, (
            "nothing to edit"
        )
        assert kernel_count(base) <= before, (
            "a read-only case is plain HTML from the server: no kernel"
        )
        _shot(page, "casus-read-only")
        page.emulate_media(media="print")
        assert not page.is_visible("main") and page.is_visible(".swc-print-note"), (
            "not for printing"
        )
        page.emulate_media(media="screen")
        page.goto(base + "/")
        page.click("text=" + text("serve.landing.not_you"))
        page.wait_for_url(f"{base}/")
        assert text("serve.door.title") in page.text_content("body")
        assert page.goto(f"{base}/casus/p01").status == 403, "forgotten: the door only"
    finally:
        context.close()
    assert not errors, errors


def test_the_cards_print_on_a4_eight_to_a_sheet(room, tmp_path):
    """Every card whole on its sheet: 12 cards, 2 sheets; nothing cut off inside a card."""
    import subprocess
    import sys

    folder = tmp_path / "kaarten"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "swc_core.cli",
            "--sessions-dir",
            str(room["sessions"]),
            "links",
            "demo",
            "--host",
            "192.168.1.20",
            "--out",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    context = room["browser"].new_context()
    try:
        page = context.new_page()
        page.goto((folder / "kaarten.html").as_uri())
        page.emulate_media(media="print")
        cards = page.locator(".card")
        assert cards.count() == 12
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.card')]
            .filter(c => c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1).length""")
        assert overflowing == 0
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == math.ceil(12 / 8), "two A4 sheets"
        _shot(page, "cards")
    finally:
        context.close()
