"""Every page type works on a phone, a tablet and a projector: nothing sideways, figures that fit, axe clean.

One real ``swc serve --host 127.0.0.1`` (personal links on, so the door and
the trainer's cards exist) on a copy of the demo with its answers, opened
by the trainer. Each page type once: the door (room link), the trainer's
landing page, every workbook page, a tussentijd's homework page, every
dashboard, a colleague's case read-only (``/casus/<id>``), the cards
(``/kaarten``) and the begrippenlijst (``/begrippen``). Handouts, the
praktijkboek and a presentation are measured the same way in
test_export_in_browser.py. Each page is loaded once and measured at 390, 820 and
1920 px wide by resizing the viewport (plotly.js redraws its figures at the
new width, as a phone turned sideways does):

- nothing sticks out sideways: no sideways scroll of the page or of a page-wide container;
- every figure is drawn inside the screen (its plot's bounding box within the viewport's width), and
  every figure the page declares is drawn: a 1,200 px figure once hid in a panel with ``overflow: hidden``;
  no text in a figure is under 12 px;
- on every workbook page and the homework page, no control cuts its label or value or lies on top of
  another control or a text (``CUT_JS``);
- axe-core (tests/js/node_modules, ``make install``) finds no critical or serious violation;
- on the dashboards: no word in a table breaks inside itself (a table too wide for a phone becomes cards),
  every category label of a bar chart or grid is drawn, inside its figure and clear of its neighbours,
  and no figure repeats the heading of its panel as its own title.

Screenshots of the whole page at each width go to
tests/artifacts/screenshots/every-page-<page>-<width>.png (git-ignored).
The save status, the homework assignment and Dutch loading notices are
checked on a few pages in test_pages_on_screens.py.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import pytest

from swc_core.figures.narrow import MIN_TEXT_PX  # no text in a figure smaller, on any screen

from axe import AXE, AXE_JS, require_axe
from conftest import REPO, copy_sessions
from servers import chromium_browser, swc_serve

SHOTS = REPO / "tests" / "artifacts" / "screenshots"
PAGE_TIMEOUT = 180_000  # ms: kernel start + imports on a busy 2-core machine
DRAW_TIMEOUT = 60_000  # ms: from the page's widgets being there to every figure drawn
RESIZE_TIMEOUT = (
    8_000  # ms: plotly.js follows a new width (it waits 100 ms after the last resize event)
)
WIDTHS = {"390": (390, 844), "820": (820, 1180), "1920": (1920, 1080)}
PARTICIPANT, COLLEAGUE, TEAM = "p01", "p03", "team-veen"
HOMEWORK_STEP = "tussentijd-a"
WORKBOOK_READY = ".swc-page .swc-instrument"


@dataclass(frozen=True)
class Target:
    """A page type: where it is and how to tell it has arrived."""

    name: str  # in screenshot names and test ids
    path: str  # after the base URL
    ready: str  # selector present once the page is there
    who: str = (
        "trainer"  # whose browser opens it: "trainer" or "room" (the door: a phone without a card)
    )


def _targets() -> list[Target]:
    from swc_core.edition import load_edition
    from swc_core.serve.site import Site
    from swc_core.settings import Settings

    site = Site(load_edition("demo", Settings(sessions_dir=REPO / "sessions")))
    targets = [
        Target("door", "/r/{room}", ".swc-door input", who="room"),
        Target("trainer-landing", "/", ".swc-qr svg"),
    ]
    targets += [
        Target(
            f"workbook-{s.id}",
            f"/voila/render/{s.id}.ipynb?participant={PARTICIPANT}",
            WORKBOOK_READY,
        )
        for s in site.workbook_steps()
    ]
    targets.append(
        Target(
            f"homework-{HOMEWORK_STEP}",
            f"/voila/render/homework.ipynb?team={TEAM}&step={HOMEWORK_STEP}",
            ".swc-page .swc-member-summary",
        )
    )
    targets += [
        Target(
            f"dashboard-{d.id}",
            f"/voila/render/dashboards/{d.id}.ipynb" + (f"?team={TEAM}" if d.id == "team" else ""),
            ".swc-dashboard .swc-panel",
        )
        for d in site.dashboards()
    ]
    targets += [
        Target("casus", f"/casus/{COLLEAGUE}", "main h1"),
        Target("kaarten", "/kaarten", "body *"),
        Target("begrippen", "/begrippen", "main .swc-glossary"),
    ]
    return targets


# SWC_EVERY_PAGE_ONLY=dashboard- measures only the pages whose name starts so (a quicker look while fixing);
# several prefixes are separated by commas (homework,workbook-dagdeel-3)
ONLY = tuple(os.environ.get("SWC_EVERY_PAGE_ONLY", "").split(","))
TARGETS = [t for t in _targets() if t.name.startswith(ONLY)]
# the pages whose controls are measured (CUT_JS): every workbook page and the homework page
WORKBOOKS = {t.name for t in TARGETS if t.name.startswith(("workbook-", "homework-"))}
FIGURE_PAGES = {"workbook-dagdeel-1-2", f"homework-{HOMEWORK_STEP}"}  # besides every dashboard

# Sideways: the page itself, and every container at least half the screen wide that scrolls sideways
# (Voilà scrolls its page inside an element of its own).
OVERFLOW_JS = """() => {
  const root = document.scrollingElement, vw = window.innerWidth;
  const scrolling = [...document.querySelectorAll('body *')].filter((e) => {
    if (e.clientWidth < vw / 2 || e.scrollWidth <= e.clientWidth + 1) return false;
    if (['TEXTAREA', 'SELECT', 'INPUT'].includes(e.tagName) || e.closest('.js-plotly-plot')) return false;
    const x = getComputedStyle(e).overflowX;
    return x === 'auto' || x === 'scroll';
  }).map((e) => `${e.tagName}.${[...e.classList].join('.')} ${e.scrollWidth}>${e.clientWidth}`);
  const beyond = [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > vw + 1 && !e.closest('.js-plotly-plot');
  }).slice(0, 5).map((e) => `${e.tagName}.${[...e.classList].join('.')} right=${e.getBoundingClientRect().right}`);
  return {scrollWidth: root.scrollWidth, width: vw, scrolling, beyond};
}"""

# The plots a reader can see (a figure's twin for the other screen size is display: none).
VISIBLE_PLOTS_JS = """const visiblePlots = () => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((p) => p.getClientRects().length > 0 && getComputedStyle(p).visibility !== 'hidden');"""

# plotly.js has followed the width: each visible plot's drawing is as wide as the element it is drawn in.
SETTLED_JS = f"""() => {{ {VISIBLE_PLOTS_JS}
  return visiblePlots().every((p) => {{
    const svg = p.querySelector('.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - p.getBoundingClientRect().width) < 2;
  }});
}}"""

# Every declared figure (widgets/figure_view.py FIGURE_CLASS) drawn with content, and where each plot is.
FIGURES_JS = f"""() => {{ {VISIBLE_PLOTS_JS}
  const vw = window.innerWidth, plots = visiblePlots();
  const box = (e) => {{ const r = e.getBoundingClientRect(); return {{left: r.left, right: r.right, width: r.width}}; }};
  const drawn = (p) => p.querySelector('.main-svg') && p.getBoundingClientRect().height > 50
                       && ((p.data || []).length > 0 || ((p.layout || {{}}).shapes || []).length > 0);
  const figures = [...document.querySelectorAll('.swc-figure')].filter((f) => f.getClientRects().length > 0);
  return {{
    declared: figures.length,
    drawn: figures.filter((f) => plots.some((p) => f.contains(p) && drawn(p))).length,
    plots: plots.length,
    outside: plots.map((p) => [p, p.querySelector('.main-svg') || p]).flatMap(([p, svg]) => [box(p), box(svg)])
      .filter((r) => r.left < -1 || r.right > vw + 1 || r.width > vw + 1),
    small: plots.flatMap((p) => [...p.querySelectorAll('.main-svg text')])
      .filter((t) => t.textContent.trim() && t.getClientRects().length > 0
                     && parseFloat(getComputedStyle(t).fontSize) < {MIN_TEXT_PX} - 0.5)
      .slice(0, 8).map((t) => `${{t.textContent.slice(0, 24)}} ${{getComputedStyle(t).fontSize}}`),
  }};
}}"""

# The dashboards' panels (issue 16): words a table broke inside themselves (each word of a cell's text, cut at
# spaces, hyphens and slashes, must lie on one line), category labels of a figure that are missing, outside the
# drawing or on top of a neighbour, and figure titles that repeat the panel's heading right above them.
PANELS_JS = f"""() => {{ {VISIBLE_PLOTS_JS}
  const broken = [];
  for (const cell of document.querySelectorAll('.swc-dashboard .swc-panel :is(td, th)')) {{
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      for (const word of node.textContent.matchAll(/[^\\s\\-\u2010-\u2014\\/]+/g)) {{
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(word[0]);
      }}
    }}
  }}
  const squash = (s) => s.replace(/\\s+/g, '').toLowerCase();
  const heading = (p) => (p.closest('.swc-panel')?.querySelector('.swc-panel-title')?.textContent || '').trim();
  const plots = visiblePlots().filter((p) => p.closest('.swc-dashboard'));
  const labels = [], titles = [];
  for (const p of plots) {{
    const svg = p.querySelector('.main-svg').getBoundingClientRect(), name = heading(p) || '?';
    const title = p.querySelector('.gtitle');
    if (title && heading(p) && squash(title.textContent) === squash(heading(p))) titles.push(name);
    for (const axis of ['x', 'y']) {{
      const ax = (p._fullLayout || {{}})[axis + 'axis'];
      if (!ax || !ax.visible || !Array.isArray(ax.ticktext)) continue;
      const expected = ax.ticktext.filter((t) => String(t).trim()).length;
      const drawn = [...p.querySelectorAll(`.${{axis}}tick text`)]
        .filter((t) => t.textContent.trim() && t.getClientRects().length > 0);
      const short = (t) => t.textContent.slice(0, 20);
      if (drawn.length < expected) labels.push(`${{name}}: ${{drawn.length}} of ${{expected}} ${{axis}} labels drawn`);
      for (const t of drawn) {{
        const r = t.getBoundingClientRect();
        if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
          labels.push(`${{name}}: "${{short(t)}}" outside the figure`);
      }}
      // two labels overlap when their boxes do in the frame of the text (turned labels: the turned frame)
      const boxIn = (a, b) => {{
        const m = a.getScreenCTM().inverse().multiply(b.getScreenCTM()), bb = b.getBBox();
        const [p1, p2] = [[bb.x, bb.y], [bb.x + bb.width, bb.y + bb.height]]
          .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
        return {{left: Math.min(p1.x, p2.x), right: Math.max(p1.x, p2.x), top: Math.min(p1.y, p2.y),
                 bottom: Math.max(p1.y, p2.y)}};
      }};
      drawn.forEach((a, i) => drawn.slice(i + 1).forEach((b) => {{
        const r = a.getBBox(), s = boxIn(a, b);
        const w = Math.min(r.x + r.width, s.right) - Math.max(r.x, s.left);
        const h = Math.min(r.y + r.height, s.bottom) - Math.max(r.y, s.top);
        if (w > 1 && h > 1) labels.push(`${{name}}: "${{short(a)}}" over "${{short(b)}}"`);
      }}));
    }}
  }}
  return {{broken: broken.slice(0, 12), labels: labels.slice(0, 12), titles}};
}}"""

# The workbook's and the homework's figures (issue 16: the Schakelbak's part names cut at a phone's right edge,
# the goals' names at its left edge, an empty canvas's note over its block headings): every text plotly.js drew,
# a tick label, a trace's text (clipped by plotly.js to the plot's area) or a note, inside the figure and not on
# top of another text. A flow label lies on its own arrow by design, and flow labels are kept apart already
# (test_paper_schakelbak_labels.py); covering a part's name or anything else is caught here.
FIGURE_TEXT_JS = f"""() => {{ {VISIBLE_PLOTS_JS}
  const problems = [];
  for (const p of visiblePlots()) {{
    const svg = p.querySelector('.main-svg').getBoundingClientRect();
    const area = (p.querySelector('.nsewdrag') || p.querySelector('.main-svg')).getBoundingClientRect();
    const name = (p._fullLayout?.title?.text || '?').replace(/<[^>]+>/g, '').slice(0, 20);
    // a dashboard's tick labels may be turned: test_every_category_label_of_a_dashboard_figure_... checks them
    const kinds = p.closest('.swc-dashboard') ? '.textpoint, g.annotation, .g-xtitle, .g-ytitle'
      : '.xtick, .ytick, .textpoint, g.annotation, .g-xtitle, .g-ytitle';
    const texts = [...p.querySelectorAll(`:is(${{kinds}}) text`)]
      .filter((t) => t.textContent.trim() && t.getClientRects().length > 0);
    const short = (t) => JSON.stringify(t.textContent.slice(0, 24));
    const boxes = texts.map((t) => [t, t.getBoundingClientRect(), t.closest('.textpoint') ? area : svg]);
    for (const [t, r, f] of boxes)
      if (r.left < f.left - 1 || r.right > f.right + 1 || r.top < f.top - 1 || r.bottom > f.bottom + 1)
        problems.push(`${{name}}: ${{short(t)}} outside the figure`);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {{
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 1 && h > 1) problems.push(`${{name}}: ${{short(a)}} over ${{short(b)}}`);
    }}));
  }}
  return [...new Set(problems)].slice(0, 16);
}}"""

# How tall the whole page is: Voilà scrolls inside its own element, so full_page alone shows one screen.
# Every control a participant reads, and what of its text it cannot show.
CUT_JS = """() => {
  const PHONE = 600, vw = window.innerWidth, canvas = document.createElement('canvas'), ctx = canvas.getContext('2d');
  const name = (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
    && !e.closest('.swc-named > label, [aria-hidden="true"]');
  const px = (v) => parseFloat(v) || 0;
  const textWidth = (e, text) => { const s = getComputedStyle(e);
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`; return ctx.measureText(text).width; };
  const inner = (e) => { const s = getComputedStyle(e);
    return e.clientWidth - px(s.paddingLeft) - px(s.paddingRight); };
  // an ancestor that hides what sticks out of it, cutting the control's box
  const clippedBy = (e) => { const r = e.getBoundingClientRect();
    if (getComputedStyle(e).position === 'fixed') return null;  // the save status: clipped by the screen only
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      if (a.scrollWidth > a.clientWidth + 1 && s.overflowX !== 'visible') {
        const b = a.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1) return name(a);
      }
    }
    return null; };
  // on a phone, a one-line field or a dropdown as wide as the column it is in can be no wider
  const full = (e) => { const column = e.closest('.widget-box') || e.parentElement;
    return vw <= PHONE && e.getBoundingClientRect().width >= column.getBoundingClientRect().width - 12; };
  const cut = [];
  const controls = document.querySelectorAll(
    '.swc-page :is(.widget-label, label, input[type=text], input:not([type]), textarea, select, button, .widget-toggle-button)');
  for (const e of controls) {
    if (!shown(e)) continue;
    const text = (e.tagName === 'INPUT' ? e.value : e.textContent || '').trim();
    const what = `${name(e)} "${text.slice(0, 40)}"`;
    const r = e.getBoundingClientRect();
    if (r.right > vw + 1) { cut.push(`${what}: right ${Math.round(r.right)} > ${vw}`); continue; }
    if (e.tagName === 'SELECT') {
      // the arrow of a dropdown takes about 20 px of the box, unless the box is sized to its content
      const sized = getComputedStyle(e).fieldSizing === 'content';
      const room = inner(e) - (e.multiple || e.size > 1 || sized ? 0 : 20);
      const options = e.multiple || e.size > 1 ? [...e.options] : [e.options[e.selectedIndex]].filter(Boolean);
      if (options.length === 1 && full(e)) continue;  // a phone's own list shows the whole option on a tap
      for (const o of options) {
        const w = textWidth(e, o.textContent.trim());
        if (w > room + 1) cut.push(`${name(e)} option "${o.textContent.trim().slice(0, 40)}": ${Math.round(w)} > ${Math.round(room)}`);
      }
      continue;
    }
    if (e.tagName === 'TEXTAREA') {  // wraps: all of it in view without scrolling inside the box
      if (e.value.trim() && e.scrollHeight > e.clientHeight + 1)
        cut.push(`${name(e)} "${e.value.slice(0, 40)}": ${e.scrollHeight} > ${e.clientHeight} px high`);
      continue;
    }
    if (!text) continue;
    if (e.scrollWidth > e.clientWidth + 1) {
      if (!(e.tagName === 'INPUT' && full(e))) cut.push(`${what}: ${e.scrollWidth} > ${e.clientWidth}`);
      continue; }
    const by = clippedBy(e);
    if (by) cut.push(`${what}: clipped by ${by}`);
  }
  // no control lies on top of another control or of a text (issue 16: dagdeel 3's partnership-type dropdown
  // over the explanation under it on a phone)
  const boxes = [...document.querySelectorAll(
    '.swc-page :is(input, textarea, select, button, .widget-label, .widget-html-content)')]
    .filter((e) => shown(e) && !(e.tagName === 'INPUT' && ['checkbox', 'radio'].includes(e.type)))
    // the save status stays at the bottom of the screen over the page, by design (widgets/autosave.py)
    .filter((e) => { for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).position === 'fixed') return false;
      return true; })
    .map((e) => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.height > 0);
  const isControl = (e) => ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(e.tagName);
  boxes.forEach(([a, r], i) => { if (!isControl(a)) return;
    boxes.forEach(([b, s], j) => {
      if (i === j || a.contains(b) || b.contains(a) || (isControl(b) && j < i)) return;
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 2 && h > 2)
        cut.push(`${name(a)} over ${name(b)} "${(b.value || b.textContent || '').trim().slice(0, 30)}": ${Math.round(w)}x${Math.round(h)} px`);
    }); });
  return cut;
}"""


# WCAG 2.2, SC 2.5.8 Target Size (Minimum), level AA: a control is at least 24 x 24 CSS px (a link inside a
# sentence is exempt, as the criterion says). A check box or radio button counts with its label, which takes
# the tap too. Issue 16: "controls a finger can use"; a screenshot review found 19 px dropdowns on a phone.
TARGET_PX = 24
TARGETS_JS = """() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const small = [];
  for (const e of document.querySelectorAll('button, select, textarea, input, summary, [role=button]')) {
    if (!shown(e) || e.disabled || e.type === 'hidden') continue;
    const box = (['checkbox', 'radio'].includes(e.type) && e.closest('label')) || e;
    const r = box.getBoundingClientRect();
    if (r.width < %(px)d - 0.5 || r.height < %(px)d - 0.5)
      small.push(`${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''} "${(e.value || e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}": ${Math.round(r.width)}x${Math.round(r.height)} px`);
  }
  return small;
}""" % {"px": TARGET_PX}


HEIGHT_JS = """() => Math.max(document.scrollingElement.scrollHeight,
  ...[...document.querySelectorAll('.swc-page, .swc-dashboard, .jp-LinkedOutputView, .lm-Widget')]
    .map((e) => e.scrollHeight))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_axe()
    tmp = tmp_path_factory.mktemp("every-page")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with (
        chromium_browser() as browser,
        swc_serve(sessions, log, "--host", "127.0.0.1", "--pool", "0") as base,
    ):
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        yield {"base": base, "browser": browser, "log": log, "tokens": tokens, "sessions": sessions}


def _context(served, who: str):
    width, height = WIDTHS["390"]
    # bypass_csp: axe is injected into pages whose policy allows no inline script (the case page)
    context = served["browser"].new_context(
        viewport={"width": width, "height": height}, bypass_csp=True
    )
    if who == "trainer":  # the trainer's link sets the cookie that opens every page
        page = context.new_page()
        page.goto(f"{served['base']}/t/{served['tokens']['trainer']}")
        page.close()
    return context


def _load(served, context, target: Target, errors: list[str]):
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"{target.name}: {e}"))
    page.goto(
        served["base"] + target.path.format(room=served["tokens"]["room"]), wait_until="commit"
    )
    try:
        page.wait_for_selector(target.ready, timeout=PAGE_TIMEOUT, state="attached")
        if target.path.startswith("/voila/"):
            _wait_for_figures(page)
    except Exception:
        print(served["log"].read_text(errors="replace")[-4000:])
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"every-page-{target.name}-not-ready.png"))
        raise
    page.add_script_tag(path=str(AXE))
    return page


def _wait_for_figures(page) -> None:
    """Until every figure the page declares holds a drawn plot (measured, not asserted, here)."""
    deadline = time.monotonic() + DRAW_TIMEOUT / 1000
    while time.monotonic() < deadline:
        counts = page.evaluate(FIGURES_JS)
        if counts["drawn"] == counts["declared"]:
            return
        time.sleep(0.3)


def _settle(page) -> None:
    """Until plotly.js has redrawn every plot at the new width (it may not: then the checks say so)."""
    try:
        page.wait_for_function(SETTLED_JS, timeout=RESIZE_TIMEOUT, polling=200)
    except Exception:  # noqa: BLE001 - a plot that never fits is what test_every_figure_fits reports
        pass


def _shoot(page, name: str, width: int, height: int) -> None:
    """The whole page at ``width``: the viewport made as tall as the page, then back."""
    tall = min(max(page.evaluate(HEIGHT_JS) + 50, height), 12_000)
    if tall > height:
        page.set_viewport_size({"width": width, "height": tall})
        _settle(page)
    page.screenshot(path=str(SHOTS / f"every-page-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": height})


@pytest.fixture(scope="module")
def measured(served):
    """Each page at each width: what the checks need, measured on one load of the page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    out: dict = {"errors": []}
    contexts = {who: _context(served, who) for who in ("trainer", "room")}
    try:
        for target in TARGETS:
            page = _load(served, contexts[target.who], target, out["errors"])
            try:
                for screen, (width, height) in WIDTHS.items():
                    page.set_viewport_size({"width": width, "height": height})
                    _settle(page)
                    out[target.name, screen] = {
                        "overflow": page.evaluate(OVERFLOW_JS),
                        "figures": page.evaluate(FIGURES_JS),
                        "panels": page.evaluate(PANELS_JS),
                        "cut": page.evaluate(CUT_JS) if target.name in WORKBOOKS else [],
                        "figure_text": page.evaluate(FIGURE_TEXT_JS),
                        "axe": page.evaluate(AXE_JS),
                        "small_targets": page.evaluate(TARGETS_JS),
                    }
                    _shoot(page, target.name, width, height)
            finally:
                page.close()
    finally:
        for context in contexts.values():
            context.close()
    return out


CASES = [(t, s) for t in TARGETS for s in WIDTHS]
IDS = [f"{t.name}-{s}" for t, s in CASES]
DASHBOARD_CASES = [(t, s) for t, s in CASES if t.name.startswith("dashboard-")]
DASHBOARD_IDS = [f"{t.name}-{s}" for t, s in DASHBOARD_CASES]
WORKBOOK_CASES = [(t, s) for t, s in CASES if t.name in WORKBOOKS]
WORKBOOK_IDS = [f"{t.name}-{s}" for t, s in WORKBOOK_CASES]


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_nothing_sticks_out_sideways(measured, target, screen):
    overflow = measured[target.name, screen]["overflow"]
    assert overflow["scrollWidth"] <= overflow["width"] + 1, overflow
    assert not overflow["scrolling"], overflow


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_every_figure_is_drawn_inside_the_screen(measured, target, screen):
    figures = measured[target.name, screen]["figures"]
    assert figures["drawn"] == figures["declared"], figures
    assert not figures["outside"], figures
    assert not figures["small"], f"figure text under {MIN_TEXT_PX} px: {figures['small']}"
    if target.name in FIGURE_PAGES or target.name.startswith("dashboard-"):
        assert figures["declared"] >= 1 and figures["plots"] >= figures["declared"], figures


@pytest.mark.parametrize("target,screen", DASHBOARD_CASES, ids=DASHBOARD_IDS)
def test_no_word_in_a_dashboard_table_breaks_inside_itself(measured, target, screen):
    """A table too wide for the screen reads differently (cards on a phone), never as columns of letters."""
    assert measured[target.name, screen]["panels"]["broken"] == []


@pytest.mark.parametrize("target,screen", DASHBOARD_CASES, ids=DASHBOARD_IDS)
def test_every_category_label_of_a_dashboard_figure_is_drawn_clear_of_the_others(
    measured, target, screen
):
    """Each bar's and each grid column's name is there, inside the figure, and not on top of its neighbour."""
    assert measured[target.name, screen]["panels"]["labels"] == []


@pytest.mark.parametrize("target,screen", DASHBOARD_CASES, ids=DASHBOARD_IDS)
def test_no_dashboard_figure_repeats_the_heading_of_its_panel(measured, target, screen):
    assert measured[target.name, screen]["panels"]["titles"] == []


@pytest.mark.parametrize("target,screen", WORKBOOK_CASES, ids=WORKBOOK_IDS)
def test_no_control_on_a_workbook_page_cuts_its_text(measured, target, screen):
    """Every visible label, text field, text area, dropdown, list box and button shows all of its text.

    A screenshot review found option texts cut in tussentijd-c, "Aan wie" cut in tussentijd-d and the
    intake's party names cut at 820 px. A label, button or text field is no wider inside than drawn and not
    clipped by an ancestor; a text area shows all it holds without scrolling; a dropdown's chosen option
    (each option of a list box) fits its box; nothing reaches past the screen's right edge. By necessity,
    on a phone a one-line field or a dropdown that fills its column may scroll inside (a phone's own list
    shows each option whole on a tap); fields that hold a sentence are text areas that grow. And no control
    lies on top of another control or a text (dagdeel 3's dropdown over the explanation under it).
    """
    assert measured[target.name, screen]["cut"] == [], json.dumps(
        measured[target.name, screen]["cut"], indent=1, ensure_ascii=False
    )


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_every_text_of_a_figure_is_inside_it_and_clear_of_the_others(measured, target, screen):
    """Issue 16: at 390 px the Schakelbak's part names ran past the right edge and onto the arrows, the goals'
    names past the left edge, and an empty canvas wrote its note over the block headings; on a projector's
    two-column dashboard the role chart's focus axis name lay on the names of the axis's ends. Every tick
    label, axis name, part name and note plotly.js drew lies inside its figure and on no other text (a
    dashboard's tick labels: test_every_category_label_of_a_dashboard_figure_is_drawn_clear_of_the_others)."""
    assert measured[target.name, screen]["figure_text"] == [], json.dumps(
        measured[target.name, screen]["figure_text"], indent=1, ensure_ascii=False
    )


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_every_control_is_large_enough_to_tap(measured, target, screen):
    """Every button, dropdown, text field, check box (with its label) and fold is at least TARGET_PX square."""
    assert measured[target.name, screen]["small_targets"] == [], json.dumps(
        measured[target.name, screen]["small_targets"], indent=1, ensure_ascii=False
    )


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_axe_finds_no_critical_or_serious_violation(measured, target, screen):
    violations = measured[target.name, screen]["axe"]
    print(json.dumps(violations, indent=1, ensure_ascii=False))
    assert violations == [], [f"{v['impact']} {v['id']} x{v['count']}" for v in violations]


def test_no_page_raised_a_script_error(measured):
    assert measured["errors"] == []
