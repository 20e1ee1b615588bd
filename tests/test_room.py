"""The room behind the trainer's dashboards: one read of the store, counts the trainer can trust.

The demo edition and its answers (data/demo/answers.yml) are the room; the
expected counts below are read off that file by hand, so a change in the
aggregation (or in the demo answers) shows up here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swc_core.content import FIXED_IDS
from swc_core.edition import load_edition, open_store
from swc_core.errors import InputError
from swc_core.figures.text import label
from swc_core.messages import counted as phrase
from swc_core.messages import text
from swc_core.model import Workbook
from swc_core.room import DASHBOARDS, Names, Panel, load_room
from swc_core.settings import Settings

from conftest import copy_sessions

DASHBOARD_KEYS = (
    "intake",
    "dagdeel-1-2",
    "dagdeel-3",
    "dagdeel-4",
    "dagdeel-5",
    "eindsessie",
    "team",
    "overzicht",
)
FORMS = FIXED_IDS["forms"][1]  # organisatie, netwerk, contractsamenwerking, partnership
STATUSES = FIXED_IDS["goal_statuses"][1]  # open, in, van-tafel, gezamenlijk
KINDS = FIXED_IDS["dilemma_kinds"][1]  # trade-off, compromis
ANSWERS = FIXED_IDS["toets_answers"][1]  # ja, deels, nee, onbekend
TOETS = FIXED_IDS["toets"][1]  # kan, klopt, werkt, levert
TEAM = "team-veen"  # p01, p02, p04, p07 in sessions/demo/edition.yml


def demo(sessions: Path):
    return load_edition("demo", Settings(sessions_dir=sessions))


@pytest.fixture(scope="module")
def demo_sessions(tmp_path_factory) -> Path:
    """One copy of the demo edition with its answers, shared by the tests that only read it."""
    return copy_sessions(tmp_path_factory.mktemp("room"), with_demo_answers=True)


@pytest.fixture(scope="module")
def edition(demo_sessions):
    return demo(demo_sessions)


@pytest.fixture(scope="module")
def room(edition):
    with open_store(edition) as store:
        return load_room(store, edition)


@pytest.fixture(scope="module")
def panels(room, edition) -> dict[str, Panel]:
    """Every panel of every dashboard of the demo room, by key."""
    names = Names(edition, anonymous=False)
    return {p.key: p for key in DASHBOARD_KEYS for p in DASHBOARDS[key](room, names)}


@pytest.fixture
def own_demo(tmp_path):
    """A demo edition of this test's own, to save into."""
    edition = demo(copy_sessions(tmp_path, with_demo_answers=True))
    with open_store(edition) as store:
        yield edition, store


def bars(panel: Panel, series: int = 0) -> dict[str, float]:
    """The bars of one series: {category label as shown: value}."""
    fig = panel.figure
    trace = [t for t in fig["data"] if t["type"] == "bar"][series]
    horizontal = trace.get("orientation") == "h"
    axis = fig["layout"]["yaxis" if horizontal else "xaxis"]
    positions = trace["y"] if horizontal else trace["x"]
    values = trace["x"] if horizontal else trace["y"]
    shown = dict(zip(axis["tickvals"], axis["ticktext"]))
    return {shown[p]: v for p, v in zip(positions, values)}


def form_label(edition, form_id: str) -> str:
    return label(edition.content.form(form_id).name, 120, 28, 3)


# --- the room itself ----------------------------------------------------------


def test_room_of_the_edition_holds_every_participant_and_team(room, edition):
    assert list(room.workbooks) == [p.id for p in edition.spec.participants]
    assert set(room.homework) == set(edition.teams)
    assert room.team is None
    assert room.skipped == 0


def test_participant_without_answers_has_an_empty_workbook(room):
    """p04 and p12 saved nothing in the demo; they are in the room all the same."""
    assert room.workbooks["p04"] == Workbook()
    assert room.workbooks["p12"] == Workbook()


def test_room_of_a_team_holds_only_that_team(edition):
    with open_store(edition) as store:
        room = load_room(store, edition, team=TEAM)
    assert [p.id for p in room.members()] == ["p01", "p02", "p04", "p07"]
    assert set(room.workbooks) == {"p01", "p02", "p04", "p07"}
    assert list(room.homework) == [TEAM]
    assert room.team == TEAM


def test_unknown_team_is_refused(edition):
    with open_store(edition) as store, pytest.raises(InputError, match="onbekend team"):
        load_room(store, edition, team="team-bestaat-niet")


def test_revision_is_the_store_revision_and_grows_with_a_save(own_demo):
    edition, store = own_demo
    before = load_room(store, edition)
    assert before.revision == store.last_id()
    store.save(edition.name, "p04", "casus", {"title": "Nieuw"}, "test")
    after = load_room(store, edition)
    assert after.revision > before.revision
    assert after.workbooks["p04"].casus.title == "Nieuw"


def test_unparseable_field_is_skipped_not_fatal(own_demo):
    """A value the model refuses (written around the gate) is left out and counted; the rest stays."""
    edition, store = own_demo
    store.save(edition.name, "p01", "casus", {"title": 5}, "test")  # a number is no title
    store.save(edition.name, "p01", "casus.bogus", "x", "test")  # no such field
    store.save(edition.name, TEAM, "homework.tussentijd-a.herkenning", ["not", "text"], "test")
    room = load_room(store, edition)
    assert room.skipped == 3
    assert {p.where for p in room.problems} == {"p01", TEAM}
    assert room.workbooks["p01"].casus.title == ""  # the refused section is empty ...
    assert len(room.workbooks["p01"].schakelbak.parts) == 5  # ... the others are all there
    assert room.homework[TEAM].text("tussentijd-a", "herkenning") == ""
    names = Names(edition, anonymous=False)
    for key in DASHBOARD_KEYS:
        assert DASHBOARDS[key](room, names)
    overview = DASHBOARDS["overzicht"](room, names)[0]
    assert text("room.notes.skipped", count=3) in overview.note


# --- names --------------------------------------------------------------------


def test_names_are_the_participants_names(edition):
    names = Names(edition, anonymous=False)
    assert names("p01") == edition.participants["p01"].name
    assert names.team(TEAM) == edition.teams[TEAM].name


def test_anonymous_names_are_stable_numbers(edition):
    """The number is the place in the edition's list: the same on every dashboard, also in a team view."""
    one, other = Names(edition, anonymous=True), Names(edition, anonymous=True)
    for i, p in enumerate(edition.spec.participants, start=1):
        assert one(p.id) == other(p.id) == text("room.anonymous", n=i)
    assert one("p07") == "Deelnemer 7"
    assert one.team(TEAM) == edition.teams[TEAM].name  # teams keep their names


def test_anonymous_dashboards_show_no_participant_name(room, edition):
    names = Names(edition, anonymous=True)
    shown = " ".join(
        _everything_shown(p) for key in DASHBOARD_KEYS for p in DASHBOARDS[key](room, names)
    )
    for p in edition.spec.participants:
        assert p.name not in shown
    assert "Deelnemer 1" in shown


# --- every dashboard builds -----------------------------------------------------


def test_dashboards_are_the_promised_ones():
    assert tuple(DASHBOARDS) == DASHBOARD_KEYS


def test_every_dashboard_builds_for_the_demo_room(room, edition):
    names = Names(edition, anonymous=False)
    for key in DASHBOARD_KEYS:
        panels = DASHBOARDS[key](room, names)
        assert panels, key
        for panel in panels:
            assert panel.figure is not None or panel.html, panel.key
            assert panel.title and panel.note, panel.key
    assert (
        len({p.key for key in DASHBOARD_KEYS for p in DASHBOARDS[key](room, names)}) == 20
    )  # with the reflection panel


def test_every_dashboard_builds_for_an_empty_room(sessions_dir, store):
    """Before anyone typed a word: every panel still has a figure or table, and says there are no answers yet."""
    edition = demo(sessions_dir)
    room = load_room(store, edition)
    assert room.revision == 0
    names = Names(edition, anonymous=False)
    for key in DASHBOARD_KEYS:
        for panel in DASHBOARDS[key](room, names):
            assert panel.figure is not None or panel.html, panel.key
            assert panel.note == text("room.empty"), panel.key


def test_every_dashboard_builds_for_one_team(edition):
    with open_store(edition) as store:
        room = load_room(store, edition, team=TEAM)
    names = Names(edition, anonymous=False)
    shown = " ".join(
        _everything_shown(p) for key in DASHBOARD_KEYS for p in DASHBOARDS[key](room, names)
    )
    assert edition.participants["p01"].name in shown
    assert edition.participants["p05"].name not in shown  # another team


# --- counts against the demo answers -------------------------------------------------


def test_cases_per_domain_counts_each_typed_domain(panels, edition):
    """Ten participants named a domain, each a different one; the table lists all ten cases."""
    panel = panels["cases-per-domain"]
    counted = bars(panel)
    assert len(counted) == 10 and set(counted.values()) == {1}
    assert "veenweide" in counted and "stikstof en natuurherstel" in counted
    assert panel.note == text("room.notes.answered", count=10, total=12)
    assert panel.html.count("<tr>") == 1 + 10


def test_domains_differing_in_case_and_spaces_are_one(own_demo):
    edition, store = own_demo
    store.save(edition.name, "p04", "casus", {"title": "Polder", "domain": "  Veenweide "}, "test")
    panel = DASHBOARDS["intake"](load_room(store, edition), Names(edition))[0]
    assert bars(panel)["veenweide"] == 2


def test_competences_at_intake_count_participants_per_scale_point(panels, edition):
    """Eight participants scored the intake; p01 gave 'object' a 2."""
    panel = panels["competences-intake"]
    traces = panel.figure["data"]
    total_per_competence = [
        sum(t["x"][i] for t in traces) for i in range(len(edition.content.competences))
    ]
    assert total_per_competence == [8] * len(edition.content.competences)
    assert panel.note == text("room.notes.answered", count=8, total=12)


def test_forms_chosen_count_parts_across_cases(panels, edition):
    """p01 has five parts, p05 three, p06 four (one without form), p09 two (one without form)."""
    counted = bars(panels["forms-chosen"])
    expected = {"partnership": 4, "contractsamenwerking": 3, "netwerk": 4, "organisatie": 1}
    assert {f: counted[form_label(edition, f)] for f in FORMS} == expected
    assert counted[label(text("figures.no_form"), 120, 28, 3)] == 2
    assert panels["forms-chosen"].note == text(
        "room.notes.parts", parts=phrase("parts", 14), cases=phrase("cases", 4)
    )


def test_form_findings_are_counted_across_the_room(panels):
    counted = bars(panels["form-findings"])
    assert 0 < len(counted) <= 8
    assert list(counted.values()) == sorted(counted.values(), reverse=True)
    no_form = label(text("analysis.no_form"), 120, 28, 3)
    assert counted[no_form] == 2  # the two parts without a form (p06, p09)


def test_canvas_grid_has_a_row_per_participant_and_a_column_per_block(panels, edition):
    heat = [t for t in panels["canvas-completeness"].figure["data"] if t["type"] == "heatmap"][0]
    assert len(heat["z"]) == 12 and all(
        len(row) == len(edition.content.blocks) for row in heat["z"]
    )
    assert sum(heat["z"][0]) == len(edition.content.blocks)  # p01 filled every block
    assert sum(heat["z"][3]) == 0  # p04 none
    assert panels["canvas-completeness"].note == text(
        "room.notes.started_canvas", count=7, total=12
    )


def test_realisation_routes_count_tasks_across_cases(panels, edition):
    counted = bars(panels["realisation-routes"])
    expected = {"partnership": 2, "contractsamenwerking": 2, "netwerk": 2, "organisatie": 1}
    assert {f: counted[form_label(edition, f)] for f in FORMS} == expected


def test_role_placement_has_one_point_per_placed_participant(panels, edition):
    points = [t for t in panels["role-placement"].figure["data"] if t["type"] == "scatter"][0]
    placed = dict(zip(points["text"], zip(points["x"], points["y"])))
    assert placed == {
        edition.participants["p01"].name: (35, 70),
        edition.participants["p06"].name: (60, 55),
    }


def test_goal_status_per_case(panels, edition):
    """p01's eleven party goals: two joint, five in, two off the table, two open."""
    panel = panels["goal-status"]
    p01 = label(edition.participants["p01"].name, 120, 28, 3)
    per_status = {s: bars(panel, i)[p01] for i, s in enumerate(STATUSES)}
    assert per_status == {"open": 2, "in": 5, "van-tafel": 2, "gezamenlijk": 2}


def test_dilemma_balance_per_case(panels, edition):
    """p01: two trade-offs and a compromise; p06: one trade-off, three compromises."""
    panel = panels["dilemma-balance"]
    shown = {p: label(edition.participants[p].name, 120, 28, 3) for p in ("p01", "p06")}
    assert {p: [bars(panel, i)[n] for i in range(len(KINDS))] for p, n in shown.items()} == {
        "p01": [2, 1],
        "p06": [1, 3],
    }


def test_toets_grid_shows_each_answer(panels, edition):
    """p01 answered kan: ja, klopt: deels, werkt: nee, levert: onbekend."""
    heat = [t for t in panels["toets-results"].figure["data"] if t["type"] == "heatmap"][0]
    assert len(heat["z"][0]) == len(TOETS)
    assert list(heat["z"][0]) == [ANSWERS.index(a) for a in ("ja", "deels", "nee", "onbekend")]
    assert list(heat["z"][3]) == [len(ANSWERS)] * len(TOETS)  # p04: not answered


def test_competence_change_uses_only_participants_with_both_scores(panels, room, edition):
    """p01 and p06 scored both; the means are theirs alone."""
    panel = panels["competence-change"]
    first = edition.content.competences[0]
    scored = [room.workbooks[p] for p in ("p01", "p06")]
    intake = sum(wb.competences_intake[first.id] for wb in scored) / 2
    end = sum(wb.competences_end[first.id] for wb in scored) / 2
    shown = label(first.name, 120, max(10, 110 // len(edition.content.competences)), 3)
    assert (bars(panel, 0)[shown], bars(panel, 1)[shown]) == (intake, end)
    assert panel.note == text("room.notes.both_scores", count=2, total=12)


def test_team_homework_counts_filled_fields_per_tussentijd(panels, edition):
    """Team Veen filled all three fields of tussentijd A, Team Klimaat one of three, Team Landschap none."""
    panel = panels["team-homework"]
    heat = [t for t in panel.figure["data"] if t["type"] == "heatmap"][0]
    assert [round(row[0], 2) for row in heat["z"]] == [1.0, 0.33, 0.0]
    assert text("room.labels.fields_filled", filled=3, total=3) in panel.html


def test_edition_overview_groups_participants_by_team(panels, edition):
    fig = panels["edition-overview"].figure
    groups = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "group"]
    assert groups == [f"<b>{label(t.name, 60, 16, 3)}</b>" for t in edition.spec.teams]
    rows = list(fig["layout"]["yaxis"]["ticktext"])
    assert rows[:4] == [edition.participants[p].name for p in ("p01", "p02", "p04", "p07")]


# --- escaping ---------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def test_participant_text_is_escaped_in_panels(own_demo):
    """Casus, canvas, Schakelbak and toets texts with markup reach the dashboards only escaped."""
    edition, store = own_demo
    hostile = {
        "casus": {"title": SCRIPT, "domain": IMG, "area": SCRIPT},
        "toets": {"kan": {"answer": "ja", "evidence": IMG, "step_back": SCRIPT}},
        "role": {"focus": 10, "scope": 90, "shares": {}},
    }
    for key, value in hostile.items():
        store.save(edition.name, "p04", key, value, "test")
    room = load_room(store, edition)
    shown = [
        _everything_shown(p)
        for key in DASHBOARD_KEYS
        for p in DASHBOARDS[key](room, Names(edition))
    ]
    everything = " ".join(shown)
    assert "<script" not in everything.lower() and "<img" not in everything.lower()
    assert "&lt;script&gt;" in everything and "&lt;img src=x" in everything


def _everything_shown(panel: Panel) -> str:
    """The panel's HTML and every string in its figure (decoded from JSON, so no escape hides a '<')."""
    strings: list[str] = [panel.title, panel.note, panel.html]

    def walk(node) -> None:
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if panel.figure is not None:
        walk(json.loads(json.dumps(panel.figure)))
    return " ".join(strings)


def test_every_table_cell_carries_the_name_of_its_column():
    """On a phone a row of a room table is a card of named cells: each cell says which column it is in."""
    from html.parser import HTMLParser

    from swc_core.room.base import html_table

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.labels: list[str | None] = []

        def handle_starttag(self, tag, attrs):
            if tag == "td":
                self.labels.append(dict(attrs).get("data-label"))

    cells = Cells()
    cells.feed(html_table(["Team", "Wat er staat"], [["<b>Veen</b>", "a"], ["Klei", ""]]))
    assert cells.labels == ["Team", "Wat er staat"] * 2
