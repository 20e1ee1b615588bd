"""`swc export`: handouts of executed workbooks and the praktijkboek, checked as files and HTML text.

The browser checks (figures drawn, nothing loaded from the network, payloads
shown as text) are in test_export_in_browser.py.
"""
from __future__ import annotations

import html
import re
import stat

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.export.plotly_embed import script_json
from swc_core.settings import Settings

from conftest import copy_sessions

WORKBOOK_STEPS = ["intake", "dagdeel-1-2", "dagdeel-3", "dagdeel-4", "dagdeel-5", "eindsessie"]
PLOTLY_BANNER = re.compile(r"plotly\.js v\d")  # the licence banner at the top of the bundle


def run(sessions, *args):
    return CliRunner().invoke(cli, ["--sessions-dir", str(sessions), "export", "demo", *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Two participants' handouts, one team homework handout, a team praktijkboek and the full one."""
    sessions = copy_sessions(tmp_path_factory.mktemp("export"), with_demo_answers=True)
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
    body = page[page.index("</head>"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def plain(text: str) -> str:
    return " ".join(text.split())


def latest(sessions, edition):
    settings = Settings(sessions_dir=sessions)
    with open_store(edition, settings) as store:
        return {s: {f: r.value for f, r in fields.items()} for s, fields in store.latest(edition.name).items()}


def test_layout_is_the_generation_layout_with_html(exported):
    sessions, _, results = exported
    out = sessions / "demo" / "export"
    expected = {f"team-veen/{p}/{s}.html" for p in ("p01", "p02") for s in WORKBOOK_STEPS}
    expected |= {"team-veen/tussentijd-a.html", "praktijkboek-team-veen.html", "praktijkboek.html"}
    assert {str(p.relative_to(out)) for p in out.rglob("*.html")} == expected
    assert results[0].stdout.startswith("12 hand-outs geschreven, 0 ongewijzigd overgeslagen, 0 praktijkboeken")
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
        assert "open_workbook" not in page and "open_homework" not in page, f"{path}: code cell shown"
        assert "Error displaying widget" not in page and "widget-view+json" not in page
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page), f"{path}: external resource"
        body = page[page.index("</head>"):]  # the head holds the plotly.js bundle, which names loaders it never uses
        assert not re.search(r"require\.js|mathjax|cdn\.|https?://", body, re.IGNORECASE), f"{path}: loader or URL"
        figures = page.count("Plotly.newPlot(")
        assert len(PLOTLY_BANNER.findall(page)) == (1 if figures else 0), f"{path}: plotly.js not once"
    canvas = (out / "p01" / "dagdeel-1-2.html").read_text(encoding="utf-8")
    assert plain(values["p01"]["canvas.block.doelen"]) in page_text(canvas)
    assert canvas.count("Plotly.newPlot(") >= 2  # the canvas and the Schakelbak
    assert "swc-glossary" in canvas and "Schakeling" in page_text(canvas)  # the step's begrippenlijst


def test_homework_handout_holds_only_its_own_team(exported):
    sessions, edition, _ = exported
    page = page_text((sessions / "demo" / "export" / "team-veen" / "tussentijd-a.html").read_text(encoding="utf-8"))
    for pid, person in edition.participants.items():
        assert (person.name in page) == (pid in edition.team("team-veen").members), person.name


def test_team_praktijkboek_holds_nothing_of_other_teams(exported):
    sessions, edition, _ = exported
    values = latest(sessions, edition)
    book = page_text((sessions / "demo" / "export" / "praktijkboek-team-veen.html").read_text(encoding="utf-8"))
    members = edition.team("team-veen").members
    for pid, person in edition.participants.items():
        inside = pid in members
        answers = values.get(pid, {})
        casus = answers.get("casus", {})
        texts = [person.name, casus.get("title"), casus.get("opgave"), answers.get("canvas.block.doelen")]
        for text in filter(None, texts):
            assert (plain(text) in book) == inside, f"{pid}: {text[:40]}"
    assert "Praktijkboek – Team Veen en Water" in book


def test_praktijkboek_has_every_case_by_team_and_is_marked_confidential(exported):
    sessions, edition, _ = exported
    book = (sessions / "demo" / "export" / "praktijkboek.html").read_text(encoding="utf-8")
    toc = book[book.index("swc-toc"):book.index("</nav>")]
    team_positions = [toc.index(html.escape(t.name)) for t in edition.teams.values()]
    assert team_positions == sorted(team_positions), "teams in edition order"
    for team in edition.teams.values():
        block = toc[toc.index(html.escape(team.name)):]
        for pid in team.members:
            assert f'href="#casus-{pid}"' in block and f'id="casus-{pid}"' in book
    assert "Vertrouwelijk" in book[book.index("<body"):book.index("<main")]  # on screen
    assert "@top-center" in book  # and in the margin of every printed page
    assert book.count("Plotly.newPlot(") == 2 * len(edition.participants)


def test_rerun_skips_unchanged_handouts_and_redoes_changed_ones(exported):
    sessions, edition, _ = exported
    again = run(sessions, "--participant", "p01", "--participant", "p02", "--handouts")
    assert again.exit_code == 0 and again.stdout.startswith("0 hand-outs geschreven, 12 ongewijzigd"), again.output
    settings = Settings(sessions_dir=sessions)
    with open_store(edition, settings) as store:
        store.save(edition.name, "p02", "canvas.block.doelen", "Nieuw doel na de intake", "test")
    changed = run(sessions, "--participant", "p01", "--participant", "p02", "--handouts", "--jobs", "2")
    assert changed.exit_code == 0 and changed.stdout.startswith("6 hand-outs geschreven, 6 ongewijzigd"), changed.output
    page = (sessions / "demo" / "export" / "team-veen" / "p02" / "dagdeel-1-2.html").read_text(encoding="utf-8")
    assert "Nieuw doel na de intake" in page_text(page)


@pytest.mark.parametrize("args, message", [
    (["--praktijkboek", "--handouts"], "sluiten elkaar uit"),
    (["--praktijkboek", "--participant", "p01"], "het praktijkboek hoort bij de hele editie of bij een team"),
    (["--team", "team-onbekend"], "onbekende teams: team-onbekend"),
    (["--dagdeel", "dagdeel-9"], "onbekende stappen: dagdeel-9"),
])
def test_wrong_options_are_one_clear_line(sessions_dir, args, message):
    result = run(sessions_dir, *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, result.output


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
    cmd = [sys.executable, "-m", "swc_core.cli", "--sessions-dir", str(sessions), "export", "demo",
           "--team", "team-veen", "--handouts", "--out", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    watched, pattern = (sessions / "demo" / "output", "*.ipynb") if phase == "generating" else (out, "*.html")
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
    assert len(list(out.rglob("*.html"))) == team_size * len(WORKBOOK_STEPS) + 4  # + the four tussentijden
