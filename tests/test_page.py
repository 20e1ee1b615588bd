"""A workbook page: header with who and what, the step's instruments, and errors as a Dutch line."""
from __future__ import annotations

import ipywidgets as W

import pytest

from swc_core.errors import InputError
from swc_core.page_params import PageParams, page_params
from widgets.page import open_workbook


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _html(widget) -> str:
    return "\n".join(w.value for w in _walk(widget) if isinstance(w, W.HTML))


def test_page_opens_with_participant_team_and_step(sessions_dir):
    page = open_workbook("dagdeel-1-2", edition="demo", participant="p01", sessions_dir=str(sessions_dir))
    html = _html(page)
    assert "swc-page" in page._dom_classes
    assert "Annelies Verhoef" in html and "Team Veen en Water" in html
    assert "Dagdeel 1 en 2" in html


def test_unknown_participant_gives_a_dutch_message_not_a_traceback(sessions_dir):
    page = open_workbook("intake", edition="demo", participant="x99", sessions_dir=str(sessions_dir))
    assert isinstance(page, W.HTML) and "swc-error" in page.value
    assert "onbekende deelnemer" in page.value and "p01" in page.value


def test_missing_participant_asks_to_use_the_landing_page(sessions_dir):
    page = open_workbook("intake", edition="demo", participant="", sessions_dir=str(sessions_dir))
    assert "geen deelnemer gekozen" in page.value


def test_names_and_titles_are_escaped_in_the_header(sessions_dir):
    path = sessions_dir / "demo" / "edition.yml"
    text = path.read_text(encoding="utf-8").replace("name: Annelies Verhoef", "name: \"<script>alert('x')</script>\"")
    path.write_text(text, encoding="utf-8")
    page = open_workbook("intake", edition="demo", participant="p01", sessions_dir=str(sessions_dir))
    html = _html(page)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_query_string_picks_the_participant_and_ignores_other_keys():
    params = page_params(PageParams("demo", "p01", db="sqlite:///x.db"), query="participant=p05&db=postgresql://evil&edition=x")
    assert (params.participant, params.db, params.edition) == ("p05", "sqlite:///x.db", "demo")


def test_query_string_with_odd_characters_is_refused():
    with pytest.raises(InputError):
        page_params(PageParams("demo"), query="participant=%3Cscript%3E")
