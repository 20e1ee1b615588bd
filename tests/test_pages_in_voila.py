"""Each dagdeel page renders in Voilà, in headless Chromium, with no code and no errors.

Screenshots go to tests/artifacts/screenshots/ (git-ignored) so anyone can look.
"""

from __future__ import annotations

import pytest

from conftest import REPO, copy_sessions
from servers import chromium_browser, voila_server

STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie"]
SHOTS = REPO / "tests" / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("voila")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    with voila_server(
        REPO / "notebooks", {"SWC_SESSIONS_DIR": str(sessions)}, tmp / "voila.log"
    ) as base:
        with chromium_browser() as browser:
            yield base, browser, tmp / "voila.log"


@pytest.mark.parametrize("step", STEPS)
def test_dagdeel_page_renders_for_a_participant(served, step):
    base, browser, log = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Wait for the widgets themselves, not for every resource's "load" event: the page
    # is only done when the kernel connected and the page's widgets were rendered.
    page.goto(
        f"{base}/voila/render/{step}.ipynb?participant=p01", wait_until="commit", timeout=120_000
    )
    try:
        page.wait_for_selector(".swc-page", timeout=180_000)
    except Exception:
        print(
            log.read_text(errors="replace")[-3000:]
        )  # the server's side, for whoever reads the failure
        raise
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{step}.png"), full_page=True)
    text = page.inner_text("body")
    assert "Traceback" not in text and "open_workbook" not in text, (
        "no code or tracebacks on the page"
    )
    assert page.locator(".swc-error").count() == 0, page.inner_text(".swc-error")
    assert page.locator(".swc-instrument").count() >= 1
    page.close()
    assert not [e for e in errors if "favicon" not in e], errors


def test_the_loading_notice_speaks_dutch(served):
    """While Voilà runs the notebook the participant sees the spinner: its words come from data/ui."""
    import urllib.request

    from swc_core.messages import text

    base, _, _ = served
    with urllib.request.urlopen(
        f"{base}/voila/render/intake.ipynb?participant=p01", timeout=300
    ) as response:
        page = response.read().decode("utf-8")
    assert text("serve.page.loading") in page
    assert "Running" not in page
    # Voilà's own progress function ("Executing 1 of 3") is replaced by ours, defined after it
    assert page.rindex("window.update_loading_text = function") > page.index("Executing")
