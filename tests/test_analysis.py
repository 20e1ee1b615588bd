"""The analysis: every check and derived view answers what the participant filled in.

Workbooks are built inline with the model classes; the content pack is the
real shipped one, so a rule reworded in data/content is tested as shipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from swc_core import analysis
from swc_core.analysis import (
    INSTRUMENT_FILLED,
    STRUCTURED_BLOCKS,
    Finding,
    arrangement_progress,
    canvas_completeness,
    check_forms,
    competence_change,
    dilemma_balance,
    evaluate_run,
    filled,
    goal_status_counts,
    goals_matrix,
    open_arrangements,
    outcome_counts,
    role_profile,
    shares_vs_survey,
    signal_facts,
    situation_routes,
    stagnation_signals,
    stated_goal_counts,
    step_progress,
    suggest_type,
)
from swc_core.analysis.form_check import DANGLING_COUPLING, NO_FORM, NO_PARTIES, UNKNOWN_FORM
from swc_core.analysis.tradeoffs import MIN_COMPROMISES
from swc_core.content import FIXED_IDS, load_content
from swc_core.errors import InputError
from swc_core.messages import text
from swc_core.model import Workbook
from swc_core.model.canvas import Canvas, Contribution, Goal, Party
from swc_core.model.casus import Casus
from swc_core.model.decisions import BeslisboomRun, Partnership
from swc_core.model.goals import Dilemma, Goals, GoalStatus
from swc_core.model.schakelbak import Coupling, Part, Schakelbak
from swc_core.model.strategy import Recognition, Role
from swc_core.model.toets import ToetsAnswer


@pytest.fixture(scope="module")
def pack():
    return load_content()


# --- small builders ----------------------------------------------------------


def part(
    part_id: str = "kern", form: str | None = "partnership", parties=("prov", "ws"), **fields
) -> Part:
    return Part(id=part_id, form=form, parties=list(parties), **fields)


def fitting_partnership(part_id: str = "kern") -> Part:
    return part(
        part_id, "partnership", joint_goal=True, risk_bearing=True, goal="Schoon water in de polder"
    )


def party(party_id: str, *goal_ids: str, name: str = "") -> Party:
    return Party(
        id=party_id, name=name or party_id, goals=[Goal(id=g, text=f"doel {g}") for g in goal_ids]
    )


def dilemmas(*kinds: str | None) -> Goals:
    return Goals(dilemmas=[Dilemma(id=f"d{i}", kind=kind) for i, kind in enumerate(kinds)])


def run(**answers: str) -> BeslisboomRun:
    # node ids with a dash cannot be keyword names: pass them with underscores
    return BeslisboomRun(id="r1", answers={k.replace("_", "-"): v for k, v in answers.items()})


def sources(findings: list[Finding]) -> list[str]:
    return [f.source for f in findings]


def check_message(pack, check_id: str) -> str:
    return next(
        " ".join(c.message.split()) for f in pack.forms for c in f.checks if c.id == check_id
    )


# --- findings ----------------------------------------------------------------


def test_finding_id_combines_source_and_subject_and_message_is_one_line():
    finding = Finding.create("bron", "advies", "twee\n  regels", "kern")
    assert (finding.id, finding.message, finding.subject) == ("bron:kern", "twee regels", "kern")
    assert Finding.create("bron", "info", "x").id == "bron"


# --- klopt de vorm? (form_check) ----------------------------------------------


def test_empty_schakelbak_has_no_findings(pack):
    assert check_forms(Schakelbak(), pack) == []


def test_part_without_form_yet_gets_an_info_finding(pack):
    findings = check_forms(Schakelbak(parts=[part(form=None)]), pack)
    assert [(f.source, f.severity, f.subject) for f in findings] == [(NO_FORM, "info", "kern")]
    assert findings[0].message == text("analysis.no_form")


def test_unknown_form_id_gets_an_info_finding_naming_it(pack):
    findings = check_forms(Schakelbak(parts=[part(form="coalitie")]), pack)
    assert sources(findings) == [UNKNOWN_FORM]
    assert findings[0].severity == "info" and "coalitie" in findings[0].message


def test_partnership_part_without_joint_goal_is_flagged(pack):
    findings = check_forms(
        Schakelbak(parts=[part(joint_goal=False, risk_bearing=True, goal="x")]), pack
    )
    assert sources(findings) == ["partnership-zonder-gezamenlijk-doel"]
    assert findings[0].severity == "waarschuwing"
    assert findings[0].message == check_message(pack, "partnership-zonder-gezamenlijk-doel")
    assert findings[0].subject == "kern"


def test_partnership_part_that_fits_its_form_has_no_findings(pack):
    assert check_forms(Schakelbak(parts=[fitting_partnership()]), pack) == []


def test_unanswered_yes_no_question_triggers_no_yes_no_check(pack):
    """joint_goal None means "not decided yet", not "no"."""
    findings = check_forms(
        Schakelbak(parts=[part(joint_goal=None, risk_bearing=True, goal="x")]), pack
    )
    assert findings == []


def test_contract_without_agreed_performances_is_flagged_even_if_only_whitespace(pack):
    findings = check_forms(
        Schakelbak(parts=[part("inkoop", "contractsamenwerking", agreed_performances="  \n")]), pack
    )
    assert sources(findings) == ["contract-zonder-prestaties"]


def test_network_with_one_party_is_too_small(pack):
    findings = check_forms(Schakelbak(parts=[part("kring", "netwerk", parties=["prov"])]), pack)
    assert sources(findings) == ["netwerk-te-klein"]


def test_organisation_part_with_no_parties_gets_advice_to_add_them(pack):
    findings = check_forms(Schakelbak(parts=[part("lijn", "organisatie", parties=[])]), pack)
    assert [(f.source, f.severity) for f in findings] == [(NO_PARTIES, "advies")]
    assert findings[0].message == text("analysis.no_parties")


def test_part_with_no_parties_is_not_reported_twice_when_a_form_rule_counts_them(pack):
    findings = check_forms(
        Schakelbak(parts=[part(parties=[], joint_goal=True, risk_bearing=True, goal="x")]), pack
    )
    assert sources(findings) == ["partnership-te-klein"]


def test_part_without_form_and_parties_gets_both_structural_findings(pack):
    findings = check_forms(Schakelbak(parts=[part(form=None, parties=[])]), pack)
    assert sources(findings) == [NO_FORM, NO_PARTIES]


@pytest.mark.parametrize("form_id", FIXED_IDS["forms"][1])
def test_every_check_of_the_pack_fires_on_a_part_that_meets_its_condition(pack, form_id):
    """Data-driven: a rule a trainer adds to forms.yml is checked without code changes."""
    for check in pack.form(form_id).checks:
        cond = check.when
        if cond.equals is not None:
            value = cond.equals
        elif cond.empty is not None:
            some = ["a"] if cond.field == "parties" else "x"
            value = some[:0] if cond.empty else some
        else:
            value = [f"p{i}" for i in range(cond.fewer_than - 1)]
        findings = check_forms(Schakelbak(parts=[part(form=form_id, **{cond.field: value})]), pack)
        assert check.id in sources(findings), check.id


def test_findings_follow_the_order_of_the_parts_and_have_unique_ids(pack):
    schakelbak = Schakelbak(
        parts=[
            part("a", None),
            fitting_partnership("b"),
            part("c", "netwerk", parties=["x"]),
            part("d", None),
        ]
    )
    findings = check_forms(schakelbak, pack)
    assert [f.subject for f in findings] == ["a", "c", "d"]
    assert len({f.id for f in findings}) == len(findings)
    assert {f.severity for f in findings} <= set(analysis.SEVERITIES)


def test_coupling_to_a_missing_part_is_info_on_the_part_that_exists(pack):
    schakelbak = Schakelbak(
        parts=[fitting_partnership("kern"), fitting_partnership("uitvoering")],
        couplings=[
            Coupling(source="kern", target="uitvoering", flow="geld"),
            Coupling(source="kern", target="weg"),
            Coupling(source="nergens", target="ook-weg"),
        ],
    )
    findings = check_forms(schakelbak, pack)
    assert [(f.source, f.severity, f.subject) for f in findings] == [
        (DANGLING_COUPLING, "info", "kern"),
        (DANGLING_COUPLING, "info", None),
    ]
    assert len({f.id for f in findings}) == 2
    assert findings[0].message == text("analysis.dangling_coupling")


# --- beslisboom ----------------------------------------------------------------


def test_run_without_answers_stops_at_the_root(pack):
    result = evaluate_run(BeslisboomRun(id="r1"), pack)
    assert result.path == [] and result.current.id == pack.beslisboom.root
    assert (result.outcome, result.form, result.complete, result.exit, result.follow_up) == (
        None,
        None,
        False,
        False,
        None,
    )


def test_run_that_stops_halfway_is_not_complete_and_waits_at_the_next_question(pack):
    result = evaluate_run(run(alleen="ja", maken="nee"), pack)
    assert [(n.id, a.id) for n, a in result.path] == [("alleen", "ja"), ("maken", "nee")]
    assert result.current.id == "inkopen"
    assert not result.complete and result.outcome is None


def test_run_to_a_contract_names_the_form_and_the_follow_up(pack):
    result = evaluate_run(run(alleen="ja", maken="nee", inkopen="ja"), pack)
    assert result.complete and not result.exit
    assert result.outcome.id == "uitkomst-contract" == result.current.id
    assert result.form == "contractsamenwerking"
    assert result.follow_up == pack.node("uitkomst-contract").follow_up


def test_run_ending_in_the_no_joint_goal_exit_is_complete_without_a_form(pack):
    result = evaluate_run(
        run(
            alleen="nee",
            partners="in-beeld",
            gezamenlijk_doel="nee",
            geen_gezamenlijk_doel="niet-doen",
        ),
        pack,
    )
    assert result.complete and result.exit
    assert result.outcome.id == "niet-doen" and result.form is None
    assert result.follow_up == pack.node("niet-doen").follow_up


def situation_names(result) -> list[str]:
    return [s.name for s in result.situations]


def test_a_joint_goal_leads_to_situations_1_to_6(pack):
    """The slide: "Gezamenlijk doel mogelijk?" - "Ja" - "Situaties 1 t/m 6?"."""
    result = evaluate_run(run(alleen="nee", partners="in-beeld", gezamenlijk_doel="ja"), pack)
    assert result.complete and result.form == "partnership"
    assert situation_names(result) == [f"Situatie {n}" for n in range(1, 7)]
    assert [(n.id, a.id) for n, a in result.path] == [
        ("alleen", "nee"),
        ("partners", "in-beeld"),
        ("gezamenlijk-doel", "ja"),
    ]


@pytest.mark.parametrize("way", ["bijstellen", "heroverwegen", "niet-doen"])
def test_no_joint_goal_leads_to_situations_7_and_8_whichever_way_is_chosen(pack, way):
    """The slide: "Nee" - "Situaties 7 & 8": adjust strategy or goals, reconsider the plan, or do not do it."""
    result = evaluate_run(
        run(alleen="nee", partners="in-beeld", gezamenlijk_doel="nee", geen_gezamenlijk_doel=way),
        pack,
    )
    assert result.complete and result.exit
    assert situation_names(result) == ["Situatie 7", "Situatie 8"]


def test_situations_show_as_soon_as_the_route_reaches_them(pack):
    waiting = evaluate_run(run(alleen="nee", partners="in-beeld", gezamenlijk_doel="nee"), pack)
    assert not waiting.complete and waiting.current.id == "geen-gezamenlijk-doel"
    assert situation_names(waiting) == ["Situatie 7", "Situatie 8"]


def test_routes_to_other_forms_reach_no_situation(pack):
    for answers in (
        {"alleen": "ja", "maken": "ja"},
        {"alleen": "ja", "maken": "nee", "inkopen": "ja"},
        {"alleen": "ja", "maken": "nee", "inkopen": "nee", "leren": "ja"},
        {},
    ):
        assert evaluate_run(BeslisboomRun(id="r", answers=answers), pack).situations == ()


def test_situation_routes_give_the_path_from_the_root_to_each_group_of_situations(pack):
    routes = {r.node.id: r for r in situation_routes(pack)}
    assert set(routes) == {"uitkomst-partnership", "geen-gezamenlijk-doel"}
    partnership = routes["uitkomst-partnership"]
    assert [(n.id, a.id) for n, a in partnership.path] == [
        ("alleen", "nee"),
        ("partners", "in-beeld"),
        ("gezamenlijk-doel", "ja"),
    ]
    assert [s.id for s in partnership.situations] == [f"situatie-{n}" for n in range(1, 7)]
    no_goal = routes["geen-gezamenlijk-doel"]
    assert no_goal.path[-1][0].id == "gezamenlijk-doel" and no_goal.path[-1][1].id == "nee"
    assert [s.id for s in no_goal.situations] == ["situatie-7", "situatie-8"]


def test_answers_not_on_the_path_are_ignored(pack):
    """Going back and taking another branch leaves the old branch's answers behind; they do not count."""
    result = evaluate_run(
        run(alleen="nee", maken="ja", inkopen="ja", partners="in-beeld", gezamenlijk_doel="ja"),
        pack,
    )
    assert [n.id for n, _a in result.path] == ["alleen", "partners", "gezamenlijk-doel"]
    assert result.form == "partnership"


def test_unknown_answer_stops_the_walk_at_that_question(pack):
    result = evaluate_run(run(alleen="ja", maken="misschien", inkopen="ja"), pack)
    assert [n.id for n, _a in result.path] == ["alleen"]
    assert result.current.id == "maken" and not result.complete


def test_a_looping_tree_built_by_hand_does_not_hang_the_walk(pack):
    """The loader rejects loops; a pack built in code skips the loader, and the walk must still end."""
    from swc_core.content.schema import Answer, Beslisboom, Node

    def question(node_id: str, next_id: str) -> Node:
        return Node(
            id=node_id,
            kind="question",
            text=node_id,
            answers=(Answer(id="ja", label="Ja", next=next_id),),
        )

    tree = Beslisboom(root="a", nodes=(question("a", "b"), question("b", "a")))
    looping = pack.model_copy(update={"beslisboom": tree})
    result = evaluate_run(run(a="ja", b="ja"), looping)
    assert (
        [n.id for n, _a in result.path] == ["a"]
        and result.current.id == "b"
        and not result.complete
    )


def test_outcome_counts_count_finished_runs_per_end_point_and_skip_unfinished_ones(pack):
    runs = [
        run(alleen="ja", maken="ja"),
        run(alleen="ja", maken="ja"),
        run(
            alleen="nee",
            partners="in-beeld",
            gezamenlijk_doel="nee",
            geen_gezamenlijk_doel="bijstellen",
        ),
        run(alleen="nee"),
    ]
    counts = outcome_counts(runs, pack)
    assert list(counts) == [n.id for n in pack.beslisboom.nodes if n.kind != "question"]
    assert counts["uitkomst-organisatie"] == 2 and counts["strategie-bijstellen"] == 1
    assert sum(counts.values()) == 3


def test_outcome_counts_of_no_runs_are_all_zero(pack):
    assert set(outcome_counts([], pack).values()) == {0}


# --- Partnershiptypologie --------------------------------------------------------


def test_typology_with_no_traits_answered_suggests_nothing(pack):
    assert suggest_type(Partnership(), pack) == (None, 0)
    assert suggest_type(Partnership(traits={"onbekend-kenmerk": True}), pack) == (None, 0)


# What each shipped type's description implies for all four traits.
PROFILES = {
    "uitvoering": {
        "taak-afgebakend": True,
        "oplossing-onbekend": False,
        "lange-termijn": False,
        "meerdere-opgaven": False,
    },
    "ontwikkeling": {
        "taak-afgebakend": False,
        "oplossing-onbekend": True,
        "lange-termijn": False,
        "meerdere-opgaven": False,
    },
    "gebied": {
        "taak-afgebakend": False,
        "oplossing-onbekend": False,
        "lange-termijn": True,
        "meerdere-opgaven": True,
    },
}


def test_every_shipped_type_has_a_profile_here(pack):
    assert set(PROFILES) == {t.id for t in pack.partnership_types}


@pytest.mark.parametrize("type_id", sorted(PROFILES))
def test_a_case_meeting_all_conditions_of_a_type_is_suggested_that_type(pack, type_id):
    ptype = pack.partnership_type(type_id)
    only_its_cues = {cue.trait: cue.equals for cue in ptype.suggest_when}
    suggested, score = suggest_type(Partnership(traits=only_its_cues), pack)
    assert (suggested.id, score) == (type_id, len(ptype.suggest_when))


@pytest.mark.parametrize("type_id", sorted(PROFILES))
def test_a_case_answered_all_the_way_like_a_type_is_suggested_that_type(pack, type_id):
    suggested, _score = suggest_type(Partnership(traits=PROFILES[type_id]), pack)
    assert suggested.id == type_id


def _typed_pack(pack, *cue_lists):
    """The shipped pack with hand-built types: type i has the cues of ``cue_lists[i]`` ({trait: equals})."""
    from swc_core.content.conditions import Cue

    first = pack.partnership_types[0]
    types = tuple(
        first.model_copy(
            update={
                "id": f"t{i}",
                "suggest_when": tuple(Cue(trait=k, equals=v) for k, v in cues.items()),
            }
        )
        for i, cues in enumerate(cue_lists)
    )
    return pack.model_copy(update={"partnership_types": types})


def test_a_case_meeting_all_conditions_of_a_later_type_is_not_suggested_an_earlier_one(pack):
    """The demo's first case: a long-term area programme whose solutions are still open. It meets every
    condition of the area type; the first type that fitted one of its conditions used to win."""
    traits = {
        "taak-afgebakend": False,
        "oplossing-onbekend": True,
        "lange-termijn": True,
        "meerdere-opgaven": True,
    }
    suggested, score = suggest_type(Partnership(traits=traits), pack)
    assert (suggested.id, score) == ("gebied", 2)


def test_the_best_matching_type_wins_not_the_first_that_fits(pack):
    """Both types fit fully; the later one is met on more conditions, so the answers say more for it."""
    two = _typed_pack(
        pack, {"lange-termijn": True}, {"lange-termijn": True, "meerdere-opgaven": True}
    )
    suggested, score = suggest_type(
        Partnership(traits={"lange-termijn": True, "meerdere-opgaven": True}), two
    )
    assert (suggested.id, score) == ("t1", 2)


def test_a_contradicted_condition_counts_against_a_type(pack):
    two = _typed_pack(
        pack, {"taak-afgebakend": True, "lange-termijn": True}, {"oplossing-onbekend": True}
    )
    traits = {"taak-afgebakend": True, "lange-termijn": False, "oplossing-onbekend": True}
    suggested, score = suggest_type(Partnership(traits=traits), two)
    assert (suggested.id, score) == ("t1", 1)


def test_between_equal_matches_the_pack_order_decides(pack):
    two = _typed_pack(pack, {"lange-termijn": True}, {"meerdere-opgaven": True})
    suggested, _ = suggest_type(
        Partnership(traits={"lange-termijn": True, "meerdere-opgaven": True}), two
    )
    assert suggested.id == "t0"


def test_a_type_is_suggested_on_part_of_its_conditions_when_none_fits_fully(pack):
    suggested, score = suggest_type(Partnership(traits={"lange-termijn": True}), pack)
    assert (suggested.id, score) == ("gebied", 1)
    suggested, score = suggest_type(Partnership(traits={"taak-afgebakend": True}), pack)
    assert (suggested.id, score) == ("uitvoering", 1)


def test_answers_that_meet_no_cue_suggest_nothing(pack):
    one = _typed_pack(pack, {"lange-termijn": True})
    assert suggest_type(Partnership(traits={"meerdere-opgaven": False}), one) == (None, 0)
    assert suggest_type(Partnership(traits={"lange-termijn": False}), one) == (None, 0)


def test_answers_that_meet_as_many_cues_as_they_contradict_suggest_nothing(pack):
    one = _typed_pack(pack, {"lange-termijn": True, "meerdere-opgaven": True})
    assert suggest_type(
        Partnership(traits={"lange-termijn": True, "meerdere-opgaven": False}), one
    ) == (None, 0)


def test_open_arrangements_are_those_of_the_chosen_type_without_text(pack):
    arrangements = pack.partnership_type("uitvoering").arrangements
    partnership = Partnership(
        type="uitvoering",
        arrangements={arrangements[0].id: "Oplevering in 2027", arrangements[1].id: "   "},
    )
    assert open_arrangements(partnership, pack) == list(arrangements[1:])
    assert arrangement_progress(partnership, pack) == (1, len(arrangements))


def test_no_type_chosen_means_nothing_open_and_no_progress(pack):
    for partnership in (Partnership(), Partnership(type="onbekend-type")):
        assert open_arrangements(partnership, pack) == []
        assert arrangement_progress(partnership, pack) == (0, 0)


def test_arrangement_progress_ignores_texts_for_arrangements_of_another_type(pack):
    total = len(pack.partnership_type("gebied").arrangements)
    partnership = Partnership(
        type="gebied", arrangements={"ontwikkelagenda": "leren", "doelenset": "vijf doelen"}
    )
    assert arrangement_progress(partnership, pack) == (1, total)


# --- goals, trade-offs and compromises ------------------------------------------


def test_no_dilemmas_is_no_warning(pack):
    balance = dilemma_balance(Goals(), pack)
    assert balance.counts == {"trade-off": 0, "compromis": 0}
    assert (balance.unnamed, balance.total, balance.mostly_compromises, balance.findings) == (
        0,
        0,
        False,
        [],
    )


def test_all_compromises_and_no_trade_off_is_a_warning(pack):
    balance = dilemma_balance(dilemmas("compromis", "compromis", "compromis"), pack)
    assert balance.counts["compromis"] == 3 and balance.mostly_compromises
    [finding] = balance.findings
    assert finding.severity == "waarschuwing" and finding.subject is None
    assert (
        "3" in finding.message and "Compromis" in finding.message and "Trade-off" in finding.message
    )


def test_compromises_as_such_are_never_warned_against(pack):
    """Compromises belong to "the art of the feasible": one or two, alone or among trade-offs, are fine."""
    for kinds in (
        ("compromis",),
        ("compromis", "compromis"),
        ("compromis", "trade-off"),
        ("compromis", "compromis", "compromis", "trade-off"),
    ):
        balance = dilemma_balance(dilemmas(*kinds), pack)
        assert not balance.mostly_compromises and balance.findings == [], kinds


def test_the_warning_is_about_the_pattern_of_a_collection_of_compromises(pack):
    [finding] = dilemma_balance(dilemmas(*["compromis"] * MIN_COMPROMISES), pack).findings
    names = {k.id: k.name for k in pack.vocab.dilemma_kinds}
    assert finding.message == " ".join(
        text(
            "analysis.mostly_compromises",
            count=MIN_COMPROMISES,
            compromise=names["compromis"],
            trade_off=names["trade-off"],
        ).split()
    )
    assert "kunst van het haalbare" in finding.message and "patroon" in finding.message
    assert "zwakke compromissen" in finding.message
    assert MIN_COMPROMISES >= 3


def test_the_pack_says_a_compromise_belongs_to_the_art_of_the_feasible(pack):
    compromise = next(k for k in pack.vocab.dilemma_kinds if k.id == "compromis")
    assert (
        "kunst van het haalbare" in compromise.explanation
        and "zwakke compromissen" in compromise.explanation
    )


def test_a_single_compromise_is_no_collection_yet(pack):
    assert MIN_COMPROMISES > 1
    assert not dilemma_balance(dilemmas("compromis"), pack).mostly_compromises


def test_one_owned_trade_off_lifts_the_compromise_warning(pack):
    balance = dilemma_balance(dilemmas("compromis", "compromis", "compromis", "trade-off"), pack)
    assert not balance.mostly_compromises and balance.findings == []


def test_compromises_among_mostly_unnamed_dilemmas_are_no_majority(pack):
    balance = dilemma_balance(dilemmas("compromis", "compromis", None, None, None), pack)
    assert balance.unnamed == 3 and balance.total == 5
    assert not balance.mostly_compromises


def test_party_goals_without_a_consolidated_status_count_as_open(pack):
    wb = Workbook(
        canvas=Canvas(parties=[party("prov", "natuur", "water"), party("lto", "inkomen")]),
        goals=Goals(consolidated=[GoalStatus(party="prov", goal="natuur", status="gezamenlijk")]),
    )
    assert goal_status_counts(wb, pack) == {"open": 2, "in": 0, "van-tafel": 0, "gezamenlijk": 1}


def test_goal_status_counts_of_an_empty_workbook_are_zero_for_every_status(pack):
    counts = goal_status_counts(Workbook(), pack)
    assert list(counts) == [s.id for s in pack.vocab.goal_statuses] and set(counts.values()) == {0}


def test_goals_matrix_has_one_row_per_party_goal_and_ignores_statuses_of_removed_goals(pack):
    wb = Workbook(
        canvas=Canvas(
            parties=[party("prov", "natuur"), party("ws", "water", "peil"), party("lto")]
        ),
        goals=Goals(
            consolidated=[
                GoalStatus(party="ws", goal="peil", status="van-tafel"),
                GoalStatus(party="ws", goal="weg", status="in"),
            ]
        ),
    )
    assert [(r.party.id, r.goal.id, r.status) for r in goals_matrix(wb)] == [
        ("prov", "natuur", "open"),
        ("ws", "water", "open"),
        ("ws", "peil", "van-tafel"),
    ]


def test_goals_matrix_with_one_party_and_the_later_status_counting(pack):
    wb = Workbook(
        canvas=Canvas(parties=[party("prov", "natuur")]),
        goals=Goals(
            consolidated=[
                GoalStatus(party="prov", goal="natuur", status="in"),
                GoalStatus(party="prov", goal="natuur", status="gezamenlijk"),
            ]
        ),
    )
    assert [r.status for r in goals_matrix(wb)] == ["gezamenlijk"]
    assert goals_matrix(Workbook()) == []


# --- patterns of stagnation ------------------------------------------------------


def test_empty_workbook_shows_no_stagnation(pack):
    assert stagnation_signals(Workbook(), pack) == []


def test_a_half_filled_canvas_shows_no_stagnation(pack):
    """Blocks not filled in yet say where the participant is, not how the collaboration runs."""
    half = Workbook(
        canvas=Canvas(
            blocks={"doelen": "Schoon water", "partijen": "Provincie en waterschap"},
            parties=[party("prov", "natuur", "water", "peil"), party("ws", "dijk")],
        )
    )
    assert stagnation_signals(half, pack) == []
    assert (
        stagnation_signals(Workbook(canvas=Canvas(blocks={"doelen": "Schoon water"})), pack) == []
    )


def test_goals_nobody_discussed_yet_show_no_stagnation(pack):
    """Goals on the canvas without a status, or still 'nog open', are no evidence of a struggle."""
    parties = [party("prov", "a", "b", "c"), party("ws", "d", "e")]
    untouched = Workbook(canvas=Canvas(parties=parties))
    saved_open = Workbook(
        canvas=Canvas(parties=parties),
        goals=Goals(
            consolidated=[
                GoalStatus(party=p.id, goal=g.id, status="open") for p in parties for g in p.goals
            ]
        ),
    )
    assert stagnation_signals(untouched, pack) == stagnation_signals(saved_open, pack) == []
    assert stated_goal_counts(saved_open, pack) == {"in": 0, "van-tafel": 0, "gezamenlijk": 0}


def test_unanswered_or_unknown_toets_answers_show_no_stagnation(pack):
    wb = Workbook(
        toets={q.id: ToetsAnswer(answer="onbekend", evidence="nog uitzoeken") for q in pack.toets}
        | {"extra": ToetsAnswer(evidence="alleen tekst")}
    )
    assert stagnation_signals(wb, pack) == []


# The toets answer each pattern of the shipped pack is stated by (the toets check it belongs to).
STATED = {
    "belangenstrijd": ("kan", "nee"),  # is a joint goal possible?
    "gijzeling": ("werkt", "nee"),  # mandate and budget brought in, not held back as leverage?
    "procesenergie": ("levert", "deels"),  # does the process cost less energy than reaching goals?
    "geen-criteria": ("klopt", "nee"),  # decisions with clear criteria?
    "bijdragen-niet-geborgd": ("kan", "deels"),  # essential contributions available and pledged?
}


def test_every_shipped_pattern_has_a_stated_signal_here(pack):
    assert set(STATED) == {p.id for p in pack.patterns}


@pytest.mark.parametrize("pattern_id", sorted(STATED))
def test_each_pattern_fires_from_its_stated_toets_answer(pack, pattern_id):
    question, answer = STATED[pattern_id]
    found = {
        s.pattern.id: s
        for s in stagnation_signals(Workbook(toets={question: ToetsAnswer(answer=answer)}), pack)
    }
    assert pattern_id in found
    reason = text(
        "analysis.signal_toets",
        question=pack.toets_question(question).name,
        answer=next(a.name for a in pack.vocab.toets_answers if a.id == answer),
    )
    assert found[pattern_id].reasons == (reason,) and found[pattern_id].recognised is None


@pytest.mark.parametrize("pattern_id", sorted(STATED))
def test_each_pattern_fires_when_the_participant_recognises_it(pack, pattern_id):
    wb = Workbook(
        patterns={
            pattern_id: Recognition(answer="ja", evidence="Het waterschap wacht op de provincie.")
        }
    )
    [signal] = stagnation_signals(wb, pack)
    assert signal.pattern.id == pattern_id and signal.signals == () and signal.signal_reasons == ()
    assert signal.reasons == (
        text(
            "analysis.signal_recognised_because",
            answer="Ja",
            evidence="Het waterschap wacht op de provincie.",
        ),
    )


def test_a_pattern_not_recognised_or_unknown_to_the_participant_does_not_fire(pack):
    wb = Workbook(
        patterns={
            "gijzeling": Recognition(answer="nee"),
            "procesenergie": Recognition(answer="onbekend"),
            "belangenstrijd": Recognition(evidence="twijfel"),
        }
    )
    assert stagnation_signals(wb, pack) == []


def test_recognition_and_signals_are_reported_together(pack):
    wb = Workbook(
        toets={"werkt": ToetsAnswer(answer="deels")},
        patterns={"gijzeling": Recognition(answer="deels")},
    )
    found = {s.pattern.id: s for s in stagnation_signals(wb, pack)}
    gijzeling = found["gijzeling"]
    assert gijzeling.reasons[0] == text("analysis.signal_recognised", answer="Deels")
    assert gijzeling.signal_reasons == gijzeling.reasons[1:] and len(gijzeling.signal_reasons) == 1


def test_toets_answer_signals_its_pattern_with_a_reason_naming_question_and_answer(pack):
    wb = Workbook(toets={"levert": ToetsAnswer(answer="nee")})
    [signal] = stagnation_signals(wb, pack)
    assert signal.pattern.id == "procesenergie"
    assert [s.toets for s in signal.signals] == ["levert"]
    assert signal.reasons == (
        text("analysis.signal_toets", question=pack.toets_question("levert").name, answer="Nee"),
    )


def test_positive_toets_answers_signal_nothing(pack):
    wb = Workbook(toets={q.id: ToetsAnswer(answer="ja") for q in pack.toets})
    assert stagnation_signals(wb, pack) == []


def test_stated_goal_statuses_and_dilemmas_can_signal_a_pattern_of_a_trainers_pack(pack):
    """The shipped pack signals only from the toets; a trainer's signal on stated goals or dilemmas works too."""
    from swc_core.content import Signal

    pattern = pack.pattern("belangenstrijd").model_copy(
        update={
            "signals": (
                Signal(goal_status="van-tafel", at_least=2),
                Signal(dilemma_kind="compromis", at_least=3),
            )
        }
    )
    trainers = pack.model_copy(update={"patterns": (pattern,)})
    parties = [party("prov", "a", "b"), party("ws", "c")]
    stated = [
        GoalStatus(party="prov", goal="a", status="van-tafel"),
        GoalStatus(party="ws", goal="c", status="van-tafel"),
    ]
    [signal] = stagnation_signals(
        Workbook(canvas=Canvas(parties=parties), goals=Goals(consolidated=stated)), trainers
    )
    assert signal.reasons == (text("analysis.signal_goal_status", count=2, status="Van tafel"),)
    [signal] = stagnation_signals(
        Workbook(goals=dilemmas("compromis", "compromis", "compromis")), trainers
    )
    assert signal.reasons == (text("analysis.signal_dilemma_kind", count=3, kind="Compromis"),)


def test_signal_facts_gather_toets_dilemmas_and_stated_goal_statuses(pack):
    wb = Workbook(
        toets={
            "kan": ToetsAnswer(answer="deels"),
            "klopt": ToetsAnswer(evidence="nog niet beantwoord"),
        },
        goals=Goals(
            consolidated=[GoalStatus(party="prov", goal="a", status="in")],
            dilemmas=[
                Dilemma(id="d0", kind="trade-off"),
                Dilemma(id="d1", kind="compromis"),
                Dilemma(id="d2"),
            ],
        ),
        canvas=Canvas(parties=[party("prov", "a", "b")]),
    )
    facts = signal_facts(wb, pack)
    assert dict(facts.toets_answers) == {"kan": "deels"}
    assert dict(facts.dilemma_counts) == {"trade-off": 1, "compromis": 1}
    assert dict(facts.goal_counts) == {"in": 1, "van-tafel": 0, "gezamenlijk": 0}


# --- completeness ------------------------------------------------------------------


def test_empty_canvas_is_empty_in_every_block_in_canvas_order(pack):
    completeness = canvas_completeness(Canvas(), pack)
    assert list(completeness) == [b.id for b in pack.blocks] and set(completeness.values()) == {0.0}


def test_block_text_fills_its_block_but_blank_text_does_not(pack):
    completeness = canvas_completeness(
        Canvas(blocks={"operatie": "Een projectbureau", "regels": " \n "}), pack
    )
    assert completeness["operatie"] == 1.0 and completeness["regels"] == 0.0


def test_structured_lists_fill_the_parties_contributions_and_goals_blocks(pack):
    canvas = Canvas(
        parties=[party("prov", "natuur")],
        contributions=[Contribution(party="prov", description="grond")],
    )
    completeness = canvas_completeness(canvas, pack)
    assert completeness["partijen"] == completeness["bijdragen"] == completeness["doelen"] == 1.0
    assert completeness["operatie"] == 0.0


def test_parties_without_goals_leave_the_goals_block_empty(pack):
    completeness = canvas_completeness(Canvas(parties=[party("prov")]), pack)
    assert completeness["partijen"] == 1.0 and completeness["doelen"] == 0.0


def test_tables_name_only_ids_the_schema_fixes(pack):
    """The two tables tie code to pack ids; that is safe only for ids the schema fixes."""
    assert set(STRUCTURED_BLOCKS) <= set(FIXED_IDS["blocks"][1])
    assert set(INSTRUMENT_FILLED) <= set(FIXED_IDS["instruments"][1])
    assert {i.id for i in pack.instruments} <= set(INSTRUMENT_FILLED)


def test_an_item_with_only_an_id_is_not_filled_in():
    assert not filled(Part(id="kern"))
    assert not filled([BeslisboomRun(id="r1")])
    assert filled(Part(id="kern", joint_goal=False))
    assert filled(Role(focus=0))


def test_step_progress_of_an_empty_workbook_is_zero_for_every_step(pack):
    assert {step_progress(Workbook(), s.id, pack) for s in pack.programme} == {0.0}


def test_step_progress_is_the_share_of_the_steps_instruments_filled(pack):
    wb = Workbook(
        schakelbak=Schakelbak(parts=[part()]),
        toets={"kan": ToetsAnswer(answer="ja")},
        beslisboom=[BeslisboomRun(id="r1")],
    )  # a run with nothing in it does not count
    instruments = pack.step("dagdeel-4").instruments
    assert step_progress(wb, "dagdeel-4", pack) == 2 / len(instruments)


def test_competences_count_intake_scores_at_the_intake_and_end_scores_later(pack):
    wb = Workbook(casus=Casus(title="Polder"), competences_intake={"taal": 2})
    assert step_progress(wb, "intake", pack) == 1.0
    assert step_progress(wb, "eindsessie", pack) == 0.0
    wb.competences_end = {"taal": 4}
    assert step_progress(wb, "eindsessie", pack) == pytest.approx(
        1 / len(pack.step("eindsessie").instruments)
    )


def test_unknown_step_is_an_input_error(pack):
    with pytest.raises(InputError):
        step_progress(Workbook(), "dagdeel-9", pack)


# --- competences ---------------------------------------------------------------------


def test_competence_change_per_competence_in_pack_order_with_missing_scores_as_none(pack):
    wb = Workbook(
        competences_intake={"taal": 2, "object": 3}, competences_end={"taal": 4, "verbinden": 5}
    )
    rows = {r.competence.id: r for r in competence_change(wb, pack)}
    assert list(rows) == [c.id for c in pack.competences]
    assert (rows["taal"].intake, rows["taal"].end, rows["taal"].delta) == (2, 4, 2)
    assert (rows["object"].end, rows["object"].delta) == (None, None)
    assert (rows["verbinden"].intake, rows["verbinden"].delta) == (None, None)
    assert rows["opties"].intake is rows["opties"].end is None


def test_competence_change_of_an_empty_workbook_has_no_scores(pack):
    assert all(r.intake is r.end is r.delta is None for r in competence_change(Workbook(), pack))


# --- own role ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focus", "scope", "expected"),
    [
        (0, 0, "strateeg"),
        (49, 100, "netwerker"),
        (50, 49, "organisatieontwikkelaar"),
        (100, 50, "procesmanager"),
    ],
)
def test_role_is_placed_in_the_quadrant_of_focus_and_scope(pack, focus, scope, expected):
    profile = role_profile(Role(focus=focus, scope=scope), pack)
    assert profile.placement.id == expected
    placed = pack.role(expected)
    assert text("analysis.role_placed", role=placed.name, share=placed.share) in profile.message


def test_role_without_both_axes_is_not_placed(pack):
    for role in (Role(), Role(focus=30)):
        profile = role_profile(role, pack)
        assert profile.placement is None and profile.message == text("analysis.role_not_placed")


def test_own_shares_are_set_against_the_survey(pack):
    rows = {
        r.role.id: r
        for r in shares_vs_survey(Role(shares={"procesmanager": 60, "netwerker": 40}), pack)
    }
    assert list(rows) == [r.id for r in pack.roles]
    assert (
        rows["procesmanager"].own,
        rows["procesmanager"].survey,
        rows["procesmanager"].difference,
    ) == (60, 14, 46)
    assert (rows["strateeg"].own, rows["strateeg"].difference) == (None, None)


def test_role_profile_names_the_orientation_that_gets_most_time(pack):
    profile = role_profile(
        Role(focus=80, scope=80, shares={"procesmanager": 60, "netwerker": 40}), pack
    )
    assert (
        text("analysis.role_most_time", role="Procesmanager", own=60, survey=14) in profile.message
    )


# --- the rule on literals ----------------------------------------------------------------


def test_analysis_code_spells_out_no_content_id_outside_its_two_tables(pack):
    """Blocks, forms, questions and the like come from the pack; only completeness.py's tables name ids."""
    lists = (
        pack.blocks,
        pack.forms,
        pack.toets,
        pack.beslisboom.nodes,
        pack.patterns,
        pack.partnership_types,
        pack.vocab.dilemma_kinds,
        pack.vocab.goal_statuses,
    )
    ids = {item.id for items in lists for item in items}
    folder = Path(analysis.__file__).parent
    for module in sorted(folder.glob("*.py")):
        if module.name == "completeness.py":
            continue
        literals = {
            node.value
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not literals & ids, f"{module.name} spells out {sorted(literals & ids)}"
