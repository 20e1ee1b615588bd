"""Handouts and the praktijkboek in headless Chromium, with hostile text in every free-text field.

One team's whole export (every dagdeel, every tussentijd) and the full
praktijkboek, made from the demo answers with tests/payloads.py in every
free-text field. Each page is opened with every non-file request blocked
and recorded: it must ask for nothing, draw every figure, log no error,
open no dialog, run no script of a participant, and show the payloads as
the literal text that was typed. axe-core finds no critical or serious
violation in any kind of handout or in the praktijkboek (issue 16).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.answers_file import import_answers
from swc_core.cli import cli
from swc_core.export import Selection, plan_handouts
from swc_core.edition import load_edition, open_store
from swc_core.settings import Settings

from axe import require_axe, serious_violations
from conftest import copy_sessions
from payloads import payload_items, payload_texts
from servers import chromium_browser

TEAM = "team-veen"


def plain(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    sessions = copy_sessions(tmp_path_factory.mktemp("export-browser"), with_demo_answers=True)
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    items = payload_items(edition)
    with open_store(edition, settings) as store:
        assert import_answers(store, edition, items, author="payloads").saved > 50
    base = ["--sessions-dir", str(sessions), "export", "demo"]
    for args in (["--team", TEAM, "--handouts", "--jobs", "2"], ["--praktijkboek"]):
        result = CliRunner().invoke(cli, [*base, *args])
        assert result.exit_code == 0, result.output
    return sessions / "demo" / "export", edition, items


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def open_offline(browser, path):
    """Load ``path`` with every non-file request blocked; returns (page, blocked urls, problems)."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    blocked, problems = [], []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(path.as_uri(), wait_until="load")
    return page, blocked, problems


def check_page(page, blocked, problems, path) -> str:
    figures = page.locator(".swc-figure").count()
    if figures:  # every figure drawn by plotly.js (inline, so no request)
        page.wait_for_function(f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}", timeout=30_000)
    assert not blocked, f"{path.name}: asked the network for {blocked}"
    assert not problems, f"{path.name}: {problems}"
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => !s.nonce).length,
        handlers: document.querySelectorAll('[onerror],[onload],[onclick],img,iframe,object,embed').length,
        styles: [...document.querySelectorAll('main style')].length,
        links: [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).length,
    })""")
    assert injected == {"scripts": 0, "handlers": 0, "styles": 0, "links": 0}, f"{path.name}: {injected}"
    assert page.locator("main").is_visible()
    return plain(page.inner_text("body"))


def hidden_by_design(items, pack) -> set[str]:
    """A toets question's step back is hidden while its answer is the positive one (widgets/toets.py)."""
    positive = pack.vocab.toets_answers[0].id
    return {q["step_back"] for _s, key, value in items if key == "toets" for q in value.values()
            if q.get("answer") == positive}


def missing(texts: list[str], seen: str) -> list[str]:
    return [t[:30] + "…" + t[-6:] for t in texts if plain(t) not in seen]


def test_every_handout_of_a_team_opens_offline_and_shows_the_payloads_as_text(exported, browser):
    out, edition, items = exported
    payloads, hidden = payload_texts(items), hidden_by_design(items, edition.content)
    paths = sorted((out / TEAM).rglob("*.html"))
    planned = plan_handouts(edition, Selection.from_flags(teams=(TEAM,), only_handouts=True), Path("o"), out)
    assert len(paths) == len(planned) >= 4 * 6 + 4  # four members x six steps, four tussentijden (at least)
    seen = ""
    for path in paths:
        page, blocked, problems = open_offline(browser, path)
        seen += check_page(page, blocked, problems, path)
        assert "Error displaying widget" not in seen
        page.close()
    team = edition.team(TEAM)
    expected = [t for (subject, _key), texts in payloads.items() if subject in (TEAM, *team.members) for t in texts
                if t not in hidden]
    assert len(expected) > 100
    assert not missing(expected, seen), "every free-text field of the team, shown as typed"


def test_praktijkboek_opens_offline_shows_payloads_and_is_marked_confidential_on_paper(exported, browser):
    out, _, items = exported
    payloads = payload_texts(items)
    path = out / "praktijkboek.html"
    page, blocked, problems = open_offline(browser, path)
    text = check_page(page, blocked, problems, path)
    shown = ("casus", "canvas.block.", "schakelbak")  # what the praktijkboek holds of each case
    expected = [t for (_subject, key), texts in payloads.items() if key.startswith(shown) for t in texts]
    assert not missing(expected, text), "every casus, canvas and Schakelbak text, shown as typed"
    assert page.locator(".swc-confidential").is_visible()
    margins = page.evaluate("""() => [...document.styleSheets].flatMap(s => [...s.cssRules])
        .filter(r => r instanceof CSSPageRule).flatMap(r => [...r.cssRules]).map(r => r.cssText)""")
    assert any("top-center" in m and "Vertrouwelijk" in m for m in margins), margins
    page.emulate_media(media="print")
    assert page.locator(".swc-confidential").is_hidden()  # on paper the page margin carries the mark
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") > 3
    page.close()


MEMBER = "p01"
STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie"]
TUSSENTIJDEN = ["tussentijd-a", "tussentijd-b", "tussentijd-c", "tussentijd-d"]
AXE_PAGES = [f"{TEAM}/{MEMBER}/{s}.html" for s in STEPS] + [f"{TEAM}/{t}.html" for t in TUSSENTIJDEN] + [
    "praktijkboek.html"]


@pytest.fixture(scope="module")
def axe_context(browser):
    """A context that lets axe-core in: a handout's Content-Security-Policy admits only its own scripts."""
    require_axe()
    context = browser.new_context(bypass_csp=True, viewport={"width": 1300, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_critical_or_serious_violation_in_a_handout(exported, axe_context, name):
    out = exported[0]
    page = axe_context.new_page()
    try:
        page.goto((out / name).as_uri(), wait_until="load")
        figures = page.locator(".swc-figure").count()
        if figures:
            page.wait_for_function(f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}",
                                   timeout=30_000)
        violations = serious_violations(page)
    finally:
        page.close()
    assert violations == [], [f"{v['impact']} {v['id']} x{v['count']}: {v['nodes']}" for v in violations]
