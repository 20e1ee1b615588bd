"""Handouts and the praktijkboek printed on A4, read back from the PDF (issue 16).

One participant's canvas and dagdeel-5 handouts and one team's praktijkboek
from the demo answers, printed by Chromium (``page.pdf(format="A4")``, the
browser's own print path) and read with poppler's ``pdftotext``: the canvas
reads at 8 pt or more, every other figure prints as its paper twin with no
text under 9 pt, the Schakelbak table keeps its words whole, an empty
Schakelbak is one line, and numbers read with their label and scale. Some
pages are also rendered as PNG under tests/artifacts/screenshots/ (print-*.png)
for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.messages import text as ui_text
from swc_core.settings import Settings

from conftest import REPO, copy_sessions
from servers import chromium_browser

SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TEAM, MEMBER, EMPTY = "team-veen", "p01", "p04"  # p04 has filled in nothing
MIN_PT = 8.0
# A word's box in pdftotext is the font's ascent + descent high: 1.16 em in DejaVu Sans, 1.12 in
# Liberation Sans. A box at least 1.2 x 8 pt high is text of 8 pt or more in either.
MIN_BOX = 1.2 * MIN_PT
# Figures: 9 pt (12 px). Their font is Arial, printed as Liberation Sans (box 1.117 em) or DejaVu Sans
# (1.164 em); 1.11 x 9 pt passes both at 9 pt and fails 11 px text (8.25 pt: a box of 9.2 pt at most).
FIGURE_MIN_PT = 9.0
FIGURE_MIN_BOX = 1.11 * FIGURE_MIN_PT
# Only the figures' paper twins take ink: everything else keeps its place on the page but is not printed.
ONLY_FIGURES_CSS = "body * { visibility: hidden !important; } .swc-figure-paper, .swc-figure-paper * { visibility: visible !important; }"
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Printed:
    pdf: Path
    pages: list[str]  # pdftotext of each page, in reading order

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.pages).split())

    def words(self, page: int | None = None) -> list[tuple[str, float]]:
        """(word, height of its box in pt) on page ``page`` (1-based; None: every page)."""
        pages = ["-f", str(page), "-l", str(page)] if page else []
        xml = subprocess.run(
            ["pdftotext", "-bbox", *pages, str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [(unescape(m[4]), float(m[3]) - float(m[1])) for m in WORD.findall(xml)]

    def glyph_heights(self) -> list[tuple[str, float]]:
        """(word, height of its letters' box in pt) on every page, upright or turned a quarter (a y axis title).

        pdftotext gives a word's box as it lies on the page: a turned word's box is as wide as an upright
        word's is high. A line is turned when its words lie one under the other, or when it is one word
        whose box is far taller than wide.
        """
        xml = subprocess.run(
            ["pdftotext", "-bbox-layout", str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found = []
        for line in re.findall(r"<line [^>]*>(.*?)</line>", xml, re.DOTALL):
            boxes = [(unescape(m[4]), *map(float, m[:4])) for m in WORD.findall(line)]
            stacked = (
                len(boxes) > 1
                and all(abs(b[1] - boxes[0][1]) < 1 for b in boxes)
                and len({round(b[2]) for b in boxes}) == len(boxes)
            )
            for word, x0, y0, x1, y1 in boxes:
                turned = stacked or (len(boxes) == 1 and y1 - y0 > 2.5 * (x1 - x0))
                found.append((word, (x1 - x0) if turned else (y1 - y0)))
        return found

    def page_of(self, needle: str) -> int:
        """The first page (1-based) whose text holds ``needle``."""
        return next(i for i, page in enumerate(self.pages, 1) if needle in " ".join(page.split()))

    def screenshot(self, page: int, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(self.pdf),
                str(target.with_suffix("")),
            ],
            check=True,
        )
        return target


def read_pdf(pdf: Path) -> Printed:
    raw = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Printed(pdf, raw.split("\f")[:-1] if raw.endswith("\f") else raw.split("\f"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.fail("pdftotext/pdftoppm ontbreken: `make browser` installeert poppler-utils")
    tmp = tmp_path_factory.mktemp("print")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    base = ["--sessions-dir", str(sessions), "export", "demo"]
    for args in (
        [
            "--participant",
            MEMBER,
            "--dagdeel",
            "dagdeel-1-2",
            "--dagdeel",
            "dagdeel-5",
            "--jobs",
            "2",
        ],
        ["--team", TEAM, "--praktijkboek"],
    ):
        result = CliRunner().invoke(cli, [*base, *args])
        assert result.exit_code == 0, result.output
    out = sessions / "demo" / "export"
    documents = {
        "canvas": out / TEAM / MEMBER / "dagdeel-1-2.html",
        "dagdeel-5": out / TEAM / MEMBER / "dagdeel-5.html",
        "praktijkboek": out / f"praktijkboek-{TEAM}.html",
    }
    pdfs, styles = {}, {}
    with chromium_browser() as browser:
        for name, path in documents.items():
            page = browser.new_page()
            page.goto(path.as_uri(), wait_until="load")
            figures = page.locator(".swc-figure").count()
            page.wait_for_function(
                f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}",
                timeout=30_000,
            )
            page.wait_for_function(
                "[...document.querySelectorAll('.swc-figure-paper')].every("
                "(p) => p.querySelector('.main-svg'))",
                timeout=30_000,
            )
            page.emulate_media(media="print")
            styles[name] = page.evaluate("""() => {
                const grid = document.querySelector('.swc-canvas-print');
                const text = grid && grid.querySelector('.swc-canvas-block-text');
                const shown = (e) => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility === 'visible';
                return {grid: grid && getComputedStyle(grid).display,
                        px: text && parseFloat(getComputedStyle(text).fontSize),
                        figures: document.querySelectorAll('.swc-figure').length,
                        screen_figures_printed: [...document.querySelectorAll('.swc-figure')].filter(shown).length,
                        paper: [...document.querySelectorAll('.swc-figure-paper')].map(
                            (p) => shown(p) ? p.querySelector('.main-svg').getBoundingClientRect().width : 0)};
            }""")
            pdfs[name] = read_pdf_bytes(page.pdf(format="A4"), tmp / f"{name}.pdf")
            page.add_style_tag(content=ONLY_FIGURES_CSS)
            pdfs[f"{name}-figures"] = read_pdf_bytes(
                page.pdf(format="A4"), tmp / f"{name}-figures.pdf"
            )
            page.close()
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    with open_store(edition, Settings(sessions_dir=sessions)) as store:
        latest = {
            s: {f: r.value for f, r in fields.items()}
            for s, fields in store.latest(edition.name).items()
        }
    return {"pdf": pdfs, "styles": styles, "edition": edition, "latest": latest, "html": documents}


def read_pdf_bytes(data: bytes, path: Path) -> Printed:
    path.write_bytes(data)
    return read_pdf(path)


@pytest.mark.parametrize("name", ["canvas", "dagdeel-5", "praktijkboek"])
def test_every_figure_prints_its_paper_twin_with_no_text_under_9_pt(printed, name):
    """Zoomed to A4, the 1,200 px Schakelbak, role and goals pictures printed their text at about 6 pt.

    The second PDF of each document prints only the figures' paper twins (everything else keeps its
    place, unprinted), so every word pdftotext finds in it is text of a figure.
    """
    from swc_core.figures.paper import PAPER_WIDTH

    style = printed["styles"][name]
    assert style["screen_figures_printed"] == 0, style
    assert style["paper"] and all(abs(w - PAPER_WIDTH) < 1 for w in style["paper"]), style
    words = printed["pdf"][f"{name}-figures"].glyph_heights()
    assert len(words) >= 10 * len(style["paper"]), f"the figures' text is printed: {words[:20]}"
    small = sorted({(w, round(h, 1)) for w, h in words if h < FIGURE_MIN_BOX}, key=lambda x: x[1])
    assert not small, f"figure text under {FIGURE_MIN_PT} pt: {small[:10]}"
    figures_only = printed["pdf"][f"{name}-figures"]
    first = next(i for i in range(1, len(figures_only.pages) + 1) if figures_only.words(i))
    assert (
        printed["pdf"][name].screenshot(first, f"print-figure-{name}.png").stat().st_size > 20_000
    )


def test_the_canvas_prints_as_its_blocks_at_8_pt_or_more(printed):
    """Scaled to A4 the canvas picture's text was about 5 pt; on paper it is now the grid of blocks."""
    style = printed["styles"]["canvas"]
    assert style["grid"] == "grid" and style["px"] >= MIN_PT * 96 / 72, style
    # no picture for the screen is printed; every figure but the canvas has its paper twin
    assert (
        style["screen_figures_printed"] == 0 and len(style["paper"]) == style["figures"] - 1 >= 1
    ), style
    pdf = printed["pdf"]["canvas"]
    values = printed["latest"][MEMBER]
    blocks = [v for k, v in values.items() if k.startswith("canvas.block.") and v.strip()]
    assert len(blocks) == len(printed["edition"].content.blocks)
    first = pdf.page_of(printed["edition"].content.instrument("canvas").name)
    expected = {w for text in blocks for w in re.findall(r"\w{6,}", text)}
    seen = [
        (w, h)
        for page in (first, first + 1)
        for w, h in pdf.words(page)
        if w.strip(".,;:()") in expected
    ]
    assert len(seen) > 60, "the blocks' text is on the canvas pages"
    small = [(w, round(h, 1)) for w, h in seen if h < MIN_BOX]
    assert not small, f"text under {MIN_PT} pt: {small[:10]}"
    shot = pdf.screenshot(first, "print-canvas.png")
    assert shot.stat().st_size > 20_000


TOKEN = re.compile(
    r"[^\W\d_]+"
)  # letters only: a word, or the piece of one that a line break cut off


def tokens(text: str) -> set[str]:
    return set(TOKEN.findall(unescape(text)))


def test_the_schakelbak_table_keeps_every_word_whole_on_paper(printed):
    """Its columns were squeezed until "Contractsamenwerking" printed as "Contr|actsa|menw|erking".

    Every piece of text pdftotext reads inside a printed table (from its header row to the heading
    after it) must be a whole word of the table: a word cut by a line break is a piece that is not.
    """
    book = printed["html"]["praktijkboek"].read_text(encoding="utf-8")
    tables = re.findall(r"<table class=[\"']swc-table[\"']>(.*?)</table>", book, re.DOTALL)
    allowed = tokens(re.sub(r"<[^>]+>", " ", " ".join(tables))) | tokens(
        ui_text("export.confidential")
    )
    assert "Contractsamenwerking" in allowed and len(tables) >= 1
    pdf = printed["pdf"]["praktijkboek"]
    text = "\n".join(pdf.pages)
    first_header = ui_text("widgets.schakelbak.part_name").split()[0]
    regions = re.findall(
        rf"^\s*{first_header}\b.*?(?=^\s*(?:{ui_text('export.praktijkboek.couplings')}|"
        rf"{ui_text('export.praktijkboek.findings')})\b)",
        text,
        re.MULTILINE | re.DOTALL,
    )
    assert len(regions) == len(tables), "one printed region per table"
    joined = [
        re.sub(r"(\w)-\n\s*(\w)", r"\1\2", r) for r in regions
    ]  # a word the browser hyphenated
    pieces = sorted(set().union(*(tokens(r) for r in joined)) - allowed)
    assert not pieces, f"words broken over lines: {pieces[:12]}"
    shot = pdf.screenshot(
        pdf.page_of("Contractsamenwerking"), "print-schakelbak.png"
    )  # a page with the table
    assert shot.stat().st_size > 20_000


def test_an_empty_schakelbak_prints_one_line_and_an_empty_case_one_page(printed):
    pdf = printed["pdf"]["praktijkboek"]
    edition = printed["edition"]
    members = edition.team(TEAM).members
    person = edition.participant(EMPTY).name
    page = pdf.page_of(f"{person} ·")
    case = " ".join(pdf.pages[page - 1].split())
    schakelbak = case[
        case.index(ui_text("export.praktijkboek.schakelbak")) : case.index(
            ui_text("export.praktijkboek.findings")
        )
    ]
    assert (
        schakelbak
        == f"{ui_text('export.praktijkboek.schakelbak')} {ui_text('export.paper.empty')} "
    ), schakelbak
    following = edition.participant(members[members.index(EMPTY) + 1]).name
    assert pdf.page_of(f"{following} ·") == page + 1, (
        "the empty case fills one page, not half a page per instrument"
    )


def test_printed_numbers_read_with_their_label_and_scale(printed):
    role = printed["latest"][MEMBER]["role"]
    text = printed["pdf"]["dagdeel-5"].text
    for r in printed["edition"].content.roles:
        assert f"{r.name}: {role['shares'][r.id]} van 100" in text, r.name
    assert f"{role['scope']} op een schaal van 0" in text


def test_printed_pages_carry_no_instruction_for_the_live_page(printed):
    for name, pdf in printed["pdf"].items():
        if name.endswith("-figures"):
            continue
        for live in (
            "widgets.canvas.blocks_help",
            "widgets.eigen-rol.axes_help",
            "widgets.schakelbak.part_parties",
        ):
            assert " ".join(ui_text(live).split()) not in pdf.text, (name, live)
        assert not re.search(r"\b(klik|vink|schuif)\w*", pdf.text, re.IGNORECASE), name
