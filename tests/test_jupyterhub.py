"""The JupyterHub deployment (deploy/jupyterhub): each participant logs in and lands on their own workbook.

A real JupyterHub on loopback with the repository's configuration, its proxy
installed by `make install` from the npm registry, the test authenticator and
the local process spawner, on the PostgreSQL store; driven in headless
Chromium. Skipped, with the reason, where the proxy is not installed.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from conftest import REPO, copy_sessions
from servers import chromium_browser, free_port, wait_for_http

from swc_core.store.migrate import migrate_store

DEPLOY = REPO / "deploy" / "jupyterhub"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "zaal-wachtwoord"
PAGE_TIMEOUT = 180_000  # ms: spawning the user's server, then a kernel, on a busy 2-core machine
P02_TITLE = "Beekdalherstel Elsloop"  # data/demo/answers.yml
P01_TITLE = "Veenweide Oost"
WORKBOOK = ".swc-page .swc-instrument"


@pytest.fixture
def hub(tmp_path, postgres_url):
    if not PROXY.exists():
        pytest.skip(f"JupyterHub's proxy is not installed ({PROXY}): run `make install`")
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    migrate_store(f"sqlite:///{sessions / 'demo' / 'swc.db'}", postgres_url)
    (sessions / "demo" / "swc.db").unlink()  # the hub's users read PostgreSQL only
    port = free_port()
    env = {**os.environ, "SWC_SESSIONS_DIR": str(sessions), "SWC_DATABASE_URL": postgres_url,
           "SWC_HUB_PASSWORD": PASSWORD, "SWC_HUB_URL": f"http://127.0.0.1:{port}",
           "SWC_HUB_API_PORT": str(free_port()), "SWC_HUB_PROXY_API_PORT": str(free_port()),
           "SWC_HUB_RUNTIME": str(tmp_path / "hub"), "SWC_HUB_STEP": "intake",
           **({"SWC_HUB_ALLOW_ROOT": "1"} if os.geteuid() == 0 else {})}
    log = tmp_path / "jupyterhub.log"
    hub_bin = Path(sys.executable).parent / "jupyterhub"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(hub_bin), "-f", str(DEPLOY / "jupyterhub_config.py")], cwd=tmp_path, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/hub/login", timeout=90, proc=proc)
            yield {"base": base, "log": log}
        finally:
            # The hub stops the users' servers (cleanup_servers); they run in their own
            # sessions, so whatever is left after the hub is gone is ended here.
            started = psutil.Process(proc.pid).children(recursive=True)
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
            for child in started:
                with contextlib.suppress(psutil.Error):
                    child.kill()
    shutil.rmtree(tmp_path / "hub", ignore_errors=True)


def _log_in(browser, base: str, user: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{base}/hub/login")
    # the hub may still be busy spawning the previous test's servers
    page.wait_for_selector("input[name=username]", timeout=PAGE_TIMEOUT)
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    return context, page


def _input_values(page) -> list[str]:
    return page.locator("input").evaluate_all("els => els.map(e => e.value)")


def _wait_for(page, selector: str, hub) -> None:
    try:
        page.wait_for_selector(selector, timeout=PAGE_TIMEOUT)
    except Exception:
        print(f"page at {page.url}:", page.text_content("body")[:2000])
        print(hub["log"].read_text(errors="replace")[-5000:])
        raise


def test_a_participant_logs_in_and_sees_only_their_own_workbook(hub):
    base = hub["base"]
    with chromium_browser() as browser:
        other_ctx, other = _log_in(browser, base, "p01")  # p01's server runs too
        context, page = _log_in(browser, base, "p02")
        try:
            _wait_for(other, WORKBOOK, hub)
            assert any(P01_TITLE in v for v in _input_values(other))
            _wait_for(page, WORKBOOK, hub)
            assert page.url.startswith(f"{base}/user/p02/voila/render/intake.ipynb")
            assert P02_TITLE in _input_values(page), "p02's saved casus is on their page"

            # p01's running server: JupyterHub refuses it to p02
            response = page.goto(f"{base}/user/p01/voila/render/intake.ipynb")
            assert response.status == 403, (response.status, page.url)
            assert P01_TITLE not in page.content()

            # p01's workbook through p02's own server: the page refuses it
            page.goto(f"{base}/user/p02/voila/render/intake.ipynb?participant=p01")
            page.wait_for_function("() => document.body.textContent.includes('andere deelnemer')", timeout=PAGE_TIMEOUT)
            assert not any(P01_TITLE in v for v in _input_values(page))
            assert P01_TITLE not in page.content()
        finally:
            context.close()
            other_ctx.close()


def test_a_trainer_logs_in_and_lands_on_the_dashboard_of_the_step(hub):
    with chromium_browser() as browser:
        context, page = _log_in(browser, hub["base"], "trainer")
        try:
            _wait_for(page, ".swc-dashboard .swc-panel", hub)
            assert page.url.startswith(f"{hub['base']}/user/trainer/voila/render/dashboards/intake.ipynb")
        finally:
            context.close()


def test_zero_to_jupyterhub_values_stay_valid_and_match_the_local_choices():
    """Not deployed here; parsed, so that a broken edit shows, and checked against the local configuration."""
    from ruamel.yaml import YAML

    values = YAML(typ="safe").load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    assert "SWC_PARTICIPANT" in values["hub"]["extraConfig"]["swc-landing"]
    server = values["singleuser"]["extraFiles"]["voila-only"]["data"]["ServerApp"]
    assert server["jpserver_extensions"]["voila"] and not server["jpserver_extensions"]["jupyterlab"]
    assert values["hub"]["config"]["Authenticator"]["admin_users"] == []
    assert values["singleuser"]["extraEnv"]["SWC_DATABASE_URL"]["valueFrom"]["secretKeyRef"]


def test_a_participants_own_server_builds_only_their_pages(monkeypatch):
    """The lock behind the browser test, without a hub: SWC_PARTICIPANT wins over the address."""
    from swc_core.errors import InputError
    from swc_core.page_params import OWN_PARTICIPANT_ENV, PageParams, page_params

    monkeypatch.setenv("QUERY_STRING", "")  # as in a Voilà kernel
    monkeypatch.setenv(OWN_PARTICIPANT_ENV, "p02")
    assert page_params(PageParams("demo"), "").participant == "p02"
    assert page_params(PageParams("demo"), "participant=p02&step=intake").participant == "p02"
    with pytest.raises(InputError, match="andere deelnemer"):
        page_params(PageParams("demo"), "participant=p01")
