"""The live dashboard widgets, driven without a browser: real SQLite store, a hand-moved clock."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.room.live import LiveRoom
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from widgets.dashboard import Dashboard

from conftest import REPO, copy_sessions


@pytest.fixture
def demo(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    settings = Settings(sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        yield edition, store, settings


def _dashboard(demo, kind: str, team: str | None = None) -> tuple[Dashboard, ManualScheduler]:
    edition, store, _ = demo
    clock = ManualScheduler()
    live = LiveRoom(store, edition, team, scheduler=clock)
    board = Dashboard(kind, live)
    live.start()
    return board, clock


def _save_in_another_process(edition, settings, subject: str, field: str, value) -> None:
    code = (
        "import sys, json; from swc_core.edition import load_edition, open_store; from swc_core.settings import Settings;"
        "s = Settings(__import__('pathlib').Path(sys.argv[1])); ed = load_edition('demo', s);"
        "st = open_store(ed, s); st.save('demo', sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), author='other')"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(settings.sessions_dir), subject, field, json.dumps(value)],
        check=True,
        cwd=REPO,
        timeout=120,
    )


def _figure_json(board: Dashboard, key: str) -> str:
    """What the page has of the panel's figure: the Output widget's synced ``outputs``."""
    return json.dumps(board._views[key].plot.outputs, sort_keys=True)


def test_a_save_in_another_process_shows_after_one_poll(demo):
    edition, _, settings = demo
    board, clock = _dashboard(demo, "intake")
    before = board.live.room.revision
    old = _figure_json(board, "cases-per-domain")
    _save_in_another_process(
        edition, settings, "p02", "casus", {"title": "Nieuwe casus", "domain": "kwelwater"}
    )
    clock.advance(0.5)
    assert board.live.room.revision > before
    assert _figure_json(board, "cases-per-domain") != old
    assert board.live.room.workbooks["p02"].casus.domain == "kwelwater"


def test_nothing_is_redrawn_when_nothing_was_saved(demo):
    board, clock = _dashboard(demo, "dagdeel-3")
    redraws = []
    board.live.on_change(lambda room: redraws.append(room.revision))
    clock.advance(5)
    assert redraws == []
    assert clock.pending == 1, "still polling"


def test_frozen_view_holds_back_changes_until_released(demo):
    edition, store, _ = demo
    board, clock = _dashboard(demo, "intake")
    board.controls.freeze_button.value = True
    old = _figure_json(board, "cases-per-domain")
    store.save("demo", "p02", "casus", {"title": "X", "domain": "bevroren-domein"}, author="t")
    clock.advance(0.5)
    assert _figure_json(board, "cases-per-domain") == old
    assert "1 nieuwe" in board.controls.status.value
    board.controls.freeze_button.value = False
    assert _figure_json(board, "cases-per-domain") != old


def test_names_are_hidden_until_the_trainer_shows_them(demo):
    from swc_core.room import DASHBOARDS

    edition, _, _ = demo
    board, _ = _dashboard(demo, "overzicht")
    first = edition.spec.participants[0].name

    def overview() -> str:
        panels = {p.key: p for p in DASHBOARDS["overzicht"](board.live.room, board.names())}
        return json.dumps(panels["edition-overview"].figure)

    assert first not in overview()
    board.controls.names_button.value = True
    assert first in overview()


def test_the_toggles_say_what_pressing_them_does_next(demo):
    """A projected toggle looks the same pressed or not: its label must change with its state."""
    from swc_core.messages import text

    board, _ = _dashboard(demo, "overzicht")
    names, freeze = board.controls.names_button, board.controls.freeze_button
    assert (names.description, freeze.description) == (
        text("dashboard.controls.names"),
        text("dashboard.controls.freeze"),
    )
    names.value, freeze.value = True, True
    assert (names.description, freeze.description) == ("Namen verbergen", "Beeld vrijgeven")
    names.value, freeze.value = False, False
    assert (names.description, freeze.description) == ("Namen tonen", "Beeld bevriezen")


def test_the_status_line_shows_its_text_as_text(demo):
    """The status line was the one catalogue text placed in the page unescaped (issue 18); now a template escapes it."""
    from datetime import datetime

    from swc_core.messages import text as ui_text

    board, _ = _dashboard(demo, "intake")
    board.controls.show_updated(datetime(2026, 11, 10, 9, 30, 5))
    assert board.controls.status.value == (
        f"<span class='swc-dash-status swc-live'>{ui_text('dashboard.status.updated', time='09:30:05')}</span>"
    )
    board.controls._set_status("<b>live</b> & <script>x</script>", "swc-live")
    assert (
        "&lt;b&gt;live&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"
        in board.controls.status.value
    )
    assert "<script>" not in board.controls.status.value


def test_panel_titles_and_notes_are_text():
    """A panel's title and note reach the projector escaped (a title can hold a team's name)."""
    from swc_core.room.base import Panel
    from widgets.dashboard.panel_view import PanelView

    view = PanelView(
        Panel(key="k", title="<i>titel</i>", note="<b>noot</b> & meer", html="", figure=None)
    )
    assert view.heading.value == "<h2 class='swc-panel-title'>&lt;i&gt;titel&lt;/i&gt;</h2>"
    assert view.note.value == "<div class='swc-panel-note'>&lt;b&gt;noot&lt;/b&gt; &amp; meer</div>"


def test_the_rondgang_shows_a_name_with_markup_as_text(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    path = sessions / "demo" / "edition.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: Annelies Verhoef", 'name: "<b>Annelies</b> & co"'
        ),
        encoding="utf-8",
    )
    edition = load_edition("demo", Settings(sessions))
    with open_store(edition, Settings(sessions)) as store:
        board, _ = _dashboard((edition, store, None), "dagdeel-1-2")
        board.controls.names_button.value = True  # names shown
        while board.rondgang.current != "p01":
            board.rondgang.move(1)
        assert (
            "<span class='swc-rondgang-who'>&lt;b&gt;Annelies&lt;/b&gt; &amp; co</span>"
            in board.rondgang.who.value
        )


def test_team_picker_limits_the_room_to_one_team(demo):
    edition, _, _ = demo
    board, _ = _dashboard(demo, "dagdeel-1-2")
    team = next(iter(edition.teams.values()))
    board.controls.team_picker.value = team.id
    assert board.live.team == team.id
    assert [p.id for p in board.live.room.members()] == list(team.members)
    assert board.rondgang is not None and board.rondgang.current in team.members


def test_rondgang_steps_round_the_members(demo):
    board, _ = _dashboard(demo, "dagdeel-1-2")
    members = [p.id for p in board.live.room.members()]
    assert board.rondgang.current == members[0]
    board.rondgang.move(-1)
    assert board.rondgang.current == members[-1]
    board.rondgang.move(2)
    assert board.rondgang.current == members[1]


def test_team_dashboard_shows_one_team_and_offers_no_whole_edition(demo):
    from widgets.dashboard.page import _team_for

    edition, _, _ = demo
    first_team = next(iter(edition.teams))
    assert _team_for("team", edition, "") == first_team
    board, _ = _dashboard(demo, "team", first_team)
    assert "" not in [value for _, value in board.controls.team_picker.options]


@pytest.mark.parametrize(
    "kind",
    [
        "overzicht",
        "team",
        "intake",
        "dagdeel-1-2",
        "dagdeel-3",
        "dagdeel-4",
        "dagdeel-5",
        "eindsessie",
    ],
)
def test_every_dashboard_notebook_has_its_builder(kind):
    from swc_core.room import DASHBOARDS

    assert kind in DASHBOARDS
    assert (REPO / "notebooks" / "dashboards" / f"{kind}.ipynb").is_file()


def test_an_unknown_team_in_the_address_gives_a_clear_message(tmp_path, monkeypatch):
    from widgets.dashboard import open_dashboard

    sessions = copy_sessions(tmp_path)
    page = open_dashboard(
        "intake", edition="demo", team="team-bestaat-niet", sessions_dir=str(sessions)
    )
    assert "team-bestaat-niet" in page.value and "swc-error" in page.value
