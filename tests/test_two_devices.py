"""One workbook open on two devices, or one team field typed by two teammates: nothing is overwritten (issue 17).

Real `swc serve`, real Chromium, two browser contexts (two devices, each its
own page and kernel). Each save is based on the revision its page last saw
and merged in the store with what was saved meanwhile; each page follows the
store and shows what the other saved in the fields it is not editing.
"""

from __future__ import annotations

import time

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser, swc_serve

PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
WITHIN = 60.0  # s: generous for CI; a save and a look at the store take well under a second each
HOMEWORK = "homework.tussentijd-a.herkenning"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-devices")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with chromium_browser() as browser, swc_serve(sessions, log) as base:
        yield {"base": base, "browser": browser, "log": log, "sessions": sessions}


def _stored(room, subject: str, field: str):
    settings = Settings(room["sessions"])
    with open_store(load_edition("demo", settings), settings) as store:
        return store.values("demo", subject).get(field)


def _wait_stored(room, subject: str, field: str, holds) -> object:
    """The stored value once ``holds(value)`` is true (or the last one seen, for the assertion's message)."""
    deadline = time.monotonic() + WITHIN
    value = _stored(room, subject, field)
    while not holds(value) and time.monotonic() < deadline:
        time.sleep(0.2)
        value = _stored(room, subject, field)
    return value


def _open(room, path: str, ready: str):
    """A new device (browser context) with the page at ``path`` ready."""
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{room['base']}/voila/render/{path}", wait_until="commit")
    try:
        page.wait_for_selector(ready, timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        context.close()
        raise
    return context, page


def _casus_pages(room, participant: str):
    pages = [
        _open(room, f"intake.ipynb?participant={participant}", ".swc-page .swc-instrument")
        for _ in range(2)
    ]
    return [c for c, _ in pages], [p for _, p in pages]


def _box(page, key: str):
    return page.locator(f'[placeholder="{text(f"widgets.casus.{key}_placeholder")}"]')


def _shows(page, locator_key: str, expected: str) -> None:
    """Wait until the input with placeholder ``widgets.casus.<key>_placeholder`` shows ``expected``."""
    selector = f'[placeholder="{text(f"widgets.casus.{locator_key}_placeholder")}"]'
    page.wait_for_function(
        "([s, v]) => document.querySelector(s) && document.querySelector(s).value === v",
        arg=[selector, expected],
        timeout=WITHIN * 1000,
    )


def test_two_devices_editing_different_fields_both_land_and_both_screens_show_them(room):
    """Laptop types the opgave, the phone (opened before) the title: the store and both screens hold both."""
    contexts, (laptop, phone) = _casus_pages(room, "p03")
    try:
        opgave, title = "Laptop: de bodem daalt en het water verzilt.", "Telefoon: Veenweide Zuid"
        _box(laptop, "opgave").fill(opgave)
        _box(phone, "title").fill(title)
        casus = _wait_stored(
            room,
            "p03",
            "casus",
            lambda c: (c or {}).get("opgave") == opgave and (c or {}).get("title") == title,
        )
        assert (casus["opgave"], casus["title"]) == (opgave, title), room["log"].read_text(
            errors="replace"
        )[-3000:]
        _shows(phone, "opgave", opgave)
        _shows(laptop, "title", title)
    finally:
        for context in contexts:
            context.close()


def test_two_devices_typing_in_the_same_text_at_once_keep_both_contributions(room):
    contexts, (laptop, phone) = _casus_pages(room, "p10")
    try:
        start = _box(laptop, "opgave").input_value()
        assert _box(phone, "opgave").input_value() == start
        _box(laptop, "opgave").fill(start + " Aanvulling van de laptop.")
        _box(phone, "opgave").fill(
            start + " Aanvulling van de telefoon."
        )  # within the same quiet second
        both = _wait_stored(
            room,
            "p10",
            "casus",
            lambda c: "van de laptop." in c["opgave"] and "van de telefoon." in c["opgave"],
        )["opgave"]
        assert both.startswith(start) and "van de laptop." in both and "van de telefoon." in both, (
            both
        )
        _shows(laptop, "opgave", both)
        _shows(phone, "opgave", both)
        merged_note = text("status.merged", time="{T}").split("{T}")[
            1
        ]  # the one that saved second says so
        statuses = [p.locator(".swc-status").last.text_content() for p in (laptop, phone)]
        assert any(merged_note in s for s in statuses), statuses
        _box(phone, "opgave").scroll_into_view_if_needed()
        phone.screenshot(path=str(room["sessions"].parent / "two-devices-phone.png"))
    finally:
        for context in contexts:
            context.close()


def test_two_teammates_on_one_team_homework_field_both_land(room):
    path = "homework.ipynb?team=team-veen&step=tussentijd-a"
    opened = [_open(room, path, ".swc-page .swc-member-summary") for _ in range(2)]
    contexts, pages = [c for c, _ in opened], [p for _, p in opened]
    try:
        areas = [p.locator(".swc-page textarea").first for p in pages]
        start = areas[0].input_value()
        areas[0].fill(start + " Anna: we herkennen de bodemdaling.")
        areas[1].fill(start + " Bram: en de verzilting.")
        both = _wait_stored(
            room, "team-veen", HOMEWORK, lambda v: "Anna:" in (v or "") and "Bram:" in (v or "")
        )
        assert "Anna: we herkennen de bodemdaling." in both and "Bram: en de verzilting." in both, (
            both
        )
        for page in pages:
            page.wait_for_function(
                "(v) => document.querySelector('.swc-page textarea').value === v",
                arg=both,
                timeout=WITHIN * 1000,
            )
    finally:
        for context in contexts:
            context.close()


def test_a_choice_made_two_ways_at_once_shows_both_and_keeps_the_one_picked(room):
    """No silent last-writer-wins for a choice: the page that saved second shows both and lets the person pick."""
    pack = load_edition("demo", Settings(room["sessions"])).content
    first, second = pack.partnership_types[0], pack.partnership_types[1]
    opened = [
        _open(room, "dagdeel-3.ipynb?participant=p11", ".swc-page .swc-instrument-typologie")
        for _ in range(2)
    ]
    contexts, (laptop, phone) = [c for c, _ in opened], [p for _, p in opened]
    try:
        label = text("widgets.typologie.type")
        laptop.get_by_label(label, exact=True).select_option(label=first.name)
        phone.get_by_label(label, exact=True).select_option(label=second.name)
        panel_page = _conflict_page(laptop, phone)  # the page whose save met the other's choice
        panel = panel_page.locator(".swc-conflicts")
        assert text("conflict.title") in panel.text_content()
        here, elsewhere = (first, second) if panel_page is laptop else (second, first)
        assert text("conflict.here", value=here.name) in panel.text_content()
        assert text("conflict.elsewhere", value=elsewhere.name) in panel.text_content()
        panel.screenshot(path=str(room["sessions"].parent / "conflict-panel.png"))
        panel.get_by_role("button", name=text("conflict.keep")).nth(1).click()  # keep "Elders"
        kept = _wait_stored(room, "p11", "partnership", lambda v: v["type"] == elsewhere.id)
        assert kept["type"] == elsewhere.id
        panel_page.wait_for_selector(".swc-conflicts", state="detached", timeout=WITHIN * 1000)
    finally:
        for context in contexts:
            context.close()


def _conflict_page(*pages):
    """The page that shows the conflict panel, once one does."""
    deadline = time.monotonic() + WITHIN
    while time.monotonic() < deadline:
        for page in pages:
            if page.locator(".swc-conflicts").count():
                return page
        pages[0].wait_for_timeout(200)
    raise AssertionError("no page shows the conflict")
