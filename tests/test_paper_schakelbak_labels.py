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
            spec["layout"]["width"] = 370  # as a live page draws it, not as built
        boxes = _draw(plotting, json.loads(json.dumps(spec)))
        assert boxes or not any(c.flow.strip() for c in wb.schakelbak.couplings), who
        overlapping = _overlaps(boxes)
        if overlapping:
            found[who] = overlapping
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


# Every text of the drawn figure (parts' labels, flow labels, the key, the legend), with what is wrong with it:
# outside the figure, on top of another text, or (all but the flow labels, which lie on their arrow in a white
# box) crossed by an arrow, sampled every 2 px along its path.
PART_LABELS_JS = r"""() => {
  const svg = document.querySelector('#f .main-svg').getBoundingClientRect();
  const texts = [...document.querySelectorAll('#f :is(.textpoint, g.annotation, .legendtext) text, #f text.legendtext')]
    .filter((t) => t.textContent.trim() && t.getClientRects().length > 0);
  const short = (t) => JSON.stringify(t.textContent.slice(0, 24));
  const boxes = texts.map((t) => [t, t.getBoundingClientRect()]);
  // a flow label lies on its own arrow by design (in a white box): only the other texts must be clear of arrows
  const flows = new Set(texts.filter((t) => /^[←→↑↓]/.test(t.textContent.trim())));
  const problems = [];
  // a part's label is cut at the plot's edge (plotly.js clips a trace's text to its axes), any other at the figure's
  const plot = document.querySelector('#f .nsewdrag').getBoundingClientRect();
  for (const [t, r] of boxes) {
    const frame = t.closest('.textpoint') ? plot : svg;
    if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
      problems.push(`${short(t)} outside the figure`);
  }
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    const w = Math.min(r.right, s.right) - Math.max(r.left, s.left), h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
    if (w > 1 && h > 1) problems.push(`${short(a)} over ${short(b)}`);
  }));
  for (const path of document.querySelectorAll('#f .annotation-arrow-g path')) {
    const m = path.getScreenCTM(), length = path.getTotalLength();
    // plotly.js keeps an arrow off its parts (standoff) with a dash pattern: only the dashes are drawn
    const dashes = (getComputedStyle(path).strokeDasharray.match(/[\d.]+/g) || []).map(Number);
    const period = dashes.reduce((a, b) => a + b, 0);
    const drawn = (d) => { if (!period) return true;
      let at = d % period;
      for (let i = 0; i < dashes.length; i++) { if (at < dashes[i]) return i % 2 === 0; at -= dashes[i]; }
      return false; };
    for (let d = 0; d <= length; d += 2) {
      if (!drawn(d)) continue;
      const p = new DOMPoint(path.getPointAtLength(d).x, path.getPointAtLength(d).y).matrixTransform(m);
      const hit = boxes.find(([t, r]) => !flows.has(t) && p.x > r.left + 1 && p.x < r.right - 1 && p.y > r.top + 1 && p.y < r.bottom - 1);
      if (hit) { problems.push(`an arrow through ${short(hit[0])}`); break; }
    }
  }
  return {problems: [...new Set(problems)], text: texts.map((t) => t.textContent).join(' ')};
}"""


def test_on_a_phone_every_part_name_of_a_schakelbak_is_whole_inside_and_clear_of_arrows_and_labels(
    workbooks, plotting
):
    """Issue 16: at 390 px the part names were cut at the right edge ("Contractsam…") and lay on the arrows.
    The phone's twin drawn 370 px wide (a 390 px screen less the page's margins): each part's whole name
    is in the figure, and no text sticks out of it, covers another text or has an arrow through it."""
    pack, books = workbooks
    found = {}
    for who, wb in books.items():
        spec = figure_spec(narrow_of(schakelbak_figure(wb, pack)))
        spec["layout"]["width"] = 370  # as a live page draws it (paper.fit_width), not as built
        _draw(plotting, json.loads(json.dumps(spec)))
        drawn = plotting.evaluate(PART_LABELS_JS)
        squashed = "".join(drawn["text"].split())
        missing = [p.name for p in wb.schakelbak.parts if "".join(p.name.split()) not in squashed]
        if drawn["problems"] or missing:
            found[who] = {"problems": drawn["problems"][:10], "names not whole": missing}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
