"""JupyterHub for one edition: participants land on their own workbook, trainers on the dashboards.

Run from the repository (after ``make install``, which also installs the
proxy into deploy/jupyterhub/node_modules):

    SWC_DATABASE_URL=postgresql://swc@db:5432/swc SWC_HUB_PASSWORD=... \\
        .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Everything a deployment changes comes from the environment (one place):

  SWC_EDITION         the edition (default: demo)
  SWC_SESSIONS_DIR    the folder of editions (default: sessions/ in the repository)
  SWC_DATABASE_URL    the shared store (PostgreSQL); required
  SWC_HUB_TRAINERS    comma-separated trainer user names (default: trainer)
  SWC_HUB_PASSWORD    the shared password of the test authenticator (see below)
  SWC_HUB_URL         where the hub listens (default: http://127.0.0.1:8000)
  SWC_HUB_API_PORT, SWC_HUB_PROXY_API_PORT   internal ports (defaults 8081, 8001)
  SWC_HUB_RUNTIME     the hub's own state: its database, cookie secret, users' homes
  SWC_HUB_STEP        the workbook participants land on (default: the step of the day, SWC_TODAY or the clock)
  SWC_HUB_CASES_PORT  the loopback port of the colleagues' cases service (default 8082)

User names are the edition's participant ids (p01, p02, ...) and the trainers'
names. Each participant's server runs Voilà as a Jupyter server extension and
knows whose it is (``SWC_PARTICIPANT``): a page asked for another participant
is refused, and JupyterHub itself refuses one user's server to another.
Colleagues' cases are read at /services/casussen/ (a Hub-managed service,
``swc_core/serve/hub_cases.py``: read-only HTML, no kernel, the hub's login
as identity, the edition's ``case_reading`` as scope; trainers read all).

The authenticator here is JupyterHub's DummyAuthenticator with one shared
password: for a test or a closed room only. A real deployment replaces it
(e.g. NativeAuthenticator, or the organisation's OAuthenticator) and keeps
the rest. The spawner runs every server as the hub's own system user
(SimpleLocalProcessSpawner); Zero to JupyterHub (values.yaml next to this
file) gives each its own container instead.
"""

import hashlib
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent

sys.path.insert(0, str(REPO))
from swc_core.edition import load_edition  # noqa: E402
from swc_core.programme_day import step_on  # noqa: E402
from swc_core.settings import Settings  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

env = os.environ
edition_name = env.get("SWC_EDITION", "demo")
sessions_dir = Path(env.get("SWC_SESSIONS_DIR", REPO / "sessions")).resolve()
database_url = env["SWC_DATABASE_URL"]
trainers = {t.strip() for t in env.get("SWC_HUB_TRAINERS", "trainer").split(",") if t.strip()}
runtime = Path(env.get("SWC_HUB_RUNTIME", HERE / "runtime")).resolve()
runtime.mkdir(mode=0o700, parents=True, exist_ok=True)

settings = Settings.from_env(sessions_dir=sessions_dir, database_url=database_url)  # SWC_TODAY too
edition = load_edition(edition_name, settings)
participants = {p.id for p in edition.spec.participants}
step = env.get("SWC_HUB_STEP") or step_on(edition, settings.current_date())

# -- the hub and its proxy -----------------------------------------------------
hub_url = env.get("SWC_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.bind_url = hub_url
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env.get("SWC_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env.get('SWC_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{runtime / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(runtime / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(runtime / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server

# -- who may log in ------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env["SWC_HUB_PASSWORD"]
c.Authenticator.allowed_users = participants | trainers
c.Authenticator.admin_users = set()  # no one may open another user's server, trainers included

# -- each user's server: Voilà on the edition's notebooks --------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(runtime / "users" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(REPO / "notebooks")
# Voilà only: no JupyterLab, terminals or language servers for participants.
# (The kernels API stays, as in every Jupyter server: see the README on what that means.)
c.Spawner.args = [
    "--ServerApp.jpserver_extensions={'voila': True, 'jupyterlab': False, 'jupyter_server_terminals': False, "
    "'jupyter_lsp': False, 'notebook_shim': False}",
    "--ServerApp.terminals_enabled=False",
    # Kernels talk to their server over Unix sockets, as under `swc serve`: with TCP a
    # kernel whose randomly chosen port was taken meanwhile (many kernels starting at
    # once) never answers, and its page waits forever (seen here: 1 dashboard in 3).
    "--KernelManager.transport=ipc",
    "--VoilaConfiguration.template=swc",
    "--VoilaConfiguration.show_tracebacks=False",
]
if env.get("SWC_HUB_ALLOW_ROOT") == "1":  # CI containers run as root; never on a real server
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    "SWC_SESSIONS_DIR": str(sessions_dir),
    "SWC_DATABASE_URL": database_url,
    "SWC_EDITION": edition_name,
    "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def short_runtime_dir(name: str) -> str:
    """A private folder for the user's kernel sockets, short enough for Unix socket paths."""
    tag = hashlib.sha256(str(runtime).encode()).hexdigest()[:8]
    folder = Path(tempfile.gettempdir()) / f"swc-hub-{tag}" / name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.parent.chmod(0o700)
    return str(folder)


def land(spawner):
    """Participants on their own workbook of the current step, trainers on its dashboard."""
    name = spawner.user.name
    spawner.environment = {**spawner.environment, "JUPYTER_RUNTIME_DIR": short_runtime_dir(name)}
    if name in trainers:
        dashboard = (
            step if (REPO / "notebooks" / "dashboards" / f"{step}.ipynb").is_file() else "overzicht"
        )
        spawner.default_url = f"/voila/render/dashboards/{dashboard}.ipynb"
    else:
        spawner.environment = {**spawner.environment, "SWC_PARTICIPANT": name}
        spawner.default_url = f"/voila/render/{step}.ipynb"


c.Spawner.pre_spawn_hook = land

# -- colleagues' cases, read-only: a service next to the hub --------------------------
c.JupyterHub.services = [
    {
        "name": "casussen",
        "url": f"http://127.0.0.1:{env.get('SWC_HUB_CASES_PORT', '8082')}",
        "command": [sys.executable, "-m", "swc_core.serve.hub_cases"],
        "cwd": str(REPO),
        "environment": {
            "SWC_SESSIONS_DIR": str(sessions_dir),
            "SWC_DATABASE_URL": database_url,
            "SWC_EDITION": edition_name,
            "SWC_HUB_TRAINERS": ",".join(sorted(trainers)),
            "PYTHONPATH": str(REPO),
        },
        "timeout": 120,  # seconds for the service to answer after it was started (busy machine: ~10 s)
        "oauth_no_confirm": True,  # the hub's own page: no "authorize this application?" step
        "display": True,  # listed under "Services" on the hub's home page
    }
]
# Every user may reach the service; what they may read there is the service's decision.
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "access:services!service=casussen"]}]
