"""On paper no two labels of the Schakelbak's couplings cover each other.

The screenshot review found the flow labels of the printed Schakelbak (its paper twin, drawn 680 px wide
for an A4 page: swc_core/figures/paper.py) lying on top of each other. Each demo participant's
Schakelbak, and a crowded one, drawn by plotly.js in Chromium as the handout prints it; the boxes
plotly.js drew around the labels are measured in the SVG.
"""

from __future__ import annotations

import json

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.export.plotly_embed import plotly_js
from swc_core.figures import schakelbak_figure
from swc_core.figures.mimetype import figure_spec
from swc_core.figures.narrow import narrow_of
from swc_core.figures.paper import paper_twin
from swc_core.model import Workbook
from swc_core.model.schakelbak import Coupling, Part, Schakelbak
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser

# The box of every label with text (a flow; an arrow is an annotation without text), in page pixels.
BOXES_JS = """() => [...document.querySelectorAll('g.annotation')].map((g) => {
  const text = g.querySelector('text'), bg = g.querySelector('rect.bg');
  if (!text || !text.textContent.trim() || !bg) return null;
  const r = bg.getBoundingClientRect();
  return {text: text.textContent.slice(0, 30), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}).filter(Boolean)"""


def _crowded() -> Workbook:
    """Six parts with a coupling between every neighbour and across: many labels near the middle."""
    forms = ["netwerk", "partnership", "organisatie", "contractsamenwerking"]
    parts = [Part(id=f"d{i}", name=f"Deel {i} met een naam", form=forms[i % 4]) for i in range(6)]
    flows = [
        "Gegevens over de bodem en het peil",
        "Geld voor de pilots",
        "Afspraken over grond",
        "Advies van de boeren",
        "Besluiten van het bestuur",
        "Kennis uit de metingen",
    ]
    couplings = [
        Coupling(source=f"d{i}", target=f"d{(i + k) % 6}", flow=flows[(i + k) % 6])
        for i in range(6)
        for k in (1, 3)
        if not (k == 3 and i >= 3)
    ]
    return Workbook(schakelbak=Schakelbak(parts=parts, couplings=couplings))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    sessions = copy_sessions(tmp_path_factory.mktemp("paper"), with_demo_answers=True)
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        stored = {
            s: {f: r.value for f, r in fields.items()} for s, fields in store.latest("demo").items()
        }
    books = {
        pid: Workbook.from_fields(fields, problems=[])
        for pid, fields in stored.items()
        if pid in {p.id for p in edition.spec.participants}
    }
    books = {
        pid: wb for pid, wb in books.items() if any(c.flow.strip() for c in wb.schakelbak.couplings)
    }
    assert len(books) >= 3, sorted(books)
    return edition.content, {**books, "crowded": _crowded()}


def _overlaps(boxes: list[dict]) -> list[str]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["left"] < b["right"] - 1
                and b["left"] < a["right"] - 1
                and a["top"] < b["bottom"] - 1
                and b["top"] < a["bottom"] - 1
            ):
                out.append(f"{a['text']!r} x {b['text']!r}")
    return out


@pytest.fixture(scope="module")
def plotting():
    """A page with plotly.js (loaded once) on which :func:`_draw` draws one figure after the other."""
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 1500})
        page.set_content(
            "<!DOCTYPE html><html><body style='margin:0'><div id='f'></div></body></html>"
        )
        page.add_script_tag(content=plotly_js())
        yield page


def _draw(page, spec: dict) -> list[dict]:
    page.evaluate(
        "(spec) => { Plotly.purge('f'); return Plotly.newPlot('f', spec.data, spec.layout); }", spec
    )
    page.wait_for_selector("#f .main-svg")
    return page.evaluate(BOXES_JS)


@pytest.mark.parametrize("twin", ["paper", "narrow", "screen"])
def test_no_two_coupling_labels_of_a_schakelbak_overlap(workbooks, plotting, twin):
    pack, books = workbooks
    found = {}
    for who, wb in books.items():
        fig = schakelbak_figure(wb, pack)
        spec = figure_spec(
            {
                "paper": lambda: paper_twin(fig),
                "narrow": lambda: narrow_of(fig),
                "screen": lambda: fig,
            }[twin]()
        )
        if twin == "narrow":
            spec["layout"].setdefault("width", 370)
        boxes = _draw(plotting, json.loads(json.dumps(spec)))
        assert boxes or not any(c.flow.strip() for c in wb.schakelbak.couplings), who
        overlapping = _overlaps(boxes)
        if overlapping:
            found[who] = overlapping
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
