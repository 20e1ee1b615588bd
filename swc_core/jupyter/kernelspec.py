"""The Jupyter kernel that runs workbooks, dashboards and generated notebooks.

It is the environment's own Python with IPython's history database turned
off: with dozens of kernels at once (one per Voilà page) the shared history
SQLite file locks, and a workbook has no use for input history. Its IOPub
channel never drops a message (``kernel_app.py``).

Interrupts travel as messages (``interrupt_mode: message``, Jupyter's
kernelspec documentation), not as SIGINT: jupyter_client interrupts every
kernel before it shuts it down, and a SIGINT that reaches a kernel still
starting (the pool's, or pages being prepared, when the trainer presses
Ctrl-C) killed it with a KeyboardInterrupt traceback in the trainer's
window, even before its first line could ignore the signal (seen in CI, 1
stop in 10). A message waits until the kernel listens; a page never needs
an interrupt anyway (Voilà sends none).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "swc"
DISPLAY_NAME = "Werkboek (swc)"
KERNEL_MODULE = "swc_core.jupyter.kernel_app"  # what the kernel process runs (``python -m``)


def is_kernel_process(cmdline: list[str]) -> bool:
    """Whether a process's command line is a Jupyter kernel: ours, or plain ipykernel (another kernelspec)."""
    return KERNEL_MODULE in cmdline or any("ipykernel" in part for part in cmdline)


def kernelspec(python: str = sys.executable) -> dict:
    return {
        "argv": [
            python,
            "-m",
            KERNEL_MODULE,
            "-f",
            "{connection_file}",
            "--HistoryManager.enabled=False",
        ],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


def install_kernelspec(prefix: str | Path = sys.prefix) -> Path:
    """Write the kernelspec into ``<prefix>/share/jupyter/kernels/swc``."""
    folder = Path(prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(kernelspec(), indent=2), encoding="utf-8")
    return folder
