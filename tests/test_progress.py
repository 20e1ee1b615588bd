"""Progress in a log file or CI log: a few plain lines, not thousands of carriage-return redraws."""

from __future__ import annotations

import io

from swc_core.progress import STEPS, ProgressLines, progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_written_to_a_file_gives_a_line_per_tenth_and_no_carriage_returns():
    log = io.StringIO()
    bar = progress_bar(1000, "genereren", "notebook", stream=log)
    for done in range(1000):
        bar.update(1)
        bar.set_postfix_str(f"mislukt: {done // 500}")
    bar.close()

    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert len(lines) == STEPS
    assert lines[0] == "genereren: 100 van 1000 klaar (10%), mislukt: 0"
    assert lines[-1] == "genereren: 1000 van 1000 klaar (100%), mislukt: 1"


def test_few_slow_items_still_show_each_one_and_the_end_once():
    log = io.StringIO()
    bar = progress_bar(3, "exporteren", "hand-out", stream=log)
    for _ in range(3):
        bar.update(1)
    bar.close()
    assert log.getvalue().splitlines() == [
        "exporteren: 1 van 3 klaar (33%)",
        "exporteren: 2 van 3 klaar (66%)",
        "exporteren: 3 van 3 klaar (100%)",
    ]


def test_a_slow_stretch_within_one_tenth_still_reports_now_and_then():
    now = [0.0]
    log = io.StringIO()
    bar = ProgressLines(1000, "genereren", log, interval=60, clock=lambda: now[0])
    for _ in range(50):  # 5 %, one item every 10 s
        now[0] += 10
        bar.update(1)
    assert len(log.getvalue().splitlines()) == 50 * 10 // 60


def test_an_interrupted_run_ends_with_where_it_stopped():
    log = io.StringIO()
    bar = progress_bar(100, "genereren", "notebook", stream=log)
    bar.update(15)
    bar.close()
    assert log.getvalue().splitlines() == ["genereren: 15 van 100 klaar (15%)"]


def test_a_terminal_gets_tqdm_and_a_disabled_bar_prints_nothing():
    terminal = Terminal()
    bar = progress_bar(10, "genereren", "notebook", stream=terminal)
    bar.update(10)
    bar.close()
    assert "\r" in terminal.getvalue() and "10/10" in terminal.getvalue()

    log = io.StringIO()
    quiet = progress_bar(10, "genereren", "notebook", enabled=False, stream=log)
    quiet.update(10)
    quiet.close()
    assert log.getvalue() == ""
