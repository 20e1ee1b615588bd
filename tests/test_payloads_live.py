"""Hostile participant text in every field, on the live pages: dashboards and workbooks under `swc serve`.

Nothing may run (a dialog fails the test), nothing may be injected as an
element, and the text shows as typed.
"""

from __future__ import annotations

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.settings import Settings

from conftest import copy_sessions
from payloads import ALERT_MARK, PAYLOADS, save_payloads
from servers import chromium_browser, swc_serve

DASHBOARDS = ["overzicht", "intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "team"]
WORKBOOKS = ["intake", "dagdeel-1-2", "dagdeel-4"]
PAGE_TIMEOUT = 180_000


@pytest.fixture(scope="module")
def hostile_room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("payloads-live")
    sessions = copy_sessions(tmp)
    settings = Settings(sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        assert save_payloads(store, edition) > 0
    with swc_serve(sessions, tmp / "serve.log", "--pool", "0") as base:
        with chromium_browser() as browser:
            yield base, browser, tmp / "serve.log"


def _open(hostile_room, path: str, selector: str):
    base, browser, log = hostile_room
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.goto(base + path, wait_until="commit")
    try:
        page.wait_for_selector(selector, timeout=PAGE_TIMEOUT)
    except Exception:
        print(log.read_text(errors="replace")[-4000:])
        raise
    page.wait_for_timeout(1500)  # let plotly draw every figure (and any payload try to run)
    return page, problems


def _assert_inert(page, problems: list[str]) -> None:
    assert not problems, problems
    injected = page.evaluate(
        """() => ({
        img: document.querySelectorAll('img[src="x"]').length,
        svg: [...document.querySelectorAll('svg[onload]')].length,
        scripts: [...document.scripts].filter(s => s.textContent.includes('%s')).length,
        style: [...document.querySelectorAll('style')].filter(s => s.textContent.includes('body{display:none}')).length,
    })"""
        % ALERT_MARK
    )
    assert injected == {"img": 0, "svg": 0, "scripts": 0, "style": 0}, injected
    assert page.evaluate("getComputedStyle(document.body).display") != "none"


@pytest.mark.parametrize("dashboard", DASHBOARDS)
def test_payloads_stay_text_on_every_dashboard(hostile_room, dashboard):
    page, problems = _open(
        hostile_room, f"/voila/render/dashboards/{dashboard}.ipynb", ".swc-dashboard .swc-panel"
    )
    try:
        page.get_by_role("button", name="Namen tonen").click()
        page.wait_for_timeout(1000)
        _assert_inert(page, problems)
        assert "Traceback" not in page.text_content("body")
    finally:
        page.close()


def test_payloads_show_as_typed_in_the_intake_table(hostile_room):
    page, problems = _open(
        hostile_room, "/voila/render/dashboards/intake.ipynb", ".swc-dashboard .swc-panel"
    )
    try:
        body = page.text_content("body")
        shown = [p for p in PAYLOADS[:4] if p[:30] in body]
        assert shown, "the case table shows the payload titles literally"
        _assert_inert(page, problems)
    finally:
        page.close()


@pytest.mark.parametrize("step", WORKBOOKS)
def test_payloads_stay_text_in_the_workbooks(hostile_room, step):
    page, problems = _open(
        hostile_room, f"/voila/render/{step}.ipynb?participant=p01", ".swc-page .swc-instrument"
    )
    try:
        _assert_inert(page, problems)
        assert "Traceback" not in page.text_content("body")
    finally:
        page.close()
