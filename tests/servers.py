"""Starting real servers for tests: Voilà on a free loopback port, and a browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


SWC = [sys.executable, "-m", "swc_core.cli"]  # the ``swc`` command of this environment


def serve_command(edition: str, port: int | str, *args: str) -> list[str]:
    """The command line of ``swc serve <edition>`` on ``port``, without opening a browser, then ``args``.

    ``port`` is passed as given (a test of a bad value passes a string); the command after
    :data:`SWC` (``serve_command(...)[len(SWC):]``) is what click's ``CliRunner`` takes.
    """
    return [*SWC, "serve", edition, "--no-browser", f"--port={port}", *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # an HTTP answer of any status: the server is up
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout}s")


@contextmanager
def voila_server(notebooks: Path, env: dict[str, str], log: Path, extra: list[str] = ()):
    """Voilà serving ``notebooks`` on 127.0.0.1; stopped (with its kernels) afterwards.

    With the IOPub patience of ``swc serve``: Voilà's default (4 s) serves a
    blank workbook page when a busy machine is slow to pass on its widgets.
    """
    from swc_core.serve.app import IOPUB_TIMEOUT

    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={notebooks}",
        "--template=swc",
        "--ServerApp.log_level=WARNING",
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
        *extra,
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/", proc=proc)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def day_of(edition_file: Path, step: str) -> str:
    """The date (ISO) of ``step`` in an edition file: pass it as ``today`` to make that step the current one."""
    from ruamel.yaml import YAML

    return str(YAML(typ="safe").load(edition_file.read_text(encoding="utf-8"))["dates"][step])


@contextmanager
def chromium_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def swc_serve(
    sessions: Path,
    log: Path,
    *args: str,
    edition: str = "demo",
    env: dict[str, str] | None = None,
    today: str | None = None,
):
    """A real ``swc serve`` on a free loopback port that takes ``today`` (ISO) as today; yields its base URL.

    Without ``today`` the server inherits ``SWC_TODAY``, which the suite pins (conftest.py). Stopped with
    Ctrl-C (SIGINT).
    """
    import signal

    port = free_port()
    cmd = serve_command(edition, port, *args)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            env={
                **os.environ,
                "SWC_SESSIONS_DIR": str(sessions),
                **({"SWC_TODAY": today} if today else {}),
                **(env or {}),
            },
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(
                base + "/geen-toegang", proc=proc
            )  # any answer, 404 included, means it is up
            yield base
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def kernel_count(base: str) -> int:
    """Kernels running under the server that listens on ``base``."""
    import psutil

    from swc_core.jupyter.kernelspec import is_kernel_process

    port = base.rsplit(":", 1)[1]
    server = next(
        p
        for p in psutil.process_iter(["cmdline"])
        if f"--port={port}" in " ".join(p.info["cmdline"] or [])
    )
    count = 0
    for child in server.children(recursive=True):
        try:
            count += is_kernel_process(child.cmdline())
        except (
            psutil.Error
        ):  # exited (or a zombie) between listing and asking: not a running kernel
            pass
    return count


def settled_kernel_count(base: str, quiet: float = 4.0, limit: float = 90.0) -> int:
    """The kernel count once it has not changed for ``quiet`` seconds."""
    import time

    deadline = time.monotonic() + limit
    count, since = kernel_count(base), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = kernel_count(base)
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return count


def personal_secret(sessions: Path, participant: str, edition: str = "demo") -> str:
    """The secret of ``participant``'s personal link (what their card's QR code and their cookie hold)."""
    import json

    from swc_core.codes import CODES_FILE

    return json.loads((sessions / edition / CODES_FILE).read_text())[participant]["secret"]


def personal_cookie(base: str, sessions: Path, participant: str, edition: str = "demo") -> dict:
    """The edition's cookie for ``participant``, as Playwright's ``add_cookies`` takes it."""
    return {
        "name": f"swc_{edition}",
        "value": personal_secret(sessions, participant, edition),
        "url": base + "/",
    }
