"""Faults: a killed kernel, a locked or unreachable store, a killed generation worker; nothing typed is lost."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from functools import lru_cache

import nbformat
import psutil
import pytest
from sqlalchemy.engine import make_url

from swc_core.edition import load_edition
from swc_core.jupyter.kernelspec import is_kernel_process
from swc_core.scheduling import ManualScheduler
from swc_core.settings import Settings
from swc_core.store import Store
from widgets.autosave import StoreBinding
from widgets.base import PageContext
from widgets.canvas import CanvasInstrument

from conftest import REPO, copy_sessions
from fault_processes import FIELDS, start, value


@lru_cache(maxsize=1)
def demo_edition():
    return load_edition("demo", Settings(sessions_dir=REPO / "sessions"))


def canvas_page(store: Store) -> CanvasInstrument:
    """p01's canvas, saving into ``store`` on a clock the test moves."""
    binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
    return CanvasInstrument(PageContext(demo_edition(), "p01", binding, {}, step="dagdeel-1-2"))


def type_into_first_block(canvas: CanvasInstrument, text: str) -> str:
    block = canvas.ctx.content.blocks[0].id
    canvas.blocks[block].value = text
    return f"canvas.block.{block}"


def test_a_kernel_killed_while_saving_loses_no_confirmed_value_and_the_file_stays_sound(tmp_path):
    url = f"sqlite:///{tmp_path / 'swc.db'}"
    kernel = start("save-loop", url)
    confirmed = [int(kernel.ready_line)]
    while len(confirmed) < 300:
        confirmed.append(int(kernel.stdout.readline()))
    kernel.send_signal(
        signal.SIGKILL
    )  # the loop does nothing but save: the kill lands in or between saves
    kernel.wait()
    confirmed += [
        int(line) for line in kernel.stdout.read().split()
    ]  # printed before the kill, not yet read
    last = confirmed[-1]
    with Store.open(url) as store:
        assert store.integrity_ok()
        saved = [r.value for r in store.history("demo", "p01")]
        # every confirmed save is there, in order; at most the one in flight at the kill is extra
        assert saved[: last + 1] == [value(n) for n in range(last + 1)] and len(saved) <= last + 2
        reopened = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler()).load()
        assert set(reopened) == set(FIELDS)
        for n in range(last - len(FIELDS) + 1, last + 1):
            assert reopened[FIELDS[n % len(FIELDS)]] in (value(n), value(n + len(FIELDS)))


def test_a_file_locked_by_another_process_keeps_the_text_and_saves_it_once_the_lock_is_gone(
    tmp_path,
):
    path = tmp_path / "swc.db"
    with Store.open(f"sqlite:///{path}", busy_timeout=1.0) as store:
        canvas = canvas_page(store)
        binding, clock = canvas.ctx.binding, canvas.ctx.binding.scheduler
        locker = start("hold-lock", str(path))
        try:
            field = type_into_first_block(canvas, "droogte en verzilting")
            clock.advance(binding.save_delay)  # first attempt: waits busy_timeout, then fails
            assert binding.status.state == "failed" and "niet opgeslagen" in binding.status.value
            clock.advance(2 * binding.retry_delay)  # two more attempts, the file still locked
            assert binding.status.state == "failed" and binding.unsaved_fields == [field]
            assert canvas.blocks[field.rsplit(".", 1)[1]].value == "droogte en verzilting"
        finally:
            locker.communicate("release\n")
        assert locker.returncode == 0
        clock.advance(binding.retry_delay)  # the participant does nothing; the retry timer saves
        assert store.values("demo", "p01") == {field: "droogte en verzilting"}
        assert binding.status.state == "saved" and binding.unsaved_fields == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
def test_postgresql_unreachable_then_back_keeps_the_text_and_saves_it(postgres_url):
    """The network path to the server is cut (the proxy killed) and restored; the server itself keeps running."""
    real = make_url(postgres_url)
    port = _free_port()
    target = f"{real.host}:{real.port or 5432}"
    proxied = real.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    proxy = start("proxy", str(port), target)
    try:
        with Store.open(proxied) as store:
            canvas = canvas_page(store)
            binding, clock = canvas.ctx.binding, canvas.ctx.binding.scheduler
            field = type_into_first_block(canvas, "eerste versie")
            clock.advance(binding.save_delay)
            assert binding.status.state == "saved"  # a pooled connection now runs through the proxy

            proxy.kill()
            proxy.wait()
            type_into_first_block(canvas, "tweede versie")
            clock.advance(binding.save_delay)
            assert binding.status.state == "failed" and "niet opgeslagen" in binding.status.value
            clock.advance(binding.retry_delay)
            assert binding.status.state == "failed" and binding.unsaved_fields == [field]

            proxy = start("proxy", str(port), target)
            clock.advance(
                binding.retry_delay
            )  # the stale pooled connection is replaced, the save lands
            assert binding.status.state == "saved" and binding.unsaved_fields == []
        with Store.open(postgres_url) as direct:
            assert [r.value for r in direct.history("demo", "p01", field)] == [
                "eerste versie",
                "tweede versie",
            ]
    finally:
        proxy.kill()
        proxy.wait()


def _pool_workers(parent: psutil.Process) -> list[psutil.Process]:
    """The generation's worker processes: children of `swc generate` that run a kernel."""
    workers = []
    for child in parent.children():
        try:
            if any(is_kernel_process(k.cmdline()) for k in child.children()):
                workers.append(child)
        except psutil.NoSuchProcess:
            pass
    return workers


def test_a_generation_worker_killed_leaves_no_partial_files_and_a_rerun_completes(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
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
        "intake",
        "--team",
        "team-klimaat",
        "--out",
        str(out),
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    generator = psutil.Process(proc.pid)
    workers = []
    while not workers and proc.poll() is None:
        time.sleep(0.05)
        workers = _pool_workers(generator)
    assert workers, "generation ended before a worker started its kernel"
    kernels = [k for w in workers for k in w.children(recursive=True)]
    workers[0].send_signal(signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr and "fout:" in stderr
    assert not list(out.rglob("*.tmp")), "a partial file was left behind"
    for path in out.rglob("*.ipynb"):
        assert nbformat.read(path, as_version=4).metadata["swc"]["fingerprint"]
    gone, alive = psutil.wait_procs(kernels, timeout=30)
    assert not alive, f"kernels left running: {[k.pid for k in alive]}"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(out.rglob("*.ipynb"))) == 4
