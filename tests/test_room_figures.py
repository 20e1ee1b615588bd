"""The room figures read from the back of a plenary room: large type, full width, never a blank plot."""

from __future__ import annotations

import json

import pytest

from swc_core.figures.narrow import MIN_TEXT_PX, NARROW_TICK, narrow_of
from swc_core.figures.room import (
    Category,
    Cells,
    Series,
    bar_figure,
    category_grid,
    ramp,
    share_grid,
)
from swc_core.figures.room.layout import TICK
from swc_core.messages import text
from swc_core.room import DASHBOARDS, Names, load_room

from test_room import DASHBOARD_KEYS, demo, demo_sessions, edition, room  # noqa: F401 - shared fixtures


def font_sizes(fig) -> list[float]:
    """Every font size set anywhere in the figure (layout, traces, annotations, axes)."""
    found: list[float] = []

    def walk(node, in_font: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if in_font and key == "size" and isinstance(value, (int, float)):
                    found.append(value)
                walk(value, key.endswith("font"))
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(json.dumps(fig)))
    return found


def empty_notes(fig) -> list[str]:
    return [a["text"] for a in fig["layout"].get("annotations", []) if a.get("name") == "empty"]


@pytest.fixture(scope="module")
def figures(room, edition):  # noqa: F811 - the shared fixture
    names = Names(edition)
    return {
        p.key: p.figure for key in DASHBOARD_KEYS for p in DASHBOARDS[key](room, names) if p.figure
    }


def test_every_room_figure_is_projector_sized(figures):
    """1200 px wide, and no text below 18 px: not a tick, a legend entry, a cell or an annotation."""
    for key, fig in figures.items():
        assert fig["layout"]["width"] == 1200, key
        assert fig["layout"]["font"]["size"] >= 18, key
        assert min(font_sizes(fig)) >= TICK, key


def test_empty_room_figures_say_there_are_no_answers_yet(sessions_dir, store):
    edition = demo(sessions_dir)
    room = load_room(store, edition)
    names = Names(edition)
    for key in DASHBOARD_KEYS:
        for panel in DASHBOARDS[key](room, names):
            if (
                panel.figure is None
            ):  # a table-only panel (the reflection): no rows for nobody's answers
                assert "<td" not in panel.html, panel.key
                continue
            assert empty_notes(panel.figure) == [text("room.empty")], panel.key


def test_bars_with_nothing_to_show_say_so():
    fig = bar_figure("Titel", [], [Series("", [], "#000000")], nothing="geen aandachtspunten")
    assert empty_notes(fig) == ["geen aandachtspunten"]


def test_a_row_of_zeros_is_an_answer_not_an_empty_room():
    """Everything arranged is worth showing: zeros are drawn, not replaced by "nog geen antwoorden"."""
    fig = bar_figure("Titel", ["a", "b"], [Series("", [0, 0], "#000000")])
    assert empty_notes(fig) == []
    assert list(fig["data"][0]["x"]) == [0, 1] and list(fig["data"][0]["y"]) == [0, 0]


def test_small_counts_get_one_tick_per_whole_number():
    fig = bar_figure("Titel", ["a", "b"], [Series("", [1, 2], "#000000")], horizontal=True)
    assert fig["layout"]["xaxis"]["dtick"] == 1


def test_grid_labels_and_hover_are_escaped():
    cells = Cells(
        ["<b>rij</b>"], ["<i>kolom</i>"], [["<script>x</script>\nregel"]], [("<u>team</u>", 1)]
    )
    for fig in (
        category_grid("T", cells, [[0]], [Category("<s>ja</s>", "#00ff00")]),
        share_grid("T", cells, [[0.5]]),
    ):
        shown = json.dumps(fig)
        assert "<script" not in shown and "<b>rij" not in shown and "<i>kolom" not in shown
        heat = [t for t in fig["data"] if t["type"] == "heatmap"][0]
        assert heat["hovertext"][0][0] == "&lt;script&gt;x&lt;/script&gt;<br>regel"


def test_long_column_names_are_turned_instead_of_broken():
    cells = Cells(["a"], ["Besluitvorming", "Investeringen"])
    fig = share_grid("T", Cells(["a"], ["Besluitvorming"] * 9), [[0.1] * 9])
    assert fig["layout"]["xaxis"]["tickangle"] == -35
    assert share_grid("T", cells, [[0.1, 0.2]])["layout"]["xaxis"]["tickangle"] == 0


def test_ramp_runs_light_to_dark():
    colours = ramp(5)
    assert len(colours) == 5 and len(set(colours)) == 5
    assert ramp(2) == [colours[0], colours[-1]]


def test_no_panel_figure_repeats_the_heading_of_its_panel(room, edition):  # noqa: F811 - the shared fixtures
    """The panel's heading stands right above its figure: the figure has no title of its own, on no screen."""
    names = Names(edition)
    for key in DASHBOARD_KEYS:
        for panel in DASHBOARDS[key](room, names):
            if panel.figure is not None:
                for fig in (panel.figure, narrow_of(panel.figure)):
                    assert not (fig["layout"].get("title") or {}).get("text"), panel.key


def test_on_a_phone_every_bar_chart_lies_down_with_every_name_beside_its_bar():
    """Upright bars on a phone turned their names and dropped some; lying down, each name wraps beside its bar."""
    names = ["Uitvoeringspartnership", "Ontwikkelpartnership", "Gebiedspartnership"]
    fig = bar_figure("", names, [Series("", [0, 1, 1], "#000000")])
    phone = narrow_of(fig)
    assert fig["data"][0].get("orientation") is None and phone["data"][0]["orientation"] == "h"
    assert phone["layout"]["yaxis"]["ticktext"] == names
    assert phone["layout"]["yaxis"].get("tickangle") is None
    assert min(font_sizes(phone)) >= MIN_TEXT_PX


def test_a_phone_gives_each_bar_the_height_of_its_name():
    long = "Partnership – maak bindende afspraken rond het gezamenlijke doel."
    fig = narrow_of(bar_figure("", [long] * 6, [Series("", [1] * 6, "#000000")], horizontal=True))
    lines = max(t.count("<br>") + 1 for t in fig["layout"]["yaxis"]["ticktext"])
    assert lines >= 3 and fig["layout"]["height"] >= 6 * lines * NARROW_TICK


def test_on_a_phone_grid_columns_stand_upright_and_groups_head_their_rows():
    cells = Cells(
        [f"Deelnemer {i}" for i in range(1, 5)],
        [f"Dagdeel {i}" for i in range(1, 11)],
        groups=[("Team Veen", 2), ("Team Klei", 2)],
    )
    phone = narrow_of(share_grid("", cells, [[1.0] * 10] * 4))
    assert (
        phone["layout"]["xaxis"]["tickangle"] == -90
    )  # ten columns share 340 px: no name fits across
    assert phone["layout"]["yaxis"]["ticktext"][0] == "<b>Team Veen</b>"
    assert len(phone["layout"]["yaxis"]["ticktext"]) == 6
    assert not [a for a in phone["layout"].get("annotations", []) if a.get("name") == "group"]
    heat = [t for t in phone["data"] if t["type"] == "heatmap"][0]
    assert {c for row in heat["text"] for c in row} == {
        ""
    }  # "100%" does not fit a 24 px cell: the shade says it
