"""The generation worker's reused kernel: reset between notebooks, replaced when the reset does not answer."""

from __future__ import annotations

import os
import signal

import nbformat
import psutil
import pytest

from swc_core.generate import warm
from swc_core.generate.execute import KERNEL


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    return nb


def _printed(nb: nbformat.NotebookNode) -> str:
    return "".join(
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("name") == "stdout"
    )


def _kernel_pid(kernel: warm.WarmKernel) -> int:
    return kernel.km.provisioner.process.pid


@pytest.fixture
def kernel(tmp_path):
    k = warm.WarmKernel(KERNEL, tmp_path)
    yield k
    k.shutdown()


def test_a_reused_kernel_starts_each_notebook_with_an_empty_namespace(kernel):
    kernel.execute(_notebook("left_over = 41"), timeout=60)
    first = _kernel_pid(kernel)
    out = kernel.execute(_notebook("print('left_over' in dir(), 40 + 2)"), timeout=60)
    assert _printed(out) == "False 42\n"
    assert _kernel_pid(kernel) == first, "the kernel was reused, not restarted"


def test_a_kernel_whose_reset_does_not_answer_is_replaced_by_a_fresh_one(kernel, monkeypatch):
    kernel.execute(_notebook("left_over = 41"), timeout=60)
    stuck = _kernel_pid(kernel)
    os.kill(stuck, signal.SIGSTOP)  # a kernel that no longer answers, as seen once under load
    monkeypatch.setattr(warm, "RESET_TIMEOUT", 3.0)
    try:
        out = kernel.execute(_notebook("print('left_over' in dir(), 40 + 2)"), timeout=60)
    finally:
        try:
            os.kill(stuck, signal.SIGCONT)
        except ProcessLookupError:
            pass
    assert _printed(out) == "False 42\n"
    assert _kernel_pid(kernel) != stuck
    assert not _alive(stuck), "the stuck kernel was ended, not left behind"


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
