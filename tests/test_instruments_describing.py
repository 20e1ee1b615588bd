"""Casus, competences, canvas and Schakelbak: real widgets, a real SQLite store, no browser.

Each test types into the widgets the way a participant would (setting a
widget's value is what the browser does), moves the clock past the save
delay, and reads back what the store holds.
"""

from __future__ import annotations

import json
from functools import lru_cache

import ipywidgets as W
import pytest

from swc_core import messages
from swc_core.edition import load_edition
from swc_core.figures.mimetype import PLOTLY_MIME
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.canvas import CanvasInstrument
from widgets.casus import CasusInstrument
from widgets.competences import END_FIELD, INTAKE_FIELD, CompetencesInstrument, competence_field
from widgets.controls import html_values
from widgets.figure_view import PlotOutput
from widgets.page import build_page
from widgets.schakelbak import SchakelbakInstrument

from conftest import REPO

XSS = "<script>alert(1)</script>"
_stores: list[Store] = []


@lru_cache(maxsize=1)
def demo_edition():
    return load_edition("demo", Settings(sessions_dir=REPO / "sessions"))


def make_context(tmp_path, step: str, values: dict | None = None) -> PageContext:
    """A page of participant p01 of the demo edition, saving into ``tmp_path/swc.db`` on a manual clock."""
    store = Store.open(f"sqlite:///{tmp_path / 'swc.db'}")
    _stores.append(store)
    binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
    return PageContext(demo_edition(), "p01", binding, dict(values or {}), step=step)


@pytest.fixture(autouse=True)
def _close_stores():
    yield
    while _stores:
        _stores.pop().close()


def saved(ctx: PageContext) -> dict:
    return ctx.binding.store.values("demo", "p01")


def reopen(tmp_path, ctx: PageContext) -> PageContext:
    """A fresh page for the same participant, built from what the store holds."""
    return make_context(tmp_path, ctx.step, saved(ctx))


def wait(ctx: PageContext, seconds: float = 2.0) -> None:
    ctx.binding.scheduler.advance(seconds)


def choose(dropdown: W.Widget, label: str) -> None:
    """Pick an option by its visible label, as a participant does."""
    dropdown.index = [lbl for lbl, _value in dropdown.options].index(label)


def remove(row: W.Widget) -> None:
    """Click a list row's remove button."""
    next(b for b in row.children if isinstance(b, W.Button)).click()


def labels_of(dropdown: W.Widget) -> list[str]:
    return [lbl for lbl, _value in dropdown.options]


def walk(root: W.Widget):
    """Every widget in a tree, the root first."""
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        stack.extend(reversed(getattr(widget, "children", ()) or ()))


def texts(root: W.Widget) -> list[str]:
    """Every Label and HTML text in a widget tree."""
    return [w.value for w in walk(root) if isinstance(w, (W.Label, W.HTML))]


def hidden(root: W.Widget) -> list[W.Widget]:
    """Widgets in the tree that are switched off (``layout.display == 'none'``)."""
    return [
        w
        for w in walk(root)
        if getattr(w, "layout", None) is not None and w.layout.display == "none"
    ]


def ui(key: str, **values) -> str:
    return messages.text(f"widgets.{key}", **values)


# -- casus ---------------------------------------------------------------------


def test_casus_is_saved_once_after_a_quiet_second_and_reopens_as_saved(tmp_path):
    ctx = make_context(tmp_path, "intake")
    casus = CasusInstrument(ctx)
    casus.inputs["title"].value = "Veenweide"
    casus.inputs["title"].value = "Veenweide Oost"
    casus.inputs["area"].value = "Polders bij Zuidwaarde"
    casus.inputs["stuck"].value = "De grondruil staat stil."
    casus.parties.add()
    row = casus.parties.rows[0]
    row.fields["name"].input.value = "Waterschap"
    row.fields["role"].input.value = "peilbeheerder"
    wait(ctx, 0.5)
    assert ctx.binding.store.count("demo") == 0  # still typing: nothing saved yet
    wait(ctx)
    history = ctx.binding.store.history("demo", "p01", "casus")
    assert len(history) == 1
    assert history[0].value["title"] == "Veenweide Oost"
    assert history[0].value["parties"] == [{"name": "Waterschap", "role": "peilbeheerder"}]
    assert ctx.binding.status.state == "saved"

    again = CasusInstrument(reopen(tmp_path, ctx))
    assert again.inputs["title"].value == "Veenweide Oost"
    assert again.inputs["area"].value == "Polders bij Zuidwaarde"
    assert again.inputs["stuck"].value == "De grondruil staat stil."
    assert again.parties.rows[0].fields["role"].input.value == "peilbeheerder"


def test_opening_the_demo_workbook_writes_nothing(tmp_path):
    """Building the widgets from saved values (dropdowns, choices, refreshes) is not an edit."""
    from swc_core.answers_file import import_answers, read_answers

    ctx = make_context(tmp_path, "intake")
    import_answers(
        ctx.binding.store,
        demo_edition(),
        read_answers(REPO / "data" / "demo" / "answers.yml", demo_edition()),
        "demo",
    )
    before = ctx.binding.store.count("demo")
    mine = (CasusInstrument, CompetencesInstrument, CanvasInstrument, SchakelbakInstrument)
    for step in ("intake", "dagdeel-1-2", "dagdeel-4", "eindsessie"):
        page_ctx = reopen(tmp_path, make_context(tmp_path, step))
        for cls in mine:
            if cls.instrument_id in page_ctx.content.step(step).instruments:
                cls(page_ctx)
        wait(page_ctx, 10)
        assert ctx.binding.store.count("demo") == before, step
        assert page_ctx.binding.status.state == "idle"
    canvas = CanvasInstrument(reopen(tmp_path, ctx))
    assert canvas.parties.value == saved(ctx)["canvas.parties"]
    assert canvas.contributions.value == saved(ctx)["canvas.contributions"]
    sb = SchakelbakInstrument(reopen(tmp_path, ctx))
    assert sb.value == saved(ctx)["schakelbak"]


def test_intake_and_dagdeel_pages_show_these_instruments(tmp_path):
    """The registry finds the classes; the pages build without a browser."""
    for step, classes in (
        ("intake", (CasusInstrument, CompetencesInstrument)),
        ("dagdeel-1-2", (CanvasInstrument, SchakelbakInstrument)),
    ):
        page = build_page(make_context(tmp_path, step))
        assert [type(c) for c in page.children if isinstance(c, classes)] == list(classes)


# -- competences ------------------------------------------------------------------


def test_the_intake_step_scores_the_start_and_the_eindsessie_the_end():
    pack = demo_edition().content
    assert competence_field(pack, "intake") == INTAKE_FIELD
    assert competence_field(pack, "eindsessie") == END_FIELD


def test_competences_start_without_a_score_and_save_only_chosen_ones(tmp_path):
    ctx = make_context(tmp_path, "intake")
    inst = CompetencesInstrument(ctx)
    pack = ctx.content
    assert len(inst.buttons) == len(pack.competences)
    assert all(b.value is None for b in inst.buttons.values())
    first, second = pack.competences[0].id, pack.competences[1].id
    inst.buttons[first].value = 2
    inst.buttons[second].value = 4
    wait(ctx)
    assert saved(ctx) == {INTAKE_FIELD: {first: 2, second: 4}}
    assert inst.chosen[first].value == pack.scale[1].label  # the scale label of 2
    again = CompetencesInstrument(reopen(tmp_path, ctx))
    assert again.buttons[first].value == 2 and again.buttons[pack.competences[2].id].value is None


def test_at_the_eindsessie_the_intake_score_and_the_change_are_shown(tmp_path):
    pack = demo_edition().content
    first, second = pack.competences[0].id, pack.competences[1].id
    ctx = make_context(tmp_path, "eindsessie", {INTAKE_FIELD: {first: 2}})
    inst = CompetencesInstrument(ctx)
    inst.buttons[first].value = 4
    inst.buttons[second].value = 3
    wait(ctx)
    assert saved(ctx) == {END_FIELD: {first: 4, second: 3}}  # the intake score is left alone
    assert inst.changes[first].value == ui(
        "competenties.compare", intake=2, label=pack.scale[1].label, change="+2"
    )
    assert inst.changes[second].value == ui("competenties.no_intake")


# -- canvas -------------------------------------------------------------------------


def test_each_canvas_block_is_its_own_field_and_reopens(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas = CanvasInstrument(ctx)
    blocks = ctx.content.blocks
    assert len(canvas.accordion.children) == len(blocks) == 9
    canvas.blocks[blocks[0].id].value = "Bodemdaling halveren in 2040"
    wait(ctx)
    assert saved(ctx) == {f"canvas.block.{blocks[0].id}": "Bodemdaling halveren in 2040"}
    assert canvas.accordion.get_title(0) == ui("canvas.block_filled", name=blocks[0].name)
    assert canvas.accordion.get_title(1) == blocks[1].name
    again = CanvasInstrument(reopen(tmp_path, ctx))
    assert again.blocks[blocks[0].id].value == "Bodemdaling halveren in 2040"


def _sent(view: W.Output) -> str:
    """The figure as the page receives it: the plotly output in the widget's synced ``outputs`` (the first;
    a narrow twin for phones may follow, widgets/figure_view.py)."""
    return json.dumps(view.outputs[0]["data"][PLOTLY_MIME])


def test_the_canvas_picture_is_redrawn_after_a_change(tmp_path):
    """The figure goes to the page as widget state, not as a display message (see widgets/figure_view.py)."""
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas = CanvasInstrument(ctx)
    before, sent = canvas.figure.figure, _sent(canvas.figure)
    canvas.blocks[ctx.content.blocks[0].id].value = "Kwelwater"
    assert (
        canvas.figure.figure is before and _sent(canvas.figure) == sent
    )  # not on every key stroke
    wait(ctx)
    assert canvas.figure.figure is not before
    assert "Kwelwater" in _sent(canvas.figure) and "Kwelwater" not in sent


def test_a_figure_reaches_the_page_as_widget_state_and_only_when_it_changed():
    """Set as the Output's synced ``outputs``, not displayed into it: what the page gets does not depend
    on which request the kernel is answering. Any plain ``{data, layout}`` works, as the builders return."""
    bars = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
    plot = PlotOutput(bars)
    (output,) = plot.outputs
    assert (
        output["output_type"] == "display_data"
        and output["data"][PLOTLY_MIME]["data"] == bars["data"]
    )
    assert "swc-figure" in plot._dom_classes
    sent = []
    plot.observe(lambda change: sent.append(change["new"]), names="outputs")
    assert not plot.show({"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}), (
        "same figure: not resent"
    )
    assert plot.show(None) and plot.outputs == () and "swc-figure" not in plot._dom_classes
    assert sent == [()]


def test_refused_text_is_not_saved_and_the_status_says_why(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas = CanvasInstrument(ctx)
    canvas.blocks[ctx.content.blocks[0].id].value = "x" * 20_001
    wait(ctx, 5)
    assert ctx.binding.store.count("demo") == 0
    assert ctx.binding.status.state == "invalid" and "20000" in ctx.binding.status.value


def test_contribution_party_choices_follow_the_parties_list(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas = CanvasInstrument(ctx)
    assert canvas.contributions.add_button.disabled  # no party yet, so no contribution either
    canvas.parties.add()
    canvas.parties.rows[0].fields["name"].input.value = "Provincie"
    assert not canvas.contributions.add_button.disabled
    canvas.contributions.add()
    party = canvas.contributions.rows[0].fields["party"].input
    first_id = canvas.parties.value[0]["id"]
    assert party.value == first_id

    canvas.parties.add()
    canvas.parties.rows[1].fields["name"].input.value = "Waterschap"
    assert labels_of(party) == ["Provincie", "Waterschap"] and party.value == first_id
    canvas.parties.rows[0].fields["name"].input.value = "Provincie Zuidwaarde"
    assert labels_of(party)[0] == "Provincie Zuidwaarde" and party.value == first_id
    choose(party, "Waterschap")
    wait(ctx)
    assert saved(ctx)["canvas.contributions"][0]["party"] == canvas.parties.value[1]["id"]

    remove(canvas.parties.rows[1])  # the participant removes the Waterschap
    assert (
        party.value == saved(ctx)["canvas.contributions"][0]["party"]
    )  # still chosen, shown as missing
    assert party.label == ui("choices.missing", id=party.value)
    wait(ctx)
    assert [p["name"] for p in saved(ctx)["canvas.parties"]] == ["Provincie Zuidwaarde"]


def test_editing_a_party_keeps_its_id_and_its_goals(tmp_path):
    """Ids and nested goals are not shown as inputs; an edit must not lose them."""
    parties = [
        {
            "id": "partij-7",
            "name": "Gemeente",
            "type": None,
            "goals": [{"id": "doel-3", "text": "woningbouw"}],
        }
    ]
    ctx = make_context(tmp_path, "dagdeel-1-2", {"canvas.parties": parties})
    canvas = CanvasInstrument(ctx)
    row = canvas.parties.rows[0]
    assert row.fields["goals"].rows[0].fields["text"].value == "woningbouw"
    choose(row.fields["type"].input, ctx.content.vocab.party_types[1].name)
    row.fields["name"].input.value = "Gemeente Rivierzicht"
    wait(ctx)
    assert saved(ctx)["canvas.parties"] == [
        {
            "id": "partij-7",
            "name": "Gemeente Rivierzicht",
            "type": ctx.content.vocab.party_types[1].id,
            "goals": [{"id": "doel-3", "text": "woningbouw"}],
        }
    ]


def test_hiding_a_hint_hides_only_that_hint(tmp_path):
    """Labels may share one Layout object; switching one hint off must not blank every caption."""
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas, sb = CanvasInstrument(ctx), SchakelbakInstrument(ctx)
    assert hidden(canvas) == [] and hidden(sb) == []  # every hint shows: nothing filled in yet
    canvas.parties.add()
    canvas.parties.rows[0].fields["name"].input.value = "Provincie"
    assert hidden(canvas) == [canvas.no_parties]
    assert hidden(sb) == [sb.no_parties]  # the canvas has a party now; still fewer than two parts
    sb.parts.add()
    sb.parts.add()
    assert {id(w) for w in hidden(sb)} == {id(sb.no_parties), id(sb.few_parts)}
    assert all(w.layout.display != "none" for w in (sb.check_box, sb.figure, canvas.accordion))


# -- Schakelbak --------------------------------------------------------------------------


def _partnership(pack):
    """The form that requires a joint goal (read from the pack, not named in code)."""
    return next(f for f in pack.forms if f.joint_goal == "vereist")


def _joint_goal_check(form):
    return next(c for c in form.checks if c.when.field == "joint_goal")


def test_findings_update_when_a_part_becomes_a_partnership_without_joint_goal(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    sb = SchakelbakInstrument(ctx)
    form = _partnership(ctx.content)
    message = " ".join(_joint_goal_check(form).message.split())
    sb.parts.add()
    row = sb.parts.rows[0]
    row.fields["name"].input.value = "Kern gebiedsproces"
    choose(row.fields["form"].input, form.name)
    assert not any(message in t for t in texts(sb.check_box))
    choose(row.fields["joint_goal"].input, ui("choices.no"))
    shown = texts(sb.check_box)
    assert "Kern gebiedsproces" in shown  # grouped under the part's name
    assert any(message in " ".join(t.split()) for t in shown)
    choose(row.fields["joint_goal"].input, ui("choices.yes"))
    assert not any(message in " ".join(t.split()) for t in texts(sb.check_box))
    wait(ctx)
    part = saved(ctx)["schakelbak"]["parts"][0]
    assert part["form"] == form.id and part["joint_goal"] is True and part["risk_bearing"] is None


def test_the_schakelbak_asks_the_risk_question_as_the_slide_means_it(tmp_path):
    """Not "do parties carry risk?" (every supplier does): do they contribute at their own risk to a joint goal?"""
    ctx = make_context(tmp_path, "dagdeel-1-2")
    sb = SchakelbakInstrument(ctx)
    sb.parts.add()
    asked = ctx.content.part_questions
    risk = sb.parts.rows[0].fields["risk_bearing"]
    assert asked.risk_bearing.question in texts(risk)
    assert (
        "eigen risico" in asked.risk_bearing.question
        and "gezamenlijk doel" in asked.risk_bearing.question
    )
    shown = " ".join(texts(sb))
    assert " ".join(asked.risk_bearing.help.split()) in shown and "leverancier" in shown
    assert asked.joint_goal.question in texts(sb.parts.rows[0].fields["joint_goal"])
    assert "Dragen partijen risico?" not in shown


def test_a_page_says_where_its_content_is_not_from_the_code(tmp_path):
    """The Schakelbak's check rules are the trainers' own; the page says so in a small note under the title."""
    ctx = make_context(tmp_path, "dagdeel-1-2")
    sb = SchakelbakInstrument(ctx)
    assert sb.provenance == messages.text("provenance.partly")
    assert "swc-provenance" in sb.title.value and sb.provenance in sb.title.value


def test_schakelbak_reopens_with_parts_couplings_and_not_chosen_form(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-4")
    sb = SchakelbakInstrument(ctx)
    assert sb.couplings.add_button.disabled  # nothing to couple yet
    sb.parts.add()
    sb.parts.add()
    sb.parts.rows[0].fields["name"].input.value = "Kern"
    sb.parts.rows[1].fields["name"].input.value = "Uitvoering"
    sb.couplings.add()
    coupling = sb.couplings.rows[0]
    assert labels_of(coupling.fields["target"].input) == ["Kern", "Uitvoering"]
    coupling.fields["flow"].input.value = "opdrachten en budget"
    wait(ctx)
    value = saved(ctx)["schakelbak"]
    assert [p["form"] for p in value["parts"]] == [None, None]
    assert value["couplings"] == [
        {
            "source": value["parts"][0]["id"],
            "target": value["parts"][1]["id"],
            "flow": "opdrachten en budget",
        }
    ]
    again = SchakelbakInstrument(reopen(tmp_path, ctx))
    assert again.parts.rows[1].fields["name"].input.value == "Uitvoering"
    assert again.parts.rows[0].fields["form"].input.label == messages.text("labels.none_chosen")
    assert again.couplings.rows[0].fields["flow"].input.value == "opdrachten en budget"


def test_schakelbak_party_choices_follow_the_canvas_on_the_same_page(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    canvas, sb = CanvasInstrument(ctx), SchakelbakInstrument(ctx)
    sb.parts.add()
    parties = sb.parts.rows[0].fields["parties"].input
    assert labels_of(parties) == []
    canvas.parties.add()
    canvas.parties.rows[0].fields["name"].input.value = "Provincie"
    canvas.parties.add()
    canvas.parties.rows[1].fields["name"].input.value = "LTO"
    assert labels_of(parties) == ["Provincie", "LTO"]
    parties.value = (canvas.parties.value[1]["id"],)
    canvas.parties.rows[1].fields["name"].input.value = "Agrarisch collectief"
    assert labels_of(parties) == ["Provincie", "Agrarisch collectief"]
    assert parties.value == (canvas.parties.value[1]["id"],)
    wait(ctx)
    assert saved(ctx)["schakelbak"]["parts"][0]["parties"] == [canvas.parties.value[1]["id"]]


# -- participant text is data ------------------------------------------------------------


def test_script_typed_anywhere_is_saved_verbatim_and_never_rendered_as_html(tmp_path):
    ctx = make_context(tmp_path, "dagdeel-1-2")
    casus, canvas, sb = CasusInstrument(ctx), CanvasInstrument(ctx), SchakelbakInstrument(ctx)
    casus.inputs["title"].value = XSS
    canvas.blocks[ctx.content.blocks[0].id].value = XSS
    canvas.parties.add()
    canvas.parties.rows[0].fields["name"].input.value = XSS
    sb.parts.add()
    sb.parts.add()
    sb.parts.rows[0].fields["name"].input.value = XSS
    choose(
        sb.parts.rows[0].fields["form"].input, _partnership(ctx.content).name
    )  # findings name the part
    sb.couplings.add()
    sb.couplings.rows[0].fields["flow"].input.value = XSS
    wait(ctx)
    values = saved(ctx)
    assert values["casus"]["title"] == XSS
    assert values[f"canvas.block.{ctx.content.blocks[0].id}"] == XSS
    assert values["canvas.parties"][0]["name"] == XSS
    assert values["schakelbak"]["parts"][0]["name"] == XSS
    assert values["schakelbak"]["couplings"][0]["flow"] == XSS
    assert XSS in texts(sb.check_box)  # shown, as plain text
    reopened = reopen(tmp_path, ctx)
    for inst in (
        casus,
        canvas,
        sb,
        CasusInstrument(reopened),
        CanvasInstrument(reopened),
        SchakelbakInstrument(reopened),
        build_page(reopen(tmp_path, ctx)),
    ):
        assert not [h for h in html_values(inst) if "<script" in h.lower()]
