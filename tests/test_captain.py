"""The team captain records the team's conclusion of a tussentijd; everyone keeps editing (issue 19).

Real store (SQLite), real homework pages built twice as two teammates' pages
would be, the saves driven by a manual clock (swc_core/scheduling.py).
"""

from __future__ import annotations

import ipywidgets as W
import pytest

from swc_core.edition import load_edition
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.captain import CaptainRecord
from widgets.homework import build_homework

from conftest import REPO
from content_factories import copy_pack, only

FIELD = "homework.tussentijd-a.herkenning"
RECORD = "homework.tussentijd-a.vastgelegd"


@pytest.fixture(scope="module")
def edition():
    return load_edition("demo", Settings(sessions_dir=REPO / "sessions"))


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    yield opened
    opened.close()


def _page(edition, store, viewer):
    page = build_homework(edition, "team-veen", "tussentijd-a", store, viewer=viewer)
    page.binding.scheduler = ManualScheduler()
    return page


def _find(root, kind):
    found, stack = [], [root]
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, kind):
            found.append(widget)
        stack.extend(getattr(widget, "children", ()) or ())
    return found


def test_only_the_captain_gets_the_button_and_everyone_sees_that_nothing_is_recorded_yet(
    edition, store
):
    captain, teammate, nobody = (_page(edition, store, v) for v in ("p01", "p02", None))
    [record] = _find(captain, CaptainRecord)
    assert (
        record.button is not None
        and record.button.description == "Vastleggen als conclusie van het team"
    )
    for page in (teammate, nobody):
        [other] = _find(page, CaptainRecord)
        assert other.button is None
        assert "Nog niet vastgelegd. Annelies Verhoef legt als teamcaptain" in other.note.value
    assert (
        build_homework(edition, "team-veen", "tussentijd-a", store, viewer="p03") is not None
    )  # another team's


def test_the_record_names_the_captain_and_shows_later_changes_while_everyone_keeps_editing(
    edition, store
):
    captain, teammate = _page(edition, store, "p01"), _page(edition, store, "p02")
    _find(captain, W.Textarea)[0].value = "Wij herkennen de bodemdaling."
    [record] = _find(captain, CaptainRecord)
    record.button.click()  # saves what is pending first, then the record
    saved = store.latest("demo", "team-veen")["team-veen"]
    assert saved[FIELD].value == "Wij herkennen de bodemdaling."
    assert saved[RECORD].author == "p01" and "Wij herkennen de bodemdaling." in saved[RECORD].value
    assert "Vastgelegd door Annelies Verhoef (teamcaptain) op" in record.note.value
    assert record.button.description.startswith("Opnieuw vastleggen")

    teammate.binding.poll()
    [seen] = _find(teammate, CaptainRecord)
    assert (
        "Vastgelegd door Annelies Verhoef" in seen.note.value and "veranderd" not in seen.note.value
    )
    area = _find(teammate, W.Textarea)[0]
    assert not area.disabled, "the record takes editing away from no one"
    area.value = "Wij herkennen de bodemdaling en de verzilting."
    teammate.binding.scheduler.advance(2)
    assert "daarna is de tekst nog veranderd" in seen.note.value
    captain.binding.poll()
    assert "daarna is de tekst nog veranderd" in record.note.value
    assert len(store.history("demo", "team-veen", RECORD)) == 1
    record.button.click()
    assert len(store.history("demo", "team-veen", RECORD)) == 2, "every recorded version is kept"
    assert "veranderd" not in record.note.value


def test_a_pack_team_field_cannot_take_the_records_id(tmp_path):
    broken = copy_pack(tmp_path).replace(
        "programme.yml", "      - id: herkenning\n", "      - id: vastgelegd\n"
    )
    problem = only(broken.problems(), "gereserveerd")
    assert "vastgelegd" in problem.message and problem.hint
