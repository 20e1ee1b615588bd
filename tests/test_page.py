"""A workbook page: header with who and what, the step's instruments, and errors as a Dutch line."""

from __future__ import annotations

import ipywidgets as W
import pytest

from swc_core.errors import InputError
from swc_core.messages import text as ui_text
from swc_core.page_params import PageParams, page_params
from widgets.page import error_box, failure_box, open_workbook


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _html(widget) -> str:
    return "\n".join(w.value for w in _walk(widget) if isinstance(w, W.HTML))


def test_page_opens_with_participant_team_and_step(sessions_dir):
    page = open_workbook(
        "dagdeel-1-2", edition="demo", participant="p01", sessions_dir=str(sessions_dir)
    )
    html = _html(page)
    assert "swc-page" in page._dom_classes
    assert "Annelies Verhoef" in html and "Team Veen en Water" in html
    assert "Dagdeel 1 en 2" in html


def test_unknown_participant_gives_a_dutch_message_not_a_traceback(sessions_dir):
    page = open_workbook(
        "intake", edition="demo", participant="x99", sessions_dir=str(sessions_dir)
    )
    assert isinstance(page, W.HTML) and "swc-error" in page.value
    assert "onbekende deelnemer" in page.value and "p01" in page.value


def test_missing_participant_asks_to_use_the_landing_page(sessions_dir):
    page = open_workbook("intake", edition="demo", participant="", sessions_dir=str(sessions_dir))
    assert "geen deelnemer gekozen" in page.value


def test_names_and_titles_are_escaped_in_the_header(sessions_dir):
    path = sessions_dir / "demo" / "edition.yml"
    text = path.read_text(encoding="utf-8").replace(
        "name: Annelies Verhoef", "name: \"<script>alert('x')</script>\""
    )
    path.write_text(text, encoding="utf-8")
    page = open_workbook(
        "intake", edition="demo", participant="p01", sessions_dir=str(sessions_dir)
    )
    html = _html(page)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_the_case_title_a_participant_typed_is_text_in_the_header(sessions_dir):
    """The header shows the casus title as saved; typed markup stays text (the template escapes it)."""
    from swc_core.edition import load_edition, open_store
    from swc_core.settings import Settings

    edition = load_edition("demo", Settings(sessions_dir))
    with open_store(edition, Settings(sessions_dir)) as store:
        store.save(
            "demo",
            "p01",
            "casus",
            {"title": "<img src=x onerror=alert(1)> Polder & 'Veen'"},
            author="p01",
        )
    page = open_workbook(
        "intake", edition="demo", participant="p01", sessions_dir=str(sessions_dir)
    )
    header = page.children[1].value
    typed = "&lt;img src=x onerror=alert(1)&gt; Polder &amp; &#x27;Veen&#x27;"
    assert ui_text("serve.page_casus", title=typed) in header and "<img" not in header


def test_an_error_box_says_the_message_and_hint_as_text():
    box = error_box(InputError("onbekend veld <b>x</b>", hint="kies <i>p01</i>"))
    assert box.value.startswith("<div class='swc-error'>")
    assert ui_text("serve.page_error", reason="onbekend veld &lt;b&gt;x&lt;/b&gt;") in box.value
    assert "<small>kies &lt;i&gt;p01&lt;/i&gt;</small>" in box.value and "<b>" not in box.value


def test_an_unexpected_failure_is_one_dutch_line_without_details():
    try:
        raise RuntimeError("<script>kapot</script>")
    except RuntimeError:
        box = failure_box("test")  # logs the traceback for the server's window
    assert box.value == f"<div class='swc-error'>{ui_text('serve.page_failed')}</div>"


def test_query_string_picks_the_participant_and_ignores_other_keys():
    params = page_params(
        PageParams("demo", "p01", db="sqlite:///x.db"),
        query="participant=p05&db=postgresql://evil&edition=x",
    )
    assert (params.participant, params.db, params.edition) == ("p05", "sqlite:///x.db", "demo")


def test_query_string_with_odd_characters_is_refused():
    with pytest.raises(InputError):
        page_params(PageParams("demo"), query="participant=%3Cscript%3E")


def test_the_header_marks_the_terms_of_the_steps_goal_and_says_where_and_how(sessions_dir):
    """Live: the goal's Code terms carry their definition and the step's setting is named; a handout's header
    keeps the goal as plain text (its begrippenlijst chapter has the definitions)."""
    from swc_core.edition import load_edition
    from swc_core.settings import Settings
    from widgets.page import header, open_context

    edition = load_edition("demo", Settings(sessions_dir))
    step = edition.content.step("dagdeel-1-2")
    live = open_context("dagdeel-1-2", edition, "p01", Settings(sessions_dir))
    html = header(live).value
    assert "swc-term" in html, f"no term marked in the goal: {step.goal!r}"
    assert ui_text("homework.setting", setting=step.setting.strip()) in html
    live.live = False
    plain = header(live).value
    assert "swc-term" not in plain and step.setting.strip() in plain


@pytest.mark.parametrize(
    "step, instruments", [("tussentijd-a", ["canvas", "schakelbak"]), ("tussentijd-b", ["doelen"])]
)
def test_a_homework_member_who_filled_in_nothing_gets_one_line_per_figure_and_no_empty_figure(
    step, instruments
):
    """Issue 16: an empty canvas drew its "nog niets ingevuld" over the block headings on a phone, an empty
    Schakelbak a large blank figure with only a legend. No picture from no data: one short line instead."""
    from swc_core.edition import load_edition
    from swc_core.model import Workbook
    from swc_core.settings import Settings
    from widgets.figure_view import PlotOutput
    from widgets.homework import member_summary

    from conftest import REPO

    edition = load_edition("demo", Settings(sessions_dir=REPO / "sessions"))
    summary = member_summary(edition, "p01", Workbook.from_fields({}), step_id=step)
    assert [w for w in _walk(summary) if isinstance(w, PlotOutput)] == []
    lines = [w.value for w in _walk(summary) if isinstance(w, W.HTML) and "swc-nothing" in w.value]
    names = [edition.content.instrument(i).name for i in instruments]
    assert len(lines) == len(names)
    for line, name in zip(lines, names):
        assert name in line and ui_text("homework.work.nothing") in line
