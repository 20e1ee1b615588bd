"""The workbook pictures: plain plotly JSON (``{data, layout}``) that shows participant text literally and legibly."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from swc_core.content import load_content
from swc_core.figures import (
    canvas_figure,
    competence_figure,
    goals_matrix_figure,
    label,
    role_figure,
    schakelbak_figure,
    shares_figure,
    strategy_figure,
    truncated,
)
from swc_core.messages import text as ui_text
from swc_core.model import MAX_TEXT, Workbook
from swc_core.model.canvas import Canvas, Contribution, Goal, Party
from swc_core.model.goals import Goals, GoalStatus
from swc_core.model.schakelbak import Coupling, Part, Schakelbak
from swc_core.model.strategy import Role, Route

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
BUILDERS = {
    "canvas": canvas_figure,
    "schakelbak": schakelbak_figure,
    "goals": goals_matrix_figure,
    "strategy": strategy_figure,
    "role": role_figure,
    "shares": shares_figure,
    "competences": competence_figure,
}
TEXT_FIGURES = ["canvas", "schakelbak", "goals", "strategy"]  # the ones that show free text


@pytest.fixture(scope="module")
def pack():
    return load_content()


# --- small builders of valid workbooks ---------------------------------------


def party(pid: str, name: str, *goals: str, type: str | None = None) -> Party:
    return Party(
        id=pid,
        name=name,
        type=type,
        goals=[Goal(id=f"d{i}", text=t) for i, t in enumerate(goals, 1)],
    )


def filled_workbook(text: str = "Meer boerennatuur in de polder") -> Workbook:
    """A workbook with every pictured section filled; ``text`` goes into every free-text field
    (names get its first 400 characters: a name is short text)."""
    name = text[:400]
    return Workbook(
        canvas=Canvas(
            blocks={
                "doelen": text,
                "regels": "Subsidieregeling en eigen convenant",
                "risicos": text,
            },
            parties=[
                party("prov", f"Provincie {name}", text, "Stikstofdoelen halen", type="provincie"),
                party("boer", "Agrarisch collectief", "Verdienmodel voor boeren"),
            ],
            contributions=[Contribution(party="prov", description=text, risk_bearing=True)],
        ),
        schakelbak=Schakelbak(
            parts=[
                Part(
                    id="kern",
                    name=f"Gebiedscoalitie {name}",
                    form="partnership",
                    parties=["prov", "boer"],
                    goal=text,
                ),
                Part(
                    id="uitvoering",
                    name="Uitvoering natuurherstel",
                    form="contractsamenwerking",
                    parties=["prov"],
                ),
                Part(id="kennis", name="Kennisnetwerk", form="netwerk", parties=["boer"]),
            ],
            couplings=[
                Coupling(source="kern", target="uitvoering", flow=text),
                Coupling(source="uitvoering", target="kern", flow="voortgang"),
                Coupling(source="kennis", target="kern", flow="kennis en draagvlak"),
            ],
        ),
        goals=Goals(
            consolidated=[
                GoalStatus(party="prov", goal="d1", status="gezamenlijk"),
                GoalStatus(party="prov", goal="d2", status="van-tafel"),
                GoalStatus(party="boer", goal="d1", status="in"),
            ]
        ),
        realisation=[
            Route(id="t1", task=text, route="netwerk", connection=text),
            Route(id="t2", task="Dijk versterken", route="contractsamenwerking"),
            Route(id="t3", task="Nog te bepalen"),
        ],
        role=Role(focus=30, scope=70, shares={"strateeg": 40, "netwerker": 35}),
        competences_intake={"object": 2, "taal": 3},
        competences_end={"object": 4, "taal": 4},
    )


def strings(node) -> list[str]:
    """Every string in a figure's JSON: texts, hover texts, tick labels, names, annotations."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, (list, tuple)):
        return [s for v in node for s in strings(v)]
    return []


def annotation_texts(fig: dict) -> list[str]:
    return [a["text"] for a in fig["layout"].get("annotations", [])]


def shapes(fig: dict) -> list[dict]:
    return fig["layout"].get("shapes", [])


def plain_figure(fig) -> bool:
    """A figure is plain data: a dict of data and layout that JSON holds as it is."""
    return (
        isinstance(fig, dict)
        and set(fig) == {"data", "layout"}
        and json.loads(json.dumps(fig)) == fig
    )


# --- every figure ---------------------------------------------------------------


@pytest.mark.parametrize("name", BUILDERS)
def test_an_empty_workbook_gives_a_figure_that_says_nothing_is_filled_in(name, pack):
    fig = BUILDERS[name](Workbook(), pack)
    assert plain_figure(fig)  # serialisable, so it renders; no plotly object
    assert ui_text("figures.empty") in annotation_texts(fig)


@pytest.mark.parametrize("name", BUILDERS)
def test_a_filled_workbook_gives_a_figure_without_the_empty_note(name, pack):
    fig = BUILDERS[name](filled_workbook(), pack)
    assert plain_figure(fig)
    assert ui_text("figures.empty") not in annotation_texts(fig)


@pytest.mark.parametrize("name", BUILDERS)
def test_participant_html_is_never_in_a_figure_raw(name, pack):
    """Plotly interprets <b>, <a>, <br>...: a participant's markup must not reach it."""
    found = strings(BUILDERS[name](filled_workbook(PAYLOAD), pack))
    assert not [s for s in found if "<script" in s or "<img" in s]


@pytest.mark.parametrize("name", TEXT_FIGURES)
def test_participant_html_is_shown_escaped(name, pack):
    found = strings(BUILDERS[name](filled_workbook(PAYLOAD), pack))
    assert any("&lt;script&gt;" in s for s in found)


@pytest.mark.parametrize("name", TEXT_FIGURES)
def test_a_maximal_text_is_cut_with_a_visible_note(name, pack):
    long = "lang verhaal " * (MAX_TEXT // 13)
    fig = BUILDERS[name](filled_workbook(long[:MAX_TEXT]), pack)
    assert ui_text("figures.truncated") in annotation_texts(fig)
    assert max(len(s) for s in strings(fig)) < 2_000


@pytest.mark.parametrize("name", TEXT_FIGURES)
def test_short_texts_get_no_truncation_note(name, pack):
    fig = BUILDERS[name](filled_workbook("kort"), pack)
    assert ui_text("figures.truncated") not in annotation_texts(fig)


# --- the text helper -------------------------------------------------------------


def test_label_escapes_before_it_inserts_its_own_line_breaks():
    out = label("a<b> & c " * 20, max_chars=None, width=12)
    lines = out.split("<br>")
    assert len(lines) > 1
    for line in lines:  # no tag of the participant's, no entity cut in half
        assert "<" not in line and ">" not in line
        assert not re.search(r"&(?!(lt|gt|amp);)", line)


def test_label_cuts_long_text_and_says_so():
    assert label("x" * 50, max_chars=10, width=None) == "x" * 9 + "…"
    assert truncated("x" * 50, max_chars=10) and not truncated("x" * 10, max_chars=10)
    assert truncated("een\ntwee\ndrie", max_chars=None, width=None, max_lines=2)


def test_label_keeps_dollar_signs_away_from_mathjax():
    """Two $ signs would make plotly typeset the text as TeX where MathJax is loaded."""
    assert "$" not in label("kost $100 en $200")


# --- canvas ------------------------------------------------------------------------


def test_canvas_has_one_rectangle_per_block_and_shows_each_block_name(pack):
    fig = canvas_figure(filled_workbook(), pack)
    assert len(shapes(fig)) == len(pack.blocks)
    assert all(s["type"] == "rect" for s in shapes(fig))
    texts = annotation_texts(fig)
    for block in pack.blocks:
        assert f"<b>{label(block.name, None, None)}</b>" in [t.replace("<br>", " ") for t in texts]


def test_canvas_blocks_sit_on_the_grid_of_the_pack(pack):
    fig = canvas_figure(Workbook(), pack)
    assert list(fig["layout"]["xaxis"]["range"]) == [0, pack.grid.cols]
    assert list(fig["layout"]["yaxis"]["range"]) == [0, pack.grid.rows]
    for block, shape in zip(pack.blocks, shapes(fig)):
        lay = block.layout
        assert lay.col < shape["x0"] < shape["x1"] < lay.col + lay.colspan
        assert (
            pack.grid.rows - lay.row - lay.rowspan
            < shape["y0"]
            < shape["y1"]
            < pack.grid.rows - lay.row
        )


def test_empty_canvas_blocks_are_grey_and_say_so(pack):
    wb = Workbook(canvas=Canvas(blocks={"regels": "Subsidieregeling"}))
    fig = canvas_figure(wb, pack)
    fills = {s["name"]: s["fillcolor"] for s in shapes(fig)}
    assert fills["regels"] == "white"
    assert len({f for b, f in fills.items() if b != "regels"}) == 1 and fills["operatie"] != "white"
    empty = [t for t in annotation_texts(fig) if ui_text("figures.block_empty") in t]
    assert len(empty) == len(pack.blocks) - 1


def test_canvas_lists_parties_with_their_goals_and_the_contributions(pack):
    texts = " ".join(annotation_texts(canvas_figure(filled_workbook(), pack))).replace("<br>", " ")
    assert "Agrarisch collectief: Verdienmodel voor boeren" in texts
    assert ui_text("figures.risk_bearing") in texts


# --- schakelbak -------------------------------------------------------------------


def test_schakelbak_nodes_carry_the_form_colours_and_each_coupling_is_an_arrow(pack):
    wb = filled_workbook()
    fig = schakelbak_figure(wb, pack)
    colours = {f.id: f.colour for f in pack.forms}
    by_name = {t.get("name"): t for t in fig["data"]}
    for part in wb.schakelbak.parts:
        trace = by_name[label(pack.form(part.form).name, None, None)]
        assert trace["marker"]["color"] == colours[part.form]
        assert any(part.name.split()[0] in t for t in trace["text"])
    arrows = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    assert len(arrows) == len(wb.schakelbak.couplings)
    assert all(a["text"] == "" for a in arrows)


def test_schakelbak_legend_lists_every_form_and_a_part_without_form_is_grey(pack):
    wb = Workbook(schakelbak=Schakelbak(parts=[Part(id="los", name="Ambtelijk overleg")]))
    fig = schakelbak_figure(wb, pack)
    names = [t.get("name") for t in fig["data"]]
    assert [label(f.name, None, None) for f in pack.forms] == names[: len(pack.forms)]
    loose = fig["data"][len(pack.forms)]
    assert loose["name"] == ui_text("figures.no_form") and list(loose["x"]) != [None]
    assert loose["marker"]["color"] not in {f.colour for f in pack.forms}


def test_schakelbak_puts_a_red_ring_around_parts_with_findings(pack):
    finding = SimpleNamespace(
        subject="kern", severity="waarschuwing", message="geen gezamenlijk doel"
    )
    fig = schakelbak_figure(filled_workbook(), pack, findings=[finding])
    ring = next(t for t in fig["data"] if t.get("name") == ui_text("figures.hover.finding"))
    assert len(ring["x"]) == 1 and ring["marker"]["symbol"] == "circle-open"
    assert "geen gezamenlijk doel" in " ".join(strings(fig))
    unflagged = schakelbak_figure(filled_workbook(), pack)["data"]
    assert ui_text("figures.hover.finding") not in [t.get("name") for t in unflagged]


def test_schakelbak_layout_is_the_same_every_time(pack):
    a, b = (json.dumps(schakelbak_figure(filled_workbook(), pack)) for _ in range(2))
    assert a == b


# --- goals --------------------------------------------------------------------------


def test_goals_matrix_has_a_row_per_goal_and_a_column_per_party(pack):
    wb = filled_workbook()
    heat = next(t for t in goals_matrix_figure(wb, pack)["data"] if t["type"] == "heatmap")
    n_goals = sum(len(p.goals) for p in wb.canvas.parties)
    assert len(heat["z"]) == n_goals and all(
        len(row) == len(wb.canvas.parties) for row in heat["z"]
    )


def test_goals_matrix_colours_the_owner_cell_by_status_and_a_joint_goal_across_the_row(pack):
    heat = next(
        t for t in goals_matrix_figure(filled_workbook(), pack)["data"] if t["type"] == "heatmap"
    )
    status = {s.id: i for i, s in enumerate(pack.vocab.goal_statuses)}
    assert list(heat["z"][0]) == [status["gezamenlijk"]] * 2  # provincie's first goal: joint
    assert list(heat["z"][1]) == [status["van-tafel"], None]
    assert list(heat["z"][2]) == [None, status["in"]]  # the collective's own goal
    legend = [
        t["name"]
        for t in goals_matrix_figure(Workbook(), pack)["data"]
        if t.get("showlegend") is not False
    ]
    assert legend == [label(s.name, None, None) for s in pack.vocab.goal_statuses]


# --- strategy, role, competences ------------------------------------------------------


def test_strategy_groups_tasks_by_route_in_the_form_colour(pack):
    fig = strategy_figure(filled_workbook(), pack)
    cards = {s["name"]: s for s in shapes(fig) if s.get("name") in {"t1", "t2", "t3"}}
    assert cards["t1"]["line"]["color"] == pack.form("netwerk").colour
    assert cards["t2"]["line"]["color"] == pack.form("contractsamenwerking").colour
    headings = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "route"]
    assert len(headings) == len(pack.vocab.realisation_routes) + 1  # plus "no route yet" for t3
    assert ui_text("figures.no_route") in " ".join(headings).replace("<br>", " ")


def test_role_figure_names_the_quadrants_with_survey_shares_and_shows_the_participant(pack):
    fig = role_figure(filled_workbook(), pack)
    texts = " ".join(annotation_texts(fig))
    for role in pack.roles:
        assert (
            role.name in texts and ui_text("figures.role.survey_share", share=role.share) in texts
        )
    assert ui_text("figures.role.own_share", share=40) in texts
    point = fig["data"][0]
    assert (point["x"][0], point["y"][0]) == (30, 70)
    assert pack.axes.focus.name in fig["layout"]["xaxis"]["title"]["text"]


def test_shares_figure_sets_own_shares_next_to_the_survey(pack):
    own, survey = shares_figure(filled_workbook(), pack)["data"]
    assert list(survey["y"]) == [r.share for r in pack.roles]
    assert list(own["y"]) == [40, 35, None, None]


def test_competence_figure_shows_intake_and_end_per_competence_on_the_scale(pack):
    fig = competence_figure(filled_workbook(), pack)
    intake, end = fig["data"]
    assert len(intake["y"]) == len(end["y"]) == len(pack.competences)
    assert (intake["y"][0], end["y"][0]) == (2, 4) and intake["y"][-1] is None
    assert list(fig["layout"]["yaxis"]["tickvals"]) == [p.value for p in pack.scale]


# --- on a phone: every figure has a narrow twin that a live page shows below NARROW_BELOW px --------------


def _sizes(fig: dict) -> list[int]:
    """Every font size set anywhere in ``fig``."""
    found: list[int] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if (
                    key == "size"
                    and isinstance(value, (int, float))
                    and "family" not in node.get("_", {})
                ):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(fig["layout"])
    walk(
        [
            {k: v for k, v in t.items() if k in ("textfont", "insidetextfont", "outsidetextfont")}
            for t in fig["data"]
        ]
    )
    return found


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_figure_has_a_narrow_twin_with_phone_sized_text_and_the_same_data(name, pack):
    from swc_core.figures.narrow import NARROW_BODY, NARROW_TITLE, narrow_of

    wide = BUILDERS[name](filled_workbook(), pack)
    narrow = narrow_of(wide)
    assert narrow is not None
    assert narrow["layout"]["title"]["font"]["size"] <= NARROW_TITLE
    if name not in (
        "canvas",
        "strategy",
    ):  # laid out anew for a phone; the others keep their data, lose size
        assert [t["type"] for t in narrow["data"]] == [t["type"] for t in wide["data"]]
        assert len(shapes(narrow)) == len(shapes(wide))
        assert max(_sizes(narrow)) <= NARROW_BODY + 6, sorted(_sizes(narrow))
    margin = narrow["layout"]["margin"]
    assert (margin.get("l") or 0) + (margin.get("r") or 0) <= 70, "a phone's width for the plot"


def test_the_narrow_canvas_stacks_the_blocks_in_reading_order_and_wraps_text_to_a_phone(pack):
    from swc_core.figures.canvas import CHAR_PX, PAD_PX
    from swc_core.figures.narrow import NARROW_WIDTH, narrow_of

    narrow = narrow_of(canvas_figure(filled_workbook("lange tekst " * 40), pack))
    rects = [s for s in shapes(narrow) if s["type"] == "rect"]
    assert [r["name"] for r in rects] == [
        b.id for b in sorted(pack.blocks, key=lambda b: (b.layout.row, b.layout.col))
    ]
    assert all(r["x0"] == 0 and r["x1"] == NARROW_WIDTH for r in rects), (
        "each block the whole width"
    )
    assert all(a["y1"] > b["y1"] for a, b in zip(rects, rects[1:])), "one under the other"
    notes = narrow["layout"]["annotations"]
    widest = max(
        len(line)
        for a in notes
        if (a.get("name") or "").endswith("-text")
        for line in re.sub(r"</?[bi]>", "", a["text"]).split("<br>")
    )
    assert widest * CHAR_PX <= NARROW_WIDTH - 2 * PAD_PX
    assert any(a.get("name") == "truncated" for a in notes), "a long text is cut and says so"


def test_a_live_figure_takes_the_width_of_the_page_and_a_handout_output_carries_its_twins(pack):
    from swc_core.figures.mimetype import PLOTLY_MIME
    from widgets.figure_view import TWIN_CLASS, PlotOutput
    from widgets.plotly_display import mimebundle

    fig = canvas_figure(filled_workbook(), pack)
    plot = PlotOutput(fig)
    assert len(plot.outputs) == 2 and TWIN_CLASS in plot._dom_classes, (
        "the figure and its narrow twin"
    )
    for output in plot.outputs:
        layout = output["data"][PLOTLY_MIME]["layout"]
        assert "width" not in layout and layout["autosize"] is True and layout["height"] > 0
        assert output["data"][PLOTLY_MIME]["config"]["responsive"] is True
    assert mimebundle(fig)[PLOTLY_MIME]["layout"]["width"] == 1200, (
        "the handout's output: the figure as built"
    )
    from swc_core.figures.paper import PAPER_WIDTH, TWINS, twins_metadata

    twins = twins_metadata(fig)[
        TWINS
    ]  # what show_figure puts beside it: for a phone, and for paper
    assert twins["narrow"]["layout"]["shapes"] and twins["paper"]["layout"]["width"] == PAPER_WIDTH


# --- on paper: a handout prints each figure's paper twin at the width of A4 (issue 16) ------------------


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_no_figure_text_is_under_12_px_on_a_screen_or_9_pt_on_paper(name, pack):
    """Zoomed to A4 the 1,200 px figures printed their text at about 6 pt; the paper twin is drawn at the
    paper's own width, so its pixels are the printed size (12 px = 9 pt)."""
    from swc_core.figures.narrow import MIN_TEXT_PX, narrow_of
    from swc_core.figures.paper import PAPER_MAX_HEIGHT, PAPER_WIDTH, paper_twin

    for workbook in (filled_workbook(), Workbook()):
        wide = BUILDERS[name](workbook, pack)
        before = json.dumps(wide, sort_keys=True)
        narrow, paper = narrow_of(wide), paper_twin(wide)
        assert json.dumps(wide, sort_keys=True) == before, "the figure itself is not changed"
        for shown, fig in (("screen", wide), ("phone", narrow), ("paper", paper)):
            assert plain_figure(fig)
            assert min(_sizes(fig)) >= MIN_TEXT_PX, (shown, sorted(_sizes(fig))[:5])
            assert fig["layout"]["font"]["size"] >= MIN_TEXT_PX, shown  # what the rest inherits
        assert paper["layout"]["width"] == PAPER_WIDTH and paper["layout"]["autosize"] is False
        assert 0 < paper["layout"]["height"] <= PAPER_MAX_HEIGHT
        assert strings(paper["data"]) == strings(narrow["data"]), (
            "the paper twin shows what the phone shows"
        )


def test_a_figure_from_plain_json_gets_generic_twins(pack):
    """The praktijkboek's figures reach the export as JSON only: their twins are built from it."""
    from swc_core.figures.mimetype import figure_spec
    from swc_core.figures.narrow import MIN_TEXT_PX
    from swc_core.figures.paper import PAPER_WIDTH, twins_metadata, twins_of

    fig = schakelbak_figure(filled_workbook(), pack)
    narrow, paper = twins_of(None, figure_spec(fig))
    assert paper["layout"]["width"] == PAPER_WIDTH and min(_sizes(paper)) >= MIN_TEXT_PX
    assert strings(narrow["data"]) == strings(fig["data"])
    own = twins_metadata(fig)  # the builder's own twins, carried in the output's metadata
    assert twins_of(own, figure_spec(fig)) == (
        own["swc_twins"]["narrow"],
        own["swc_twins"]["paper"],
    )
    assert json.loads(json.dumps(own)) == own


def test_a_goal_or_task_without_text_is_named_by_its_place_never_by_its_id(pack):
    """Issue 16: a handout never shows an internal id; the goals matrix drew "doel-7" for a goal without
    text, and the realisation strategy "opgave-4" for a task without text."""
    workbook = Workbook(
        canvas=Canvas(
            parties=[
                Party(id="partij-1", name="Gemeente", goals=[Goal(id="doel-6", text="Eerste")]),
                Party(id="partij-2", name="Waterschap", goals=[Goal(id="doel-7", text=" ")]),
            ]
        ),
        realisation=[Route(id="opgave-3", task="Drains"), Route(id="opgave-4", task="")],
    )
    for figure, row_id, name in (
        (goals_matrix_figure(workbook, pack), "doel-7", ui_text("labels.unnamed_goal", number=2)),
        (strategy_figure(workbook, pack), "opgave-4", ui_text("labels.unnamed_task", number=2)),
    ):
        shown = json.dumps(_shown_texts(figure), ensure_ascii=False)
        assert row_id not in shown and name in shown, shown


def _shown_texts(figure: dict) -> list:
    """What plotly.js writes on the screen: trace texts, hover texts and tick labels, annotations (a
    shape's ``name`` is never drawn)."""
    layout = figure["layout"]
    axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
    return [
        *(t.get(k) for t in figure["data"] for k in ("text", "hovertext", "y", "x")),
        *(a.get("ticktext") for a in axes),
        *annotation_texts(figure),
    ]
