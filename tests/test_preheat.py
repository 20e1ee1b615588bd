"""Preheated kernels: the request read without Voilà's heavy imports, and the work done before it.

The websocket the kernel waits on is served by a real tornado server here,
as Voilà's own ``RequestInfoSocketHandler`` would.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time

import ipywidgets as W
import pytest
from tornado import web, websocket
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from swc_core import voila_request
from swc_core.content.loader import load_content
from swc_core.errors import ContentError
from swc_core.settings import REPO_ROOT
from widgets.page import open_workbook

KERNEL_ID = "k-test-0001"


class RequestInfoServer:
    """Answers ``/voila/query/<kernel id>`` with ``info`` after ``delay`` s (None: closes instead)."""

    def __init__(self, info: dict | None, delay: float = 0.3):
        self.info, self.delay, self.asked = info, delay, []
        self.port = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        owner = self

        class Handler(websocket.WebSocketHandler):
            async def open(self, kernel_id):
                owner.asked.append(kernel_id)
                await asyncio.sleep(owner.delay)
                if owner.info is None:
                    self.close()
                else:
                    self.write_message(json.dumps(owner.info))

        sockets = bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        server = HTTPServer(web.Application([(r"/voila/query/(.*)", Handler)]))
        server.add_sockets(sockets)
        self._loop = loop
        self._ready.set()
        loop.run_forever()

    def __enter__(self):
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


@pytest.fixture
def preheated_env(monkeypatch):
    """The environment Voilà gives a pool kernel (minus the port, set per test)."""
    for key in list(os.environ):
        if key.startswith("VOILA_") or key == "QUERY_STRING":
            monkeypatch.delenv(key)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", KERNEL_ID)
    monkeypatch.setenv("VOILA_APP_IP", "127.0.0.1")
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    saved = dict(os.environ)
    yield monkeypatch
    # the request's details land in os.environ, as in a kernel: none may leak into later tests
    # (a stray QUERY_STRING makes every later page, and the kernels it starts, think it is served)
    os.environ.clear()
    os.environ.update(saved)


def test_a_preheated_kernel_waits_for_its_request_and_takes_over_its_details(preheated_env):
    with RequestInfoServer(
        {"QUERY_STRING": "participant=p02", "VOILA_REQUEST_URL": "http://x/y"}
    ) as server:
        preheated_env.setenv("VOILA_APP_PORT", str(server.port))
        started = time.monotonic()
        assert voila_request.query_string() == "participant=p02"
        assert time.monotonic() - started >= 0.25  # it really waited for the server's answer
    assert server.asked == [KERNEL_ID]
    assert os.environ["VOILA_REQUEST_URL"] == "http://x/y"


def test_a_server_that_goes_away_means_no_request_not_an_exception(preheated_env):
    with RequestInfoServer(None) as server:
        preheated_env.setenv("VOILA_APP_PORT", str(server.port))
        assert voila_request.query_string() == ""
    page = open_workbook("intake", edition="demo")  # no participant: the page says so, in Dutch
    assert isinstance(page, W.HTML) and "geen deelnemer gekozen" in page.value


def test_no_server_at_all_is_no_request_either(preheated_env):
    with RequestInfoServer(None) as server:
        port = server.port
    preheated_env.setenv("VOILA_APP_PORT", str(port))  # nothing listens there any more
    assert voila_request.query_string() == ""


def test_a_kernel_started_for_its_request_reads_the_environment_and_connects_nowhere(monkeypatch):
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("VOILA_APP_PORT", "1")  # would fail if it tried
    monkeypatch.setenv("QUERY_STRING", "participant=p03")
    assert voila_request.query_string() == "participant=p03"


def test_outside_voila_there_is_no_query_string(monkeypatch):
    for key in list(os.environ):
        if key.startswith("VOILA_") or key == "QUERY_STRING":
            monkeypatch.delenv(key)
    assert voila_request.query_string() == ""


def test_a_preheated_workbook_opens_for_the_participant_of_the_request(preheated_env, sessions_dir):
    with RequestInfoServer({"QUERY_STRING": "participant=p02"}, delay=0.5) as server:
        preheated_env.setenv("VOILA_APP_PORT", str(server.port))
        page = open_workbook(
            "dagdeel-1-2", edition="demo", participant="p01", sessions_dir=str(sessions_dir)
        )
    assert "swc-page" in page._dom_classes
    assert page.ctx.subject == "p02"  # the address decides, never the notebook's default


# A page's kernel must not import what only the server needs: voila.utils (jupyter_server,
# jupyterlab_server), plotly's renderers (nbformat) and jsonschema cost ~1.6 s of CPU each time
# a kernel starts, and a room of thirty starts thirty. Nor plotly at all: figures are plain JSON
# (swc_core/figures/spec.py); plotly.graph_objects cost most of a dashboard's redraw and ~27 MB per kernel.
HEAVY = ["voila.utils", "jupyter_server", "plotly", "nbformat", "jsonschema"]
PROBE = """
import os, sys
from widgets.page import open_workbook
from widgets.dashboard.page import open_dashboard
page = open_workbook("dagdeel-1-2", edition="demo", participant="p01", sessions_dir=sys.argv[1])
board = open_dashboard("dagdeel-1-2", edition="demo", sessions_dir=sys.argv[1])
assert "swc-page" in page._dom_classes and "swc-dashboard" in board._dom_classes, (page, board)
def walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from walk(child)
assert any("swc-qr" in str(getattr(w, "value", "")) for w in walk(board)), "the room link's QR code is drawn"
from widgets.figure_view import PlotOutput
for name, root in (("page", page), ("dashboard", board)):
    assert any(isinstance(w, PlotOutput) and w.outputs for w in walk(root)), name + " draws its figures"
print("IMPORTED:" + ",".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_pages_do_not_import_what_only_the_server_needs(sessions_dir):
    env = {
        **os.environ,
        "QUERY_STRING": "participant=p01",
        "VOILA_PREHEAT": "False",
        "SWC_ROOM_LINK": "http://127.0.0.1:8866/r/ABCDEFGHJK",
    }  # a served dashboard draws its QR code
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(sessions_dir), *HEAVY],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    imported = [line for line in out.stdout.splitlines() if line.startswith("IMPORTED:")]
    assert imported == ["IMPORTED:"], f"imported by a page: {imported}"


def test_the_content_pack_is_read_again_only_when_a_file_changed(tmp_path):
    import shutil

    folder = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "data" / "content", folder)
    first = load_content(folder)
    assert load_content(folder) is first
    path = folder / "pack.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n# opmerking van de trainer\n", encoding="utf-8"
    )
    second = load_content(folder)
    assert second is not first and second == first
    path.write_text("name: [onafgesloten\n", encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(folder)  # never the old pack for a broken file
