"""The trainer finds one participant or team on a phone: a short landing page, every link one tap away.

One real ``swc serve --host 127.0.0.1`` on a copy of the demo, its trainer's
landing page opened in Chromium at 390x844 (the phone the room's QR code
invites). The page once was 11,864 px long: every participant's ten step
links one under the other. Now:

- the part from the teams heading down takes at most ``PER_PARTICIPANT`` px per participant plus
  ``PER_TEAM`` px per team (the team's heading, its homework row and its margins);
- every participant's every workbook link, their case link and every team's homework link is on the page,
  and visible at once or after one tap (on the fold that holds it), with a target a finger can hit;
- axe-core finds no critical or serious violation, folded and unfolded.

A screenshot of the page, folded and unfolded, goes to
tests/artifacts/screenshots/landing-on-a-phone-*.png (git-ignored).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from axe import AXE, AXE_JS, require_axe
from conftest import REPO, copy_sessions
from servers import chromium_browser, swc_serve

SHOTS = REPO / "tests" / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
PER_PARTICIPANT = 64  # px: one row (name, organisation) a finger can tap, folded
PER_TEAM = 160  # px: the team's heading, its homework row, the space around it
MIN_TARGET = 24  # px: WCAG 2.2 target size (minimum), 2.5.8


def _expected_links() -> dict[str, list[str]]:
    """Every link the trainer must reach, grouped by whose row holds it (a participant id or a team id)."""
    from swc_core.edition import load_edition
    from swc_core.serve.site import Site
    from swc_core.settings import Settings

    site = Site(load_edition("demo", Settings(sessions_dir=REPO / "sessions")))
    out: dict[str, list[str]] = {}
    for team in site.edition.teams.values():
        out[team.id] = [
            site.homework_path() + "?" + urlencode({"team": team.id, "step": s.id})
            for s in site.homework_steps()
        ]
        for pid in team.members:
            out[pid] = [
                site.render_path(s.id) + "?" + urlencode({"participant": pid})
                for s in site.workbook_steps()
            ] + ["/casus/" + pid]
    return out


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    """The trainer's landing page on a phone, from a real ``swc serve``."""
    require_axe()
    tmp = tmp_path_factory.mktemp("landing-phone")
    sessions = copy_sessions(tmp)
    with (
        chromium_browser() as browser,
        swc_serve(sessions, tmp / "serve.log", "--host", "127.0.0.1", "--pool", "0") as base,
    ):
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(
            f"{base}/t/{tokens['trainer']}"
        )  # the trainer link: cookie, then the landing page
        page.wait_for_selector(".swc-qr svg")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "landing-on-a-phone-folded.png"), full_page=True)
        try:
            yield page
        finally:
            context.close()


def _height_below_teams(page) -> dict:
    return page.evaluate(
        """(title) => {
        const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.trim() === title);
        const top = h.getBoundingClientRect().top + window.scrollY;
        return {page: document.documentElement.scrollHeight, teams: document.documentElement.scrollHeight - top};
    }""",
        _teams_title(),
    )


def _teams_title() -> str:
    from swc_core.messages import text

    return text("serve.landing.teams")


def test_the_trainers_landing_page_is_short_on_a_phone(landing):
    """From the teams heading down: a bound that grows with the room, not with the number of steps."""
    from swc_core.edition import load_edition
    from swc_core.settings import Settings

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    people, teams = len(edition.participants), len(edition.teams)
    bound = PER_PARTICIPANT * people + PER_TEAM * teams
    height = _height_below_teams(landing)
    assert height["teams"] <= bound, (
        f"teams part {height['teams']} px on a 390 px phone (whole page {height['page']} px), "
        f"bound {bound} px: {people} participants x {PER_PARTICIPANT} + {teams} teams x {PER_TEAM}"
    )


def test_every_link_is_on_the_page_and_one_tap_away(landing):
    """Each participant's workbooks and case and each team's homework: visible, or visible after one tap."""
    missing, hidden, small = [], [], []
    for owner, hrefs in _expected_links().items():
        for href in hrefs:
            link = landing.locator(f'a[href="{href}"]')
            if link.count() == 0:
                missing.append(href)
                continue
            link = link.first
            if not link.is_visible():
                fold = link.locator("xpath=ancestor::details[1]/summary")
                if fold.count() == 1:
                    fold.click()  # the one tap
            if not link.is_visible():
                hidden.append(href)
                continue
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            if box["height"] < MIN_TARGET or box["width"] < MIN_TARGET:
                small.append((href, box["width"], box["height"]))
    assert not missing, f"not on the page: {missing}"
    assert not hidden, f"not visible after one tap: {hidden}"
    assert not small, f"smaller than {MIN_TARGET} px for a finger: {small}"
    landing.screenshot(path=str(SHOTS / "landing-on-a-phone-unfolded.png"), full_page=True)


@pytest.mark.parametrize("folds", ["folded", "unfolded"])
def test_axe_finds_nothing_serious_on_the_phone(landing, folds):
    landing.evaluate(
        "(open) => document.querySelectorAll('details').forEach((d) => { d.open = open; })",
        folds == "unfolded",
    )
    landing.add_script_tag(path=str(AXE))
    assert landing.evaluate(AXE_JS) == []


def test_each_fold_opens_on_the_step_of_the_day(sessions_dir):
    """The trainer's rows: one fold per participant and per team's homework, today's step its first link."""
    import re
    from datetime import date

    from swc_core.edition import load_edition
    from swc_core.programme_day import step_on
    from swc_core.serve import Links, Tokens
    from swc_core.serve.access import Role, Visitor
    from swc_core.serve.landing import landing_page
    from swc_core.serve.site import Site
    from swc_core.settings import Settings

    demo = load_edition("demo", Settings(sessions_dir))
    day = date(2026, 11, 10)  # a tussentijd: a step with homework, so the team's fold has it too
    today = step_on(demo, day)
    page = landing_page(
        Site(demo), Visitor(Role.TRAINER), Links.build("127.0.0.1", 8866, Tokens.generate()), day
    )
    folds = re.findall(r"<details><summary>(.*?)</summary>(.*?)</details>", page, re.S)
    assert len(folds) == len(demo.participants) + len(demo.teams)
    for summary, links in folds:
        first = re.search(r"<a[^>]*href='([^']+)'", links).group(1)
        assert f"{today}.ipynb" in first or f"step={today}" in first, (summary, first)
