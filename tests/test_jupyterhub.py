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
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from swc_core.store.migrate import migrate_store

from conftest import REPO, copy_sessions
from servers import chromium_browser, free_port, wait_for_http

DEPLOY = REPO / "deploy" / "jupyterhub"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "zaal-wachtwoord"
PAGE_TIMEOUT = 180_000  # ms: spawning the user's server, then a kernel, on a busy 2-core machine
P02_TITLE = "Beekdalherstel Elsloop"  # data/demo/answers.yml
P01_TITLE = "Veenweide Oost"
P03_TITLE = "Klimaatbestendig Rivierzicht"  # p03 is in another team than p01 and p02
WORKBOOK = ".swc-page .swc-instrument"


@pytest.fixture
def hub(tmp_path, postgres_url):
    if not PROXY.exists():
        pytest.skip(f"JupyterHub's proxy is not installed ({PROXY}): run `make install`")
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    edition_file = sessions / "demo" / "edition.yml"  # colleagues' cases: the own team only
    edition_file.write_text(
        edition_file.read_text(encoding="utf-8") + "case_reading: team\n", encoding="utf-8"
    )
    migrate_store(f"sqlite:///{sessions / 'demo' / 'swc.db'}", postgres_url)
    (sessions / "demo" / "swc.db").unlink()  # the hub's users read PostgreSQL only
    port = free_port()
    env = {
        **os.environ,
        "SWC_SESSIONS_DIR": str(sessions),
        "SWC_DATABASE_URL": postgres_url,
        "SWC_HUB_PASSWORD": PASSWORD,
        "SWC_HUB_URL": f"http://127.0.0.1:{port}",
        "SWC_HUB_API_PORT": str(free_port()),
        "SWC_HUB_PROXY_API_PORT": str(free_port()),
        "SWC_HUB_CASES_PORT": str(free_port()),
        "SWC_HUB_RUNTIME": str(tmp_path / "hub"),
        "SWC_HUB_STEP": "intake",
        **({"SWC_HUB_ALLOW_ROOT": "1"} if os.geteuid() == 0 else {}),
    }
    log = tmp_path / "jupyterhub.log"
    hub_bin = Path(sys.executable).parent / "jupyterhub"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(hub_bin), "-f", str(DEPLOY / "jupyterhub_config.py")],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started: set[psutil.Process] = (
            set()
        )  # the proxy, the service, users' servers: ended at the end
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/hub/login", timeout=90, proc=proc)
            _wait_until_the_hub_routes(base + "/hub/login", proc, started)
            yield {"base": base, "log": log}
        finally:
            # The hub stops the users' servers (cleanup_servers); they run in their own
            # sessions, so whatever is left after the hub is gone is ended here.
            _note_children(proc, started)
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
            for child in started:
                with contextlib.suppress(psutil.Error):
                    child.kill()
    shutil.rmtree(tmp_path / "hub", ignore_errors=True)


def _note_children(proc, started: set) -> None:
    """Add the hub's processes (proxy, service, users' servers) to ``started``; they outlive a failed hub."""
    with contextlib.suppress(psutil.Error):
        started.update(psutil.Process(proc.pid).children(recursive=True))


def _wait_until_the_hub_routes(url: str, proc, started: set, timeout: float = 180) -> None:
    """The proxy answers 404 until the hub has started its services and added its own route."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _note_children(proc, started)
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:  # urllib's HTTPError (the proxy's 404) included
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the hub did not route {url} within {timeout}s")


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
    return page.locator("input, textarea").evaluate_all("els => els.map(e => e.value)")


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
            page.wait_for_function(
                "() => document.body.textContent.includes('andere deelnemer')", timeout=PAGE_TIMEOUT
            )
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
            assert page.url.startswith(
                f"{hub['base']}/user/trainer/voila/render/dashboards/intake.ipynb"
            )
        finally:
            context.close()


CASES = "/services/casussen/"


def test_colleagues_cases_are_read_only_in_the_hubs_service_within_the_editions_scope(hub):
    """p02 reads a teammate's case (and their own) read-only, not another team's; the trainer reads all."""
    base = hub["base"]
    with chromium_browser() as browser:
        context, page = _log_in(browser, base, "p02")
        trainer_ctx, trainer = _log_in(browser, base, "trainer")
        try:
            _wait_for(page, WORKBOOK, hub)
            link = page.locator(".swc-hub-cases")
            assert link.get_attribute("href") == CASES, "the workbook page leads to the cases"
            assert page.locator(".swc-glossary-link").get_attribute("href") == f"{CASES}begrippen"

            response = page.goto(base + CASES)
            assert response.status == 200, (response.status, page.url, page.content()[:500])
            listed = page.locator(".swc-case-list a").all_text_contents()
            assert listed == [
                "Annelies Verhoef",
                "Joost de Kruijf",
                "Pieter Hoogland",
                "Eva Lindeman",
            ], listed
            page.locator(".swc-case-list a", has_text="Annelies Verhoef").click()
            page.wait_for_selector("h1")
            assert page.url == f"{base}{CASES}casus/p01"
            assert P01_TITLE in page.locator("h1").text_content()
            assert page.locator("input, textarea, select, button, form, script").count() == 0, (
                "nothing to edit or run"
            )
            assert "Vertrouwelijk" in page.locator(".swc-banner").text_content()

            for other in ("p03", "p99"):  # another team's case, and no one: the same answer
                response = page.goto(f"{base}{CASES}casus/{other}")
                assert response.status == 404, (other, response.status)
                assert P03_TITLE not in page.content()

            response = page.goto(
                f"{base}{CASES}begrippen"
            )  # the begrippenlijst, from the same service
            assert response.status == 200 and "<dt>Schakelbak</dt>" in page.content()

            response = trainer.goto(f"{base}{CASES}casus/p03")
            assert response.status == 200 and P03_TITLE in trainer.content()
            assert "default-src 'none'" in response.headers["content-security-policy"]
        finally:
            context.close()
            trainer_ctx.close()


def test_the_hubs_case_service_reads_the_scope_and_roles_of_the_edition(tmp_path):
    """The service's own rules, without a hub: who is who, and whose case each may read."""
    from swc_core.edition import load_edition
    from swc_core.serve.access import Role
    from swc_core.serve.hub_cases import hub_reader, hub_trainers, readable_cases
    from swc_core.settings import Settings

    sessions = copy_sessions(tmp_path)
    edition_file = sessions / "demo" / "edition.yml"
    edition_file.write_text(
        edition_file.read_text(encoding="utf-8") + "case_reading: team\n", encoding="utf-8"
    )
    edition = load_edition("demo", Settings(sessions_dir=sessions))
    trainers = hub_trainers(" trainer, anne ,")
    assert trainers == {"trainer", "anne"}
    assert hub_reader(edition, "anne", trainers).role is Role.TRAINER
    assert hub_reader(edition, "intruder", trainers).role is Role.NONE
    assert readable_cases(edition, hub_reader(edition, "intruder", trainers)) == []
    p02 = hub_reader(edition, "p02", trainers)
    assert [p.id for p in readable_cases(edition, p02)] == ["p01", "p02", "p04", "p07"]
    assert len(readable_cases(edition, hub_reader(edition, "trainer", trainers))) == len(
        edition.spec.participants
    )


def test_zero_to_jupyterhub_values_stay_valid_and_match_the_local_choices():
    """Not deployed here; parsed, so that a broken edit shows, and checked against the local configuration."""
    from ruamel.yaml import YAML

    values = YAML(typ="safe").load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    assert "SWC_PARTICIPANT" in values["hub"]["extraConfig"]["swc-landing"]
    cases = values["hub"]["extraConfig"]["swc-cases"]
    assert "swc_core.serve.hub_cases" in cases and "access:services!service=casussen" in cases
    compile(cases, "swc-cases", "exec")  # the hub runs it as Python
    assert values["hub"]["extraEnv"]["SWC_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    server = values["singleuser"]["extraFiles"]["voila-only"]["data"]["ServerApp"]
    assert (
        server["jpserver_extensions"]["voila"] and not server["jpserver_extensions"]["jupyterlab"]
    )
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
