"""Handouts and the praktijkboek printed on A4, read back from the PDF (issue 16).

One participant's canvas and dagdeel-5 handouts and one team's praktijkboek
from the demo answers, printed by Chromium (``page.pdf(format="A4")``, the
browser's own print path) and read with poppler's ``pdftotext``: the canvas
reads at 8 pt or more, the Schakelbak table keeps its words whole, an empty
Schakelbak is one line, and numbers read with their label and scale. Two
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
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Printed:
    pdf: Path
    pages: list[str]  # pdftotext of each page, in reading order

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.pages).split())

    def words(self, page: int) -> list[tuple[str, float]]:
        """(word, height of its box in pt) on page ``page`` (1-based)."""
        xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(self.pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        return [(unescape(m[4]), float(m[3]) - float(m[1])) for m in WORD.findall(xml)]

    def page_of(self, needle: str) -> int:
        """The first page (1-based) whose text holds ``needle``."""
        return next(i for i, page in enumerate(self.pages, 1) if needle in " ".join(page.split()))

    def screenshot(self, page: int, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / name
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(self.pdf),
                        str(target.with_suffix(""))], check=True)
        return target


def read_pdf(pdf: Path) -> Printed:
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return Printed(pdf, raw.split("\f")[:-1] if raw.endswith("\f") else raw.split("\f"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.fail("pdftotext/pdftoppm ontbreken: `make browser` installeert poppler-utils")
    tmp = tmp_path_factory.mktemp("print")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    base = ["--sessions-dir", str(sessions), "export", "demo"]
    for args in (["--participant", MEMBER, "--dagdeel", "dagdeel-1-2", "--dagdeel", "dagdeel-5", "--jobs", "2"],
                 ["--team", TEAM, "--praktijkboek"]):
        result = CliRunner().invoke(cli, [*base, *args])
        assert result.exit_code == 0, result.output
    out = sessions / "demo" / "export"
    documents = {"canvas": out / TEAM / MEMBER / "dagdeel-1-2.html",
                 "dagdeel-5": out / TEAM / MEMBER / "dagdeel-5.html",
                 "praktijkboek": out / f"praktijkboek-{TEAM}.html"}
    pdfs, styles = {}, {}
    with chromium_browser() as browser:
        for name, path in documents.items():
            page = browser.new_page()
            page.goto(path.as_uri(), wait_until="load")
            figures = page.locator(".swc-figure").count()
            page.wait_for_function(f"document.querySelectorAll('.swc-figure .main-svg').length >= {figures}",
                                   timeout=30_000)
            page.emulate_media(media="print")
            styles[name] = page.evaluate("""() => {
                const grid = document.querySelector('.swc-canvas-print');
                const text = grid && grid.querySelector('.swc-canvas-block-text');
                const twin = grid && grid.parentElement.nextElementSibling;
                return grid && {grid: getComputedStyle(grid).display, px: parseFloat(getComputedStyle(text).fontSize),
                                figures: [...document.querySelectorAll('.swc-figure')].map(
                                    (f) => [f.classList.contains('swc-screen-only'), getComputedStyle(f).display])};
            }""")
            pdfs[name] = read_pdf_bytes(page.pdf(format="A4"), tmp / f"{name}.pdf")
            page.close()
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    with open_store(edition, Settings(sessions_dir=sessions)) as store:
        latest = {s: {f: r.value for f, r in fields.items()} for s, fields in store.latest(edition.name).items()}
    return {"pdf": pdfs, "styles": styles, "edition": edition, "latest": latest, "html": documents}


def read_pdf_bytes(data: bytes, path: Path) -> Printed:
    path.write_bytes(data)
    return read_pdf(path)


def test_the_canvas_prints_as_its_blocks_at_8_pt_or_more(printed):
    """Scaled to A4 the canvas picture's text was about 5 pt; on paper it is now the grid of blocks."""
    style = printed["styles"]["canvas"]
    assert style["grid"] == "grid" and style["px"] >= MIN_PT * 96 / 72, style
    hidden = [display for screen_only, display in style["figures"] if screen_only]
    assert hidden == ["none"], style["figures"]  # the canvas picture, and only it, stays on screen
    pdf = printed["pdf"]["canvas"]
    values = printed["latest"][MEMBER]
    blocks = [v for k, v in values.items() if k.startswith("canvas.block.") and v.strip()]
    assert len(blocks) == len(printed["edition"].content.blocks)
    first = pdf.page_of(printed["edition"].content.instrument("canvas").name)
    expected = {w for text in blocks for w in re.findall(r"\w{6,}", text)}
    seen = [(w, h) for page in (first, first + 1) for w, h in pdf.words(page) if w.strip(".,;:()") in expected]
    assert len(seen) > 60, "the blocks' text is on the canvas pages"
    small = [(w, round(h, 1)) for w, h in seen if h < MIN_BOX]
    assert not small, f"text under {MIN_PT} pt: {small[:10]}"
    shot = pdf.screenshot(first, "print-canvas.png")
    assert shot.stat().st_size > 20_000


TOKEN = re.compile(r"[^\W\d_]+")  # letters only: a word, or the piece of one that a line break cut off


def tokens(text: str) -> set[str]:
    return set(TOKEN.findall(unescape(text)))


def test_the_schakelbak_table_keeps_every_word_whole_on_paper(printed):
    """Its columns were squeezed until "Contractsamenwerking" printed as "Contr|actsa|menw|erking".

    Every piece of text pdftotext reads inside a printed table (from its header row to the heading
    after it) must be a whole word of the table: a word cut by a line break is a piece that is not.
    """
    book = printed["html"]["praktijkboek"].read_text(encoding="utf-8")
    tables = re.findall(r"<table class=[\"']swc-table[\"']>(.*?)</table>", book, re.DOTALL)
    allowed = tokens(re.sub(r"<[^>]+>", " ", " ".join(tables))) | tokens(ui_text("export.confidential"))
    assert "Contractsamenwerking" in allowed and len(tables) >= 1
    pdf = printed["pdf"]["praktijkboek"]
    text = "\n".join(pdf.pages)
    first_header = ui_text("widgets.schakelbak.part_name").split()[0]
    regions = re.findall(rf"^\s*{first_header}\b.*?(?=^\s*(?:{ui_text('export.praktijkboek.couplings')}|"
                         rf"{ui_text('export.praktijkboek.findings')})\b)", text, re.MULTILINE | re.DOTALL)
    assert len(regions) == len(tables), "one printed region per table"
    joined = [re.sub(r"(\w)-\n\s*(\w)", r"\1\2", r) for r in regions]  # a word the browser hyphenated
    pieces = sorted(set().union(*(tokens(r) for r in joined)) - allowed)
    assert not pieces, f"words broken over lines: {pieces[:12]}"
    shot = pdf.screenshot(pdf.page_of("Contractsamenwerking"), "print-schakelbak.png")  # a page with the table
    assert shot.stat().st_size > 20_000


def test_an_empty_schakelbak_prints_one_line_and_an_empty_case_one_page(printed):
    pdf = printed["pdf"]["praktijkboek"]
    edition = printed["edition"]
    members = edition.team(TEAM).members
    person = edition.participant(EMPTY).name
    page = pdf.page_of(f"{person} ·")
    case = " ".join(pdf.pages[page - 1].split())
    schakelbak = case[case.index(ui_text("export.praktijkboek.schakelbak")):case.index(
        ui_text("export.praktijkboek.findings"))]
    assert schakelbak == f"{ui_text('export.praktijkboek.schakelbak')} {ui_text('export.paper.empty')} ", schakelbak
    following = edition.participant(members[members.index(EMPTY) + 1]).name
    assert pdf.page_of(f"{following} ·") == page + 1, "the empty case fills one page, not half a page per instrument"


def test_printed_numbers_read_with_their_label_and_scale(printed):
    role = printed["latest"][MEMBER]["role"]
    text = printed["pdf"]["dagdeel-5"].text
    for r in printed["edition"].content.roles:
        assert f"{r.name}: {role['shares'][r.id]} van 100" in text, r.name
    assert f"{role['scope']} op een schaal van 0" in text


def test_printed_pages_carry_no_instruction_for_the_live_page(printed):
    for name, pdf in printed["pdf"].items():
        for live in ("widgets.canvas.blocks_help", "widgets.eigen-rol.axes_help", "widgets.schakelbak.part_parties"):
            assert " ".join(ui_text(live).split()) not in pdf.text, (name, live)
        assert not re.search(r"\b(klik|vink|schuif)\w*", pdf.text, re.IGNORECASE), name
