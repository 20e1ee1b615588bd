"""The typed model: the one gate every value passes, the workbook assembled from
fields, the check against the content pack, and the demo answers file."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from factories import ARRANGEMENTS, BLOCKS, FORMS, changed, make_fields, make_team_fields, make_workbook
from swc_core.content import load_content
from swc_core.edition import load_edition
from swc_core.errors import InputError
from swc_core.model import KEY_SHAPES, MAX_TEXT, TeamHomework, Workbook, check_against_pack, is_team_field, parse_field
from swc_core.settings import Settings

ANSWERS = REPO / "data" / "demo" / "answers.yml"


@pytest.fixture(scope="module")
def pack():
    return load_content()


# --- parse_field: valid values ---------------------------------------------------------------

def test_every_field_of_a_complete_workbook_parses_to_itself():
    for key, value in make_fields().items():
        assert parse_field(key, value) == value, key


def test_parsing_fills_in_the_defaults_of_what_was_left_out():
    assert parse_field("schakelbak", {"parts": [{"id": "kern"}]}) == {
        "parts": [{"id": "kern", "name": "", "form": None, "parties": [], "goal": "", "joint_goal": None,
                   "risk_bearing": None, "agreed_performances": ""}],
        "couplings": [],
    }
    assert parse_field("role", {"focus": 0}) == {"focus": 0, "scope": None, "shares": {}}


def test_parsing_twice_gives_the_same_value():
    for key, value in make_fields().items():
        once = parse_field(key, value)
        assert parse_field(key, once) == once


def test_canvas_block_and_team_homework_keys_take_plain_text():
    assert parse_field("canvas.block.doelen", "Samen de beek herstellen.") == "Samen de beek herstellen."
    assert parse_field("homework.tussentijd-a.herkenning", "Wij herkennen veel.") == "Wij herkennen veel."


def test_text_is_kept_exactly_as_typed():
    text = "<b>geen html</b> & *geen markdown*\n  tweede regel  "
    assert parse_field("canvas.block.regels", text) == text


def test_text_of_exactly_the_maximum_length_is_accepted():
    text = "x" * MAX_TEXT
    assert parse_field("canvas.block.doelen", text) == text
    assert parse_field("casus", {"opgave": text})["opgave"] == text


# --- parse_field: refused values -------------------------------------------------------------

TOO_LONG = "x" * (MAX_TEXT + 1)


@pytest.mark.parametrize("key, value, where", [
    ("canvas.block.doelen", TOO_LONG, "canvas.block.doelen"),
    ("homework.tussentijd-a.herkenning", TOO_LONG, "homework.tussentijd-a.herkenning"),
    ("casus", {"opgave": TOO_LONG}, "casus.opgave"),
    ("advice", {"text": TOO_LONG}, "advice.text"),
    ("canvas.parties", [{"id": "a", "goals": [{"id": "g", "text": TOO_LONG}]}], "canvas.parties[0].goals[0].text"),
    ("schakelbak", {"parts": [{"id": "kern", "goal": TOO_LONG}]}, "schakelbak.parts[0].goal"),
    ("partnership", {"considerations": ["kort", TOO_LONG]}, "partnership.considerations[1]"),
])
def test_too_long_text_is_refused_naming_the_field(key, value, where):
    with pytest.raises(InputError) as info:
        parse_field(key, value)
    assert info.value.message == f"{where}: is te lang (maximaal {MAX_TEXT} tekens)"


def test_short_text_fields_have_a_lower_limit():
    with pytest.raises(InputError) as info:
        parse_field("casus", {"title": "t" * 501})
    assert info.value.message == "casus.title: is te lang (maximaal 500 tekens)"


@pytest.mark.parametrize("key", [
    "canvas.doelen",  # block key without 'block'
    "canvas.block.Doelen",  # block ids are lower case
    "canvas.block.",
    "homework.tussentijd-a",  # a team field needs a step and a field id
    "casus.title",  # a part of a field is not a field
    "competences",
    "",
])
def test_unknown_key_is_refused_listing_the_known_shapes(key):
    with pytest.raises(InputError) as info:
        parse_field(key, "tekst")
    assert info.value.message == f"onbekend veld {key!r}"
    for shape in KEY_SHAPES:
        assert shape in info.value.hint
    assert "canvas.block.<blok-id>" in info.value.hint and "homework.<stap-id>.<veld-id>" in info.value.hint


@pytest.mark.parametrize("key, value, message", [
    ("casus", "mijn casus", "casus: moet een map (sleutel: waarde) zijn"),
    ("casus", {"title": "x", "eigenaar": "y"}, "casus.eigenaar: onbekend veld"),
    ("casus", {"parties": "provincie en waterschap"}, "casus.parties: moet een lijst zijn"),
    ("competences.intake", {"object": 6}, "competences.intake.object: moet <= 5 zijn (gegeven: 6)"),
    ("competences.intake", {"object": 0}, "competences.intake.object: moet >= 1 zijn (gegeven: 0)"),
    ("competences.intake", {"object": "veel"}, "competences.intake.object: moet een geheel getal zijn"),
    ("canvas.block.doelen", ["een", "lijst"], "canvas.block.doelen: moet tekst zijn"),
    ("canvas.block.doelen", 42, "canvas.block.doelen: moet tekst zijn"),
    ("canvas.block.doelen", None, "canvas.block.doelen: moet tekst zijn"),
    ("canvas.parties", {"id": "provincie"}, "canvas.parties: moet een lijst zijn"),
    ("canvas.parties", [{"name": "Provincie"}], "canvas.parties[0].id: ontbreekt"),
    ("canvas.contributions", [{"party": "a", "risk_bearing": "misschien"}],
     "canvas.contributions[0].risk_bearing: moet ja/nee (true/false) zijn"),
    ("schakelbak", {"parts": [{"id": "kern", "joint_goal": "soms"}]},
     "schakelbak.parts[0].joint_goal: moet ja/nee (true/false) zijn"),
    ("schakelbak", {"parts": [{"id": "kern", "parties": "provincie"}]}, "schakelbak.parts[0].parties: moet een lijst zijn"),
    ("beslisboom", [{"id": "run", "answers": {"alleen": 1}}], "beslisboom[0].answers.alleen: moet tekst zijn"),
    ("toets", {"kan": "ja"}, "toets.kan: moet een map (sleutel: waarde) zijn"),
    ("role", {"focus": 150}, "role.focus: moet <= 100 zijn (gegeven: 150)"),
    ("role", {"shares": {"strateeg": -5}}, "role.shares.strateeg: moet >= 0 zijn (gegeven: -5)"),
    ("advice", ["aan de directie"], "advice: moet een map (sleutel: waarde) zijn"),
    ("homework.tussentijd-a.herkenning", {"tekst": "x"}, "homework.tussentijd-a.herkenning: moet tekst zijn"),
])
def test_wrong_types_are_refused_with_a_dutch_message(key, value, message):
    with pytest.raises(InputError) as info:
        parse_field(key, value)
    assert info.value.message == message


def test_an_id_with_spaces_is_refused():
    with pytest.raises(InputError) as info:
        parse_field("canvas.parties", [{"id": "de provincie"}])
    assert info.value.message.startswith("canvas.parties[0].id: ongeldige waarde 'de provincie'")


def test_several_errors_are_counted_in_one_message():
    with pytest.raises(InputError) as info:
        parse_field("role", {"focus": 150, "scope": 150})
    assert info.value.message == "role.focus: moet <= 100 zijn (gegeven: 150) (en nog 1 andere)"


# --- Workbook and TeamHomework ---------------------------------------------------------------

def test_from_fields_then_to_fields_gives_back_the_parsed_fields():
    fields = make_fields(parties=5, parts=4)
    assert Workbook.from_fields(fields).to_fields() == {k: parse_field(k, v) for k, v in fields.items()}


def test_to_fields_then_from_fields_gives_the_same_workbook():
    workbook = make_workbook(parties=2, parts=5, partnership_type="ontwikkeling")
    assert Workbook.from_fields(workbook.to_fields()) == workbook


def test_from_fields_assembles_the_canvas_from_its_block_parties_and_contributions_keys():
    workbook = make_workbook(parties=4)
    assert set(workbook.canvas.blocks) == set(BLOCKS)
    assert [p.id for p in workbook.canvas.parties] == ["partij-1", "partij-2", "partij-3", "partij-4"]
    assert [c.party for c in workbook.canvas.contributions] == ["partij-1", "partij-2", "partij-3", "partij-4"]


def test_to_fields_leaves_out_empty_sections_and_blocks():
    workbook = Workbook.from_fields({"canvas.block.doelen": "Schoon water.", "canvas.block.regels": "",
                                     "competences.end": {}, "beslisboom": []})
    assert workbook.to_fields() == {"canvas.block.doelen": "Schoon water."}
    assert Workbook().to_fields() == {}


def test_a_partly_filled_workbook_round_trips():
    fields = make_fields()
    partial = {k: fields[k] for k in ("casus", "competences.intake", "canvas.block.doelen", "canvas.block.partijen")}
    assert Workbook.from_fields(partial).to_fields() == partial


def test_team_keys_are_ignored_by_the_workbook_and_picked_up_by_team_homework():
    team = make_team_fields("tussentijd-a", ("herkenning", "lege-blokken")) | make_team_fields("tussentijd-b", ("compromissen",))
    fields = make_fields() | team
    assert Workbook.from_fields(fields) == make_workbook()
    assert not any(is_team_field(k) for k in Workbook.from_fields(fields).to_fields())
    assert TeamHomework.from_fields(fields).steps == {
        "tussentijd-a": {"herkenning": "Het team over herkenning.", "lege-blokken": "Het team over lege-blokken."},
        "tussentijd-b": {"compromissen": "Het team over compromissen."},
    }


def test_team_homework_of_participant_fields_only_is_empty():
    assert TeamHomework.from_fields(make_fields()).steps == {}


def test_only_homework_keys_are_team_fields():
    assert is_team_field("homework.tussentijd-a.herkenning")
    for key in make_fields():
        assert not is_team_field(key), key
    assert not is_team_field("homework.tussentijd-a")
    assert not is_team_field("homework.Tussentijd-A.herkenning")


# --- check_against_pack ----------------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [
    {}, {"parties": 1, "parts": 1}, {"parties": 6, "parts": 5},
    {"partnership_type": "uitvoering"}, {"partnership_type": "ontwikkeling"},
])
def test_a_consistent_workbook_has_no_problems(pack, kwargs):
    assert check_against_pack(make_workbook(**kwargs), pack) == []


def test_an_empty_workbook_has_no_problems(pack):
    assert check_against_pack(Workbook(), pack) == []


def _one_problem(pack, fields):
    problems = check_against_pack(Workbook.from_fields(fields), pack)
    assert len(problems) == 1, problems
    return problems[0]


def test_check_finds_a_contribution_of_an_unknown_party(pack):
    fields = changed(make_fields(), "canvas.contributions",
                     lambda c: c.append({"party": "boerenbond", "description": "Grond."}))
    problem = _one_problem(pack, fields)
    assert problem.message == "onbekende partij 'boerenbond'"
    assert problem.where == "canvas.contributions[3].party"


def test_check_finds_an_unknown_canvas_block(pack):
    problem = _one_problem(pack, make_fields(**{"canvas.block.ambitie": "Groot denken."}))
    assert problem.message == "onbekende canvasblok 'ambitie'"
    assert problem.where == "canvas.block.ambitie"


def test_check_finds_an_unknown_form(pack):
    fields = changed(make_fields(), "schakelbak", lambda s: s["parts"][1].update(form="alliantie"))
    problem = _one_problem(pack, fields)
    assert problem.message == "onbekende samenwerkingsvorm 'alliantie'"
    assert problem.where == "schakelbak.parts[1].form"


def test_a_part_without_a_form_yet_is_no_problem(pack):
    fields = changed(make_fields(), "schakelbak", lambda s: s["parts"][1].update(form=None))
    assert check_against_pack(Workbook.from_fields(fields), pack) == []


def test_check_finds_an_arrangement_that_belongs_to_another_partnership_type(pack):
    assert "doelenset" in ARRANGEMENTS["gebied"] and "doelenset" not in ARRANGEMENTS["uitvoering"]
    fields = changed(make_fields(partnership_type="uitvoering"), "partnership",
                     lambda p: p["arrangements"].update(doelenset="Alle doelen samen."))
    problem = _one_problem(pack, fields)
    assert problem.message == "onbekende afspraak 'doelenset'"
    assert problem.where == "partnership.arrangements"


def test_check_finds_a_coupling_to_an_unknown_part(pack):
    fields = changed(make_fields(parts=3), "schakelbak",
                     lambda s: s["couplings"].append({"source": "deel-3", "target": "deel-9", "flow": "Geld."}))
    problem = _one_problem(pack, fields)
    assert problem.message == "onbekende onderdeel 'deel-9'"
    assert problem.where == "schakelbak.couplings[2].target"


def test_check_finds_a_part_with_a_party_missing_from_the_canvas(pack):
    fields = changed(make_fields(), "schakelbak", lambda s: s["parts"][0]["parties"].append("netbeheerder"))
    problem = _one_problem(pack, fields)
    assert (problem.message, problem.where) == ("onbekende partij 'netbeheerder'", "schakelbak.parts[0].parties")


def test_check_finds_a_goal_status_for_a_goal_the_party_does_not_have(pack):
    fields = changed(make_fields(), "goals",
                     lambda g: g["consolidated"].append({"party": "partij-1", "goal": "doel-9", "status": "in"}))
    problem = _one_problem(pack, fields)
    assert problem.message == "onbekend doel 'doel-9' van partij 'partij-1'"


def test_check_finds_unknown_ids_from_the_content_pack_everywhere(pack):
    fields = make_fields()
    fields["canvas.parties"][0]["type"] = "ministerie"
    fields["competences.intake"]["charisma"] = 5
    fields["beslisboom"][0]["answers"]["gevoel"] = "ja"
    fields["partnership"]["type"] = "joint-venture"
    fields["goals"]["consolidated"][0]["status"] = "misschien"
    fields["goals"]["dilemmas"][0]["kind"] = "ruil"
    fields["toets"]["past"] = {"answer": "ja"}
    fields["toets"]["kan"]["answer"] = "zeker"
    fields["realisation"][0]["route"] = "subsidie"
    fields["role"]["shares"]["bestuurder"] = 10
    messages = {p.message for p in check_against_pack(Workbook.from_fields(fields), pack)}
    assert messages == {
        "onbekende partijtype 'ministerie'", "onbekende competentie 'charisma'",
        "onbekende beslisboomvraag 'gevoel'", "onbekende partnershiptype 'joint-venture'",
        "onbekende doelstatus 'misschien'", "onbekende soort dilemma 'ruil'", "onbekende toetsvraag 'past'",
        "onbekende antwoord 'zeker'", "onbekende route 'subsidie'", "onbekende rol 'bestuurder'",
    }


# --- the demo answers file -------------------------------------------------------------------

@pytest.fixture(scope="module")
def edition():
    return load_edition("demo", Settings(sessions_dir=REPO / "sessions"))


@pytest.fixture(scope="module")
def answers() -> dict:
    data = YAML(typ="safe", pure=True).load(ANSWERS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def participants(answers) -> dict[str, dict]:
    return {pid: fields for pid, fields in answers.items() if pid != "teams"}


@pytest.fixture(scope="module")
def teams(answers) -> dict[str, dict]:
    return answers.get("teams") or {}


@pytest.fixture(scope="module")
def workbooks(participants) -> dict[str, Workbook]:
    return {pid: Workbook.from_fields({k: parse_field(k, v) for k, v in fields.items()})
            for pid, fields in participants.items()}


def test_demo_answers_every_field_passes_parse_field(participants, teams):
    refused = []
    for subject, fields in [*participants.items(), *teams.items()]:
        for key, value in fields.items():
            try:
                parse_field(key, value)
            except InputError as exc:
                refused.append(f"{subject}: {exc.message}")
    assert refused == []


def test_demo_answers_name_only_participants_and_teams_of_the_demo_edition(edition, participants, teams):
    assert set(participants) <= set(edition.participants)
    assert set(teams) <= set(edition.teams)


def test_demo_team_keys_are_team_fields_and_participant_keys_are_not(edition, participants, teams):
    tussentijden = {s.id: {f.id for f in s.team_fields} for s in edition.content.programme if s.kind == "tussentijd"}
    for team, fields in teams.items():
        for key in fields:
            assert is_team_field(key), f"{team}: {key}"
            _, step, field = key.split(".")
            assert field in tussentijden.get(step, set()), f"{team}: {key} is geen teamveld van een tussentijd"
    for pid, fields in participants.items():
        for key in fields:
            assert not is_team_field(key), f"{pid}: {key}"


def test_demo_workbooks_have_no_problems_against_the_pack(edition, workbooks):
    found = {pid: [str(p) for p in check_against_pack(wb, edition.content)] for pid, wb in workbooks.items()}
    assert {pid: problems for pid, problems in found.items() if problems} == {}


def test_demo_workbooks_round_trip_through_fields(participants, workbooks):
    for pid, fields in participants.items():
        assert workbooks[pid].to_fields() == {k: parse_field(k, v) for k, v in fields.items()}, pid


def test_demo_answers_come_from_all_three_teams(edition, participants):
    assert len(participants) >= 6
    for team in edition.teams.values():
        assert set(team.members) & set(participants), f"{team.id} heeft geen ingevulde deelnemers"


def test_demo_casus_titles_are_the_titles_in_the_edition(edition, participants):
    for pid, fields in participants.items():
        assert fields["casus"]["title"] == edition.participants[pid].casus, pid


def test_demo_answers_contain_no_email_addresses():
    assert not re.search(r"\S+@\S+\.\w+", ANSWERS.read_text(encoding="utf-8"))


def _walk(pack, answers: dict[str, str]) -> str:
    """The node a beslisboom run ends on; fails unless it follows a real path from the root to an end."""
    node = pack.beslisboom.root
    for node_id, answer_id in answers.items():
        assert node_id == node, f"verwacht vraag {node!r}, gegeven {node_id!r}"
        options = {a.id: a.next for a in pack.node(node).answers}
        assert answer_id in options, f"{node}: antwoord {answer_id!r} bestaat niet"
        node = options[answer_id]
    assert pack.node(node).kind in ("outcome", "exit"), f"de route stopt halverwege, bij {node!r}"
    return node


def test_demo_beslisboom_runs_follow_real_paths_from_the_root(pack, workbooks):
    for pid, wb in workbooks.items():
        for run in wb.beslisboom:
            _walk(pack, run.answers)


def test_demo_role_shares_add_up_to_100(workbooks):
    for pid, wb in workbooks.items():
        if wb.role.shares:
            assert sum(wb.role.shares.values()) == 100, pid


def test_demo_partnership_traits_are_traits_of_the_typology(pack, workbooks):
    traits = {t.id for t in pack.partnership_traits}
    for pid, wb in workbooks.items():
        assert set(wb.partnership.traits) <= traits, pid


def _form_findings(pack, wb: Workbook) -> list[tuple[str, str]]:
    return [(part.id, check.id) for part in wb.schakelbak.parts if part.form
            for check in pack.form(part.form).checks if check.when.matches(part.model_dump())]


@pytest.mark.parametrize("pid, finding", [
    ("p01", ("monitoring", "contract-zonder-prestaties")),
    ("p05", ("res-overleg", "partnership-zonder-gezamenlijk-doel")),
])
def test_demo_complete_schakelbak_has_exactly_one_deliberate_form_finding(pack, workbooks, pid, finding):
    assert _form_findings(pack, workbooks[pid]) == [finding]


def test_demo_has_a_part_whose_form_is_not_chosen_yet(workbooks):
    assert any(part.form is None for wb in workbooks.values() for part in wb.schakelbak.parts)


@pytest.mark.parametrize("pid", ["p01", "p05"])
def test_demo_p01_and_p05_are_complete_through_dagdeel_5(pack, participants, workbooks, pid):
    fields, wb = participants[pid], workbooks[pid]
    casus = wb.casus
    assert casus.title and casus.area and casus.domain and casus.opgave and casus.stuck and casus.parties
    assert set(wb.competences_intake) == {c.id for c in pack.competences}
    assert set(wb.canvas.blocks) == {b.id for b in pack.blocks} and all(wb.canvas.blocks.values())
    parties = wb.canvas.parties
    assert 4 <= len(parties) <= 6 and all(1 <= len(p.goals) <= 3 for p in parties)
    assert len({p.type for p in parties}) >= 4
    assert {c.risk_bearing for c in wb.canvas.contributions} == {True, False}
    parts = wb.schakelbak.parts
    assert 3 <= len(parts) <= 5 and len({p.form for p in parts}) >= 3 and wb.schakelbak.couplings
    ends = {pack.node(_walk(pack, run.answers)).form for run in wb.beslisboom}
    assert "partnership" in ends and ends & {"contractsamenwerking", "netwerk"}
    ptype = pack.partnership_type(wb.partnership.type)
    assert wb.partnership.part in {p.id for p in parts}
    assert set(wb.partnership.traits) == {t.id for t in pack.partnership_traits}
    filled = {a for a, text in wb.partnership.arrangements.items() if text.strip()}
    assert len(ptype.arrangements) / 2 < len(filled) < len(ptype.arrangements)
    assert len(wb.partnership.considerations) == 2
    goals = {(p.id, g.id) for p in parties for g in p.goals}
    assert {(g.party, g.goal) for g in wb.goals.consolidated} == goals
    assert {d.kind for d in wb.goals.dilemmas} == {"trade-off", "compromis"}
    assert set(wb.toets) == {q.id for q in pack.toets}
    assert any(a.answer in ("nee", "deels") and a.step_back for a in wb.toets.values())
    assert 3 <= len(wb.realisation) <= 4
    assert wb.role.focus is not None and wb.role.scope is not None and sum(wb.role.shares.values()) == 100
    assert "interventions" in fields


def test_demo_p05_mostly_compromises_and_p01_mixes_with_trade_offs(workbooks):
    p05 = Counter(d.kind for d in workbooks["p05"].goals.dilemmas)
    p01 = Counter(d.kind for d in workbooks["p01"].goals.dilemmas)
    assert p05["compromis"] > p05["trade-off"] >= 0
    assert p01["trade-off"] >= p01["compromis"] >= 1


def test_demo_one_complete_participant_also_did_the_end_assessment(pack, workbooks):
    ended = [pid for pid in ("p01", "p05") if set(workbooks[pid].competences_end) == {c.id for c in pack.competences}]
    assert ended


def test_demo_team_veen_did_all_of_tussentijd_a_and_more_homework_exists(pack, teams):
    fields = {f.id for f in pack.step("tussentijd-a").team_fields}
    assert TeamHomework.from_fields(teams["team-veen"]).steps["tussentijd-a"].keys() == fields
    others = {(team, step) for team, f in teams.items() for step in TeamHomework.from_fields(f).steps}
    assert len(others - {("team-veen", "tussentijd-a")}) >= 1


def test_demo_answers_use_every_form_and_several_party_types(workbooks):
    forms = {p.form for wb in workbooks.values() for p in wb.schakelbak.parts}
    assert set(FORMS) <= forms
    types = {p.type for wb in workbooks.values() for p in wb.canvas.parties}
    assert len(types) >= 6
