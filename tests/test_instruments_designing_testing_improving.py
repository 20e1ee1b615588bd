"""The instruments of dagdeel 3 to the end, driven as a participant would, against a real SQLite store.

No browser: the real ipywidgets objects are built, clicked and typed into;
the clock is a ManualScheduler, so "a quiet second later" is ``settle()``.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque

import ipywidgets as W
import pytest

from swc_core import messages
from swc_core.edition import load_edition
from swc_core.figures.spec import Figure
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets import choices
from widgets.advice import AdviceInstrument
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.beslisboom import BeslisboomInstrument
from widgets.controls import html_values
from widgets.goals import GoalsInstrument
from widgets.homework import open_points
from widgets.interventions import InterventionsInstrument
from widgets.page import build_page
from widgets.patterns import PatternsInstrument
from widgets.reflection import ReflectionInstrument
from widgets.registry import instrument_class
from widgets.role import RoleInstrument
from widgets.strategy import StrategyInstrument
from widgets.toets import ToetsInstrument
from widgets.typology import TypologyInstrument

from conftest import REPO

EDITION, SUBJECT = "demo", "p01"
XSS = "<img src=x onerror=alert(1)><script>alert('swc')</script>"


@pytest.fixture(scope="module")
def edition():
    return load_edition(EDITION, Settings(sessions_dir=REPO / "sessions"))


@pytest.fixture
def stores():
    opened: list[Store] = []
    yield opened
    for store in opened:
        store.close()


@pytest.fixture
def make_context(edition, stores):
    def make_context(tmp_path, step: str, values: dict | None = None) -> PageContext:
        """A page for p01 on a store in ``tmp_path``; ``values`` are saved first, as if filled in earlier."""
        store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
        stores.append(store)
        for field, value in (values or {}).items():
            store.save(EDITION, SUBJECT, field, value, "earlier")
        binding = StoreBinding(store, EDITION, SUBJECT, SUBJECT, scheduler=ManualScheduler())
        return PageContext(edition, SUBJECT, binding, binding.load(), step=step)

    return make_context


def settle(ctx: PageContext) -> None:
    ctx.binding.scheduler.advance(5)


def saved(ctx: PageContext, field: str):
    return ctx.binding.store.values(EDITION, SUBJECT).get(field)


def revisions(ctx: PageContext, field: str) -> int:
    return len(ctx.binding.store.history(EDITION, SUBJECT, field))


def visible(widget: W.Widget) -> bool:
    return widget.layout.display != "none"


def plain(widget: W.Widget) -> str:
    """What a Label or HTML widget reads as; a text with its terms marked (``marked_terms``) as its plain text."""
    if "swc-term-def" not in widget.value:
        return widget.value
    return html.unescape(
        re.sub(
            r"<[^>]+>", "", re.sub(r"<span class='swc-term-def'[^>]*>.*?</span>", "", widget.value)
        )
    )


def texts(root: W.Widget) -> list[str]:
    """Every Label/HTML text in a widget tree, in order (marked terms read as plain text)."""
    out, stack = [], [root]
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, (W.Label, W.HTML)) and visible(widget):
            out.append(plain(widget))
        if not isinstance(widget, W.Box) or visible(widget):
            stack[0:0] = list(getattr(widget, "children", ()) or ())
    return out


def path_to(pack, wanted) -> dict[str, str]:
    """``{node id: answer id}`` leading from the root to the first node ``wanted(node)`` accepts (breadth first)."""
    queue = deque([(pack.beslisboom.root, {})])
    while queue:
        node_id, answers = queue.popleft()
        node = pack.node(node_id)
        if wanted(node):
            return answers
        queue.extend((a.next, {**answers, node.id: a.id}) for a in node.answers)
    raise AssertionError("no such node in the tree")


def partnership_form(pack) -> str:
    return next(f.id for f in pack.forms if f.joint_goal == "vereist" and f.risk_bearing)


# --- beslisboom --------------------------------------------------------------


def test_beslisboom_walks_to_a_partnership_and_reopens_on_the_same_outcome(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-3")
    pack = ctx.content
    inst = BeslisboomInstrument(ctx)
    walk = inst.walks()[0]
    inst.editor.rows[0].fields["task"].input.value = "Waterpeil verhogen in de polder"
    target = partnership_form(pack)
    for answer in path_to(pack, lambda n: n.form == target).values():
        walk.answer_buttons[answer].click()
    assert walk.answer_buttons == {}, "no question left once the outcome is reached"
    shown = texts(walk)
    assert any(pack.form(target).name in t for t in shown)
    assert all(
        any(req in t for t in shown) for req in pack.node(path_to_node(pack, target)).requirements
    )
    settle(ctx)
    runs = saved(ctx, "beslisboom")
    assert len(runs) == 1 and runs[0]["task"] == "Waterpeil verhogen in de polder"
    assert runs[0]["answers"] == path_to(pack, lambda n: n.form == target)

    again = BeslisboomInstrument(make_context(tmp_path, "dagdeel-3"))
    result = again.walks()[0].result()
    assert result.complete and result.outcome.form == target
    assert again.editor.rows[0].fields["task"].value == "Waterpeil verhogen in de polder"


def path_to_node(pack, form_id: str) -> str:
    return next(n.id for n in pack.beslisboom.nodes if n.form == form_id)


def test_no_joint_goal_ends_at_an_exit_and_undo_goes_back_one_step(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4")
    pack = ctx.content
    inst = BeslisboomInstrument(ctx)
    walk = inst.walks()[0]
    walked = path_to(pack, lambda n: n.kind == "exit")
    answers = list(walked.values())
    for answer in answers:
        walk.answer_buttons[answer].click()
    result = walk.result()
    assert result.exit and result.outcome.kind == "exit"
    assert any(result.outcome.text in t for t in texts(walk)) and visible(walk.undo_button)

    walk.undo_button.click()
    back = walk.result()
    assert not back.complete and len(back.path) == len(answers) - 1
    assert answers[-1] in walk.answer_buttons, "the last question is asked again"
    settle(ctx)
    assert saved(ctx, "beslisboom")[0]["answers"] == dict(list(walked.items())[:-1])

    for _ in answers[:-1]:
        walk.undo_button.click()
    assert walk.value == {} and not visible(walk.undo_button)


def _walk_to(walk, answers: dict) -> None:
    for answer in answers.values():
        walk.answer_buttons[answer].click()


def _names(situations) -> str:
    return ", ".join(s.name for s in situations)


def shown(root: W.Widget) -> str:
    """All visible text of a widget tree as one string, HTML entities read back."""
    return html.unescape(" ".join(texts(root)))


def test_the_beslisboom_shows_the_situations_a_route_leads_to(tmp_path, make_context):
    """Joint goal possible: situations 1 to 6; not possible: situations 7 and 8, whichever way is chosen."""
    ctx = make_context(tmp_path, "dagdeel-3")
    pack = ctx.content
    inst = BeslisboomInstrument(ctx)
    inst.editor.add_button.click()
    joint, none = inst.walks()
    _walk_to(joint, path_to(pack, lambda n: n.form == partnership_form(pack)))
    first_six = [
        s for s in pack.beslisboom.situations if s.id in {f"situatie-{n}" for n in range(1, 7)}
    ]
    assert len(first_six) == 6
    assert _t("beslisboom", "situations", names=_names(first_six)) in shown(joint)
    _walk_to(none, path_to(pack, lambda n: n.kind == "exit"))
    last_two = [s for s in pack.beslisboom.situations if s.id in {"situatie-7", "situatie-8"}]
    assert _t("beslisboom", "situations", names=_names(last_two)) in shown(none)
    assert _names(first_six) not in shown(none)


def test_the_beslisboom_shows_the_route_to_each_group_of_situations(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4")
    inst = BeslisboomInstrument(ctx)
    text = shown(inst)
    assert _t("beslisboom", "situations_title") in text
    assert "Situatie 7, Situatie 8 — " in text and "Situatie 1, Situatie 2" in text
    assert (
        "Is een gezamenlijk doel mogelijk? → Nee" in text
        and "Is een gezamenlijk doel mogelijk? → Ja" in text
    )


def test_a_situation_description_from_the_trainers_is_shown_on_the_route(tmp_path, make_context):
    from widgets.beslisboom import TreeWalk

    ctx = make_context(tmp_path, "dagdeel-3")
    pack = ctx.content
    described = tuple(
        s.model_copy(update={"description": "Beschrijving uit het boek"})
        if s.id == "situatie-7"
        else s
        for s in pack.beslisboom.situations
    )
    edited = pack.model_copy(
        update={"beslisboom": pack.beslisboom.model_copy(update={"situations": described})}
    )
    walk = TreeWalk(edited, path_to(edited, lambda n: n.kind == "exit"))
    assert "Situatie 7: Beschrijving uit het boek" in shown(walk)


def test_several_tasks_each_get_their_own_walk(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-3")
    inst = BeslisboomInstrument(ctx)
    inst.editor.add_button.click()
    first, second = inst.walks()
    root = ctx.content.node(ctx.content.beslisboom.root)
    first.answer_buttons[root.answers[0].id].click()
    second.answer_buttons[root.answers[-1].id].click()
    settle(ctx)
    runs = saved(ctx, "beslisboom")
    assert len({r["id"] for r in runs}) == 2
    assert [r["answers"] for r in runs] == [
        {root.id: root.answers[0].id},
        {root.id: root.answers[-1].id},
    ]


# --- typology ---------------------------------------------------------------


def schakelbak(pack, name=XSS):
    other = next(f.id for f in pack.forms if f.id != partnership_form(pack))
    return {
        "parts": [
            {"id": "netwerk-rond", "name": "Netwerk eromheen", "form": other},
            {"id": "kern", "name": name, "form": partnership_form(pack)},
        ],
        "couplings": [],
    }


def test_typology_suggests_a_type_and_tracks_open_arrangements(tmp_path, make_context, edition):
    ctx = make_context(tmp_path, "dagdeel-3", {"schakelbak": schakelbak(edition.content)})
    pack = ctx.content
    inst = TypologyInstrument(ctx)
    assert choices.read(inst.part) == "kern", "the part in the partnership form is preferred"
    assert inst.suggestion.value == _t("typologie", "no_suggestion")

    ptype = pack.partnership_types[-1]
    for cue in ptype.suggest_when:
        inst.trait_inputs[cue.trait].label = _yes_no(cue.equals)
    assert ptype.name in inst.suggestion.value
    assert inst.arrangement_inputs == {}

    inst.type.value = ptype.id
    assert set(inst.arrangement_inputs) == {a.id for a in ptype.arrangements}
    assert [a.name for a in ptype.arrangements] == open_names(inst)
    first = ptype.arrangements[0]
    inst.arrangement_inputs[first.id].value = "Vastgelegd in de gebiedsovereenkomst"
    assert first.name not in open_names(inst)
    inst.considerations.add()
    inst.considerations.rows[0].fields["text"].value = "Mandaat van de gedeputeerde"
    settle(ctx)
    value = saved(ctx, "partnership")
    assert value["type"] == ptype.id and value["part"] == "kern"
    assert value["traits"] == {c.trait: c.equals for c in ptype.suggest_when}
    assert value["arrangements"] == {first.id: "Vastgelegd in de gebiedsovereenkomst"}
    assert value["considerations"] == ["Mandaat van de gedeputeerde"]

    again = TypologyInstrument(make_context(tmp_path, "dagdeel-3"))
    assert again.type.value == ptype.id and again.value == value
    assert first.name not in open_names(again) and ptype.name in again.suggestion.value


def open_names(inst) -> list[str]:
    return [line for widget in inst.open_list.children[1:] for line in _list_items(widget)]


def _list_items(widget) -> list[str]:
    import html
    import re

    return [html.unescape(m) for m in re.findall(r"<li>(.*?)</li>", widget.value)]


def _yes_no(answer: bool) -> str:
    return messages.text("widgets.choices." + ("yes" if answer else "no"))


def _t(instrument: str, key: str, **values) -> str:
    from widgets.controls import ui

    return ui(instrument, key, **values)


def test_typology_says_it_is_own_material_not_the_codes(tmp_path, make_context):
    """The sources name three types and nothing more; the page must not pass the rest off as the Code's."""
    inst = TypologyInstrument(make_context(tmp_path, "dagdeel-3"))
    assert inst.provenance == messages.text("provenance.own")
    assert html.escape(inst.provenance) in inst.title.value


@pytest.mark.parametrize("type_id", ["uitvoering", "ontwikkeling", "gebied"])
def test_typology_suggests_the_type_whose_conditions_are_all_met(tmp_path, make_context, type_id):
    ctx = make_context(tmp_path, "dagdeel-3")
    ptype = ctx.content.partnership_type(type_id)
    inst = TypologyInstrument(ctx)
    for cue in ptype.suggest_when:
        inst.trait_inputs[cue.trait].label = _yes_no(cue.equals)
    assert inst.suggestion.value == _t(
        "typologie",
        "suggestion",
        name=ptype.name,
        count=len(ptype.suggest_when),
        total=len(ptype.suggest_when),
    )


def test_typology_without_schakelbak_parts_says_where_to_add_them(tmp_path, make_context):
    inst = TypologyInstrument(make_context(tmp_path, "dagdeel-3"))
    assert _t("typologie", "no_parts") in texts(inst)
    assert choices.read(inst.part) is None


# --- goals ------------------------------------------------------------------

PARTIES = [
    {
        "id": "prov",
        "name": "Provincie",
        "type": "provincie",
        "goals": [
            {"id": "d1", "text": "Bodemdaling halveren"},
            {"id": "d2", "text": "Natuur verbinden"},
        ],
    },
    {
        "id": "boer",
        "name": XSS,
        "type": "agrariers",
        "goals": [{"id": "d1", "text": "Rendabel boeren " + XSS}],
    },
]


def test_goals_get_a_status_and_mostly_compromises_warns(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4", {"canvas.parties": PARTIES})
    pack = ctx.content
    inst = GoalsInstrument(ctx)
    first_drawing = inst.figure.figure
    assert set(inst.status_inputs) == {("prov", "d1"), ("prov", "d2"), ("boer", "d1")}
    joint = pack.vocab.goal_statuses[-1].id
    inst.status_inputs[("boer", "d1")].value = joint
    trade_off, compromise = (k.id for k in pack.vocab.dilemma_kinds)
    for n in range(3):
        inst.dilemmas.add()
        row = inst.dilemmas.rows[n].fields
        row["kind"].value = compromise
        row["description"].value = f"Water of gras, nummer {n}"
    assert inst.warning.children, "three compromises and no trade-off: a warning"
    inst.dilemmas.rows[0].fields["kind"].value = trade_off
    assert not inst.warning.children
    settle(ctx)
    value = saved(ctx, "goals")
    assert {(g["party"], g["goal"]): g["status"] for g in value["consolidated"]}[
        ("boer", "d1")
    ] == joint
    assert [d["kind"] for d in value["dilemmas"]] == [trade_off, compromise, compromise]
    assert isinstance(inst.figure.figure, Figure) and inst.figure.figure is not first_drawing, (
        "redrawn"
    )

    again = GoalsInstrument(make_context(tmp_path, "dagdeel-4"))
    assert again.status_inputs[("boer", "d1")].value == joint and again.value == value


def test_goals_without_parties_say_where_to_add_them(tmp_path, make_context):
    inst = GoalsInstrument(make_context(tmp_path, "dagdeel-4"))
    assert inst.status_inputs == {} and _t("doelen", "no_goals") in texts(inst)


# --- toets ------------------------------------------------------------------


def test_toets_asks_for_a_step_back_when_the_answer_is_not_yes(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4")
    pack = ctx.content
    inst = ToetsInstrument(ctx)
    yes, no = pack.vocab.toets_answers[0].id, "nee"
    first = pack.toets[0]
    question = inst.questions[first.id]
    assert not visible(question.step_back_box)
    question.answer.value = no
    assert visible(question.step_back_box) and first.step_back.strip() in texts(question)
    question.step_back.value = "Terug naar de beslisboom"
    question.evidence.value = "De boeren willen niet tekenen"
    settle(ctx)
    assert saved(ctx, "toets")[first.id] == {
        "answer": no,
        "evidence": "De boeren willen niet tekenen",
        "step_back": "Terug naar de beslisboom",
    }
    question.answer.value = yes
    assert not visible(question.step_back_box)
    settle(ctx)

    again = ToetsInstrument(make_context(tmp_path, "dagdeel-4"))
    assert again.questions[first.id].answer.value == yes
    assert again.questions[first.id].step_back.value == "Terug naar de beslisboom"


def test_toets_answers_bring_up_the_stagnation_patterns_they_signal(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4")
    pack = ctx.content
    inst = ToetsInstrument(ctx)
    before = texts(inst.signals)
    pattern, signal = next(
        (p, s)
        for p in pack.patterns
        for s in p.signals
        if s.toets is not None and p.name not in before
    )
    inst.questions[signal.toets].answer.value = signal.answers[0]
    assert pattern.name in texts(inst.signals)


def test_toets_shows_no_stagnation_for_a_half_filled_canvas(tmp_path, make_context):
    values = {"canvas.block.doelen": "Schoon water", "canvas.parties": PARTIES}
    inst = ToetsInstrument(make_context(tmp_path, "dagdeel-4", values))
    assert texts(inst.signals) == [_t("toets", "not_answered")]


# --- no verdict from no data (issue 16) ----------------------------------------


def test_an_unanswered_toets_says_it_is_not_answered_not_that_all_is_well(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-4")
    inst = ToetsInstrument(ctx)
    assert texts(inst.signals) == [_t("toets", "not_answered")]
    yes = ctx.content.vocab.toets_answers[0].id  # "ja": points at no pattern
    for question in inst.questions.values():
        question.answer.value = yes
    assert texts(inst.signals) == [_t("toets", "no_signals")], (
        "only an answered toets may say 'no pattern'"
    )


def test_an_empty_schakelbak_is_not_told_that_its_forms_fit(tmp_path, make_context):
    from widgets.schakelbak import SchakelbakInstrument

    inst = SchakelbakInstrument(make_context(tmp_path, "dagdeel-3"))
    assert texts(inst.check_box) == [_t("schakelbak", "nothing_to_check")]
    assert _t("schakelbak", "no_findings") not in shown(inst)


def test_homework_says_nothing_is_stated_yet_for_a_member_who_filled_in_nothing(edition):
    from swc_core.model import Workbook
    from widgets.homework import member_summary

    empty = shown(member_summary(edition, SUBJECT, Workbook.from_fields({})))
    assert messages.text("homework.nothing_stated") in empty
    assert messages.text("homework.no_open_points") not in empty


def _figures_in(root: W.Widget) -> int:
    from widgets.figure_view import FigureView

    count, stack = 0, [root]
    while stack:
        widget = stack.pop()
        count += isinstance(widget, FigureView)
        stack += list(getattr(widget, "children", ()) or ())
    return count


@pytest.mark.parametrize(
    "step, figures_, words",
    [
        ("tussentijd-a", 2, []),  # the canvas and the Schakelbak
        ("tussentijd-b", 1, ["Dilemma's", "Compromis"]),  # the goals matrix and the dilemmas
        (
            "tussentijd-c",
            0,
            [
                "Opties en interventies",
                "Mandaat van de stuurgroep vergroten",
                "Besluiten binnen één vergadering",
            ],
        ),
        (
            "tussentijd-d",
            0,
            [
                "Advies",
                "Directie Landelijk Gebied, Provincie Zuidwaarde",
                "eigen budget en mandaat",
            ],
        ),
    ],
)
def test_the_team_page_shows_each_members_work_that_the_tussentijd_asks_to_discuss(
    edition, step, figures_, words
):
    from ruamel.yaml import YAML

    from swc_core.model import Workbook
    from widgets.homework import member_summary

    answers = YAML(typ="safe").load(
        (REPO / "data" / "demo" / "answers.yml").read_text(encoding="utf-8")
    )["p01"]
    summary = member_summary(
        edition, "p01", Workbook.from_fields(answers, problems=[]), step_id=step
    )
    assert _figures_in(summary) == figures_
    text = shown(summary)
    assert all(w in text for w in words), (step, text[:500])
    empty = shown(member_summary(edition, "p01", Workbook.from_fields({}), step_id=step))
    assert ("nog niet ingevuld" in empty) == bool(words), (
        "stated work, or that nothing is stated yet"
    )


def test_the_team_page_says_where_the_team_works_and_shows_what_the_assignments_terms_mean(
    tmp_path, edition, stores
):
    """programme.yml's ``setting`` is on the team page; the assignment's Code terms carry their definition (live)."""
    from widgets.homework import build_homework

    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    stores.append(store)
    step = edition.content.step("tussentijd-a")
    live = build_homework(edition, "team-veen", step.id, store)
    [assignment] = [w for w in _all(live) if "swc-assignment" in getattr(w, "_dom_classes", ())]
    text = shown(assignment)
    assert step.setting in text and step.assignment.split()[0] in text
    marked = "".join(html_values(assignment))
    teamcaptain = edition.content.term("teamcaptain")
    assert f"Teamcaptain: {' '.join(teamcaptain.definition.split())}" in html.unescape(marked)
    assert (
        marked.count("class='swc-term'") >= 3
    )  # canvas, casus, Schakelbak, onderdelen, teamcaptain ...
    handout = build_homework(edition, "team-veen", step.id, store, live=False)
    [plain] = [w for w in _all(handout) if "swc-assignment" in getattr(w, "_dom_classes", ())]
    assert "swc-term" not in "".join(html_values(plain)) and step.setting in shown(plain)


def _all(root: W.Widget):
    yield root
    for child in getattr(root, "children", ()) or ():
        yield from _all(child)


# --- patterns in the real world (dagdeel 5) ----------------------------------


def test_dagdeel_5_shows_the_patterns(tmp_path, make_context):
    page = build_page(make_context(tmp_path, "dagdeel-5"))
    [inst] = [c for c in page.children if isinstance(c, PatternsInstrument)]
    assert list(inst.patterns) == [p.id for p in inst.ctx.content.patterns]
    assert all(p.name in shown(inst) for p in inst.ctx.content.patterns)


def test_patterns_show_what_the_toets_answers_point_at_and_nothing_for_empty_blocks(
    tmp_path, make_context
):
    values = {"canvas.block.doelen": "Schoon water", "toets": {"werkt": {"answer": "nee"}}}
    ctx = make_context(tmp_path, "dagdeel-5", values)
    inst = PatternsInstrument(ctx)
    pointed = {
        pid for pid, box in inst.patterns.items() if _t("patronen", "pointers") in shown(box)
    }
    expected = {p.id for p in ctx.content.patterns if any(s.toets == "werkt" for s in p.signals)}
    assert pointed == expected and pointed
    quiet = set(inst.patterns) - pointed
    assert all(_t("patronen", "no_pointers") in shown(inst.patterns[pid]) for pid in quiet)


def test_recognising_a_pattern_is_saved_and_reopened_and_untouched_ones_stay_out(
    tmp_path, make_context
):
    ctx = make_context(tmp_path, "dagdeel-5")
    pack = ctx.content
    inst = PatternsInstrument(ctx)
    first = pack.patterns[1]
    box = inst.patterns[first.id]
    box.answer.value = pack.vocab.toets_answers[0].id
    box.evidence.value = "De provincie houdt het budget vast tot het waterschap tekent."
    settle(ctx)
    evidence = "De provincie houdt het budget vast tot het waterschap tekent."
    assert saved(ctx, "patterns") == {
        first.id: {"answer": pack.vocab.toets_answers[0].id, "evidence": evidence}
    }
    again = PatternsInstrument(make_context(tmp_path, "dagdeel-5"))
    assert again.value == saved(ctx, "patterns")
    assert again.patterns[first.id].evidence.value.startswith("De provincie")


def test_the_demo_homework_lists_only_patterns_its_members_stated(edition):
    """In the demo, cases with blocks still empty used to get four of the five patterns as open points."""
    from swc_core import analysis
    from swc_core.analysis.stagnation import RECOGNISED
    from swc_core.answers_file import read_answers
    from swc_core.model import Workbook

    pack = edition.content
    fields: dict[str, dict] = {}
    for subject, key, value in read_answers(REPO / "data" / "demo" / "answers.yml", edition):
        fields.setdefault(subject, {})[key] = value
    seen = {"stated": 0, "empty blocks": 0}
    for subject, values in fields.items():
        if subject not in edition.participants:
            continue
        wb = Workbook.from_fields(values)
        seen["empty blocks"] += any(
            not v for v in analysis.canvas_completeness(wb.canvas, pack).values()
        )
        listed = [
            p
            for p in open_points(wb, pack)
            if p.startswith(messages.text("homework.pattern", name="").strip())
        ]
        stated = {
            pid
            for pid in (p.id for p in pack.patterns)
            if any(
                s.toets is not None
                and (wb.toets.get(s.toets) and wb.toets[s.toets].answer in s.answers)
                for s in pack.pattern(pid).signals
            )
            or (pid in wb.patterns and wb.patterns[pid].answer in RECOGNISED)
        }
        assert len(listed) == len(stated), subject
        seen["stated"] += bool(stated)
        bare = Workbook.from_fields(
            {k: v for k, v in values.items() if k not in ("toets", "patterns")}
        )
        assert not [p for p in open_points(bare, pack) if p in listed], subject
    assert seen["stated"] >= 2 and seen["empty blocks"] >= 3, "the demo has both kinds of case"


# --- realisation strategy -------------------------------------------------


def test_strategy_routes_are_saved_and_drawn(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-5")
    pack = ctx.content
    inst = StrategyInstrument(ctx)
    first_drawing = inst.figure.figure
    inst.editor.add()
    row = inst.editor.rows[0].fields
    route = pack.vocab.realisation_routes[-1]
    row["task"].value = "Vernatting veenweide"
    row["route"].value = route
    row["connection"].value = "Contracten met loonwerkers hangen eronder"
    settle(ctx)
    value = saved(ctx, "realisation")
    assert value == [
        {
            "id": value[0]["id"],
            "task": "Vernatting veenweide",
            "route": route,
            "connection": "Contracten met loonwerkers hangen eronder",
        }
    ]
    assert isinstance(inst.figure.figure, Figure) and inst.figure.figure is not first_drawing, (
        "redrawn"
    )
    again = StrategyInstrument(make_context(tmp_path, "dagdeel-5"))
    assert again.editor.value == value


# --- own role ---------------------------------------------------------------


def test_role_shares_not_adding_up_to_100_show_a_note(tmp_path, make_context):
    ctx = make_context(tmp_path, "dagdeel-5")
    pack = ctx.content
    inst = RoleInstrument(ctx)
    assert not visible(inst.total_note), "nothing entered yet: no note"
    assert all(visible(w) for w in inst.children if w is not inst.total_note), (
        "hiding the note hides nothing else"
    )
    inst.focus.value, inst.scope.value = 20, 80
    shares = dict(zip((r.id for r in pack.roles), (30, 30, 20, 10)))
    for rid, share in shares.items():
        inst.shares[rid].value = share
    assert visible(inst.total_note) and "90" in inst.total.value
    inst.shares[pack.roles[-1].id].value = 20
    assert not visible(inst.total_note) and "100" in inst.total.value
    settle(ctx)
    shares[pack.roles[-1].id] = 20
    assert saved(ctx, "role") == {"focus": 20, "scope": 80, "shares": shares}
    assert inst.profile.children and isinstance(inst.role_figure.figure, Figure)
    assert isinstance(inst.shares_figure.figure, Figure)

    again = RoleInstrument(make_context(tmp_path, "dagdeel-5"))
    assert (again.focus.value, again.scope.value) == (20, 80) and again.value == saved(ctx, "role")


# --- interventions and advice ----------------------------------------------


def test_interventions_and_advice_are_saved_and_reopened(tmp_path, make_context):
    ctx = make_context(tmp_path, "tussentijd-d")
    interventions = InterventionsInstrument(ctx)
    interventions.editor.add()
    interventions.editor.rows[0].fields["option"].value = "Bestuurlijk overleg vooraf"
    advice = AdviceInstrument(ctx)
    advice.to.value = "Directie Landelijk Gebied"
    advice.text.value = "Geef de regisseur mandaat."
    settle(ctx)
    assert saved(ctx, "interventions")[0]["option"] == "Bestuurlijk overleg vooraf"
    assert saved(ctx, "advice") == {
        "to": "Directie Landelijk Gebied",
        "text": "Geef de regisseur mandaat.",
    }
    ctx2 = make_context(tmp_path, "tussentijd-d")
    assert InterventionsInstrument(ctx2).editor.value == saved(ctx, "interventions")
    assert AdviceInstrument(ctx2).text.value == "Geef de regisseur mandaat."


# --- every instrument: refused values and participant text as data ---------


def _first_run_task(inst):
    return inst.editor.rows[0].fields["task"].input


def _new_row(field):
    def typer(inst):
        inst.editor.add()
        return inst.editor.rows[-1].fields[field].input

    return typer


def _new_consideration(inst):
    inst.considerations.add()
    return inst.considerations.rows[-1].fields["text"]


def _new_dilemma(inst):
    inst.dilemmas.add()
    return inst.dilemmas.rows[-1].fields["description"].input


def strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


TYPERS = {
    "beslisboom": ("dagdeel-3", BeslisboomInstrument, "beslisboom", _first_run_task),
    "typologie": ("dagdeel-3", TypologyInstrument, "partnership", _new_consideration),
    "doelen": ("dagdeel-4", GoalsInstrument, "goals", _new_dilemma),
    "toets": (
        "dagdeel-4",
        ToetsInstrument,
        "toets",
        lambda inst: next(iter(inst.questions.values())).evidence,
    ),
    "realisatie": ("dagdeel-5", StrategyInstrument, "realisation", _new_row("task")),
    "eigen-rol": None,  # sliders and numbers only: nothing to type
    "patronen": (
        "dagdeel-5",
        PatternsInstrument,
        "patterns",
        lambda inst: next(iter(inst.patterns.values())).evidence,
    ),
    "interventies": (
        "tussentijd-c",
        InterventionsInstrument,
        "interventions",
        _new_row("intervention"),
    ),
    "advies": ("tussentijd-d", AdviceInstrument, "advice", lambda inst: inst.text),
    "reflectie": ("dagdeel-5", ReflectionInstrument, "reflection", lambda inst: inst.takeaway),
}
TYPED = {k: v for k, v in TYPERS.items() if v is not None}


@pytest.mark.parametrize("instrument_id", sorted(TYPED))
def test_a_value_over_the_limit_is_refused_and_not_saved(instrument_id, tmp_path, make_context):
    step, cls, field, typer = TYPED[instrument_id]
    ctx = make_context(tmp_path, step)
    inst = cls(ctx)
    typer(inst).value = "x" * 20_001
    settle(ctx)
    assert all(
        "x" * 20_001 not in json.dumps(r.value)
        for r in ctx.binding.store.history(EDITION, SUBJECT, field)
    )
    assert ctx.binding.status.state == "invalid" and "20000" in ctx.binding.status.value


@pytest.mark.parametrize("instrument_id", sorted(TYPED))
def test_typed_markup_is_saved_verbatim_and_never_rendered_as_html(
    instrument_id, tmp_path, make_context, edition
):
    step, cls, field, typer = TYPED[instrument_id]
    values = {"canvas.parties": PARTIES, "schakelbak": schakelbak(edition.content)}
    ctx = make_context(tmp_path, step, values)
    inst = cls(ctx)
    typer(inst).value = XSS
    settle(ctx)
    assert XSS in strings(saved(ctx, field)), "saved exactly as typed"
    for reopened in (inst, cls(make_context(tmp_path, step))):
        shown = html_values(reopened)
        assert shown and all("<img" not in v and "<script" not in v for v in shown)


def test_every_instrument_of_this_part_is_registered():
    for instrument_id, spec in TYPERS.items():
        expected = RoleInstrument if spec is None else spec[1]
        assert instrument_class(instrument_id) is expected


def test_an_instrument_a_trainer_adds_to_the_pack_is_shown_on_its_step(tmp_path):
    """The pack's README lets a trainer add an instrument: it shows its name and explanation (no fields)."""
    from widgets.page import open_workbook
    from widgets.registry import PackInstrument

    from conftest import copy_sessions
    from content_factories import copy_pack

    pack = copy_pack(tmp_path)
    pack.replace(
        "instruments.yml",
        "  - id: reflectie\n",
        "  - id: excursie\n    name: Excursie naar het gebied\n"
        "    explanation: Je bezoekt met je team een gebied waar een partnership loopt.\n"
        "    terms: [partnership]\n  - id: reflectie\n",
    )
    pack.replace(
        "programme.yml",
        "    instruments: [beslisboom, typologie]\n",
        "    instruments: [beslisboom, typologie, excursie]\n",
    )
    sessions = copy_sessions(tmp_path / "s")
    spec = sessions / "demo" / "edition.yml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(str(REPO / "data" / "content"), str(pack.folder)),
        encoding="utf-8",
    )
    page = open_workbook("dagdeel-3", edition="demo", participant="p01", sessions_dir=str(sessions))
    [added] = [c for c in page.children if isinstance(c, PackInstrument)]
    assert added.instrument_id == "excursie" and "Excursie naar het gebied" in shown(added)
    assert "Je bezoekt met je" in shown(added) and "partnership loopt." in plain(added.intro)
    assert "swc-instrument-excursie" in added._dom_classes


def test_the_beslisboom_marks_the_codes_terms_in_its_help_and_outcome_on_a_live_page(
    tmp_path, make_context
):
    """The walk's own texts (question help, the outcome and its form) carry the definitions like every pack text;
    a handout keeps them plain."""
    import ipywidgets as W

    from widgets.beslisboom import TreeWalk

    ctx = make_context(tmp_path, "dagdeel-3")
    pack = ctx.content
    outcome = path_to(pack, lambda n: n.kind != "exit" and bool(n.form))

    def marked(walk) -> list[str]:
        stack, found = [walk], []
        while stack:
            w = stack.pop()
            stack.extend(getattr(w, "children", ()))
            if isinstance(w, W.HTML) and "swc-term" in w.value:
                found.append(w.value)
        return found

    assert marked(TreeWalk(pack, outcome, ctx)), "no Code term marked in the outcome"
    ctx.live = False
    assert not marked(TreeWalk(pack, outcome, ctx))
