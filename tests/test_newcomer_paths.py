"""The three changes docs/architecture.md walks a newcomer through, each done here as the guide says.

1. a guiding question for a canvas block: an edit of data/content/canvas.yml, nothing else;
2. a panel on a dashboard: one builder, one line in ``swc_core.room.panels.PANELS``;
3. a field of an instrument: its spec (tests/test_instrument_specs.py shows the registries follow),
   its widget and its template.
"""

from __future__ import annotations

import shutil

import ipywidgets as W

from swc_core.edition import load_edition
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.canvas import CanvasInstrument

from conftest import REPO, copy_sessions

NEW_QUESTION = "Wie merkt het als het doel niet gehaald wordt?"


def _texts(root: W.Widget) -> str:
    stack, seen = [root], []
    while stack:
        widget = stack.pop()
        if isinstance(widget, (W.Label, W.HTML, W.HTMLMath)):
            seen.append(widget.value)
        stack.extend(getattr(widget, "children", ()) or ())
    return "\n".join(seen)


def test_a_guiding_question_added_in_the_yaml_is_on_the_canvas(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "data" / "content", content)
    canvas_yml = content / "canvas.yml"
    text = canvas_yml.read_text(encoding="utf-8")
    anchor = "      - Waaraan zie je over een paar jaar dat het gelukt is?\n"
    assert anchor in text  # the third question of the block "doelen"
    canvas_yml.write_text(
        text.replace(anchor, anchor + f"      - {NEW_QUESTION}\n"), encoding="utf-8"
    )
    sessions = copy_sessions(tmp_path)
    edition_yml = sessions / "demo" / "edition.yml"
    edition_yml.write_text(
        edition_yml.read_text(encoding="utf-8").replace(
            str(REPO / "data" / "content"), str(content)
        ),
        encoding="utf-8",
    )

    edition = load_edition("demo", Settings(sessions_dir=sessions))
    assert NEW_QUESTION in edition.content.block("doelen").questions
    with Store.open(f"sqlite:///{tmp_path / 'swc.db'}") as store:
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        canvas = CanvasInstrument(PageContext(edition, "p01", binding, {}, step="dagdeel-1-2"))
        assert NEW_QUESTION in _texts(canvas)


def test_a_panel_is_one_builder_and_one_line_in_panels(tmp_path, monkeypatch):
    from swc_core.edition import open_store
    from swc_core.room import panels
    from swc_core.room.base import Panel, html_table
    from swc_core.room.live import LiveRoom
    from widgets.dashboard import Dashboard

    def cases_with_a_title(room, names) -> Panel:  # the builder
        rows = [
            (names(p.id), room.workbooks[p.id].casus.title)
            for p in room.members()
            if room.workbooks[p.id].casus.title
        ]
        return Panel(
            "cases-with-a-title", "Casussen met een titel", html=html_table(("Wie", "Casus"), rows)
        )

    monkeypatch.setitem(
        panels.PANELS, "dagdeel-3", (*panels.PANELS["dagdeel-3"], cases_with_a_title)
    )  # the line

    settings = Settings(copy_sessions(tmp_path, with_demo_answers=True))
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        live = LiveRoom(store, edition, None, scheduler=ManualScheduler())
        board = Dashboard("dagdeel-3", live)
        live.start()
        shown = _texts(board)
    assert "Casussen met een titel" in shown
    assert "Veenweide" in shown  # a demo case's title, in the new panel's table
