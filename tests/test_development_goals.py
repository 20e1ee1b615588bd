"""The training's five development goals (essay) in the pack, framing the intake and the final self-assessment."""

from __future__ import annotations

import pytest

from swc_core.content import load_content
from swc_core.content.provenance import origin
from widgets.page import open_workbook

from content_factories import copy_pack, only

GOALS = ["taal", "type", "eisen", "strategie", "vitaliteit"]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_pack_holds_the_five_goals_from_the_essay():
    content = load_content()
    assert [g.id for g in content.development_goals] == GOALS
    assert origin(content, ["competences.development_goals"]).own is None, (
        "the essay's, not our own material"
    )
    assert all(g.name.strip() and g.description.strip() for g in content.development_goals)


@pytest.mark.parametrize(
    "step, lead",
    [
        ("intake", "Waar deze training naartoe werkt"),
        ("eindsessie", "Waar de training naartoe werkte"),
    ],
)
def test_the_goals_stand_right_above_the_self_assessment(sessions_dir, step, lead):
    page = open_workbook(step, edition="demo", participant="p01", sessions_dir=str(sessions_dir))
    children = list(page.children)
    frames = [
        i
        for i, w in enumerate(children)
        if "swc-development-goals" in getattr(w, "_dom_classes", ())
    ]
    assert len(frames) == 1, "one frame per page"
    below = children[frames[0] + 1]
    assert "swc-instrument-competenties" in below._dom_classes
    html = children[frames[0]].value
    assert lead in html and html.count("<li>") == 5
    assert "Een programma van eisen opstellen" in html


def test_no_other_page_shows_the_goals(sessions_dir):
    page = open_workbook(
        "dagdeel-3", edition="demo", participant="p01", sessions_dir=str(sessions_dir)
    )
    assert not any("swc-development-goals" in getattr(w, "_dom_classes", ()) for w in _walk(page))


def test_a_missing_goal_is_reported_with_the_missing_id(tmp_path):
    broken = copy_pack(tmp_path)
    broken.replace("competences.yml", "  - id: vitaliteit\n", "  - id: levenskracht\n")
    problems = broken.problems()
    assert only(problems, "'levenskracht'")
    assert only(problems, "'vitaliteit' ontbreekt")


def test_a_goal_with_markup_is_shown_as_text(tmp_path, sessions_dir):
    pack = copy_pack(tmp_path).replace(
        "competences.yml",
        "    name: Het passende type kiezen\n",
        '    name: "<b onclick=x>Het type</b>"\n',
    )
    loaded = load_content(pack.folder)
    from widgets.development_goals import development_goals_box

    html = development_goals_box(loaded, "intake").value
    assert "&lt;b onclick=x&gt;Het type&lt;/b&gt;" in html and "<b onclick" not in html
