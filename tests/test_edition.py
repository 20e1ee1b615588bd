"""Editions load, and every kind of broken edition.yml is reported precisely, all at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from swc_core.edition import load_edition
from swc_core.errors import ContentError, EditionError, InputError
from swc_core.settings import Settings

from conftest import REPO

GOOD = """\
name: proef
title: Proefeditie
content: {content}
dates:
  intake: 2027-01-10
  dagdeel-1-2: 2027-01-24
participants:
  - id: a01
    name: Anna Voorbeeld
    organisation: Provincie Zuidwaarde
    casus: Veenweide Oost
  - id: a02
    name: Bram Proef
    organisation: Waterschap De Lage Beemden
  - id: a03
    name: Cato Test
    organisation: Gemeente Rivierzicht
teams:
  - id: team-a
    name: Team A
    captain: a01
    members: [a01, a02]
  - id: team-b
    name: Team B
    captain: a03
    members: [a03]
"""


def write_edition(sessions: Path, text: str, name: str = "proef") -> Settings:
    folder = sessions / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yml").write_text(
        text.replace("{content}", str(REPO / "data" / "content")), encoding="utf-8"
    )
    return Settings(sessions_dir=sessions)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    settings = write_edition(tmp_path, text)
    with pytest.raises(EditionError) as info:
        load_edition("proef", settings)
    return [str(p) for p in info.value.problems]


def test_valid_edition_loads_with_teams_and_content(tmp_path):
    ed = load_edition("proef", write_edition(tmp_path, GOOD))
    assert ed.name == "proef" and set(ed.participants) == {"a01", "a02", "a03"}
    assert ed.team_of("a02").id == "team-a" and ed.team("team-b").captain == "a03"
    assert ed.store_url().endswith("/proef/swc.db")
    assert len(ed.content.blocks) == 9


def test_team_subjects_are_the_team_then_its_members(tmp_path):
    ed = load_edition("proef", write_edition(tmp_path, GOOD))
    assert ed.team_subjects("team-a") == ("team-a", "a01", "a02")
    assert ed.team_subjects("team-b") == ("team-b", "a03")
    with pytest.raises(InputError) as info:
        ed.team_subjects("team-z")
    assert "team-z" in str(info.value)


def test_edition_can_be_named_by_folder_or_by_name(tmp_path):
    settings = write_edition(tmp_path, GOOD)
    assert load_edition(tmp_path / "proef", settings).name == load_edition("proef", settings).name


def test_missing_edition_names_the_known_ones(tmp_path):
    settings = write_edition(tmp_path, GOOD)
    with pytest.raises(InputError) as info:
        load_edition("bestaat-niet", settings)
    assert "niet gevonden" in info.value.message and "proef" in info.value.hint


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    members: [a01, a02]",
            "    members: [a01, a02, zz9]",
            "edition.yml:22: teams[0].members: onbekende deelnemer 'zz9'",
        ),
        (
            "    members: [a03]",
            "    members: [a03, a02]",
            "edition.yml:26: teams[1].members: 'a02' zit al in team 'team-a'",
        ),
        (
            "    captain: a03\n",
            "",
            "edition.yml:23: teams[1]: team 'team-b' heeft geen teamcaptain",
        ),
        (
            "    captain: a01",
            "    captain: a03",
            "edition.yml:21: teams[0].captain: 'a03' is geen lid van team 'team-a'",
        ),
        (
            "  - id: a02",
            "  - id: a01",
            "edition.yml:12: participants[1].id: deelnemer-id 'a01' komt twee keer voor",
        ),
        (
            "  dagdeel-1-2: 2027-01-24",
            "  dagdeel-1-2: 2027-02-30",
            "edition.yml:6: dates.dagdeel-1-2: moet een datum zijn",
        ),
        (
            "  dagdeel-1-2: 2027-01-24",
            "  dagdeel-1-2: 2026-12-24",
            "edition.yml:6: dates.dagdeel-1-2: 2026-12-24 ligt vóór intake",
        ),
        (
            "  dagdeel-1-2: 2027-01-24",
            "  dagdeel-9: 2027-01-24",
            "edition.yml:6: dates: onbekende stap 'dagdeel-9'",
        ),
        (
            "    organisation: Gemeente Rivierzicht\n",
            "",
            "edition.yml:15: participants[2].organisation: ontbreekt",
        ),
        (
            "  - id: a03",
            "  - id: A 03",
            "edition.yml:15: participants[2].id: ongeldige waarde 'A 03'",
        ),
        (
            "title: Proefeditie",
            "title: Proefeditie\nkleur: rood",
            "edition.yml:3: kleur: onbekend veld",
        ),
    ],
)
def test_broken_edition_is_reported_with_line_and_reason(tmp_path, old, new, expected):
    assert old in GOOD
    problems = problems_of(tmp_path, GOOD.replace(old, new))
    assert any(expected in p for p in problems), problems


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("members: [a01, a02]", "members: [a01, zz8]").replace(
        "    captain: a03\n", ""
    )
    problems = problems_of(tmp_path, text)
    assert len(problems) >= 3  # unknown member, a02 teamless, team-b without captain


def test_malformed_yaml_reports_its_line(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("  - id: a02", "  - id: [a02"))
    assert any(re.search(r"edition.yml:1[2-9]: YAML-fout", p) for p in problems), problems


def test_missing_content_pack_is_reported_on_the_content_line(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("content: {content}", "content: /nergens/inhoud"))
    assert any("edition.yml:3" in p and "inhoudspakket niet gevonden" in p for p in problems), (
        problems
    )


def test_broken_content_pack_of_an_edition_raises_content_error(tmp_path):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(REPO / "data" / "content", pack)
    first = sorted(pack.glob("*.yml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n  : [\n", encoding="utf-8")
    settings = write_edition(tmp_path, GOOD.replace("content: {content}", f"content: {pack}"))
    with pytest.raises(ContentError):
        load_edition("proef", settings)


def test_demo_edition_is_valid(sessions_dir):
    ed = load_edition("demo", Settings(sessions_dir=sessions_dir))
    assert len(ed.participants) == 12 and len(ed.teams) == 3
