"""Handouts and the praktijkboek in headless Chromium, with hostile text in every free-text field.

One team's whole export (every dagdeel, every tussentijd) and the full
praktijkboek, made from the demo answers with tests/payloads.py in every
free-text field. Each page is opened with every non-file request blocked
and recorded: it must ask for nothing, draw every figure, log no error,
open no dialog, run no script of a participant, and show the payloads as
the literal text that was typed. axe-core finds no critical or serious
violation in any kind of handout or in the praktijkboek (issue 16). Handouts,
the praktijkboek and a presentation are also opened at 390, 820 and 1920 px
wide: nothing sticks out sideways, every figure is drawn inside the screen,
axe finds nothing critical or serious. A screenshot of each, made from the demo's
own answers (at most 12,000 px of it), goes to
tests/artifacts/screenshots/every-page-<document>-<width>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.answers_file import import_answers
from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.export import Selection, plan_handouts
from swc_core.messages import text as ui_text
from swc_core.settings import Settings

from axe import require_axe, serious_violations
from conftest import copy_sessions
from payloads import payload_items, payload_texts
from servers import chromium_browser

TEAM = "team-veen"
MEMBER = "p01"


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
    for args in EXPORTS:
        result = CliRunner().invoke(cli, [*base, *args])
        assert result.exit_code == 0, result.output
    return sessions / "demo" / "export", edition, items


EXPORTS = (
    ["--team", TEAM, "--handouts", "--jobs", "2"],
    ["--praktijkboek"],
    ["--slides", "--participant", MEMBER],
)


@pytest.fixture(scope="module")
def demo_exported(tmp_path_factory):
    """The same documents from the demo's own answers: what a person reads, for the screenshots.

    The payload export above fills every field with up to 20,000 characters of hostile text; its pages
    (the praktijkboek 290,000 px tall at 390 px wide) show that nothing breaks, not what a page looks like.
    """
    sessions = copy_sessions(tmp_path_factory.mktemp("export-demo"), with_demo_answers=True)
    for args in EXPORTS:
        result = CliRunner().invoke(cli, ["--sessions-dir", str(sessions), "export", "demo", *args])
        assert result.exit_code == 0, result.output
    return sessions / "demo" / "export"


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
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(path.as_uri(), wait_until="load")
    return page, blocked, problems


def check_page(page, blocked, problems, path) -> str:
    figures = page.locator(".swc-figure").count()
    if figures:  # every figure drawn by plotly.js (inline, so no request)
        page.wait_for_function(
            f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}",
            timeout=30_000,
        )
    assert not blocked, f"{path.name}: asked the network for {blocked}"
    assert not problems, f"{path.name}: {problems}"
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => !s.nonce).length,
        handlers: document.querySelectorAll('[onerror],[onload],[onclick],img,iframe,object,embed').length,
        styles: [...document.querySelectorAll('main style')].length,
        links: [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).length,
    })""")
    assert injected == {"scripts": 0, "handlers": 0, "styles": 0, "links": 0}, (
        f"{path.name}: {injected}"
    )
    assert page.locator("main").is_visible()
    return plain(page.inner_text("body"))


def hidden_by_design(items, pack) -> set[str]:
    """A toets question's step back is hidden while its answer is the positive one (widgets/toets.py)."""
    positive = pack.vocab.toets_answers[0].id
    return {
        q["step_back"]
        for _s, key, value in items
        if key == "toets"
        for q in value.values()
        if q.get("answer") == positive
    }


def missing(texts: list[str], seen: str) -> list[str]:
    return [t[:30] + "…" + t[-6:] for t in texts if plain(t) not in seen]


def test_every_handout_of_a_team_opens_offline_and_shows_the_payloads_as_text(exported, browser):
    out, edition, items = exported
    payloads, hidden = payload_texts(items), hidden_by_design(items, edition.content)
    paths = sorted(
        p for p in (out / TEAM).rglob("*.html") if p.name != "presentatie.html"
    )  # slides: test_slides.py
    planned = plan_handouts(
        edition, Selection.from_flags(teams=(TEAM,), only_handouts=True), Path("o"), out
    )
    assert (
        len(paths) == len(planned) >= 4 * 6 + 4
    )  # four members x six steps, four tussentijden (at least)
    seen = ""
    for path in paths:
        page, blocked, problems = open_offline(browser, path)
        seen += check_page(page, blocked, problems, path)
        assert "Error displaying widget" not in seen
        page.close()
    team = edition.team(TEAM)
    expected = [
        t
        for (subject, _key), texts in payloads.items()
        if subject in (TEAM, *team.members)
        for t in texts
        if t not in hidden
    ]
    assert len(expected) > 100
    assert not missing(expected, seen), "every free-text field of the team, shown as typed"


def test_praktijkboek_opens_offline_shows_payloads_and_is_marked_confidential_on_paper(
    exported, browser
):
    out, _, items = exported
    payloads = payload_texts(items)
    path = out / "praktijkboek.html"
    page, blocked, problems = open_offline(browser, path)
    text = check_page(page, blocked, problems, path)
    shown = ("casus", "canvas.block.", "schakelbak")  # what the praktijkboek holds of each case
    expected = [
        t for (_subject, key), texts in payloads.items() if key.startswith(shown) for t in texts
    ]
    assert not missing(expected, text), "every casus, canvas and Schakelbak text, shown as typed"
    assert page.locator(".swc-confidential").is_visible()
    margins = page.evaluate("""() => [...document.styleSheets].flatMap(s => [...s.cssRules])
        .filter(r => r instanceof CSSPageRule).flatMap(r => [...r.cssRules]).map(r => r.cssText)""")
    assert any("top-center" in m and "Vertrouwelijk" in m for m in margins), margins
    page.emulate_media(media="print")
    assert page.locator(
        ".swc-confidential"
    ).is_hidden()  # on paper the page margin carries the mark
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") > 3
    page.close()


STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie"]
TUSSENTIJDEN = ["tussentijd-a", "tussentijd-b", "tussentijd-c", "tussentijd-d"]
AXE_PAGES = (
    [f"{TEAM}/{MEMBER}/{s}.html" for s in STEPS]
    + [f"{TEAM}/{t}.html" for t in TUSSENTIJDEN]
    + ["praktijkboek.html"]
)


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
            page.wait_for_function(
                f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}",
                timeout=30_000,
            )
        violations = serious_violations(page)
    finally:
        page.close()
    assert violations == [], [
        f"{v['impact']} {v['id']} x{v['count']}: {v['nodes']}" for v in violations
    ]


# --- every document at a phone's, a tablet's and a projector's width (issue 16) ---------------------------

SCREEN_DOCUMENTS = {  # name in the screenshot -> path under export/
    "handout-dagdeel-1-2": f"{TEAM}/{MEMBER}/dagdeel-1-2.html",
    "handout-dagdeel-4": f"{TEAM}/{MEMBER}/dagdeel-4.html",
    "handout-dagdeel-5": f"{TEAM}/{MEMBER}/dagdeel-5.html",
    "handout-tussentijd-a": f"{TEAM}/tussentijd-a.html",
    "praktijkboek": "praktijkboek.html",
    "slides": f"{TEAM}/{MEMBER}/presentatie.html",
}


@pytest.fixture(scope="module")
def on_screens(exported, demo_exported, browser):
    """Each document at each width of test_every_page_on_screens.py: overflow, figures and axe, measured on one
    load of the payload document (plotly.js follows each new width); then a screenshot of the demo document
    at each width, at most SHOT_HEIGHT px of it (a screenshot someone can look at)."""
    from test_every_page_on_screens import FIGURES_JS, OVERFLOW_JS, SHOTS, WIDTHS

    from axe import AXE, AXE_JS

    require_axe()
    SHOTS.mkdir(parents=True, exist_ok=True)
    out, measured = exported[0], {}
    context = browser.new_context(
        bypass_csp=True
    )  # lets axe-core in (the documents admit only their own scripts)
    try:
        for name, relative in SCREEN_DOCUMENTS.items():
            page = _open_document(context, out / relative, name)
            page.add_script_tag(path=str(AXE))
            for screen, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_function(_FIGURES_FIT, timeout=15_000)
                measured[name, screen] = {
                    "overflow": page.evaluate(OVERFLOW_JS),
                    "figures": page.evaluate(FIGURES_JS),
                    "axe": page.evaluate(AXE_JS),
                }
            page.close()
            page = _open_document(context, demo_exported / relative, name)
            for width, height in WIDTHS.values():
                _screenshot(
                    page, width, height, SHOTS / f"every-page-{name}-{width}.png", name == "slides"
                )
            page.close()
    finally:
        context.close()
    return measured


SHOT_HEIGHT = 12_000  # px: the top of a long document; the rest is measured, not pictured


def _open_document(context, path: Path, name: str):
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    if name == "slides":
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("Reveal.slide(3)")  # the canvas, in one picture
    return page


def _screenshot(page, width: int, height: int, path: Path, slides: bool) -> None:
    """The document at ``width`` px, as tall as its content up to SHOT_HEIGHT px (a slide: one screen)."""
    from test_every_page_on_screens import HEIGHT_JS

    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(_FIGURES_FIT, timeout=15_000)
    tall = height if slides else min(max(page.evaluate(HEIGHT_JS) + 50, height), SHOT_HEIGHT)
    page.set_viewport_size({"width": width, "height": tall})
    page.wait_for_function(_FIGURES_FIT, timeout=15_000)
    page.screenshot(path=str(path))


# every visible plot drawn, as wide as its element (plotly.js has followed the width); a slide's plots are scaled
_FIGURES_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p.getClientRects().length > 0
  && getComputedStyle(p).visibility !== 'hidden').every((p) => { const svg = p.querySelector('.main-svg');
  return svg && (p.closest('.reveal') || Math.abs(svg.getBoundingClientRect().width - p.getBoundingClientRect().width) < 2); })"""

SCREEN_CASES = [(name, screen) for name in SCREEN_DOCUMENTS for screen in ("390", "820", "1920")]


@pytest.mark.parametrize("name,screen", SCREEN_CASES, ids=[f"{n}-{s}" for n, s in SCREEN_CASES])
def test_every_document_fits_every_screen_with_no_axe_violation(on_screens, name, screen):
    found = on_screens[name, screen]
    overflow, figures = found["overflow"], found["figures"]
    assert overflow["scrollWidth"] <= overflow["width"] + 1 and not overflow["scrolling"], overflow
    if (
        name != "slides"
    ):  # reveal.js scales a slide; its figures are checked slide by slide in test_slides.py
        assert figures["declared"] >= 1 and figures["drawn"] == figures["declared"], figures
        assert not figures["outside"], figures
        assert not figures["small"], figures
    assert found["axe"] == [], [
        f"{v['impact']} {v['id']} x{v['count']}: {v['nodes']}" for v in found["axe"]
    ]


def test_on_a_phone_each_schakelbak_row_is_a_card_that_names_every_cell(exported, browser):
    """Five columns at 390 px left a few letters per line; each row becomes a card, each cell under its column's
    name. Wider screens keep the table."""
    out, _edition, _items = exported
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto((out / "praktijkboek.html").as_uri(), wait_until="load")
        cells = page.evaluate("""() => [...document.querySelector('table.swc-table tbody tr').cells].map((td) => ({
            display: getComputedStyle(td).display, label: getComputedStyle(td, '::before').content}))""")
        head = ["schakelbak.part_name", "schakelbak.form"]
        assert all(c["display"] == "block" for c in cells), cells
        for key, cell in zip(head, cells):
            assert cell["label"] == f'"{ui_text("widgets." + key)}"', cells
        page.set_viewport_size({"width": 1300, "height": 900})
        assert (
            page.evaluate(
                "() => getComputedStyle(document.querySelector('table.swc-table td')).display"
            )
            == "table-cell"
        )
    finally:
        page.close()


# --- the trainer's cards (/kaarten): a link and a code break only where they may (issue 16) -----------------

# Where each line of an element ends: the character before every break, found from where each character is.
LINE_ENDS_JS = """(selector) => [...document.querySelectorAll(selector)].slice(0, 4).map((e) => {
  const range = document.createRange(), chars = [];
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) { range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getClientRects()[0]; if (r) chars.push([node.data[i], r.top]); } }
  const ends = chars.filter((c, i) => i + 1 < chars.length && chars[i + 1][1] > c[1] + 2).map((c) => c[0]);
  return {text: e.textContent, ends, right: e.getBoundingClientRect().right,
          box: e.closest('.card').getBoundingClientRect().right};
})"""


CARD_SCREENS = {"phone": (390, 844), "tablet": (820, 1180), "laptop": (1920, 1080)}


@pytest.mark.parametrize("screen", CARD_SCREENS)
def test_a_cards_link_and_code_break_only_after_a_slash_or_a_dash(browser, tmp_path, screen):
    """The room's link on a card once broke inside its code ("YQ4ATG|5ZTV"): a code cut in two is typed wrong."""
    from swc_core.cards import cards_page, make_cards
    from swc_core.codes import CodeBook
    from swc_core.edition import load_edition
    from swc_core.settings import Settings

    sessions = copy_sessions(tmp_path)
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    codes = CodeBook(sessions / "demo").ensure(edition.participants)
    width, height = CARD_SCREENS[screen]
    found: dict[str, list] = {"link": [], "code": []}
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        for base in (
            "http://127.0.0.1:55013",
            "http://192.168.178.123:18866",
        ):  # this machine, a venue's network
            page_file = tmp_path / "kaarten.html"
            page_file.write_text(
                cards_page(edition, make_cards(edition, codes, base, f"{base}/r/YQ4ATG5ZTV")),
                "utf-8",
            )
            page.goto(page_file.as_uri())
            for what, selector in (("link", ".card-room"), ("code", ".card-code .code")):
                found[what] += page.evaluate(LINE_ENDS_JS, selector)
    finally:
        page.close()
    for what, elements in found.items():
        assert elements, what
        for element in elements:
            assert all(end in "/-" for end in element["ends"]), (what, element)
            assert element["right"] <= element["box"] + 1, (what, element)
