"""The eindsessie presentations (`swc export --slides`): a participant's case and advice as slides, offline.

Real nbconvert (SlidesExporter with the swc_slides template), real reveal.js
from the npm registry (installed by `make install`), real Chromium with every
request that leaves the file refused.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition
from swc_core.errors import InputError
from swc_core.export import slides
from swc_core.settings import Settings

from conftest import REPO, copy_sessions
from servers import chromium_browser

SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The demo's answers, plus one participant whose text tries to run and one who wrote nothing."""
    tmp = tmp_path_factory.mktemp("slides")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    latest = {
        "p02": {"casus": {"title": "Beek " + HOSTILE, "opgave": "Regel één\n" + HOSTILE}},
        "p04": {},
    }
    from swc_core.edition import open_store

    with open_store(edition, Settings(sessions_dir=sessions)) as store:
        stored = {
            s: {f: r.value for f, r in fields.items()} for s, fields in store.latest("demo").items()
        }
    # p07: p01's case with a "Partijen" block of long words: short enough by its count of characters for
    # the block on a slide, but wrapped at its words it needs almost twice the lines
    latest["p07"] = {
        **stored["p01"],
        "canvas.parties": [],
        "canvas.contributions": [],
        "canvas.block.partijen": " ".join(["Waterschapsbestuursorganisatie"] * 10),
    }
    decks = slides.export_slides(edition, {**stored, **latest}, tmp / "export", teams=["team-veen"])
    return {"sessions": sessions, "decks": {d.participant: d for d in decks}, "out": tmp / "export"}


def _open(browser, path, width=1920, height=1080):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    left = []  # every request that is not the file itself
    page.on(
        "request",
        lambda r: left.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    return context, page, left


# a figure drawn with content: a trace with points, or shapes (the canvas), in a visible svg of some height
DRAWN = """() => Array.from(Reveal.getCurrentSlide().querySelectorAll('.js-plotly-plot'))
                .filter(p => ((p.data || []).some(t => (t.x || []).length) || ((p.layout || {}).shapes || []).length)
                             && p.querySelector('.main-svg') && p.getBoundingClientRect().height > 50).length"""


def test_a_presentation_shows_the_case_figures_and_advice_offline(exported):
    deck = exported["decks"]["p01"]
    assert deck.target == exported["out"] / "team-veen" / "p01" / "presentatie.html"
    with chromium_browser() as browser:
        context, page, left = _open(browser, deck.target)
        try:
            assert page.evaluate("Reveal.getTotalSlides()") == deck.slides == 7
            headings = []
            drawn = {}
            for index in range(deck.slides):
                page.evaluate(f"Reveal.slide({index})")
                heading = page.evaluate(
                    "Reveal.getCurrentSlide().querySelector('h1, h2').textContent"
                )
                headings.append(heading)
                drawn[heading] = page.evaluate(DRAWN)
                bottom = page.evaluate(
                    "Math.max(0, ...Array.from(Reveal.getCurrentSlide()"
                    ".querySelectorAll('.js-plotly-plot')).map(p => p.getBoundingClientRect().bottom))"
                )
                assert bottom <= 1080, f"the figure of '{heading}' ends below the screen: {bottom}"
                if heading == "De samenwerking in één beeld":
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SCREENSHOTS / "slides-p01-canvas-1920.png"))
            assert headings == [
                "Veenweide Oost – bodemdaling remmen met boeren",
                "De opgave",
                "Wie doen er mee",
                "De samenwerking in één beeld",
                "Hoe de onderdelen samenhangen",
                "Wat ik ga doen",
                "Mijn advies",
            ], headings
            assert drawn["Hoe de onderdelen samenhangen"] == 1, (
                drawn
            )  # the canvas is a grid of blocks (below)
            page.evaluate("Reveal.slide(6)")
            advice = page.evaluate("Reveal.getCurrentSlide().textContent")
            assert "aan " in advice and "nog niet ingevuld" not in advice
            box = page.evaluate(
                "(() => { const r = Reveal.getCurrentSlide().getBoundingClientRect();"
                " return [r.right, r.bottom]; })()"
            )
            assert box[0] <= 1920 and box[1] <= 1080, f"the slide fits the projector: {box}"
            assert left == [], f"a presentation loads nothing from elsewhere: {left}"
        finally:
            context.close()


def test_what_a_participant_typed_is_shown_as_text_and_never_runs(exported):
    deck = exported["decks"]["p02"]
    with chromium_browser() as browser:
        context, page, left = _open(browser, deck.target, 1280, 720)
        try:
            assert page.evaluate("window.__pwned") is None
            assert "<script>window.__pwned = 1</script>" in page.evaluate(
                "document.querySelector('h1').textContent"
            )
            page.evaluate("Reveal.slide(1)")
            assert "Regel één" in page.evaluate("Reveal.getCurrentSlide().textContent")
            assert page.evaluate("window.__pwned") is None and left == []
        finally:
            context.close()


def test_an_empty_workbook_gives_a_title_and_an_advice_still_to_fill_in(exported):
    deck = exported["decks"]["p04"]
    assert deck.slides == 2
    text = deck.target.read_text(encoding="utf-8")
    assert "Mijn advies" in text and "nog niet ingevuld" in text and "Plotly.newPlot" not in text


def test_swc_export_slides_writes_one_presentation_per_chosen_participant(exported):
    runner = CliRunner()
    out = exported["out"].parent / "cli-export"
    result = runner.invoke(
        cli,
        [
            "--sessions-dir",
            str(exported["sessions"]),
            "export",
            "demo",
            "--slides",
            "--participant",
            "p03",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"1 presentatie geschreven naar {out}"
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.html")] == [
        "team-klimaat/p03/presentatie.html"
    ]


@pytest.mark.parametrize(
    "flag, value, message",
    [
        ("--team", "team-x", "team 'team-x' bestaat niet in deze editie"),
        ("--participant", "p99", "deelnemer 'p99' bestaat niet in deze editie"),
    ],
)
def test_an_unknown_team_or_participant_is_refused_before_anything_is_written(
    exported, flag, value, message
):
    out = exported["out"].parent / f"refused-{value}"
    result = CliRunner().invoke(
        cli,
        [
            "--sessions-dir",
            str(exported["sessions"]),
            "export",
            "demo",
            "--slides",
            flag,
            value,
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2 and message in result.output and "bekende" in result.output, (
        result.output
    )
    assert not out.exists()


def test_without_reveal_js_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(slides, "VENDOR", tmp_path / "nothing-here")
    slides.reveal_assets.cache_clear()
    try:
        with pytest.raises(InputError) as caught:
            slides.reveal_assets()
        assert "reveal.js ontbreekt" in caught.value.message and "make install" in caught.value.hint
    finally:
        slides.reveal_assets.cache_clear()


def test_presentations_are_the_owners_only_and_an_unwritable_folder_is_a_clear_error(
    exported, tmp_path
):
    assert exported["decks"]["p01"].target.stat().st_mode & 0o777 == 0o600
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(
        cli,
        [
            "--sessions-dir",
            str(exported["sessions"]),
            "export",
            "demo",
            "--slides",
            "--participant",
            "p03",
            "--out",
            str(blocker / "export"),
        ],
    )
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert str(blocker) in result.output


# --- readable on a phone, a tablet and a projector (issue 16) -----------------------------------------------

# The size text is seen at: its font size times how much reveal.js scales the slide to the screen.
SEEN_JS = """() => { const slides = document.querySelector('.reveal .slides');
  const scale = slides.getBoundingClientRect().width / Reveal.getConfig().width;
  return [...Reveal.getCurrentSlide().querySelectorAll('.swc-field-value, .swc-items li, .swc-lead, .swc-who,'
                                                       + ' .swc-canvas-block-text')]
    .filter((e) => e.getClientRects().length > 0 && e.textContent.trim())
    .map((e) => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize) * scale]); }"""

# How wide the figure of the slide is drawn (the canvas's grid of blocks, or a plot's drawing), against the slide.
FIGURE_WIDTH_JS = """() => { const slide = Reveal.getCurrentSlide(), w = (e) => e.getBoundingClientRect().width;
  const shown = [...slide.querySelectorAll('.swc-canvas-slide, .js-plotly-plot .main-svg')]
    .filter((e) => e.getClientRects().length);
  return {slide: w(document.querySelector('.reveal .slides')), figure: Math.max(0, ...shown.map(w))}; }"""

# Emoji and other pictographs: the machine a deck is shown on may have no font for them (empty boxes).
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


@pytest.mark.parametrize("width,height,least", [(390, 844, 14), (820, 1180, 18), (1920, 1080, 20)])
def test_slide_text_is_readable_on_a_phone_a_tablet_and_a_projector(exported, width, height, least):
    """A 1280 px slide scaled to a 390 px phone showed its text at 9 px: a slide held upright is upright too."""
    deck = exported["decks"]["p01"]
    with chromium_browser() as browser:
        context, page, _left = _open(browser, deck.target, width, height)
        try:
            small = {}
            for index in range(deck.slides):
                page.evaluate(f"Reveal.slide({index})")
                page.wait_for_timeout(100)
                seen = page.evaluate(SEEN_JS)
                small.update({text: round(px, 1) for text, px in seen if px < least})
            assert not small, f"text under {least} px at {width} px wide: {small}"
        finally:
            context.close()


def test_on_a_projector_a_figure_fills_the_slides_width(exported):
    """The canvas, laid out for a page, filled two thirds of a 1920 px projector's slide."""
    deck = exported["decks"]["p01"]
    with chromium_browser() as browser:
        context, page, _left = _open(browser, deck.target, 1920, 1080)
        try:
            widths = {}
            for index in (3, 4):  # the canvas, the Schakelbak
                page.evaluate(f"Reveal.slide({index})")
                page.wait_for_timeout(300)
                widths[index] = page.evaluate(FIGURE_WIDTH_JS)
            assert all(w["figure"] >= 0.9 * w["slide"] for w in widths.values()), widths
            bottom = page.evaluate(
                "Math.max(...[...Reveal.getCurrentSlide().querySelectorAll('*')]"
                ".map((e) => e.getBoundingClientRect().bottom))"
            )
            assert bottom <= 1080, bottom
        finally:
            context.close()


def test_a_presentation_shows_no_emoji_of_its_own(exported):
    """No emoji font on a venue's laptop shows them as empty boxes: what a deck says itself is plain text
    (its figures' texts and the catalogue's words); a participant's own text is shown as typed."""
    for who in ("p01", "p04"):
        with chromium_browser() as browser:
            context, page, _left = _open(browser, exported["decks"][who].target)
            try:
                shown = page.evaluate(
                    "() => document.querySelector('.reveal .slides').textContent + [...document"
                    ".querySelectorAll('.reveal svg text')].map((t) => t.textContent).join(' ')"
                )
            finally:
                context.close()
        assert not EMOJI.findall(shown), (who, EMOJI.findall(shown))


# The canvas slide's blocks whose content is taller than the block (the block hides what sticks out of it).
CLIPPED_BLOCKS_JS = """() => [...Reveal.getCurrentSlide().querySelectorAll('.swc-canvas-block')]
  .filter((b) => b.getClientRects().length && b.scrollHeight > b.clientHeight + 1)
  .map((b) => `${b.querySelector('.swc-canvas-block-name').textContent}: ${b.scrollHeight} > ${b.clientHeight}`)"""


@pytest.mark.parametrize("who", ["p01", "p07"])
def test_no_canvas_block_on_a_projected_slide_cuts_its_text_silently(exported, who):
    """Issue 16: at 1920 px the "Partijen" block clipped its last line. A block's text fits its block on the
    slide, or is shortened with "…" and the slide says the full text is in the handout."""
    deck = exported["decks"][who]
    with chromium_browser() as browser:
        context, page, _left = _open(browser, deck.target, 1920, 1080)
        try:
            page.evaluate("Reveal.slide(3)")  # the canvas
            page.wait_for_timeout(300)
            assert page.evaluate(
                "() => !!Reveal.getCurrentSlide().querySelector('.swc-canvas-slide')"
            )
            assert page.evaluate(CLIPPED_BLOCKS_JS) == []
            if who == "p07":  # too long for its block: shortened, and the slide says so
                cut = page.evaluate(
                    "() => Reveal.getCurrentSlide().querySelector('.swc-canvas-cut')?.textContent"
                )
                assert cut and "…" in page.evaluate(
                    "() => Reveal.getCurrentSlide().querySelector('.swc-canvas-slide').textContent"
                )
        finally:
            context.close()
