"""One kernel per worker, reused for every notebook that worker executes.

Starting a kernel and importing the workbook's libraries is most of the cost
of one notebook (the work itself is a few hundred milliseconds). A worker
therefore starts the "swc" kernel once and runs its notebooks in it one
after the other. That is safe for our notebooks because they hold no state
of their own: before each notebook the kernel's namespace is cleared
(``%reset -f``) and every widget of the previous page (if any) is closed, so the
next page starts from what the store holds, exactly like a fresh kernel;
only the imported modules stay warm. tests/test_generate.py checks that a
notebook from a reused kernel equals one from a fresh kernel.

A dead kernel is replaced, and so is one whose reset does not answer within
``RESET_TIMEOUT`` (a fresh kernel needs no reset). The reset waits for the
kernel's reply on the shell channel only: that channel is a request/reply
pair and loses nothing, while an IOPub message can be missed by a client
that subscribed late on a busy machine. The worker's kernel is shut down
when the worker ends, also when it is terminated (Ctrl-C).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from queue import Empty

import nbformat

ASYNC_CLIENT = "jupyter_client.asynchronous.AsyncKernelClient"
BLOCKING_CLIENT = "jupyter_client.blocking.BlockingKernelClient"

# Handouts build no widget and import no ipywidgets (swc_core/views/entry.py): the reset closes widgets
# only in a kernel that has imported it, and never imports it itself.
RESET = (
    "%reset -f\n"
    "import gc as _gc, sys as _sys\n"
    "if 'ipywidgets' in _sys.modules:\n"
    "    _sys.modules['ipywidgets'].Widget.close_all()\n"
    "_gc.collect()\n"
    "del _gc, _sys\n"
)
RESET_TIMEOUT = 60.0  # seconds; the reset itself takes well under one


class KernelResetFailed(RuntimeError):
    """The warm kernel did not confirm its reset; the caller starts a fresh one."""


class WarmKernel:
    def __init__(self, kernel_name: str, cwd: Path):
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.km = None

    def _ensure(self):
        from jupyter_client.manager import KernelManager

        if self.km is None or not self.km.is_alive():
            self.shutdown()
            self.km = KernelManager(kernel_name=self.kernel_name)
            # the kernel's own start-up warnings would garble the progress bar
            self.km.start_kernel(
                cwd=str(self.cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        return self.km

    def _reset(self, timeout: float) -> None:
        kc = self.km.client()
        kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = kc.execute(RESET, silent=True, store_history=False)
            deadline = time.monotonic() + timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise KernelResetFailed(f"no reply to the reset within {timeout:.0f} s")
                try:
                    reply = kc.get_shell_msg(timeout=remaining)
                except Empty:
                    continue
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"]["status"] != "ok":
                raise KernelResetFailed(f"reset answered {reply['content'].get('ename', 'error')}")
        finally:
            kc.stop_channels()

    def _ready_kernel(self):
        """The warm kernel with an empty namespace; a fresh kernel when the reset fails."""
        km = self._ensure()
        try:
            self._reset(RESET_TIMEOUT)
        except KernelResetFailed:
            self.shutdown()
            km = self._ensure()
        return km

    def execute(self, nb: nbformat.NotebookNode, timeout: float) -> nbformat.NotebookNode:
        """Execute ``nb`` in the warm kernel; errors stay in the outputs for the caller to find."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        km = self._ready_kernel()
        client = NotebookClient(
            nb,
            km=km,
            timeout=timeout,
            kernel_name=self.kernel_name,
            allow_errors=False,
            resources={"metadata": {"path": str(self.cwd)}},
        )
        # nbclient reads IOPub with ``get_msg(timeout=None)``: on a blocking client a lost "idle" message
        # (a busy machine, a page of ~1,000 widget messages) blocked its event loop for good, cell timeout
        # included (seen here: a generation hung > 10 min). An async client lets the timeouts run.
        km.client_class = ASYNC_CLIENT
        try:
            client.execute()
        except CellExecutionError:
            pass  # the error output is in the notebook; find_failure reports it
        except DeadKernelError:
            self.shutdown()
            raise
        finally:
            km.client_class = (
                BLOCKING_CLIENT  # the reset (``_reset``) talks to the kernel synchronously
            )
            if client.kc is not None:
                client.kc.stop_channels()
        return client.nb

    def shutdown(self) -> None:
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - already gone
                pass
            self.km = None

    def kill(self) -> None:
        """End the kernel at once, without the event loop (safe inside a signal handler)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the kernel runs in a session of its own
            except OSError:
                pass


_warm: WarmKernel | None = None


def worker_kernel(kernel_name: str, cwd: Path) -> WarmKernel:
    """This worker process's kernel, started on first use."""
    global _warm
    if _warm is None:
        from multiprocessing import util

        _warm = WarmKernel(kernel_name, cwd)
        util.Finalize(None, _warm.shutdown, exitpriority=10)  # runs when the worker exits normally
        signal.signal(signal.SIGTERM, _terminate)
    return _warm


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the runner's to handle.

    The runner catches it and stops each worker with SIGTERM (see
    ``_terminate``); a worker interrupted on its own would print the
    tracebacks of half-finished kernel clean-ups instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _terminate(_signum, _frame) -> None:
    # The signal may arrive while the kernel is being started or is running a
    # notebook inside an event loop, where a clean shutdown cannot run and
    # SystemExit can be swallowed by a task: kill the kernel and leave at once.
    # The runner removes what this worker left half-written.
    if _warm is not None:
        _warm.kill()
    os._exit(1)
