"""Handouts from the typed workbook (issue 18): static views, no widgets built in a generation kernel.

The handout's content itself (values as text, numbers with their scale,
paper texts, empty instruments) is checked on the exported files in
test_export.py and in Chromium in test_export_in_browser.py / test_print.py.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from ipywidgets.widgets import widget as widget_module

from swc_core.edition import load_edition
from swc_core.html_templates import render
from swc_core.model.instruments import INSTRUMENT_SPECS
from swc_core.settings import Settings
from swc_core.views import ViewContext, handout_parts
from swc_core.views.instruments import VIEWS
from widgets.page import open_workbook

from conftest import REPO, copy_sessions


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


def test_a_homework_handout_builds_no_widget(sessions, capsys):
    """The team's homework handout used to build the live team page and walk it (widgets/snapshot.py)."""
    from widgets.homework import open_homework

    edition = load_edition("demo", Settings(sessions_dir=sessions))
    for step in [s.id for s in edition.content.programme if s.team_fields]:
        before = set(widget_module._instances)
        open_homework(
            step, edition="demo", team="team-veen", sessions_dir=str(sessions), handout=True
        )
        built = set(widget_module._instances) - before
        assert not built, f"{step}: {len(built)} widgets built for a homework handout"
        assert capsys.readouterr().out, f"{step}: nothing displayed"


# What a generated notebook's code cell runs (notebooks/*.ipynb import from widgets.entry), with the reset
# a warm generation kernel runs between notebooks (swc_core/generate/warm.py).
GENERATION_PROBE = """
import sys
from swc_core.generate.warm import RESET
exec(compile(RESET.replace("%reset -f", ""), "reset", "exec"))
from widgets.entry import open_homework, open_workbook
open_workbook("dagdeel-1-2", edition="demo", participant="p01", sessions_dir=sys.argv[1], handout=True)
open_homework("tussentijd-a", edition="demo", team="team-veen", sessions_dir=sys.argv[1], handout=True)
exec(compile(RESET.replace("%reset -f", ""), "reset", "exec"))
import sys
print("IPYWIDGETS:", "ipywidgets" in sys.modules)
"""


def test_a_generation_kernel_never_imports_ipywidgets(sessions):
    """A handout is rendered from the model (swc_core/views/entry.py): nothing in its kernel needs widgets."""
    out = subprocess.run(
        [sys.executable, "-c", GENERATION_PROBE, str(sessions)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "IPYWIDGETS: False" in out.stdout.splitlines(), out.stdout[-2000:]


# Issue 16: a handout never shows an internal id. A party and a part without a name, chosen and used everywhere.
UNNAMED_ROWS = {
    "canvas.parties": [
        {"id": "partij-1", "name": "Gemeente", "goals": [{"id": "g1", "text": "Eerste doel"}]},
        {"id": "partij-3", "name": " ", "goals": [{"id": "g1", "text": "Doel zonder naam"}]},
    ],
    "schakelbak": {
        "parts": [
            {"id": "onderdeel-2", "name": "", "form": None, "parties": ["partij-3", "partij-1"]}
        ]
    },
    "partnership": {"part": "onderdeel-2"},
    "goals": {"consolidated": [{"party": "partij-3", "goal": "g1", "status": "in"}]},
}


def test_an_unnamed_party_or_part_is_named_by_its_place_in_every_view(sessions):
    """The typologie and doelen views showed "partij-3" / "onderdeel-2" (copied from the live widgets)."""
    import json

    edition = load_edition("demo", Settings(sessions_dir=sessions))
    party = "naamloze partij 2"  # labels.unnamed_party, its place in the canvas's list
    part = "naamloos onderdeel 1"
    seen = {party: [], part: []}
    for step in [s.id for s in edition.content.programme]:
        parts = handout_parts(edition, "p01", ViewContext(edition.content, step, UNNAMED_ROWS))
        text = _text(parts) + " ".join(json.dumps(p) for p in parts if not isinstance(p, str))
        assert not re.search(r"\b(partij|onderdeel)-\d", text), f"{step}: an internal id is shown"
        for name in seen:
            if name in _text(parts):
                seen[name].append(step)
    step_of = {i: s.id for s in edition.content.programme for i in s.instruments}
    assert {step_of["doelen"], step_of["typologie"]} <= {*seen[party], *seen[part]}, seen
    assert step_of["typologie"] in seen[part] and step_of["doelen"] in seen[party], seen
