"""The domain model: what a workbook field may hold, and how fields make a workbook.

``parse_field`` is the one gate every saved value passes, so most tests ask
what it lets through and what it says when it refuses.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from swc_core.analysis import check_forms
from swc_core.errors import InputError, Problem
from swc_core.model import (
    FIELD_PATTERNS,
    KEY_SHAPES,
    MAX_TEXT,
    TeamHomework,
    Workbook,
    block_field,
    check_against_pack,
    check_team_against_pack,
    field_shape,
    homework_field,
    is_team_field,
    parse_field,
)

from factories import homework_step, ids, make_fields, make_team_fields, make_workbook, shipped_pack

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "data" / "demo" / "answers.yml"
EDITION = REPO / "sessions" / "demo" / "edition.yml"
TOO_LONG = "x" * (MAX_TEXT + 1)


@pytest.fixture(scope="module")
def pack():
    return shipped_pack()


def refusal(key, value) -> str:
    with pytest.raises(InputError) as info:
        parse_field(key, value)
    return info.value.message


# --- parse_field: what passes ----------------------------------------------


@pytest.mark.parametrize("key", sorted(make_fields()))
def test_every_field_of_a_full_workbook_parses_to_itself(key):
    value = make_fields()[key]
    assert parse_field(key, value) == value


def test_every_key_shape_of_the_registry_has_a_value_in_the_factories():
    """No field shape goes untested: the factories cover each one."""
    covered = {field_shape(k) for k in [*make_fields(), *make_team_fields()]}
    assert covered == set(FIELD_PATTERNS) == set(KEY_SHAPES)


def test_missing_parts_of_a_section_get_their_empty_defaults():
    assert parse_field("casus", {"title": "Beekdal"}) == {
        "title": "Beekdal",
        "area": "",
        "domain": "",
        "opgave": "",
        "parties": [],
        "stuck": "",
    }
    part = parse_field("schakelbak", {"parts": [{"id": "deel-1"}]})["parts"][0]
    assert part["form"] is None and part["joint_goal"] is None and part["parties"] == []


def test_text_is_stored_exactly_as_typed_never_interpreted():
    typed = "  <script>alert(1)</script> **vet** & <b>\n\tregel twee  "
    assert parse_field(block_field("doelen"), typed) == typed
    assert parse_field("advice", {"to": typed, "text": typed}) == {"to": typed, "text": typed}


def test_parsed_values_are_plain_json_even_from_yaml_scalars():
    value = parse_field("casus", {"title": LiteralScalarString("Titel\n")})
    assert type(value["title"]) is str
    assert json.loads(json.dumps(value)) == value


def test_text_of_exactly_the_maximum_length_is_accepted():
    assert len(parse_field(block_field("doelen"), "x" * MAX_TEXT)) == MAX_TEXT


def test_homework_fields_belong_to_teams_and_the_rest_to_participants():
    team_key = homework_field("tussentijd-a", "herkenning")
    assert is_team_field(team_key) and parse_field(team_key, "tekst") == "tekst"
    assert not any(is_team_field(k) for k in make_fields())


# --- parse_field: what is refused, and what it says --------------------------


@pytest.mark.parametrize(
    "key, value, path",
    [
        ("canvas.parties", [{"id": "p", "name": TOO_LONG}], "canvas.parties[0].name"),
        ("casus", {"opgave": TOO_LONG}, "casus.opgave"),
        (
            "casus",
            {"parties": [{"name": "a"}, {"name": "b", "role": TOO_LONG}]},
            "casus.parties[1].role",
        ),
        (
            "schakelbak",
            {"parts": [{"id": "a"}, {"id": "b", "goal": TOO_LONG}]},
            "schakelbak.parts[1].goal",
        ),
        (
            "schakelbak",
            {"couplings": [{"source": "a", "target": "b", "flow": TOO_LONG}]},
            "schakelbak.couplings[0].flow",
        ),
        ("partnership", {"considerations": ["kort", TOO_LONG]}, "partnership.considerations[1]"),
        ("toets", {"kan": {"evidence": TOO_LONG}}, "toets.kan.evidence"),
        ("goals", {"dilemmas": [{"id": "d", "owner": TOO_LONG}]}, "goals.dilemmas[0].owner"),
        ("canvas.block.doelen", TOO_LONG, "canvas.block.doelen"),
        ("homework.tussentijd-a.herkenning", TOO_LONG, "homework.tussentijd-a.herkenning"),
    ],
)
def test_too_long_text_is_refused_with_the_field_named(key, value, path):
    assert refusal(key, value) == f"{path}: mag maximaal {MAX_TEXT} tekens bevatten"


@pytest.mark.parametrize(
    "key",
    [
        "onzin",
        "canvas",
        "canvas.block.",
        "canvas.block.Doelen",
        "canvas.blok.doelen",
        "homework.tussentijd-a",
        "competences",
        "casus.title",
    ],
)
def test_unknown_key_is_refused_listing_the_known_key_shapes(key):
    message = refusal(key, "x")
    assert message.startswith(f"onbekend veld {key!r}")
    assert (
        "canvas.block.<blok-id>" in message
        and "homework.<stap-id>.<veld-id>" in message
        and "schakelbak" in message
    )


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("casus", "mijn casus", "casus: moet een map (sleutel: waarde) zijn"),
        ("casus", {"title": 12}, "casus.title: moet tekst zijn"),
        ("casus", {"titel": "x"}, "casus.titel: onbekend veld"),
        ("canvas.parties", {"id": "p"}, "canvas.parties: moet een lijst zijn"),
        (
            "canvas.contributions",
            [{"description": "geld"}],
            "canvas.contributions[0].party: ontbreekt",
        ),
        (
            "canvas.contributions",
            [{"party": "p", "risk_bearing": "ja"}],
            "canvas.contributions[0].risk_bearing: moet true (waar) of false (onwaar) zijn; ja en nee leest YAML als tekst",
        ),
        (
            "competences.intake",
            {"object": "3"},
            "competences.intake.object: moet een geheel getal zijn",
        ),
        (
            "competences.intake",
            {"object": True},
            "competences.intake.object: moet een geheel getal zijn (geen ja/nee)",
        ),
        ("competences.end", {"object": 6}, "competences.end.object: moet <= 5 zijn (gegeven: 6)"),
        ("competences.end", {"object": 0}, "competences.end.object: moet >= 1 zijn (gegeven: 0)"),
        ("role", {"focus": 101}, "role.focus: moet <= 100 zijn (gegeven: 101)"),
        ("role", {"shares": {"strateeg": 2.5}}, "role.shares.strateeg: moet een geheel getal zijn"),
        (
            "schakelbak",
            {"parts": [{"id": "a", "joint_goal": "ja"}]},
            "schakelbak.parts[0].joint_goal: moet true (waar) of false (onwaar) zijn; ja en nee leest YAML als tekst",
        ),
        (
            "schakelbak",
            {"parts": [{"id": "a", "form": 3}]},
            "schakelbak.parts[0].form: moet tekst zijn",
        ),
        ("canvas.block.doelen", None, "canvas.block.doelen: moet tekst zijn"),
        ("canvas.block.doelen", ["lijst"], "canvas.block.doelen: moet tekst zijn"),
    ],
)
def test_wrong_types_are_refused_with_a_dutch_message(key, value, message):
    assert refusal(key, value) == message


def test_an_id_with_capitals_or_spaces_is_refused():
    assert refusal("canvas.parties", [{"id": "Partij 1"}]).startswith(
        "canvas.parties[0].id: ongeldige id 'Partij 1'"
    )
    assert refusal("competences.intake", {"Object": 3}).startswith(
        "competences.intake.Object: ongeldige id"
    )


@pytest.mark.parametrize(
    "key, value, path",
    [
        ("canvas.parties", [{"id": "p1"}, {"id": "p1"}], "canvas.parties"),
        (
            "canvas.parties",
            [{"id": "p1", "goals": [{"id": "g"}, {"id": "g"}]}],
            "canvas.parties[0].goals",
        ),
        ("schakelbak", {"parts": [{"id": "deel-1"}, {"id": "deel-1"}]}, "schakelbak.parts"),
        ("beslisboom", [{"id": "opgave-1"}, {"id": "opgave-1"}], "beslisboom"),
    ],
)
def test_two_items_with_the_same_id_are_refused(key, value, path):
    """References (a part's parties, a coupling's parts) only work when ids are unique."""
    assert refusal(key, value).startswith(f"{path}: id ")


def test_too_many_items_in_a_list_are_refused():
    many = [{"id": f"p{i}"} for i in range(201)]
    assert refusal("canvas.parties", many) == "canvas.parties: mag maximaal 200 items bevatten"


def test_text_that_cannot_be_stored_as_utf8_is_refused():
    """A lone surrogate can arrive as JSON from a browser and would break the store on write."""
    assert "geen geldige tekst" in refusal(block_field("doelen"), "half \ud800 teken")


def test_several_problems_are_counted_in_one_message():
    assert refusal("casus", {"title": 1, "area": 2, "stuck": 3}).endswith("(en nog 2 andere)")


# --- Workbook: from fields and back ------------------------------------------


def test_workbook_round_trips_through_its_fields():
    fields = make_fields(parts=5)
    workbook = Workbook.from_fields(fields)
    assert workbook.to_fields() == fields
    assert Workbook.from_fields(workbook.to_fields()) == workbook


def test_workbook_from_fields_assembles_the_canvas_and_sections():
    workbook = make_workbook(parts=4, parties=2)
    assert set(workbook.canvas.blocks) == set(ids("blocks"))
    assert [p.id for p in workbook.canvas.parties] == ["partij-1", "partij-2"]
    assert len(workbook.schakelbak.parts) == 4 and workbook.schakelbak.part("deel-2").form in ids(
        "forms"
    )
    assert set(workbook.competences_intake) == set(ids("competences"))


def test_missing_keys_give_empty_sections_and_team_keys_are_ignored():
    workbook = Workbook.from_fields({"casus": {"title": "Beekdal"}, **make_team_fields()})
    assert workbook.casus.title == "Beekdal"
    assert (
        workbook.schakelbak.parts == []
        and workbook.canvas.blocks == {}
        and workbook.role.focus is None
    )
    assert Workbook.from_fields({}) == Workbook()


def test_to_fields_leaves_out_empty_sections_and_blocks():
    assert Workbook().to_fields() == {}
    workbook = Workbook.from_fields(
        {block_field("doelen"): "", block_field("regels"): "wet", "advice": {}}
    )
    assert workbook.to_fields() == {block_field("regels"): "wet"}


def test_a_bad_stored_value_raises_unless_problems_are_collected():
    fields = {**make_fields(), "role": {"focus": 500}, "onbekend": 1}
    with pytest.raises(InputError):
        Workbook.from_fields(fields)
    problems: list[Problem] = []
    workbook = Workbook.from_fields(fields, problems=problems)
    assert [p.message.split(":")[0] for p in problems] == [
        "role.focus",
        "onbekend veld 'onbekend'; bekende velden",
    ]
    assert workbook.role.focus is None and workbook.casus.title == "Veenweide Oost"


def test_team_homework_holds_only_team_fields():
    step = homework_step()
    homework = TeamHomework.from_fields({**make_fields(), **make_team_fields()})
    assert list(homework.steps) == [step.id]
    assert homework.text(step.id, step.team_fields[0].id).startswith("Wat het team schreef")
    assert homework.text("dagdeel-3", "niets") == ""
    assert homework.to_fields() == make_team_fields()


# --- check_against_pack ------------------------------------------------------


def where(problems: list[Problem]) -> list[str]:
    return [p.where for p in problems]


def test_a_factory_workbook_has_no_problems_against_the_pack(pack):
    workbook = make_workbook(parts=5)
    assert check_against_pack(workbook, pack) == []
    assert check_forms(workbook.schakelbak, pack) == []  # every part fits its form
    assert workbook.partnership.part == "deel-4"
    assert check_team_against_pack(TeamHomework.from_fields(make_team_fields()), pack) == []


def test_a_contribution_of_an_unknown_party_is_found(pack):
    fields = make_fields(
        **{"canvas.contributions": [{"party": "partij-99", "description": "geld"}]}
    )
    problems = check_against_pack(Workbook.from_fields(fields), pack)
    assert where(problems) == ["canvas.contributions[0].party"]
    assert "partij 'partij-99'" in problems[0].message and problems[0].hint


def test_an_unknown_canvas_block_is_found(pack):
    problems = check_against_pack(make_workbook(**{block_field("wensen"): "tekst"}), pack)
    assert where(problems) == ["canvas.block.wensen"]
    assert problems[0].message == "canvasblok 'wensen' bestaat niet"
    assert all(b in problems[0].hint for b in ids("blocks"))


def test_an_unknown_form_is_found(pack):
    schakelbak = make_fields()["schakelbak"]
    schakelbak["parts"][1]["form"] = "coalitie"
    problems = check_against_pack(make_workbook(schakelbak=schakelbak), pack)
    assert where(problems) == ["schakelbak.parts[1].form"]
    assert problems[0].message == "samenwerkingsvorm 'coalitie' bestaat niet"


def test_references_inside_the_workbook_are_checked(pack):
    fields = make_fields()
    fields["schakelbak"]["parts"][0]["parties"] = ["partij-1", "niemand"]
    fields["schakelbak"]["couplings"] = [
        {"source": "deel-1", "target": "deel-9"},
        {"source": "deel-2", "target": "deel-2"},
    ]
    fields["goals"]["consolidated"] = [
        {"party": "partij-1", "goal": "doel-7", "status": "in"},
        {"party": "weg", "goal": "doel-1", "status": "in"},
    ]
    fields["partnership"]["part"] = "deel-8"
    problems = check_against_pack(Workbook.from_fields(fields), pack)
    assert where(problems) == [
        "schakelbak.parts[0].parties[1]",
        "schakelbak.couplings[0].target",
        "schakelbak.couplings[1]",
        "partnership.part",
        "goals.consolidated[0].goal",
        "goals.consolidated[1].party",
    ]


def test_ids_from_the_pack_are_checked_everywhere(pack):
    fields = make_fields()
    fields["competences.intake"]["charisma"] = 3
    fields["canvas.parties"][0]["type"] = "vereniging"
    fields["beslisboom"] = [
        {"id": "opgave-1", "answers": {pack.beslisboom.root: "misschien", "zijpad": "ja"}}
    ]
    fields["partnership"].update(
        type="coalitie", traits={"groot": True}, arrangements={"koffie": "ja"}
    )
    fields["goals"]["consolidated"][0]["status"] = "misschien"
    fields["goals"]["dilemmas"][0]["kind"] = "ruil"
    fields["toets"] = {"past": {"answer": "ja"}, ids("toets")[0]: {"answer": "zeker"}}
    fields["realisation"][0]["route"] = "alliantie"
    fields["role"]["shares"] = {"held": 100}
    problems = check_against_pack(Workbook.from_fields(fields), pack)
    assert sorted(where(problems)) == sorted(
        [
            "competences.intake.charisma",
            "canvas.parties[0].type",
            f"beslisboom[0].answers.{pack.beslisboom.root}",
            "beslisboom[0].answers.zijpad",
            "partnership.type",
            "partnership.traits.groot",
            "partnership.arrangements.koffie",
            "goals.consolidated[0].status",
            "goals.dilemmas[0].kind",
            "toets.past",
            f"toets.{ids('toets')[0]}.answer",
            "realisation[0].route",
            "role.shares.held",
        ]
    )


def test_arrangements_of_another_partnership_type_are_kept_without_a_finding(pack):
    """The typology widget keeps texts of other types, so switching type and back loses nothing."""
    first, other = pack.partnership_types[0], pack.partnership_types[1]
    arrangements = {first.arrangements[0].id: "a", other.arrangements[-1].id: "b"}
    workbook = make_workbook(partnership={"type": first.id, "arrangements": arrangements})
    assert check_against_pack(workbook, pack) == []


def test_team_homework_for_unknown_steps_and_fields_is_found(pack):
    step = homework_step(pack)
    plain_step = next(s for s in pack.programme if not s.team_fields)
    homework = TeamHomework.from_fields(
        {
            homework_field(step.id, "smoesjes"): "x",
            homework_field(plain_step.id, "iets"): "y",
            homework_field("vakantie", "iets"): "z",
        }
    )
    assert where(check_team_against_pack(homework, pack)) == [
        f"homework.{step.id}.smoesjes",
        f"homework.{plain_step.id}",
        "homework.vakantie",
    ]


# --- the demo answers --------------------------------------------------------


def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def answers():
    return _yaml(ANSWERS)


@pytest.fixture(scope="module")
def edition():
    return _yaml(EDITION)


def participant_answers(answers) -> dict[str, dict]:
    return {pid: fields for pid, fields in answers.items() if pid != "teams"}


def test_every_demo_answer_passes_parse_field(answers):
    parsed = 0
    for subject, fields in participant_answers(answers).items():
        for key, value in fields.items():
            assert not is_team_field(key), f"{subject}.{key}"
            parse_field(key, value)
            parsed += 1
    for team, fields in answers["teams"].items():
        for key, value in fields.items():
            assert is_team_field(key), f"{team}.{key}"
            parse_field(key, value)
            parsed += 1
    assert parsed >= 50  # a room mid-training, not a few stray fields


def test_demo_answers_pass_the_pack_checks(answers, pack):
    for subject, fields in participant_answers(answers).items():
        assert check_against_pack(Workbook.from_fields(fields), pack) == [], subject
    for team, fields in answers["teams"].items():
        assert check_team_against_pack(TeamHomework.from_fields(fields), pack) == [], team


def test_demo_answers_belong_to_demo_participants_in_every_team(answers, edition):
    people = {p["id"] for p in edition["participants"]}
    filled = participant_answers(answers)
    assert len(filled) >= 5 and set(filled) <= people
    for team in edition["teams"]:
        assert set(team["members"]) & set(filled), team["id"]
    assert set(answers["teams"]) <= {t["id"] for t in edition["teams"]}


def test_at_least_two_demo_workbooks_are_complete(answers):
    """Dashboards need whole cases: every instrument up to the own role filled in."""
    complete = []
    for subject, fields in participant_answers(answers).items():
        wb = Workbook.from_fields(fields)
        if (
            wb.casus.title
            and wb.competences_intake
            and set(wb.canvas.blocks) == set(ids("blocks"))
            and all(p.goals for p in wb.canvas.parties)
            and wb.canvas.contributions
            and 3 <= len(wb.schakelbak.parts) <= 5
            and wb.schakelbak.couplings
            and len({p.form for p in wb.schakelbak.parts}) >= 3
            and wb.beslisboom
            and wb.partnership.type
            and wb.goals.consolidated
            and wb.goals.dilemmas
            and set(wb.toets) == set(ids("toets"))
            and wb.realisation
            and wb.role.shares
        ):
            complete.append(subject)
    assert len(complete) >= 2, complete


def test_demo_answers_hold_the_findings_dashboards_should_show(answers, pack):
    workbooks = [Workbook.from_fields(f) for f in participant_answers(answers).values()]
    partnership = ids("forms")[-1]
    assert any(
        p.form == partnership and p.joint_goal is False
        for wb in workbooks
        for p in wb.schakelbak.parts
    )
    assert any(check_forms(wb.schakelbak, pack) for wb in workbooks)
    compromise = ids("dilemma_kinds")[1]
    assert any(
        len(wb.goals.dilemmas) >= 3
        and sum(d.kind == compromise for d in wb.goals.dilemmas) > len(wb.goals.dilemmas) / 2
        for wb in workbooks
    )


# --- the demo edition file ---------------------------------------------------


def test_demo_edition_has_twelve_participants_in_three_teams_of_four(edition):
    people = [p["id"] for p in edition["participants"]]
    assert len(people) == 12 == len(set(people))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid) for pid in people)
    assert all(p["name"].strip() and p["organisation"].strip() for p in edition["participants"])
    teams = edition["teams"]
    assert len(teams) == 3 and len({t["id"] for t in teams}) == 3
    members = [m for t in teams for m in t["members"]]
    assert all(len(t["members"]) == 4 == len(set(t["members"])) for t in teams)
    assert len(members) == len(set(members)), "a participant sits in two teams"
    assert set(members) == set(people)
    assert all(t["captain"] in t["members"] for t in teams)


def test_demo_edition_dates_follow_the_programme(edition, pack):
    steps = [s.id for s in pack.programme]
    assert list(edition["dates"]) == steps
    dates = [edition["dates"][s] for s in steps]
    assert (
        all(isinstance(d, date) for d in dates)
        and dates == sorted(dates)
        and len(set(dates)) == len(dates)
    )
    assert date(2026, 9, 1) <= dates[0] and dates[-1] < date(2027, 4, 1)
    assert (EDITION.parent / edition["content"]).resolve() == (REPO / "data" / "content").resolve()


def test_demo_files_hold_no_email_addresses():
    for path in (EDITION, ANSWERS):
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", path.read_text(encoding="utf-8")), path
