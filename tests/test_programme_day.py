""" "Today" comes from one place: ``Settings.current_date`` (``--today``, ``SWC_TODAY``, else the clock).

Every path that depends on the day (the current step, the pages ``swc serve`` preheats, the landing
page's highlight, the step ``swc status`` reports, a new edition's start) is run here on days spread
over the whole programme of the demo edition; and the suite's date-sensitive tests are run again with
the machine's clock faked (libfaketime) to dates from 2026 to 2028, to show that none of them reads it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.edition import load_edition
from swc_core.errors import InputError
from swc_core.programme_day import step_on
from swc_core.serve import Links, Role, Site, Tokens
from swc_core.serve.access import Visitor
from swc_core.serve.app import preheated
from swc_core.serve.landing import landing_page
from swc_core.settings import Settings

from conftest import REPO

# Days of the demo edition (sessions/demo/edition.yml), one for each kind of moment in the programme.
DAYS = {
    "before the intake": (date(2026, 8, 3), "intake"),
    "on the intake": (date(2026, 9, 8), "intake"),
    "in a tussentijd": (date(2026, 10, 20), "tussentijd-a"),
    "on a dagdeel": (date(2026, 11, 24), "dagdeel-4"),
    "the day before a dagdeel": (date(2027, 1, 11), "tussentijd-c"),
    "after the eindsessie": (date(2027, 6, 1), "eindsessie"),
}
pytestmark = pytest.mark.date_sensitive


@pytest.fixture
def demo(sessions_dir):
    return load_edition("demo", Settings(sessions_dir))


def test_settings_take_today_from_swc_today_and_fall_back_to_the_clock(tmp_path):
    assert Settings.from_env(
        {"SWC_TODAY": "2027-01-12"}, sessions_dir=tmp_path
    ).current_date() == date(2027, 1, 12)
    assert Settings.from_env({}, sessions_dir=tmp_path).current_date() == date.today()


def test_a_bad_swc_today_is_one_clear_line_and_exit_2(sessions_dir):
    with pytest.raises(InputError) as err:
        Settings.from_env({"SWC_TODAY": "12-01-2027"})
    assert err.value.where == "SWC_TODAY" and "JJJJ-MM-DD" in err.value.hint
    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions_dir), "status", "demo"], env={"SWC_TODAY": "morgen"}
    )
    assert result.exit_code == 2
    assert "SWC_TODAY: 'morgen' is geen datum" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("moment", DAYS)
def test_every_date_sensitive_path_follows_the_day(demo, sessions_dir, moment):
    """One day, every path: current step, preheated pools, landing highlight (room and trainer), status."""
    day, step = DAYS[moment]
    assert step_on(demo, day) == step
    site = Site(demo)
    pools = preheated(site, 3, day)
    assert pools[site.notebook_of(step)] == 3
    assert (site.dashboard_of(step) in pools) == (site.dashboard_of(step) is not None)
    assert len(pools) == (2 if site.dashboard_of(step) else 1), pools

    links = Links.build("127.0.0.1", 8866, Tokens.generate())
    room = landing_page(site, Visitor(Role.PARTICIPANT, "p01"), links, day)
    highlighted = set(re.findall(r"class='swc-current' data-swc-open href='([^']+)'", room))
    name = demo.content.step(step).name
    assert highlighted, "the step of the day is highlighted on a participant's own page"
    assert all(f"{step}.ipynb" in href or f"step={step}" in href for href in highlighted), (
        highlighted
    )
    trainer = landing_page(site, Visitor(Role.TRAINER), links, day)
    if site.dashboard_of(step):
        assert re.search(rf"class=swc-current href='[^']*dashboards/{step}\.ipynb", trainer)

    result = CliRunner().invoke(
        cli, ["--sessions-dir", str(sessions_dir), "status", "demo", "--today", day.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert f"stap van {day.isoformat()}: {name}" in result.output


def test_swc_today_and_the_today_option_agree(sessions_dir):
    day, step = DAYS["on a dagdeel"]
    by_env = CliRunner().invoke(
        cli,
        ["--sessions-dir", str(sessions_dir), "status", "demo"],
        env={"SWC_TODAY": day.isoformat()},
    )
    by_option = CliRunner().invoke(
        cli,
        ["--sessions-dir", str(sessions_dir), "status", "demo", "--today", day.isoformat()],
        env={"SWC_TODAY": "2026-01-01"},
    )
    assert by_env.output == by_option.output, "the flag wins over the environment"


def test_a_new_edition_starts_on_the_day_taken_as_today(sessions_dir):
    result = CliRunner().invoke(
        cli,
        ["--sessions-dir", str(sessions_dir), "init", "voorjaar-2028"],
        env={"SWC_TODAY": "2028-02-29"},
    )
    assert result.exit_code == 0, result.output
    edition = load_edition("voorjaar-2028", Settings(sessions_dir))
    first = edition.content.programme[0].id
    assert edition.spec.dates[first] == date(2028, 2, 29)


FAKED_CLOCKS = ["2026-01-01 08:00:00", "2027-01-12 12:00:00", "2028-12-31 23:30:00"]


def _faketime(clock: str) -> list[str]:
    """The command prefix that runs a program with the machine's clock starting at ``clock`` and running on
    (faketime(1); ``-m`` for threaded programs; the monotonic clock, used for timeouts, is left alone)."""
    found = shutil.which("faketime")
    assert found, "faketime ontbreekt: `make test` installeert het (Debian-pakket faketime)"
    return [found, "-m", "--exclude-monotonic", clock]


@pytest.mark.faked_clock
@pytest.mark.parametrize("clock", FAKED_CLOCKS)
def test_the_date_sensitive_tests_pass_whatever_the_machines_clock_says(clock, tmp_path):
    """The machine's clock set to a day from 2026 to 2028 (libfaketime, clock running from there): the
    date-sensitive tests, this file's other tests and the server's current-step tests, still pass.

    Tests that start kernels stay out of this run: under libfaketime ipykernel's ``time.sleep`` fails
    with EINVAL (seen here, faketime 0.9.10); they take their day from ``SWC_TODAY`` like the rest.
    """
    env = {k: v for k, v in os.environ.items() if k != "SWC_SESSIONS_DIR"}
    probe = subprocess.run(
        [*_faketime(clock), sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == clock.split()[0], "the clock is really faked"
    run = subprocess.run(
        [
            *_faketime(clock),
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "date_sensitive and not faked_clock",
            "--basetemp",
            str(tmp_path / "t"),
            "tests/test_programme_day.py",
            "tests/test_serve.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"\d+ passed", summary) and "failed" not in summary, summary


@pytest.mark.faked_clock
def test_without_an_override_the_machines_clock_decides(sessions_dir):
    """Only when nothing pins the day does the clock count: a trainer on the day of dagdeel 5 sees it."""
    env = {k: v for k, v in os.environ.items() if k != "SWC_TODAY"}
    env["SWC_SESSIONS_DIR"] = str(sessions_dir)
    result = subprocess.run(
        [*_faketime("2027-01-12 09:00:00"), sys.executable, "-m", "swc_core.cli", "status", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "stap van 2027-01-12: Dagdeel 5" in result.stdout, result.stdout
