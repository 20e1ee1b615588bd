"""The content pack: the shipped pack is complete, and a broken one is reported precisely.

Every breakage test copies data/content, breaks it as a trainer might, and
checks that the problem names the right file and line, in Dutch.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
from pathlib import Path

import pytest
from pydantic import ValidationError
from ruamel.yaml import YAML

from swc_core.content import DEFAULT_CONTENT_DIR, FIXED_IDS, PACK_FILES, SignalFacts, load_content
from swc_core.content import checks as cross_checks
from swc_core.errors import ContentError, InputError

from content_factories import CONTENT, REPO, PackCopy, copy_pack, only
from seed_runs import RUN, fingerprint, load_fingerprints, runs, seed_fingerprints


@pytest.fixture(scope="module")
def pack():
    return load_content()


@pytest.fixture
def broken(tmp_path: Path) -> PackCopy:
    return copy_pack(tmp_path)


# --- the shipped pack --------------------------------------------------------


def test_default_pack_loads_with_nine_blocks_in_canvas_order(pack):
    assert [b.id for b in pack.blocks] == [
        "doelen",
        "partijen",
        "bijdragen",
        "operatie",
        "besluitvorming",
        "regels",
        "risicos",
        "levenscyclus",
        "investeringen-opbrengsten",
    ]
    assert all(2 <= len(b.questions) <= 4 for b in pack.blocks)
    assert pack.meta.language == "nl"
    assert pack.source == CONTENT.resolve() == DEFAULT_CONTENT_DIR


def test_default_pack_has_the_fixed_ids_other_code_relies_on(pack):
    assert [f.id for f in pack.forms] == [
        "organisatie",
        "netwerk",
        "contractsamenwerking",
        "partnership",
    ]
    assert [s.id for s in pack.programme] == [
        "intake",
        "dagdeel-1-2",
        "tussentijd-a",
        "dagdeel-3",
        "tussentijd-b",
        "dagdeel-4",
        "tussentijd-c",
        "dagdeel-5",
        "tussentijd-d",
        "eindsessie",
    ]
    assert [q.id for q in pack.toets] == ["kan", "klopt", "werkt", "levert"]
    assert [p.id for p in pack.patterns] == [
        "belangenstrijd",
        "gijzeling",
        "procesenergie",
        "geen-criteria",
        "bijdragen-niet-geborgd",
    ]
    assert [b.id for b in pack.balance] == ["inhoud", "relatie", "proces", "inrichting"]
    assert [c.id for c in pack.competences] == [
        "object",
        "taal",
        "opties",
        "afwegen",
        "ontwerpen",
        "toepassen",
        "inbrengen",
        "verbinden",
    ]
    assert [r.id for r in pack.roles] == [
        "strateeg",
        "netwerker",
        "organisatieontwikkelaar",
        "procesmanager",
    ]
    assert [x.id for x in pack.lenses] == [
        "ambitie",
        "belangen",
        "relatie",
        "organisatie",
        "proces",
    ]
    assert [t.id for t in pack.partnership_types] == ["uitvoering", "ontwikkeling", "gebied"]
    assert {i.id for i in pack.instruments} >= set(FIXED_IDS["instruments"][1])
    assert [t.id for t in pack.vocab.goal_statuses] == ["open", "in", "van-tafel", "gezamenlijk"]
    assert [t.id for t in pack.vocab.dilemma_kinds] == ["trade-off", "compromis"]
    assert [t.id for t in pack.vocab.toets_answers] == ["ja", "deels", "nee", "onbekend"]
    assert [t.id for t in pack.vocab.party_types][-1] == "overig"
    assert pack.vocab.realisation_routes == (
        "organisatie",
        "contractsamenwerking",
        "netwerk",
        "partnership",
    )
    assert pack.ladder[-1].id == "co-productie"
    assert [p.value for p in pack.scale] == [1, 2, 3, 4, 5]


def test_programme_uses_the_instruments_of_each_step(pack):
    uses = {s.id: list(s.instruments) for s in pack.programme}
    assert uses["intake"] == ["casus", "competenties"]
    assert uses["dagdeel-1-2"] == ["canvas", "schakelbak"]
    assert uses["dagdeel-3"] == ["beslisboom", "typologie"]
    assert uses["dagdeel-4"] == ["beslisboom", "doelen", "schakelbak", "toets"]
    assert uses["dagdeel-5"] == ["patronen", "realisatie", "eigen-rol", "reflectie"]
    assert uses["tussentijd-c"] == ["interventies"]
    assert uses["tussentijd-d"] == ["advies"]
    assert uses["eindsessie"] == ["advies", "interventies", "competenties", "reflectie"]


def test_only_tussentijden_carry_homework_for_the_team(pack):
    for step in pack.programme:
        assert step.id.split("-")[0] == step.kind
        if step.kind == "tussentijd":
            assert step.assignment and step.team_fields
        else:
            assert step.assignment is None and step.team_fields == ()


def test_role_shares_sum_to_100_with_one_role_per_quadrant(pack):
    assert [r.share for r in pack.roles] == [28, 36, 22, 14]
    assert {(r.focus, r.scope) for r in pack.roles} == {
        ("richten", "binnen"),
        ("richten", "buiten"),
        ("inrichten", "binnen"),
        ("inrichten", "buiten"),
    }
    assert pack.role("netwerker").focus == "richten" and pack.axes.scope.buiten


def _walk(pack, *answers: str):
    node = pack.node(pack.beslisboom.root)
    for answer_id in answers:
        node = pack.node(next(a.next for a in node.answers if a.id == answer_id))
    return node


def test_beslisboom_leads_from_the_root_to_each_form(pack):
    assert _walk(pack, "ja", "ja").form == "organisatie"
    assert _walk(pack, "ja", "nee", "ja").form == "contractsamenwerking"
    assert _walk(pack, "ja", "nee", "nee", "ja").form == "netwerk"
    partnership = _walk(pack, "ja", "nee", "nee", "nee", "in-beeld", "ja")
    assert partnership.kind == "outcome" and partnership.form == "partnership"
    assert _walk(pack, "nee", "in-beeld", "ja").id == partnership.id


def test_the_requirements_of_the_slide_belong_to_the_network(pack):
    """The slide: "Definieer eisen aan netwerk (samenstelling/functies/investering en acceptabel risicoprofiel)"."""
    network = _walk(pack, "ja", "nee", "nee", "ja")
    assert network.requirements == (
        "samenstelling",
        "functies",
        "investering",
        "acceptabel risicoprofiel",
    )
    assert "omgangsregels" not in network.requirements
    # the slide sets no requirements list for the partnership: it leads on to situations 1 to 6
    partnership = _walk(pack, "nee", "in-beeld", "ja")
    assert partnership.requirements == ()
    assert partnership.situations == tuple(f"situatie-{n}" for n in range(1, 7))


def test_the_eight_situations_are_in_the_pack_and_each_is_reached_by_a_node(pack):
    assert [s.id for s in pack.beslisboom.situations] == [f"situatie-{n}" for n in range(1, 9)]
    named = [sid for node in pack.beslisboom.nodes for sid in node.situations]
    assert sorted(named) == sorted(s.id for s in pack.beslisboom.situations)
    assert _walk(pack, "nee", "in-beeld", "nee").situations == ("situatie-7", "situatie-8")


def test_beslisboom_without_a_joint_goal_ends_in_the_three_exits(pack):
    choice = _walk(pack, "nee", "in-beeld", "nee")
    exits = [pack.node(a.next) for a in choice.answers]
    assert [e.id for e in exits] == [
        "strategie-bijstellen",
        "realisatieplan-heroverwegen",
        "niet-doen",
    ]
    assert all(e.kind == "exit" and e.form is None for e in exits)


def test_lookup_of_an_unknown_id_says_which_ids_exist(pack):
    assert pack.form("netwerk").name == "Netwerk"
    assert pack.step("dagdeel-3").kind == "dagdeel"
    assert pack.instrument("schakelbak").name == "Schakelbak"
    assert pack.partnership_type("gebied").arrangements
    assert pack.competence("taal").statement
    with pytest.raises(InputError) as info:
        pack.block("doel")
    assert "'doel' bestaat niet" in info.value.message
    assert "doelen, partijen, bijdragen" in info.value.message
    with pytest.raises(InputError, match="bekend: intake, dagdeel-1-2"):
        pack.step("dagdeel-9")


def test_pack_is_immutable(pack):
    with pytest.raises(ValidationError):
        pack.blocks = ()
    with pytest.raises(ValidationError):
        pack.blocks[0].name = "Ander"


def test_form_checks_flag_a_partnership_without_joint_goal_or_risk(pack):
    def findings(form_id: str, part: dict) -> set[str]:
        return {c.id for c in pack.form(form_id).checks if c.when.matches(part)}

    healthy = {
        "joint_goal": True,
        "risk_bearing": True,
        "parties": ["a", "b"],
        "goal": "Natuurherstel",
        "agreed_performances": "",
    }
    assert findings("partnership", healthy) == set()
    assert findings(
        "partnership", {**healthy, "joint_goal": False, "risk_bearing": False, "parties": ["a"]}
    ) == {
        "partnership-zonder-gezamenlijk-doel",
        "partnership-niet-risicodragend",
        "partnership-te-klein",
    }
    assert findings("partnership", {**healthy, "joint_goal": None}) == set(), (
        "an unanswered question is no finding"
    )
    assert findings(
        "contractsamenwerking", {"agreed_performances": "  ", "parties": ["a", "b"]}
    ) == {"contract-zonder-prestaties"}
    assert "netwerk-vast-resultaat" in findings(
        "netwerk", {"risk_bearing": True, "parties": ["a", "b"]}
    )


def test_stagnation_patterns_are_indicated_by_their_signals(pack):
    facts = SignalFacts(
        toets_answers={"werkt": "deels"}, dilemma_counts={"compromis": 4}, goal_counts={"in": 1}
    )
    indicated = {p.id for p in pack.patterns if any(s.matches(facts) for s in p.signals)}
    assert indicated == {"gijzeling", "geen-criteria"}
    assert not any(s.matches(SignalFacts()) for p in pack.patterns for s in p.signals)


def test_no_shipped_signal_counts_what_was_not_stated(pack):
    """ "Weet ik (nog) niet" and a goal nobody discussed are no evidence of a pattern."""
    for pattern in pack.patterns:
        for signal in pattern.signals:
            assert "onbekend" not in signal.answers
            assert signal.goal_status != "open"


def test_the_patterns_keep_the_names_the_seeds_give_them(pack):
    """The essay: "een voortdurende worsteling met (elkaars) belangen" (not a struggle for them) and "gijzeling van
    de voortgang met mandaten en budgetten" (parties use them as leverage; not a lack of them)."""
    belangen, gijzeling = pack.pattern("belangenstrijd"), pack.pattern("gijzeling")
    assert (
        "worsteling met (elkaars) belangen" in belangen.name.lower()
        and "strijd" not in belangen.name.lower()
    )
    assert gijzeling.name.lower() == "gijzeling van de voortgang met mandaten en budgetten"
    assert "drukmiddel" in gijzeling.description
    assert not re.search(r"gebrek|ontbre", gijzeling.name + gijzeling.description, re.IGNORECASE)


def test_partnership_type_is_suggested_from_the_traits(pack):
    traits = {"taak-afgebakend": True, "oplossing-onbekend": False, "lange-termijn": False}
    assert [t.id for t in pack.partnership_types if t.fits(traits)] == ["uitvoering"]
    ontwikkeling = {"oplossing-onbekend": True, "taak-afgebakend": False, "meerdere-opgaven": False}
    assert [t.id for t in pack.partnership_types if t.fits(ontwikkeling)] == ["ontwikkeling"]
    assert pack.partnership_type("gebied").score({"lange-termijn": True}) == 1
    assert (
        pack.partnership_type("uitvoering").against(
            {"lange-termijn": True, "taak-afgebakend": None}
        )
        == 1
    )


def test_the_risk_question_and_every_check_on_it_mean_what_the_slide_means(pack):
    """The slide: parties "dragen risicodragend bij aan het realiseren van een gezamenlijk doel". A supplier's
    ordinary delivery risk is not that, so neither the question nor a check may read as "carry any risk"."""
    asked = pack.part_questions.risk_bearing
    assert "eigen risico" in asked.question and "gezamenlijk doel" in asked.question
    assert "leverancier" in asked.help
    risk_checks = [c for f in pack.forms for c in f.checks if c.when.field == "risk_bearing"]
    assert len(risk_checks) == 4
    for check in risk_checks:
        message = " ".join(check.message.split())
        assert "eigen risico" in message and "gezamenlijk" in message, check.id


def test_the_competences_keep_everything_the_essay_asks(pack):
    """Three statements once narrowed the essay's competences; each keeps its full scope now."""
    ontwerpen, toepassen, verbinden = (
        pack.competence(c) for c in ("ontwerpen", "toepassen", "verbinden")
    )
    for text in (ontwerpen.description, ontwerpen.statement):
        assert all(verb in text for verb in ("ontwerp", "beoorde", "verbeter"))
    assert "vastgelopen" not in toepassen.statement
    assert "problemen" in toepassen.statement and "resultaat" in toepassen.statement
    for text in (verbinden.description, verbinden.statement):
        assert "samenhangend" in text and "in positie" in text
        assert "collega's, managers en bestuurders" in text


def test_pack_text_names_no_people_and_no_email_addresses():
    for path in CONTENT.glob("*"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text), path
        for name in ("Daalder", "Meijerink", "Westerbeek", "Kaats & Van Wendel"):
            assert name not in text, (path, name)


def _texts(node, where: str):
    """(place, text) for every string value in a loaded YAML document (comments are not text)."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _texts(child, f"{where}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _texts(child, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def _pack_texts():
    """Every text of the pack, and the screen texts beside it (participants read both)."""
    for path in [*sorted(CONTENT.glob("*.yml")), REPO / "data" / "ui" / "nl.yml"]:
        yield from _texts(YAML(typ="safe").load(path.read_text(encoding="utf-8")), path.name)


def test_no_pack_text_copies_a_run_of_ten_words_from_a_source_text():
    """The product says what the sources say in its own words: names and terms, never their sentences."""
    seeds = load_fingerprints()
    copied = [
        f"{where}: {' '.join(run)}"
        for where, text in _pack_texts()
        for run in runs(text)
        if fingerprint(run) in seeds
    ]
    assert copied == []


def test_the_copy_check_catches_the_clause_it_was_written_for():
    """The competence text that once copied 14 words of the essay would fail the check above."""
    seeds = load_fingerprints()
    old = (
        "Omgekeerd neem je wat je weet over proces, relaties en inhoud mee bij het bouwen, beheren en "
        "verbeteren van de samenwerking, alleen of met collega-regisseurs."
    )
    assert RUN == 10 and any(fingerprint(run) in seeds for run in runs(old))


def test_the_fingerprints_are_those_of_the_source_texts():
    """tests/seed_runs.txt must follow the seeds; rebuild it with tests/seed_runs.py when they change."""
    folder = Path(os.environ.get("SWC_SEEDS_DIR", REPO.parent / "shared" / "seeds"))
    if not folder.is_dir():
        pytest.skip(f"the source texts are not at {folder} (set SWC_SEEDS_DIR)")
    assert seed_fingerprints(folder) == load_fingerprints()
    assert {s.file for s in load_content().sources} <= {f.name for f in folder.iterdir()}, (
        "pack.yml names them"
    )


def test_every_section_of_the_pack_has_a_provenance(pack):
    from swc_core.content.schema import Sourced

    expected = {
        f"{Path(name).stem}.{section}"
        for name, model in PACK_FILES.items()
        if issubclass(model, Sourced)
        for section in model.SECTIONS
    }
    assert set(pack.provenance) == expected and len(expected) >= 20
    known = {s.id for s in pack.sources} | {"eigen"}
    assert all(ids and set(ids) <= known for ids in pack.provenance.values())


def test_the_typology_is_marked_as_own_material_and_a_page_says_so(pack):
    """The sources name the three types and nothing more: names, cues and arrangements are the trainers' own."""
    from swc_core.content import provenance_note
    from swc_core.messages import text

    assert pack.provenance["typologie.partnership_types"] == ("eigen",)
    assert pack.provenance["typologie.traits"] == ("eigen",)
    assert provenance_note(pack, ["typologie.traits", "typologie.partnership_types"]) == text(
        "provenance.own"
    )
    assert provenance_note(pack, ["beslisboom.nodes"]) == text("provenance.partly")
    assert provenance_note(pack, ["competences.competences"]) is None  # the essay's own list
    assert "Artikel" in provenance_note(pack, ["roles.roles"])  # a source, but not the Code


@pytest.mark.parametrize("args", [["check-content"], ["check", "demo"]])
def test_swc_check_reports_how_much_of_the_pack_is_own_material(args, pack):
    from click.testing import CliRunner

    from swc_core.cli import cli
    from swc_core.content import provenance_summary

    result = CliRunner().invoke(cli, ["--sessions-dir", str(REPO / "sessions"), *args])
    assert result.exit_code == 0, result.output
    assert provenance_summary(pack) in result.output.splitlines()
    own = sum(ids == ("eigen",) for ids in pack.provenance.values())
    assert f"{own} geheel" in provenance_summary(pack)


def test_every_pack_file_is_read_and_documented_in_the_readme():
    assert sorted(PACK_FILES) == sorted(p.name for p in CONTENT.glob("*.yml"))
    readme = (CONTENT / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in PACK_FILES)
    assert "swc check-content" in readme


# Keys of the pack no code outside swc_core/content reads, each with where it does act (the README says so).
NOT_SHOWN = {
    ("GlossaryTerm", "avoid"): "the one-word check (tests/test_glossary.py) reads it",
    (
        "PackMeta",
        "version",
    ): "bookkeeping of the trainers; the README says the workbook does not show it",
    (
        "PackMeta",
        "sources",
    ): "read by swc_core/content/provenance.py: the provenance note and swc check",
    (
        "Source",
        "file",
    ): "names the source text; test_the_fingerprints_are_those_of_the_source_texts checks it",
    (
        "ContentPack",
        "meta",
    ): "read through ContentPack.sources (provenance); its language and version are listed here",
    (
        "PackMeta",
        "language",
    ): "the pack says its texts are Dutch, as every screen text is (swc_core/messages.py: one catalogue, "
    "decided once); the schema accepts nl only",
}


def _pack_models():
    import inspect

    from pydantic import BaseModel

    from swc_core.content import schema
    from swc_core.content.pack import ContentPack

    models = [
        cls
        for _, cls in inspect.getmembers(schema, inspect.isclass)
        if issubclass(cls, BaseModel)
        and cls.__module__ == schema.__name__
        and not cls.__name__.endswith("File")
        and cls.model_fields
    ]
    return [*models, ContentPack]


def test_every_key_a_trainer_can_edit_is_read_by_the_product():
    """An edit to the pack changes something: every field of its models is read outside the loader.

    A coarse net (``.<field>`` anywhere in swc_core, widgets or a template, outside swc_core/content), with a
    behaviour test per key where it matters (e.g. tests/test_pack_foldouts.py for the forms' traits).
    """
    files = [
        *(REPO / "widgets").rglob("*.py"),
        *(REPO / "swc_core").rglob("*.py"),
        *(REPO / "swc_core").rglob("*.j2"),
    ]
    code = "\n".join(
        f.read_text(encoding="utf-8") for f in files if "content" not in f.relative_to(REPO).parts
    )
    unread = [
        (m.__name__, f)
        for m in _pack_models()
        for f in m.model_fields
        if (m.__name__, f) not in NOT_SHOWN and not re.search(rf"\.{f}\b", code)
    ]
    assert unread == []
    assert all(
        key in {(m.__name__, f) for m in _pack_models() for f in m.model_fields}
        for key in NOT_SHOWN
    )


def test_the_readme_names_only_keys_the_pack_has():
    """Every `key` the pack's README tells a trainer to edit is a field of the pack (so it is read, above)."""
    readme = (CONTENT / "README.md").read_text(encoding="utf-8")
    fields = {f for m in _pack_models() for f in m.model_fields}
    named = set(re.findall(r"`([a-z_]+)`", readme)) - {"eigen", "nl"}
    assert named and named <= fields, named - fields
    assert "niet" in readme[readme.index("`pack.yml`") : readme.index("`canvas.yml`")], (
        "pack.yml: what it does not do"
    )


# --- a broken pack: every problem with file and line ----------------------------


def test_malformed_yaml_is_reported_with_its_line(broken):
    broken.write("pack.yml", 'name: Test\nversion: "1"\nlanguage: nl: fout\n')
    problem = only(broken.problems(), "YAML-fout")
    assert problem.where == f"{broken.path('pack.yml')}:3"
    assert problem.hint


def test_missing_required_field_points_at_its_block(broken):
    broken.replace("canvas.yml", "    name: Operatie\n", "")
    problem = only(broken.problems(), "ontbreekt")
    assert problem.message == "blocks[3].name: ontbreekt"
    assert problem.where == broken.where("canvas.yml", "- id: operatie")
    assert problem.where.endswith(":56")


def test_unknown_field_points_at_the_field(broken):
    broken.replace("forms.yml", "    binding: false\n", "    binding: false\n    bindend: nee\n")
    problem = only(broken.problems(), "onbekend veld")
    assert problem.message == "forms[1].bindend: onbekend veld"
    assert problem.where == broken.where("forms.yml", "bindend: nee")


def test_duplicate_block_id_is_reported_once_at_the_second_occurrence(broken):
    broken.replace("canvas.yml", "  - id: risicos\n", "  - id: regels\n")
    problems = broken.problems()
    problem = only(problems, "komt twee keer voor")
    assert problem.message == "canvasblok-id 'regels' komt twee keer voor"
    lines = [
        i
        for i, line in enumerate(broken.text("canvas.yml").splitlines(), 1)
        if line == "  - id: regels"
    ]
    assert problem.where == f"{broken.path('canvas.yml')}:{lines[1]}"
    assert len(problems) == 1, "no follow-up noise about order or missing ids"


def test_beslisboom_next_pointing_nowhere_names_the_answer(broken):
    broken.replace("beslisboom.yml", "next: uitkomst-netwerk}", "next: uitkomst-netwerkk}")
    problems = broken.problems()
    problem = only(problems, "bestaat niet")
    assert "'uitkomst-netwerkk'" in problem.message and "van 'leren'" in problem.message
    assert problem.where == broken.where("beslisboom.yml", "uitkomst-netwerkk")
    assert "uitkomst-organisatie" in problem.hint
    # the outcome no answer points to any more is unreachable, at its own line
    unreachable = only(problems, "niet bereikbaar")
    assert unreachable.where == broken.where("beslisboom.yml", "- id: uitkomst-netwerk")


def test_unreachable_node_is_reported_at_its_id(broken):
    broken.replace(
        "beslisboom.yml",
        "\nsituations:\n",
        "\n  - id: vergeten\n    kind: exit\n    text: Niemand komt hier.\n\nsituations:\n",
    )
    problem = only(broken.problems(), "niet bereikbaar")
    assert problem.message == "knooppunt 'vergeten' is vanaf 'alleen' niet bereikbaar"
    assert problem.where == broken.where("beslisboom.yml", "- id: vergeten")


def test_beslisboom_loop_is_reported(broken):
    broken.replace("beslisboom.yml", 'label: "Nee", next: leren}', 'label: "Nee", next: alleen}')
    problem = only(broken.problems(), "rondje")
    assert problem.where == broken.where("beslisboom.yml", "next: alleen}")


def test_outcome_naming_an_unknown_form_is_reported(broken):
    broken.replace("beslisboom.yml", "    form: netwerk\n", "    form: netwerken\n")
    problem = only(broken.problems(), "samenwerkingsvorm 'netwerken' bestaat niet")
    assert problem.where == broken.where("beslisboom.yml", "form: netwerken")
    assert "contractsamenwerking" in problem.hint


def test_role_shares_not_summing_to_100_are_reported_at_roles(broken):
    broken.replace("roles.yml", "share: 14", "share: 10")
    problem = only(broken.problems(), "tellen op tot 96")
    assert "28 + 36 + 22 + 10" in problem.message
    assert problem.where == broken.where_line("roles.yml", "roles:")


def test_wrong_step_id_is_reported_with_the_missing_one(broken):
    broken.replace("programme.yml", "  - id: tussentijd-b\n", "  - id: tussentijd-2\n")
    problems = broken.problems()
    wrong = only(problems, "'tussentijd-2'")
    assert wrong.message == "onbekende programmastap-id 'tussentijd-2'"
    assert wrong.where == broken.where("programme.yml", "- id: tussentijd-2")
    assert "intake, dagdeel-1-2, tussentijd-a" in wrong.hint
    missing = only(problems, "'tussentijd-b' ontbreekt")
    assert missing.where == broken.where_line("programme.yml", "steps:")


def test_steps_in_the_wrong_order_are_reported(broken):
    text = broken.text("programme.yml")
    a, b = text.index("  - id: dagdeel-5\n"), text.index("  - id: tussentijd-d\n")
    c = text.index("  - id: eindsessie\n")
    broken.write("programme.yml", text[:a] + text[b:c] + text[a:b] + text[c:])
    problem = only(broken.problems(), "niet op de juiste plek")
    assert (
        problem.message
        == "programmastap 'tussentijd-d' staat niet op de juiste plek (hier hoort 'dagdeel-5')"
    )
    assert problem.where == broken.where("programme.yml", "- id: tussentijd-d")


def test_unknown_instrument_in_the_programme_is_reported_at_its_item(broken):
    broken.replace(
        "programme.yml",
        "instruments: [patronen, realisatie, eigen-rol, reflectie]",
        "instruments: [realisatie, rol]",
    )
    problem = only(broken.problems(), "instrument 'rol' bestaat niet")
    assert problem.where == broken.where("programme.yml", "instruments: [realisatie, rol]")
    assert "eigen-rol" in problem.hint


def test_non_utf8_bytes_are_reported_with_their_line(broken):
    text = broken.text("vocab.yml")
    line = broken.line_of("vocab.yml", "Agrariërs")
    broken.path("vocab.yml").write_bytes(text.encode("latin-1"))
    problem = only(broken.problems(), "UTF-8")
    assert problem.where == f"{broken.path('vocab.yml')}:{line}"
    assert line == 11


def test_missing_file_is_reported_without_follow_up_noise(broken):
    broken.path("toets.yml").unlink()
    problems = broken.problems()
    assert [(p.message, p.where) for p in problems] == [
        ("bestand bestaat niet", str(broken.path("toets.yml")))
    ]


def test_missing_folder_is_one_clear_problem(tmp_path):
    with pytest.raises(ContentError) as info:
        load_content(tmp_path / "nergens")
    assert [p.message for p in info.value.problems] == ["map bestaat niet"]


def test_stray_yaml_file_is_reported_instead_of_silently_ignored(broken):
    broken.write("extra.yml", "blocks: []\n")
    problem = only(broken.problems(), "onbekend bestand")
    assert problem.where == str(broken.path("extra.yml"))


def test_errors_in_several_files_are_all_reported_at_once(broken):
    broken.replace("canvas.yml", "  - id: risicos\n", "  - id: regels\n")
    broken.replace("roles.yml", "share: 14", "share: 15")
    broken.replace("programme.yml", "instruments: [interventies]", "instruments: [interventie]")
    broken.write(
        "pack.yml",
        'name: Test\nversion: "1"\nlanguage: en\n'
        "sources: [{id: slides, name: Slides, file: slides.txt, code: true},\n"
        "  {id: essay, name: Essay, file: essay.txt, code: true},\n"
        "  {id: artikel, name: Artikel, file: artikel.txt, code: false},\n"
        "  {id: praktijklessen, name: Lessen, file: lessen.txt, code: false},\n"
        "  {id: samenwerkingswijzer, name: Wijzer, file: wijzer.txt, code: false}]\n",
    )
    with pytest.raises(ContentError) as info:
        broken.load()
    problems = info.value.problems
    assert len(problems) == 4
    files = {p.where.split(":")[0].rsplit("/", 1)[1] for p in problems}
    assert files == {"canvas.yml", "roles.yml", "programme.yml", "pack.yml"}
    language = only(problems, "language")
    assert (
        language.message.startswith("language: ")
        and "'en'" in language.message
        and "'nl'" in language.message
    )
    assert language.where == f"{broken.path('pack.yml')}:3"
    assert str(info.value).startswith(f"inhoudspakket {broken.folder}: 4 problemen gevonden")


def test_form_check_on_an_unknown_field_or_with_the_wrong_operator_is_rejected(broken):
    broken.replace(
        "forms.yml", "{field: agreed_performances, empty: true}", "{field: prestaties, empty: true}"
    )
    broken.replace("forms.yml", "{field: goal, empty: true}", "{field: goal, equals: true}")
    problems = broken.problems()
    unknown = only(problems, "'joint_goal', 'risk_bearing'")
    assert unknown.where == broken.where("forms.yml", "field: prestaties")
    wrong = only(problems, "'equals' past niet bij veld 'goal'")
    assert wrong.where == broken.where("forms.yml", "{field: goal, equals: true}")


def test_a_signal_on_an_empty_block_does_not_exist(broken):
    """A block not filled in yet says nothing about the collaboration: the signal language has no such kind."""
    broken.replace("patterns.yml", "      - toets: levert\n", "      - empty_block: operatie\n")
    problems = broken.problems()
    assert only(problems, "empty_block: onbekend veld").where == broken.where(
        "patterns.yml", "empty_block: operatie"
    )


def test_a_signal_on_an_unknown_answer_or_an_undiscussed_goal_is_rejected(broken):
    text = broken.text("patterns.yml")
    start = text.index("  - id: bijdragen-niet-geborgd")
    tail = text[start:].replace(
        "        answers: [nee, deels]\n",
        "        answers: [nee, onbekend]\n      - goal_status: open\n        at_least: 2\n",
        1,
    )
    broken.write("patterns.yml", text[:start] + tail)
    problems = broken.problems()
    unknown = only(problems, "toetsantwoord 'onbekend'")
    assert unknown.where == broken.where("patterns.yml", "answers: [nee, onbekend]")
    undiscussed = only(problems, "doelstatus 'open'")
    assert undiscussed.where == broken.where("patterns.yml", "- goal_status: open")
    assert len(problems) == 2


def test_signal_with_two_kinds_is_rejected(broken):
    broken.replace(
        "patterns.yml",
        "      - toets: levert\n",
        "      - toets: levert\n        dilemma_kind: compromis\n",
    )
    problem = only(broken.problems(), "precies één van")
    assert problem.message.startswith("patterns[2].signals[0]: ")
    assert problem.where == broken.where("patterns.yml", "- toets: levert")


def test_every_section_names_its_source(broken):
    broken.replace("typologie.yml", "  traits: eigen\n", "")
    broken.replace("roles.yml", "  roles: artikel\n", "  roles: boek\n")
    problems = broken.problems()
    missing = only(problems, "herkomst van 'traits' ontbreekt")
    assert missing.where == broken.where_line("typologie.yml", "source:")
    unknown = only(problems, "bron 'boek' bestaat niet")
    assert unknown.where == broken.where("roles.yml", "roles: boek")
    assert "eigen" in unknown.hint and "slides" in unknown.hint
    assert len(problems) == 2


def test_a_source_for_a_section_the_file_does_not_have_is_reported(broken):
    broken.replace(
        "toets.yml",
        "  questions: [slides, eigen]\n",
        "  questions: [slides, eigen]\n  vragen: slides\n",
    )
    problem = only(broken.problems(), "geen onderdeel 'vragen'")
    assert problem.where == broken.where("toets.yml", "vragen: slides")


def test_a_situation_no_node_leads_to_is_reported(broken):
    broken.replace(
        "beslisboom.yml",
        "    situations: [situatie-7, situatie-8]\n",
        "    situations: [situatie-7]\n",
    )
    problem = only(broken.problems(), "situatie 'situatie-8' hoort bij geen enkel knooppunt")
    assert problem.where == broken.where("beslisboom.yml", "{id: situatie-8,")


def test_a_node_naming_an_unknown_situation_is_reported(broken):
    broken.replace(
        "beslisboom.yml",
        "    situations: [situatie-7, situatie-8]\n",
        "    situations: [situatie-7, situatie-8, situatie-9]\n",
    )
    problem = only(broken.problems(), "situatie 'situatie-9' bestaat niet")
    assert problem.where == broken.where("beslisboom.yml", "situatie-9]")


def test_too_few_guiding_questions_are_reported_at_the_questions_key(broken):
    broken.replace(
        "canvas.yml", "      - Waaraan zie je over een paar jaar dat het gelukt is?\n", ""
    )
    broken.replace(
        "canvas.yml", "      - Welke doelen van partijen horen erbij, en welke bewust niet?\n", ""
    )
    problem = only(broken.problems(), "minstens 2")
    assert problem.message.startswith("blocks[0].questions: moet minstens 2")
    first_question = broken.line_of("canvas.yml", "Welk resultaat kan geen van de partijen")
    assert (
        problem.where == f"{broken.path('canvas.yml')}:{first_question - 1}"
    )  # the 'questions:' key


def test_overlapping_or_outside_blocks_on_the_canvas_are_reported(broken):
    broken.replace(
        "canvas.yml", "layout: {row: 1, col: 6, colspan: 3}", "layout: {row: 1, col: 5, colspan: 3}"
    )
    broken.replace(
        "canvas.yml", "layout: {row: 2, col: 5, colspan: 7}", "layout: {row: 2, col: 5, colspan: 8}"
    )
    problems = broken.problems()
    overlap = only(problems, "overlapt")
    moved = broken.line_of(
        "canvas.yml", "layout: {row: 1, col: 5, colspan: 3}"
    )  # operatie, listed first
    assert (
        overlap.message
        == f"blok 'besluitvorming' overlapt op het canvas met 'operatie' (regel {moved})"
    )
    assert overlap.where == broken.where("canvas.yml", "layout: {row: 1, col: 3, colspan: 3}")
    outside = only(problems, "buiten het raster")
    assert outside.where == broken.where("canvas.yml", "layout: {row: 2, col: 5, colspan: 8}")


def test_typology_suggestion_must_name_a_listed_trait(broken):
    broken.replace(
        "typologie.yml",
        "{trait: meerdere-opgaven, equals: true}",
        "{trait: meer-opgaven, equals: true}",
    )
    problem = only(broken.problems(), "kenmerk 'meer-opgaven' bestaat niet")
    assert problem.where == broken.where("typologie.yml", "trait: meer-opgaven")


def test_invalid_id_is_explained_in_dutch(broken):
    broken.replace("instruments.yml", "  - id: advies\n", "  - id: Advies Organisatie\n")
    problem = only(broken.problems(), "ongeldige id")
    # the one sentence for the one id grammar (swc_core/ids.py), in the pack as in saved answers
    assert "kleine letters, cijfers, streepjes of liggende streepjes" in problem.message
    assert problem.where == broken.where("instruments.yml", "id: Advies Organisatie")


def test_repository_layout_matches_the_default_dir():
    assert DEFAULT_CONTENT_DIR == REPO / "data" / "content"


def test_every_cross_check_of_the_package_is_run_once():
    """A check written in a module of swc_core/content/checks/ but left out of CHECKS would never run."""
    defined = {
        f"{info.name}.{name}"
        for info in pkgutil.iter_modules(cross_checks.__path__)
        for name, obj in inspect.getmembers(
            importlib.import_module(f"{cross_checks.__name__}.{info.name}")
        )
        if name.startswith("check_")
        and inspect.isfunction(obj)
        and obj.__module__.endswith(info.name)
    }
    run = [
        f"{check.__module__.rsplit('.', 1)[1]}.{check.__name__}" for _, check in cross_checks.CHECKS
    ]
    assert sorted(run) == sorted(defined)


def test_every_cross_check_module_says_where_its_rules_come_from():
    """Each module names its concept's source: a seed, DOMAIN.md, or a rule of our own."""
    sources = ("slides", "essay", "article", "samenwerkingswijzer", "domain.md", "our own")
    for info in pkgutil.iter_modules(cross_checks.__path__):
        doc = (
            importlib.import_module(f"{cross_checks.__name__}.{info.name}").__doc__ or ""
        ).lower()
        assert any(s in doc for s in sources), info.name
