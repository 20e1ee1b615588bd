"""Handouts from the typed workbook (issue 18): static views, no widgets built in a generation kernel.

The handout's content itself (values as text, numbers with their scale,
paper texts, empty instruments) is checked on the exported files in
test_export.py and in Chromium in test_export_in_browser.py / test_print.py.
"""

from __future__ import annotations

import html
import re

import pytest
from ipywidgets.widgets import widget as widget_module

from swc_core.edition import load_edition
from swc_core.html_templates import render
from swc_core.model.instruments import INSTRUMENT_SPECS
from swc_core.settings import Settings
from swc_core.views import ViewContext, handout_parts
from swc_core.views.instruments import VIEWS
from widgets.page import open_workbook

from conftest import copy_sessions


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    return copy_sessions(tmp_path_factory.mktemp("views"), with_demo_answers=True)


def test_a_handout_builds_no_widget(sessions, capsys):
    """Generation kernels used to build the whole live page and walk it back into HTML (snapshot.py)."""
    programme = load_edition("demo", Settings(sessions_dir=sessions)).content.programme
    for step in [s.id for s in programme]:
        before = set(widget_module._instances)
        open_workbook(
            step, edition="demo", participant="p01", sessions_dir=str(sessions), handout=True
        )
        built = set(widget_module._instances) - before
        assert not built, f"{step}: {len(built)} widgets built for a handout"
        assert capsys.readouterr().out, f"{step}: nothing displayed"


def test_every_instrument_has_a_static_view():
    """Adding an instrument means adding its view too: a handout never falls back to widgets."""
    assert set(VIEWS) == {spec.id for spec in INSTRUMENT_SPECS}


def _text(parts) -> str:
    shown = "".join(p for p in parts if isinstance(p, str))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", shown)).split())


def test_a_view_shows_typed_markup_as_text(sessions):
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    typed = "<script>alert('x')</script> & <b>vet</b>"
    values = {
        "casus": {"title": typed, "opgave": typed, "parties": [{"name": typed, "role": ""}]},
        "advice": {"to": typed, "text": "regel 1\nregel 2"},
    }
    for step in ("intake", "tussentijd-d"):
        parts = handout_parts(edition, "p01", ViewContext(edition.content, step, values))
        page = "".join(p for p in parts if isinstance(p, str))
        assert "<script>" not in page and "<b>vet</b>" not in page, step
        assert typed in _text(parts), step
    assert "regel 1<br>regel 2" in page  # the advice's lines kept apart on paper


def test_an_unfilled_instrument_is_its_title_and_one_line(sessions):
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    parts = handout_parts(edition, "p01", ViewContext(edition.content, "dagdeel-5", {}))
    page = "".join(p for p in parts if isinstance(p, str))
    title = render(
        "page_instrument_title.html.j2", name=edition.content.instrument("eigen-rol").name, note=""
    )
    assert page.count("nog niet ingevuld") == len(edition.content.step("dagdeel-5").instruments)
    assert title.split("</h2>")[0] in page
    assert not [p for p in parts if not isinstance(p, str)], "no figure for an empty instrument"
