"""The trainer's server window: Jupyter's housekeeping lines stay out, real problems stay in."""

from __future__ import annotations

import logging

import nbformat
import pytest
from jupyter_server.services.contents.largefilemanager import LargeFileManager
from nbformat.sign import NotebookNotary

from swc_core.serve.quiet_log import ACCESS_LINE, ACCESS_LOGGER, quiet_server_log


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def window(request):
    """A server logger with the filter installed, and the lines that reach the window."""
    log = logging.getLogger(f"swc-test-{request.node.name}")
    log.propagate = False
    access = logging.getLogger(ACCESS_LOGGER)
    lines = Lines()
    log.addHandler(lines)
    access.addHandler(lines)
    quiet_server_log(log)
    yield log, access, lines
    log.removeHandler(lines)
    access.removeHandler(lines)


def test_an_unsigned_notebook_opened_by_the_server_prints_no_trust_notice(window, tmp_path):
    """The same contents manager Voilà uses reads an unsigned notebook: the 'not trusted' line is dropped."""
    log, _, lines = window
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]),
        tmp_path / "dagdeel-4.ipynb",
    )
    manager = LargeFileManager(
        root_dir=str(tmp_path), log=log, notary=NotebookNotary(db_file=":memory:")
    )
    manager.get("dagdeel-4.ipynb")
    log.warning("kernel %s died", "k1")
    assert lines.lines == ["kernel k1 died"]


def test_not_found_requests_are_left_out_but_refusals_and_errors_stay(window):
    _, access, lines = window
    for status, path in [
        (404, "/apple-touch-icon.png"),
        (403, "/voila/render/dagdeel-4.ipynb"),
        (500, "/"),
    ]:
        access.warning(ACCESS_LINE, status, f"GET {path} (127.0.0.1)", 1.0)
    assert [line.split()[0] for line in lines.lines] == ["403", "500"]


def test_installing_twice_adds_one_filter(window):
    log, access, _ = window
    before = ([type(f).__name__ for f in log.filters], [type(f).__name__ for f in access.filters])
    quiet_server_log(log)
    after = ([type(f).__name__ for f in log.filters], [type(f).__name__ for f in access.filters])
    assert after == before, "a second install adds no filter"
    assert all(len(names) == len(set(names)) for names in after), after
