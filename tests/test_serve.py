"""`swc serve`: tokens, roles and the routes a served edition answers (real server, real HTTP)."""

from __future__ import annotations

import json
import stat
import urllib.error
import urllib.request
from datetime import date

import psutil
import pytest

from swc_core.edition import load_edition
from swc_core.jupyter.kernelspec import is_kernel_process
from swc_core.programme_day import step_on
from swc_core.serve import AccessPolicy, Links, Role, Site, Tokens, load_or_create_tokens
from swc_core.serve.access import Visitor
from swc_core.serve.landing import landing_page
from swc_core.settings import Settings

from conftest import REPO, copy_sessions
from servers import personal_secret, serve_command, swc_serve

# -- library ---------------------------------------------------------------


def test_room_code_is_short_and_typeable_and_roles_differ():
    tokens = Tokens.generate()
    assert len(tokens.room) == 10 and not set(tokens.room) & set("01OIL")
    assert tokens.role_of(tokens.room) is Role.ROOM
    assert tokens.role_of(tokens.room.lower()) is Role.ROOM, (
        "typed from the projector in lower case"
    )
    assert tokens.role_of(tokens.trainer) is Role.TRAINER
    assert tokens.role_of("") is Role.NONE and tokens.role_of("nope") is Role.NONE


def test_tokens_survive_a_restart_and_are_owner_only(tmp_path):
    first = load_or_create_tokens(tmp_path)
    assert load_or_create_tokens(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / ".serve-tokens.json").stat().st_mode)
    assert mode == 0o600
    assert load_or_create_tokens(tmp_path, renew=True) != first


def test_without_tokens_everyone_on_loopback_is_trainer():
    assert AccessPolicy(None).role_of(None) is Role.TRAINER
    assert not AccessPolicy(None).enforced


@pytest.fixture
def demo(sessions_dir):
    return load_edition("demo", Settings(sessions_dir))


def test_site_serves_only_the_editions_notebooks_with_their_roles(demo):
    site = Site(demo)
    assert site.role_for("intake.ipynb") is Role.PARTICIPANT
    assert site.role_for("homework.ipynb") is Role.PARTICIPANT
    assert site.role_for("dashboards/dagdeel-3.ipynb") is Role.TRAINER
    for path in [
        "../README.md",
        "dashboards/../intake.ipynb",
        "other.ipynb",
        "dashboards/x.ipynb",
        "",
        "/etc/passwd",
        "..\\intake.ipynb",
    ]:
        assert site.role_for(path) is None, path


@pytest.mark.date_sensitive
def test_current_step_follows_the_editions_dates(demo):
    steps = [s.id for s in demo.content.programme]
    dates = demo.spec.dates
    assert step_on(demo, date(1999, 1, 1)) == steps[0]
    some_step, its_day = list(dates.items())[2]
    assert step_on(demo, its_day) == some_step


@pytest.mark.date_sensitive
def test_landing_page_shows_dashboards_to_the_trainer_only(demo):
    site = Site(demo)
    links = Links.build("127.0.0.1", 8866, Tokens.generate())
    own = landing_page(site, Visitor(Role.PARTICIPANT, "p01"), links, date(2026, 11, 10))
    trainer = landing_page(site, Visitor(Role.TRAINER), links, date(2026, 11, 10))
    assert "/voila/render/intake.ipynb?participant=p01" in own
    assert "dashboards/" not in own and links.trainer not in own and links.room not in own
    assert "dashboards/dagdeel-3.ipynb" in trainer and links.room in trainer and "<svg" in trainer
    assert links.trainer not in trainer, (
        "the trainer link is never printed on a page that may be projected"
    )


@pytest.mark.parametrize("visitor", [Visitor(Role.PARTICIPANT, "p01"), Visitor(Role.TRAINER)])
def test_every_workbook_link_on_the_landing_page_shows_the_opening_notice(demo, visitor):
    import re

    page = landing_page(
        Site(demo), visitor, Links.build("127.0.0.1", 8866, Tokens.generate()), date(2026, 11, 10)
    )
    links = re.findall(
        r"<a[^>]*href='(/voila/render/(?!dashboards/)[^']*)'", page
    )  # dashboards never queue
    marked = re.findall(r"<a[^>]*data-swc-open href='(/voila/render/[^']*)'", page)
    assert links and marked == links, "every workbook and homework link carries the notice"
    assert "id='swc-opening' role='status' hidden" in page


# -- a real server with --host: tokens enforced ------------------------------


def _get(url: str, token: str | None = None, cookie: str | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    if token:
        request.add_header("Authorization", f"token {token}")
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return (
                response.status,
                response.read().decode("utf-8", "replace"),
                dict(response.headers),
            )
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with swc_serve(sessions, log, "--host", "127.0.0.1", "--pool", "0") as base:
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        yield base, tokens, log, sessions


ROUTES = [
    "/",
    "/voila/render/intake.ipynb?participant=p01",
    "/voila/render/dashboards/overzicht.ipynb",
    "/voila/static/voila.js",
    "/voila/templates/swc/static/voila.js",
    "/voila/labextensions/@voila-dashboards/widgets-manager8/package.json",
    "/voila/api/themes/@jupyterlab/theme-light-extension/index.css",
    "/api/kernels/00000000-0000-0000-0000-000000000000",
    "/api/kernels/00000000-0000-0000-0000-000000000000/channels",
    "/voila/api/shutdown/00000000-0000-0000-0000-000000000000",
    "/export/antwoorden.csv",
    "/casus/p01",
    "/kaarten",
    "/kaarten/links.csv",
]


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_refuses_without_a_token(guarded_server, route):
    base, *_ = guarded_server
    status, body, _ = _get(base + route)
    assert status == 403, (route, status)
    assert "Traceback" not in body


def test_a_wrong_token_is_refused_too(guarded_server):
    base, *_ = guarded_server
    assert _get(base + "/", token="ABCDEFGHJK")[0] == 403
    assert _get(base + "/r/ABCDEFGHJK")[0] == 403
    assert _get(base + "/p/ABCDEFGHJKABCDEFGHJKABCDEFGHJK12")[0] == 403


def test_room_link_sets_a_cookie_that_opens_the_door_and_nothing_else(guarded_server):
    """The room link on the projector is the door: "scan je kaart of typ je code", and no one's workbook."""
    base, tokens, *_ = guarded_server
    status, _, headers = _get(f"{base}/r/{tokens['room']}")
    assert status == 302 and headers["Location"] == "/"
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith("swc_demo="), "the cookie belongs to this edition"
    assert (
        "httponly" in headers["Set-Cookie"].lower()
        and "samesite=lax" in headers["Set-Cookie"].lower()
    )
    status, body, _ = _get(base + "/", cookie=cookie)
    assert (
        status == 200
        and "Scan je kaart of typ je code" in body
        and "<form method='post' action='/code'" in body
    )
    assert "participant=" not in body and "Annelies" not in body, "the door names no one"
    for route in [
        "/voila/render/intake.ipynb?participant=p01",
        "/voila/static/voila.js",
        "/casus/p01",
    ]:
        assert _get(base + route, cookie=cookie)[0] == 403, route


def test_room_token_never_opens_a_trainer_page(guarded_server):
    base, tokens, *_ = guarded_server
    for route in [
        "/voila/render/dashboards/overzicht.ipynb",
        "/voila/render/dashboards/team.ipynb?team=team-veen",
        "/export/antwoorden.csv",
        "/export/antwoorden.xlsx",
    ]:
        status, body, _ = _get(base + route, token=tokens["room"])
        assert status == 403, route
        assert "Geen toegang" in body


def test_trainer_token_opens_the_dashboards_and_the_export(guarded_server):
    base, tokens, *_ = guarded_server
    status, body, _ = _get(base + "/", token=tokens["trainer"])
    assert status == 200 and "dashboards/dagdeel-1-2.ipynb" in body
    status, body, headers = _get(base + "/export/antwoorden.csv", token=tokens["trainer"])
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and "p01" in body


@pytest.mark.parametrize(
    "route",
    [
        "/voila/render/../README.md",
        "/voila/render/%2e%2e/README.md",
        "/voila/render/dashboards/../../README.md",
        "/voila/render/nope.ipynb",
        "/voila/tree",
        "/voila/tree/notebooks",
        "/voila/files/intake.ipynb",
        "/voila/api/contents/",
        "/api/contents",
        "/login",
        "/tree",
        "/edit/intake.ipynb",
        "/files/README.md",
    ],
)
def test_nothing_outside_the_edition_is_served(guarded_server, route):
    base, tokens, *_ = guarded_server
    status, body, _ = _get(base + route, token=tokens["trainer"])
    assert status == 404, (route, status)
    assert "README" not in body and "Traceback" not in body


def test_serve_reports_a_taken_port_clearly(tmp_path):
    import os
    import socket
    import subprocess

    sessions = copy_sessions(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            serve_command("demo", port),
            env={**os.environ, "SWC_SESSIONS_DIR": str(sessions)},
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
        )
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_preheated_pool_goes_to_the_page_in_use_now(demo):
    site = Site(demo)
    workbook_step = next(s for s in demo.content.programme if not s.team_fields)
    homework_step = next(s for s in demo.content.programme if s.team_fields)
    assert site.notebook_of(workbook_step.id) == f"{workbook_step.id}.ipynb"
    assert site.notebook_of(homework_step.id) == "homework.ipynb"
    assert site.role_for(site.notebook_of(homework_step.id)) is Role.PARTICIPANT


def _kernels_of(server: psutil.Process) -> list:
    return [p for p in server.children(recursive=True) if is_kernel_process(p.cmdline())]


@pytest.mark.parametrize("step", ["tussentijd-b", "dagdeel-4"])
def test_ctrl_c_stops_the_server_and_every_kernel(tmp_path, step):
    """Preheated kernels included (a dagdeel also preheats its dashboard): nothing keeps running (or holding
    memory) after the trainer stops."""
    import time

    from swc_core.serve.app import preheated

    from servers import day_of

    sessions = copy_sessions(tmp_path)
    day = day_of(sessions / "demo" / "edition.yml", step)
    expected = sum(
        preheated(
            Site(load_edition("demo", Settings(sessions))), 2, date.fromisoformat(day)
        ).values()
    )
    assert expected == (3 if step.startswith("dagdeel") else 2)
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "2", today=day) as base:
        port = base.rsplit(":", 1)[1]
        server = next(
            p
            for p in psutil.process_iter(["cmdline"])
            if f"--port={port}" in " ".join(p.info["cmdline"] or [])
        )
        deadline = time.monotonic() + 120
        while len(_kernels_of(server)) < expected and time.monotonic() < deadline:
            time.sleep(0.5)
        kernels = _kernels_of(server)
        assert len(kernels) == expected, (
            "the pool of two preheated kernels (and the dashboard's) started"
        )
    gone, alive = psutil.wait_procs([server, *kernels], timeout=30)
    assert not alive, [p.pid for p in alive]
    log = (tmp_path / "serve.log").read_text()
    assert "gestopt" in log, log
    stopped = log.split("stoppen: Ctrl-C")[1]
    assert "Traceback" not in stopped, (
        f"a traceback from the server or a kernel:\n{stopped[-4000:]}"
    )


def test_a_kernel_websocket_without_the_token_is_refused(guarded_server):
    """The websocket upgrade itself is refused, not just a plain GET on its address."""
    import asyncio

    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    base, tokens, *_ = guarded_server
    url = (
        base.replace("http://", "ws://")
        + "/api/kernels/00000000-0000-0000-0000-000000000000/channels"
    )

    async def attempt(headers: dict) -> int:
        try:
            conn = await websocket_connect(HTTPRequest(url, headers=headers))
        except HTTPClientError as err:
            return err.code
        conn.close()
        return 101

    assert asyncio.run(attempt({})) == 403
    assert asyncio.run(attempt({"Cookie": "swc_demo=ABCDEFGHJK"})) == 403
    assert asyncio.run(attempt({"Cookie": f"swc_demo={tokens['room']}"})) == 403, (
        "the room reaches no kernel"
    )
    # with the trainer's cookie the guard lets it through to Jupyter, which does not know this kernel
    assert asyncio.run(attempt({"Cookie": f"swc_demo={tokens['trainer']}"})) == 404


def test_a_served_workbook_carries_no_source_code(guarded_server):
    base, tokens, *_ = guarded_server
    secret = personal_secret(guarded_server[3], "p01")
    status, body, _ = _get(base + "/voila/render/dagdeel-3.ipynb?participant=p01", token=secret)
    assert status == 200
    assert "open_workbook" not in body and "from widgets" not in body and "sessions_dir" not in body


@pytest.mark.date_sensitive
def test_preheated_pools_for_the_current_page_and_its_dashboard(demo):
    from swc_core.serve.app import preheated

    site = Site(demo)
    today = date(2026, 11, 24)
    step = step_on(demo, today)
    pools = preheated(site, 4, today)
    assert pools[site.notebook_of(step)] == 4
    if site.dashboard_of(step):
        assert pools[site.dashboard_of(step)] == 1
    assert site.dashboard_of("dagdeel-3") == "dashboards/dagdeel-3.ipynb"
    assert site.dashboard_of("tussentijd-a") is None


def test_ctrl_c_with_a_waiting_pool_prints_no_traceback(tmp_path):
    """Preheated kernels waiting for their request are ended at once, not in the middle of their first cell."""
    import time

    sessions = copy_sessions(tmp_path)
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "2") as base:
        port = base.rsplit(":", 1)[1]
        server = next(
            p
            for p in psutil.process_iter(["cmdline"])
            if f"--port={port}" in " ".join(p.info["cmdline"] or [])
        )
        deadline = time.monotonic() + 120
        while (
            time.monotonic() < deadline
        ):  # the pool started and went quiet: its kernels wait for a request
            kernels = _kernels_of(server)
            busy = sum(k.cpu_percent(interval=1.0) for k in kernels)
            if len(kernels) >= 2 and busy < 5:
                break
        else:
            raise AssertionError("the preheated pool never settled")
    gone, alive = psutil.wait_procs([server, *kernels], timeout=30)
    assert not alive, [p.pid for p in alive]
    after = (tmp_path / "serve.log").read_text().split("stoppen: Ctrl-C")[1]
    assert "gestopt" in after and "Traceback" not in after, after
