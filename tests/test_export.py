"""`swc export`: handouts of executed workbooks and the praktijkboek, checked as files and HTML text.

The browser checks (figures drawn, nothing loaded from the network, payloads
shown as text) are in test_export_in_browser.py.
"""

from __future__ import annotations

import html
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.analysis.completeness import filled
from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.export import Selection, plan_handouts
from swc_core.export.plotly_embed import script_json
from swc_core.messages import text as ui_text
from swc_core.model import Workbook
from swc_core.settings import Settings

from conftest import copy_sessions

WORKBOOK_STEPS = [
    "intake",
    "dagdeel-1-2",
    "dagdeel-3",
    "dagdeel-4",
    "dagdeel-5",
    "eindsessie",
    "tussentijd-a",
    "tussentijd-b",
    "tussentijd-c",
    "tussentijd-d",
]  # a tussentijd: own page too
PLOTLY_BANNER = re.compile(r"plotly\.js v\d")  # the licence banner at the top of the bundle
FIGURE_DIV = re.compile(
    r'<div class="swc-figure[ "]'
)  # one per figure (its twins are inside or beside it)


def run(sessions, *args):
    return CliRunner().invoke(cli, ["--sessions-dir", str(sessions), "export", "demo", *args])


# A party and a part left without a name (issue 16: the book showed "partij-3", the internal id)
UNNAMED_PARTY = {
    "id": "partij-9",
    "name": " ",
    "type": None,
    "goals": [{"id": "g1", "text": "Een doel van een partij zonder naam"}],
}
UNNAMED = {
    "p07": {
        "canvas.parties": [
            {"id": "partij-1", "name": "Gemeente Proefdorp", "type": None, "goals": []},
            {"id": "partij-2", "name": "", "type": None, "goals": []},
        ],
        "schakelbak": {
            "parts": [
                {
                    "id": "onderdeel-1",
                    "name": "",
                    "form": "netwerk",
                    "parties": ["partij-1", "partij-2"],
                }
            ],
            "couplings": [],
        },
    }
}


def add_unnamed(sessions) -> None:
    """p02 gets a third, unnamed party with a goal; p07 an unnamed party in an unnamed part."""
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    with open_store(edition, Settings(sessions_dir=sessions)) as store:
        parties = store.latest(edition.name)["p02"]["canvas.parties"].value
        store.save(edition.name, "p02", "canvas.parties", [*parties, UNNAMED_PARTY], "test")
        for field, value in UNNAMED["p07"].items():
            store.save(edition.name, "p07", field, value, "test")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Two participants' handouts, one team homework handout, a team praktijkboek and the full one."""
    sessions = copy_sessions(tmp_path_factory.mktemp("export"), with_demo_answers=True)
    add_unnamed(sessions)
    results = [
        run(sessions, "--participant", "p01", "--participant", "p02", "--jobs", "2"),
        run(sessions, "--team", "team-veen", "--dagdeel", "tussentijd-a", "--handouts"),
        run(sessions, "--team", "team-veen", "--praktijkboek"),
        run(sessions, "--praktijkboek"),
    ]
    for result in results:
        assert result.exit_code == 0, result.output
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    return sessions, edition, results


def page_text(page: str) -> str:
    """The document's text as a reader sees it (tags dropped, entities decoded, spaces normalised)."""
    body = page[page.index("</head>") :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def plain(text: str) -> str:
    return " ".join(text.split())


def latest(sessions, edition):
    settings = Settings(sessions_dir=sessions)
    with open_store(edition, settings) as store:
        return {
            s: {f: r.value for f, r in fields.items()}
            for s, fields in store.latest(edition.name).items()
        }


def planned(edition, **flags) -> set[str]:
    """Where the handouts of a selection go, relative to the export folder (``swc generate``'s layout)."""
    out, generated = Path("export"), Path("output")
    return {
        str(h.target.relative_to(out))
        for h in plan_handouts(edition, Selection.from_flags(**flags), generated, out)
    }


def test_layout_is_the_generation_layout_with_html(exported):
    sessions, edition, results = exported
    out = sessions / "demo" / "export"
    members = planned(edition, participants=("p01", "p02"))
    assert {f"team-veen/{p}/{s}.html" for p in ("p01", "p02") for s in WORKBOOK_STEPS} <= members
    homework = planned(edition, teams=("team-veen",), steps=("tussentijd-a",))
    assert "team-veen/tussentijd-a.html" in homework
    expected = members | homework | {"praktijkboek-team-veen.html", "praktijkboek.html"}
    assert {str(p.relative_to(out)) for p in out.rglob("*.html")} == expected
    assert results[0].stdout.startswith(
        f"{len(members)} hand-outs geschreven, 0 ongewijzigd overgeslagen, 0 praktijkboeken"
    )
    assert not list(out.rglob("*.tmp")), "no temporary files are left"


def test_exported_files_are_readable_by_the_owner_only(exported):
    sessions, _, _ = exported
    out = sessions / "demo" / "export"
    for path in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"


def test_handouts_show_answers_without_code_widgets_or_network(exported):
    sessions, edition, _ = exported
    out = sessions / "demo" / "export" / "team-veen"
    values = latest(sessions, edition)
    for path in [*(out / "p01").glob("*.html"), out / "tussentijd-a.html"]:
        page = path.read_text(encoding="utf-8")
        assert "open_workbook" not in page and "open_homework" not in page, (
            f"{path}: code cell shown"
        )
        assert "Error displaying widget" not in page and "widget-view+json" not in page
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page), (
            f"{path}: external resource"
        )
        body = page[
            page.index("</head>") :
        ]  # the head holds the plotly.js bundle, which names loaders it never uses
        assert not re.search(r"require\.js|mathjax|cdn\.|https?://", body, re.IGNORECASE), (
            f"{path}: loader or URL"
        )
        figures = len(FIGURE_DIV.findall(page))
        assert len(PLOTLY_BANNER.findall(page)) == (1 if figures else 0), (
            f"{path}: plotly.js not once"
        )
    canvas = (out / "p01" / "dagdeel-1-2.html").read_text(encoding="utf-8")
    assert plain(values["p01"]["canvas.block.doelen"]) in page_text(canvas)
    assert len(FIGURE_DIV.findall(canvas)) >= 2  # the canvas and the Schakelbak
    assert "swc-glossary" in canvas and "Schakeling" in page_text(
        canvas
    )  # the step's begrippenlijst


def test_homework_handout_holds_only_its_own_team(exported):
    sessions, edition, _ = exported
    page = page_text(
        (sessions / "demo" / "export" / "team-veen" / "tussentijd-a.html").read_text(
            encoding="utf-8"
        )
    )
    for pid, person in edition.participants.items():
        assert (person.name in page) == (pid in edition.team("team-veen").members), person.name


def test_team_praktijkboek_holds_nothing_of_other_teams(exported):
    sessions, edition, _ = exported
    values = latest(sessions, edition)
    book = page_text(
        (sessions / "demo" / "export" / "praktijkboek-team-veen.html").read_text(encoding="utf-8")
    )
    members = edition.team("team-veen").members
    for pid, person in edition.participants.items():
        inside = pid in members
        answers = values.get(pid, {})
        casus = answers.get("casus", {})
        texts = [
            person.name,
            casus.get("title"),
            casus.get("opgave"),
            answers.get("canvas.block.doelen"),
        ]
        for text in filter(None, texts):
            assert (plain(text) in book) == inside, f"{pid}: {text[:40]}"
    assert "Praktijkboek – Team Veen en Water" in book


def test_praktijkboek_has_every_case_by_team_and_is_marked_confidential(exported):
    sessions, edition, _ = exported
    book = (sessions / "demo" / "export" / "praktijkboek.html").read_text(encoding="utf-8")
    toc = book[book.index("swc-toc") : book.index("</nav>")]
    team_positions = [toc.index(html.escape(t.name)) for t in edition.teams.values()]
    assert team_positions == sorted(team_positions), "teams in edition order"
    for team in edition.teams.values():
        block = toc[toc.index(html.escape(team.name)) :]
        for pid in team.members:
            assert f'href="#casus-{pid}"' in block and f'id="casus-{pid}"' in book
    assert "Vertrouwelijk" in book[book.index("<body") : book.index("<main")]  # on screen
    assert "@top-center" in book  # and in the margin of every printed page
    workbooks = [Workbook.from_fields(v, problems=[]) for v in latest(sessions, edition).values()]
    drawn = sum(
        filled(wb.canvas) + filled(wb.schakelbak) for wb in workbooks
    )  # an empty one is a line
    assert 0 < drawn < 2 * len(edition.participants) and len(FIGURE_DIV.findall(book)) == drawn


def test_rerun_skips_unchanged_handouts_and_redoes_changed_ones(exported):
    sessions, edition, _ = exported
    both, p02 = (
        len(planned(edition, participants=("p01", "p02"))),
        len(planned(edition, participants=("p02",))),
    )
    again = run(sessions, "--participant", "p01", "--participant", "p02", "--handouts")
    assert again.exit_code == 0 and again.stdout.startswith(
        f"0 hand-outs geschreven, {both} ongewijzigd"
    ), again.output
    settings = Settings(sessions_dir=sessions)
    with open_store(edition, settings) as store:
        store.save(edition.name, "p02", "canvas.block.doelen", "Nieuw doel na de intake", "test")
    changed = run(
        sessions, "--participant", "p01", "--participant", "p02", "--handouts", "--jobs", "2"
    )
    said = f"{p02} hand-outs geschreven, {both - p02} ongewijzigd"  # a page's fingerprint covers all its answers
    assert changed.exit_code == 0 and changed.stdout.startswith(said), changed.output
    page = (sessions / "demo" / "export" / "team-veen" / "p02" / "dagdeel-1-2.html").read_text(
        encoding="utf-8"
    )
    assert "Nieuw doel na de intake" in page_text(page)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--praktijkboek", "--handouts"], "sluiten elkaar uit"),
        (
            ["--praktijkboek", "--participant", "p01"],
            "het praktijkboek hoort bij de hele editie of bij een team",
        ),
        (["--team", "team-onbekend"], "onbekende teams: team-onbekend"),
        (["--dagdeel", "dagdeel-9"], "onbekende stappen: dagdeel-9"),
    ],
)
def test_wrong_options_are_one_clear_line(sessions_dir, args, message):
    result = run(sessions_dir, *args)
    assert (
        result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    ), result.output


def test_unwritable_out_folder_is_a_clear_error_before_anything_runs(sessions_dir, tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    result = run(sessions_dir, "--praktijkboek", "--out", str(blocker / "export"))
    assert result.exit_code == 2, result.output
    assert "kan niet schrijven in" in result.output and "tip: kies met --out" in result.output
    assert "Traceback" not in result.output


def test_figure_json_cannot_end_its_script_element():
    text = script_json({"title": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


@pytest.mark.parametrize("phase", ["generating", "converting"])
def test_an_interrupted_export_leaves_no_partial_file_and_a_rerun_completes(tmp_path, phase):
    """Ctrl-C while workbooks are executed, or while they are turned into HTML."""
    import os
    import signal
    import subprocess
    import sys
    import time

    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    out = tmp_path / "handouts"
    cmd = [
        sys.executable,
        "-m",
        "swc_core.cli",
        "--sessions-dir",
        str(sessions),
        "export",
        "demo",
        "--team",
        "team-veen",
        "--handouts",
        "--out",
        str(out),
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    watched, pattern = (
        (sessions / "demo" / "output", "*.ipynb") if phase == "generating" else (out, "*.html")
    )
    deadline = time.monotonic() + 300
    while not list(watched.rglob(pattern)) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    if proc.returncode != 0:  # else the export was done before the signal came
        said = stderr.decode("utf-8", "replace")
        assert "onderbroken" in said and "Aborted!" not in said, said
    leftovers = [p for p in [*out.rglob("*.tmp"), *(sessions / "demo" / "output").rglob("*.tmp")]]
    assert not leftovers, leftovers
    for page in out.rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), f"{page} is cut off"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    team_size = len(load_edition("demo", Settings(sessions)).team("team-veen").members)
    assert (
        len(list(out.rglob("*.html"))) == team_size * len(WORKBOOK_STEPS) + 4
    )  # + the four tussentijden


# --- issue 16: what a handout and the praktijkboek say on paper ---------------------------------------

# Words that only make sense on a live page: click, tick, slide, hold a key, drag, "above/below", "add".
LIVE_WORDS = re.compile(
    r"\b(klik\w*|vink\w* aan|schuif\w*|ingedrukt|ctrl|cmd|sleep|hierboven|hieronder|"
    r"toevoegen|voeg\w* .{0,40}toe)\b",
    re.IGNORECASE,
)


def handout_texts(exported) -> dict[str, str]:
    sessions = exported[0]
    out = sessions / "demo" / "export"
    return {
        str(p.relative_to(out)): page_text(p.read_text(encoding="utf-8"))
        for p in sorted(out.rglob("*.html"))
    }


def test_handouts_and_praktijkboek_carry_no_instruction_meant_for_the_live_page(exported):
    from swc_core.export.paper import LIVE_ONLY

    texts = handout_texts(exported)
    assert len(texts) >= 15
    instructions = [ui_text(key) for key in LIVE_ONLY]
    for name, seen in texts.items():
        assert not LIVE_WORDS.search(seen), f"{name}: {LIVE_WORDS.search(seen).group(0)!r}"
        assert not [t for t in instructions if plain(t) in seen], name
        assert "✓" not in seen, f"{name}: the live page's 'filled in' tick"
    canvas = texts[
        "team-veen/p01/dagdeel-1-2.html"
    ]  # replaced, not just dropped: what it means on paper
    assert plain(ui_text("export.paper.contributions_help")) in canvas
    assert plain(ui_text("export.paper.part_parties")) in canvas


def test_an_unnamed_party_or_part_is_named_by_its_place_never_by_its_id(exported):
    texts = handout_texts(exported)
    for name, seen in texts.items():
        assert not re.search(r"\b(partij|onderdeel)-\d", seen), f"{name}: an internal id is shown"
    third = ui_text(
        "labels.unnamed_party", number=len(latest(*exported[:2])["p02"]["canvas.parties"])
    )  # p02's unnamed party is the last of its list
    canvas = section(
        texts["team-veen/p02/dagdeel-1-2.html"], "Samenwerkingscanvas", "De negen blokken"
    )
    assert (
        f"{third}: {UNNAMED_PARTY['goals'][0]['text']}" in canvas
    )  # the canvas on paper (and its picture)
    book = texts["praktijkboek.html"]
    assert (
        ui_text("labels.unnamed_party", number=2) in book
        and ui_text("labels.unnamed_part", number=1) in book
    )


def test_numbers_read_with_their_label_and_scale(exported):
    """Dagdeel 5 printed "20" above "Strateeg" and the sliders as bare numbers."""
    sessions, edition = exported[:2]
    role = latest(sessions, edition)["p01"]["role"]
    texts = handout_texts(exported)
    page = texts["team-veen/p01/dagdeel-5.html"]
    for r in edition.content.roles:
        assert f"{r.name}: {role['shares'][r.id]} van 100" in page, r.name
    axes = edition.content.axes
    assert (
        f"{role['focus']} op een schaal van 0 ({axes.focus.richten}) tot 100 ({axes.focus.inrichten})"
        in page
    )
    scores = latest(sessions, edition)["p01"]["competences.intake"]
    labels = {p.value: p.label for p in edition.content.scale}
    first = edition.content.competences[0].id
    assert f"{scores[first]} van 5 ({labels[scores[first]]})" in texts["team-veen/p01/intake.html"]


def section(text: str, start: str, end: str) -> str:
    """The part of ``text`` from the instrument heading ``start`` to the next heading ``end`` (the first
    mention of ``start`` is in the page's list of instruments)."""
    begin = text.index(start, text.index(start) + 1)
    return text[begin : text.index(end, begin + len(start))]


def test_an_empty_instrument_is_its_title_and_one_line(exported):
    texts = handout_texts(exported)
    empty = ui_text("export.paper.empty")
    page = texts["team-veen/p02/dagdeel-5.html"]  # p02 filled in nothing of dagdeel 5
    role = section(page, "Eigen rol", "Terugblik")
    assert (
        role.split(empty)[1].strip() == "" and ui_text("widgets.eigen-rol.shares_title") not in role
    ), role
    schakelbak = section(
        texts["team-veen/p02/dagdeel-4.html"], "Schakelbak", "Toets de samenwerking"
    )
    assert empty in schakelbak and ui_text("widgets.schakelbak.forms_help") not in schakelbak, (
        schakelbak[:300]
    )
    assert (
        ui_text("widgets.schakelbak.forms_help") in texts["team-veen/p01/dagdeel-4.html"]
    )  # filled: all of it


def test_a_teams_praktijkboek_says_it_holds_the_teams_cases(exported):
    texts = handout_texts(exported)
    team = exported[1].team("team-veen").name
    assert (
        ui_text("export.praktijkboek.intro_team", team=team) in texts["praktijkboek-team-veen.html"]
    )
    assert ui_text("export.praktijkboek.intro") not in texts["praktijkboek-team-veen.html"]
    assert ui_text("export.praktijkboek.intro") in texts["praktijkboek.html"]


def test_an_empty_case_in_the_praktijkboek_is_one_line_per_instrument(exported):
    """p04 filled in nothing: no empty picture, table or verdict ("geen aandachtspunten") for them."""
    sessions, edition, _ = exported
    book = (sessions / "demo" / "export" / "praktijkboek-team-veen.html").read_text(
        encoding="utf-8"
    )
    case = book[book.index('id="casus-p04"') : book.index('id="casus-p07"')]
    assert "Plotly.newPlot(" not in case and "<table" not in case
    shown = page_text("</head>" + case)
    assert ui_text("export.praktijkboek.no_findings") not in shown
    assert (
        shown.count(ui_text("export.praktijkboek.empty")) == len(re.findall(r"<h3>", case)) + 4
    ), shown


def test_the_praktijkboek_schakelbak_table_keeps_words_whole(exported):
    """Its columns are as wide as their longest word ("Contr|actsa|menw|erking" was broken on A4)."""
    from swc_core.export.html import STYLESHEET

    sessions = exported[0]
    book = (sessions / "demo" / "export" / "praktijkboek-team-veen.html").read_text(
        encoding="utf-8"
    )
    assert "<table class='swc-table'>" in book or '<table class="swc-table">' in book
    css = STYLESHEET.read_text(encoding="utf-8")
    on_paper = re.sub(
        r"@media screen and \(max-width:[^{]*\{[^{}]*\{[^{}]*\}\s*\}", "", css
    )  # a phone's rule
    assert (
        re.search(r"overflow-wrap:\s*anywhere", css)
        and not re.search(r"overflow-wrap:\s*anywhere", on_paper)
        and "hyphens: auto" in css
        and '<html lang="nl">' in book
    )


def test_the_team_homework_table_lists_what_is_filled_in_as_a_list(exported):
    """The trainer's "Wat er staat" column (swc_core/room/progress.py) joined question titles with "?, "."""
    from swc_core.room import DASHBOARDS, Names, load_room

    sessions, edition, _ = exported
    with open_store(edition, Settings(sessions_dir=sessions)) as store:
        room = load_room(store, edition)
    panel = next(
        p
        for key in DASHBOARDS
        for p in DASHBOARDS[key](room, Names(edition, anonymous=False))
        if p.key == "team-homework"
    )
    shown = html.unescape(panel.html)
    labels = [f.label for f in edition.content.step("tussentijd-a").team_fields]
    assert " · ".join(labels) in shown and "?, " not in shown


def test_the_begrippenlijst_keeps_each_term_apart_from_its_definition(exported):
    """The sanitizer dropped dl/dt/dd, so the chapter printed as one run-on paragraph."""
    sessions, edition, _ = exported
    page = (sessions / "demo" / "export" / "team-veen" / "p01" / "dagdeel-1-2.html").read_text(
        encoding="utf-8"
    )
    chapter = page[page.index("swc-glossary") :]
    term = edition.content.term("schakeling")
    assert (
        f"<dt>{html.escape(term.name)}</dt><dd>{html.escape(term.definition.strip())}</dd>"
        in chapter
    )


def drawn_plots(page: str) -> dict[str, dict]:
    """Each ``Plotly.newPlot(id, data, layout, config)`` of a handout: id -> {data, layout, config}."""
    import json

    decoder, plots = json.JSONDecoder(), {}
    body = page[page.index("</head>") :]  # the head holds plotly.js itself
    for match in re.finditer(r"Plotly\.newPlot\(", body):
        args, at = [], match.end()
        for _ in range(4):
            value, at = decoder.raw_decode(body, at)
            args.append(value)
            at += 1  # the comma, or the closing parenthesis
        plots[args[0]] = {"data": args[1], "layout": args[2], "config": args[3]}
    return plots


def font_sizes(node) -> list[float]:
    """Every ``*font.size`` in a plotly spec (layout or trace)."""
    if isinstance(node, list):
        return [s for item in node for s in font_sizes(item)]
    if not isinstance(node, dict):
        return []
    own = [
        v["size"]
        for k, v in node.items()
        if k.endswith("font") and isinstance(v, dict) and isinstance(v.get("size"), (int, float))
    ]
    return own + [s for v in node.values() for s in font_sizes(v)]


def test_every_handout_figure_has_a_twin_for_a_phone_and_one_for_paper(exported):
    """On a phone the 1,200 px figure ran off the screen; zoomed onto A4 its text printed at ~6 pt."""
    from swc_core.figures.narrow import MIN_TEXT_PX
    from swc_core.figures.paper import PAPER_WIDTH

    out = exported[0] / "demo" / "export"
    pages = [
        out / "team-veen" / "p01" / "dagdeel-1-2.html",
        out / "team-veen" / "p01" / "dagdeel-5.html",
        out / "praktijkboek-team-veen.html",
    ]
    on_paper = 0
    for path in pages:
        page = path.read_text(encoding="utf-8")
        plots = drawn_plots(page)
        figures = re.findall(r'<div class="swc-figure([^"]*)" id="(swc-fig-\d+)">', page)
        assert figures, path.name
        for classes, fid in figures:
            for twin in (
                "wide",
                "narrow",
            ):  # both as wide as the page; handout.css shows the one that fits
                assert "width" not in plots[f"{fid}-{twin}"]["layout"], (path.name, fid, twin)
            assert min(font_sizes(plots[f"{fid}-narrow"])) >= MIN_TEXT_PX, (path.name, fid)
            paper = plots.get(f"{fid}-paper")
            if paper is None:  # the canvas: its grid of blocks is printed instead
                assert (
                    "swc-screen-only" in classes
                    and 'class="swc-print-only swc-canvas-print"' in page
                )
                continue
            on_paper += 1
            layout = paper["layout"]
            assert layout["width"] == PAPER_WIDTH and paper["config"]["staticPlot"] is True, (
                path.name,
                fid,
            )
            assert min(font_sizes(paper)) >= MIN_TEXT_PX, (
                path.name,
                fid,
                sorted(font_sizes(paper))[:5],
            )
    assert on_paper >= 3
