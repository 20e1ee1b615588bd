"""Every kind of page works on a phone, a tablet and a projector, and every control has a name.

One real ``swc serve --pool 1`` on a copy of the demo with its answers; the
densest workbook page (dagdeel-4), a team's homework page and a dashboard,
each at 390, 820 and 1920 px wide. On each: nothing sticks out sideways,
the save status stays in view while the participant is halfway down the
page, the homework assignment is shown in full, and axe-core (installed by
``make install`` into tests/js/node_modules) finds no critical or serious
violation. Screenshots go to tests/artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from axe import AXE, AXE_JS, require_axe
from conftest import REPO, copy_sessions
from servers import chromium_browser, swc_serve

SHOTS = REPO / "tests" / "artifacts" / "screenshots"
PAGE_TIMEOUT = 180_000  # ms: kernel start + imports on a busy 2-core machine
WIDTHS = {"phone": (390, 844), "tablet": (820, 1180), "laptop": (1920, 1080)}
TEAM = "team-veen"


@dataclass(frozen=True)
class Target:
    name: str
    path: str  # after /voila/render/
    ready: str  # selector present once the page's widgets are there
    status: bool  # whether the page has a save status


TARGETS = [
    Target(
        "workbook-dagdeel-4", "dagdeel-4.ipynb?participant=p01", ".swc-page .swc-instrument", True
    ),
    Target(
        "homework",
        f"homework.ipynb?team={TEAM}&step=tussentijd-a",
        ".swc-page .swc-member-summary",
        True,
    ),
    Target("dashboard-dagdeel-5", "dashboards/dagdeel-5.ipynb", ".swc-dashboard .swc-panel", False),
]

OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > window.innerWidth + 1;
  }).slice(0, 5).map((e) => e.tagName + '.' + [...e.classList].join('.') + ' right=' + e.getBoundingClientRect().right);
  return {scrollWidth: root.scrollWidth, width: window.innerWidth, wide};
}"""

# Scroll every scrolling container halfway down (Voilà scrolls inside its own element), then
# where is the save status?
STATUS_JS = """() => {
  for (const el of [document.scrollingElement, ...document.querySelectorAll('*')]) {
    if (el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== 'visible') {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    }
  }
  const status = document.querySelector('.swc-status');
  if (!status) return null;
  const r = status.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: window.innerHeight, text: status.textContent,
          fontSize: parseFloat(getComputedStyle(status).fontSize)};
}"""

ASSIGNMENT_JS = """() => {
  const el = document.querySelector('.swc-assignment .swc-text');
  return el && {scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, text: el.textContent.length};
}"""

# Before the page's own scripts: every text node added while the page loads, read a moment after it
# was added (the page's template replaces Voilà's English notices in the meantime).
LOADING_TEXTS_JS = """
window.__swcLoadingTexts = [];
const texts = (node) => {
  if (node.nodeType === 3) return [node];
  if (node.nodeType !== 1 || node.tagName === 'SCRIPT') return [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), out = [];
  while (walker.nextNode()) out.push(walker.currentNode);
  return out;
};
new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
  texts(node).filter((t) => /^(Loading widget|Wordt geladen)/.test(t.data))
    .forEach((t) => setTimeout(() => window.__swcLoadingTexts.push(t.data), 0));
}))).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_axe()
    tmp = tmp_path_factory.mktemp("screens")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with swc_serve(sessions, log, "--pool", "1") as base, chromium_browser() as browser:
        yield {"base": base, "browser": browser, "log": log}


@pytest.fixture(scope="module")
def measured(served):
    """Each target at each width: what the checks need, measured once (one page load per target)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[str, str], dict] = {}
    for target in TARGETS:
        context = served["browser"].new_context(
            viewport=dict(zip(("width", "height"), WIDTHS["phone"]))
        )
        context.add_init_script(LOADING_TEXTS_JS)
        page = context.new_page()
        try:
            page.goto(f"{served['base']}/voila/render/{target.path}", wait_until="commit")
            try:
                page.wait_for_selector(target.ready, timeout=PAGE_TIMEOUT)
            except Exception:
                print(served["log"].read_text(errors="replace")[-4000:])
                page.screenshot(path=str(SHOTS / f"screens-{target.name}-not-ready.png"))
                raise
            page.add_script_tag(path=str(AXE))
            out[target.name, "loading"] = page.evaluate("() => window.__swcLoadingTexts")
            for screen, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(
                    700
                )  # let plotly and the layout follow the new size (not an assertion)
                page.evaluate(
                    "() => { for (const el of document.querySelectorAll('*')) el.scrollTop = 0; }"
                )
                page.screenshot(
                    path=str(SHOTS / f"screens-{target.name}-{screen}.png"), full_page=True
                )
                out[target.name, screen] = {
                    "overflow": page.evaluate(OVERFLOW_JS),
                    "assignment": page.evaluate(ASSIGNMENT_JS),
                    "axe": page.evaluate(AXE_JS),
                    "status": page.evaluate(STATUS_JS),
                }
                page.screenshot(path=str(SHOTS / f"screens-{target.name}-{screen}-middle.png"))
        finally:
            context.close()
    return out


CASES = [(t, s) for t in TARGETS for s in WIDTHS]
IDS = [f"{t.name}-{s}" for t, s in CASES]


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_nothing_sticks_out_sideways(measured, target, screen):
    overflow = measured[target.name, screen]["overflow"]
    assert overflow["scrollWidth"] <= overflow["width"] + 1, overflow


@pytest.mark.parametrize(
    "target,screen",
    [c for c in CASES if c[0].status],
    ids=[i for c, i in zip(CASES, IDS) if c[0].status],
)
def test_the_save_status_stays_in_view_halfway_down(measured, target, screen):
    status = measured[target.name, screen]["status"]
    assert status is not None, "no .swc-status on the page"
    assert status["text"].strip() and status["bottom"] > status["top"], status
    assert 0 <= status["top"] and status["bottom"] <= status["height"], status
    assert status["fontSize"] >= 16, status


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_widgets_load_in_dutch(measured, target):
    """Voilà's widget manager writes "Loading widget..." in each output until its widget is there."""
    from swc_core.messages import text

    seen = measured[target.name, "loading"]
    assert "Loading widget..." not in seen, seen
    assert text("serve.page.widget_loading") in seen, (
        "the notice was not seen at all: is the check still right?"
    )


@pytest.mark.parametrize("screen", WIDTHS)
def test_the_homework_assignment_shows_in_full(measured, screen):
    assignment = measured["homework", screen]["assignment"]
    assert assignment is not None and assignment["text"] > 80, assignment
    assert assignment["scrollHeight"] <= assignment["clientHeight"], assignment


@pytest.mark.parametrize("target,screen", CASES, ids=IDS)
def test_axe_finds_no_critical_or_serious_violation(measured, target, screen):
    violations = measured[target.name, screen]["axe"]
    print(json.dumps(violations, indent=1, ensure_ascii=False))
    assert violations == [], [f"{v['impact']} {v['id']} x{v['count']}" for v in violations]
