"""The `swc` command: a thin layer that reports user mistakes in one line with exit code 2."""

from __future__ import annotations

import csv
import os
import stat

from click.testing import CliRunner

from swc_core.cli import cli

from conftest import REPO

ANSWERS = REPO / "data" / "demo" / "answers.yml"


def test_every_command_has_help_text():
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert command.help, f"swc {name} has no help text"
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Gebruik:" in result.output


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"swc {name}" in readme, f"README does not mention swc {name}"


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("swc ")


def test_check_demo_edition(run):
    result = run("check", "demo")
    assert result.exit_code == 0, result.output
    assert "12 deelnemers, 3 teams" in result.output


def test_check_unknown_edition_is_one_clear_line_and_exit_2(run):
    result = run("check", "bestaat-niet")
    assert result.exit_code == 2
    assert "fout: editie 'bestaat-niet' niet gevonden" in result.output
    assert "tip: bestaande edities: demo" in result.output
    assert "Traceback" not in result.output


def test_check_broken_edition_lists_every_problem_with_its_line(run, sessions_dir):
    path = sessions_dir / "demo" / "edition.yml"
    text = path.read_text(encoding="utf-8")
    first_captain = next(line for line in text.splitlines() if line.strip().startswith("captain:"))
    path.write_text(
        text.replace(first_captain, first_captain.split(":")[0] + ": niemand", 1), encoding="utf-8"
    )
    result = run("check", "demo")
    assert result.exit_code == 2
    assert "edition.yml:" in result.output and "'niemand' is geen lid" in result.output


def test_check_content_of_the_shipped_pack(run):
    result = run("check-content", str(REPO / "data" / "content"))
    assert result.exit_code == 0, result.output


def test_init_creates_a_valid_edition_and_refuses_to_overwrite(run, sessions_dir):
    result = run("init", "najaar-2027", "--title", 'Najaar "2027"', "--start", "2027-09-01")
    assert result.exit_code == 0, result.output
    assert run("check", "najaar-2027").exit_code == 0
    again = run("init", "najaar-2027")
    assert again.exit_code == 2 and "bestaat al" in again.output


def test_init_refuses_a_bad_name(run):
    result = run("init", "Mijn Editie!")
    assert result.exit_code == 2 and "ongeldige editienaam" in result.output


def test_import_demo_answers_twice_adds_nothing_the_second_time(run, sessions_dir):
    first = run("import", "demo", str(ANSWERS))
    assert first.exit_code == 0, first.output
    saved = int(first.output.split()[0])
    assert saved > 20
    second = run("import", "demo", str(ANSWERS))
    assert second.output.startswith("0 velden opgeslagen")
    db = sessions_dir / "demo" / "swc.db"
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_import_with_an_unknown_participant_writes_nothing(run, sessions_dir, tmp_path):
    bad = tmp_path / "answers.yml"
    bad.write_text(
        "p01:\n  canvas.block.doelen: goed\nx99:\n  canvas.block.doelen: fout\n", encoding="utf-8"
    )
    result = run("import", "demo", str(bad))
    assert result.exit_code == 2
    assert "answers.yml:3" in result.output and "onbekende deelnemer 'x99'" in result.output
    assert run("status", "demo").output.count(" 0 velden ingevuld") == 12


def test_import_of_non_utf8_file_is_refused_clearly(run, tmp_path):
    bad = tmp_path / "answers.yml"
    bad.write_bytes(b"p01:\n  canvas.block.doelen: caf\xe9\n")
    result = run("import", "demo", str(bad))
    assert (
        result.exit_code == 2
        and "geen geldige UTF-8" in result.output
        and "answers.yml:2" in result.output
    )


def test_unreachable_database_is_a_clear_error(run):
    result = run("status", "demo", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 2 and "database niet bereikbaar" in result.output


def test_export_data_csv_defuses_formulas(run, sessions_dir, tmp_path):
    evil = tmp_path / "answers.yml"
    evil.write_text("p01:\n  canvas.block.doelen: '=HYPERLINK(\"http://x\")'\n", encoding="utf-8")
    assert run("import", "demo", str(evil)).exit_code == 0
    out = tmp_path / "out.csv"
    result = run("export-data", "demo", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(
        csv.DictReader(out.open(encoding="utf-8-sig", newline=""), delimiter=";")
    )  # Excel on a Dutch laptop
    assert rows[0]["waarde"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["naam"] and rows[0]["team"]


def test_export_data_xlsx_writes_strings_never_formulas(run, tmp_path):
    from openpyxl import load_workbook

    evil = tmp_path / "answers.yml"
    evil.write_text("p01:\n  canvas.block.doelen: '=1+1'\n", encoding="utf-8")
    run("import", "demo", str(evil))
    run("import", "demo", str(ANSWERS))
    out = tmp_path / "out.xlsx"
    result = run("export-data", "demo", "--format", "xlsx", "--out", str(out), "--history")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for c in cells)


def test_export_data_to_unwritable_folder_is_a_clear_error(run, tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")  # a folder cannot be made inside a file, not even by root
    result = run("export-data", "demo", "--out", str(blocker / "sub" / "x.csv"))
    assert result.exit_code == 2 and "kan niet schrijven" in result.output
