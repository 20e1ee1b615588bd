"""`swc generate`: every workbook and homework notebook of the demo edition, executed and checked."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition, open_store
from swc_core.generate import generate, plan_jobs
from swc_core.settings import Settings

from conftest import REPO, copy_sessions

HOMEWORK_STEPS = ["tussentijd-a", "tussentijd-b", "tussentijd-c", "tussentijd-d"]
# a tussentijd has each member's own page too (their work of that period) besides the team's homework
WORKBOOK_STEPS = [
    "intake",
    "dagdeel-1-2",
    "dagdeel-3",
    "dagdeel-4",
    "dagdeel-5",
    "eindsessie",
    *HOMEWORK_STEPS,
]


def _outputs_text(nb) -> str:
    return json.dumps(
        [o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """One full generation of the demo edition (with its demo answers), shared by the checks below."""
    sessions = copy_sessions(tmp_path_factory.mktemp("generate"), with_demo_answers=True)
    runner = CliRunner()
    base = ["--sessions-dir", str(sessions)]
    result = runner.invoke(cli, [*base, "generate", "demo", "--jobs", "2"])
    return sessions, result


def test_every_workbook_and_homework_notebook_is_generated_without_error(generated):
    sessions, result = generated
    assert result.exit_code == 0, result.output
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    out = sessions / "demo" / "output"
    expected = [
        out / t.id / p / f"{s}.ipynb"
        for t in edition.teams.values()
        for p in t.members
        for s in WORKBOOK_STEPS
    ]
    expected += [out / t.id / f"{s}.ipynb" for t in edition.teams.values() for s in HOMEWORK_STEPS]
    assert sorted(out.rglob("*.ipynb")) == sorted(expected)
    for path in expected:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected, f"{path}: no injected parameters"
        assert (
            path.parent.name in injected[0].source
        )  # the participant (workbook) or the team (homework)
        assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
        text = _outputs_text(nb)
        assert "<div class='swc-error'>" not in text and "swc-header" in text, path
        assert "application/vnd.jupyter.widget-view+json" not in text, (
            "handouts hold static content, not widgets"
        )
        assert nb.metadata["swc"]["fingerprint"]


def test_team_homework_holds_only_its_own_cases(generated):
    sessions, _ = generated
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    for team in edition.teams.values():
        nb = nbformat.read(
            sessions / "demo" / "output" / team.id / "tussentijd-a.ipynb", as_version=4
        )
        text = _outputs_text(nb)
        for pid, person in edition.participants.items():
            assert (person.name in text) == (pid in team.members), (
                f"{team.id} homework and {person.name}"
            )


def test_rerun_skips_what_did_not_change_and_regenerates_what_did(generated):
    sessions, _ = generated
    runner = CliRunner()
    base = ["--sessions-dir", str(sessions)]
    again = runner.invoke(
        cli, [*base, "generate", "demo", "--dagdeel", "intake", "--dagdeel", "tussentijd-a"]
    )
    assert again.exit_code == 0 and again.stdout.startswith("0 gegenereerd, 27 ongewijzigd"), (
        again.output
    )
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        store.save("demo", "p02", "canvas.block.risicos", "nieuw risico", author="p02")
    changed = runner.invoke(
        cli, [*base, "generate", "demo", "--dagdeel", "intake", "--dagdeel", "tussentijd-a"]
    )
    # p02's own workbooks (intake, tussentijd-a) and p02's team homework changed; nothing else
    assert changed.stdout.startswith("3 gegenereerd, 24 ongewijzigd"), changed.output


def test_unknown_ids_are_refused_before_any_kernel_starts(generated):
    sessions, _ = generated
    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions), "generate", "demo", "--participant", "x99"]
    )
    assert result.exit_code == 2
    assert "onbekende deelnemers: x99" in result.output and "p01" in result.output
    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions), "generate", "demo", "--dagdeel", "dagdeel-9"]
    )
    assert result.exit_code == 2 and "onbekende stappen: dagdeel-9" in result.output


def test_a_broken_participant_fails_alone_and_is_named(generated, tmp_path):
    sessions, _ = generated
    notebooks = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "intake.ipynb", as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            'if participant == "p03":\n    raise RuntimeError("kapot voor p03")'
        )
    )
    nbformat.write(nb, notebooks / "intake.ipynb")
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    out = tmp_path / "out"
    jobs = plan_jobs(
        edition,
        out,
        steps=["intake"],
        teams=["team-klimaat"],
        notebooks=notebooks,
        base_parameters={"edition": str(edition.folder), "sessions_dir": str(sessions)},
    )
    with open_store(edition, settings) as store:
        report = generate(edition, store, jobs, out, workers=2, progress=False)
    assert [r.job.participant for r in report.failed] == ["p03"]
    # cells: parameters, injected parameters, page, the broken one
    assert (
        "cel 4" in report.failed[0].failure.describe()
        and "kapot voor p03" in report.failed[0].failure.describe()
    )
    assert len(report.written) == 3
    assert not (out / "team-klimaat" / "p03" / "intake.ipynb").exists()
    assert not list(out.rglob("*.tmp"))


def test_interrupted_run_leaves_no_partial_files_and_a_rerun_completes(generated, tmp_path):
    sessions, _ = generated
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "swc_core.cli",
        "--sessions-dir",
        str(sessions),
        "generate",
        "demo",
        "--dagdeel",
        "dagdeel-1-2",
        "--out",
        str(out),
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while not list(out.rglob("*.ipynb")) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    assert not list(out.rglob("*.tmp")), "a partial file was left behind"
    for path in out.rglob("*.ipynb"):
        assert nbformat.read(path, as_version=4).metadata["swc"]["fingerprint"]
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(out.rglob("*.ipynb"))) == 12


def _plain_outputs(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        o.get("data", {}).get("text/plain", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    ]


def test_a_reused_kernel_gives_the_same_notebook_as_a_fresh_one(generated, tmp_path):
    """Kernels are reused per worker for speed; the result must not depend on what ran before."""
    sessions, _ = generated
    settings = Settings(sessions_dir=sessions)
    edition = load_edition("demo", settings)
    params = {"edition": str(edition.folder), "sessions_dir": str(sessions)}
    outputs = {}
    for mode, reuse in (("fresh", False), ("warm", True)):
        jobs = plan_jobs(
            edition,
            tmp_path / mode,
            steps=["dagdeel-4", "eindsessie"],
            participants=["p01", "p05"],
            base_parameters=params,
        )
        with open_store(edition, settings) as store:
            report = generate(
                edition,
                store,
                jobs,
                tmp_path / mode,
                workers=1,
                progress=False,
                reuse_kernels=reuse,
            )
        assert not report.failed and len(report.written) == 4
        outputs[mode] = {
            p.relative_to(tmp_path / mode): _plain_outputs(p)
            for p in (tmp_path / mode).rglob("*.ipynb")
        }
    assert outputs["warm"] == outputs["fresh"]
