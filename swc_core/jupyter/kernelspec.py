"""The Jupyter kernel that runs workbooks, dashboards and generated notebooks.

It is the environment's own Python with IPython's history database turned
off: with dozens of kernels at once (one per Voilà page) the shared history
SQLite file locks, and a workbook has no use for input history.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "swc"
DISPLAY_NAME = "Werkboek (swc)"


def kernelspec(python: str = sys.executable) -> dict:
    return {
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--HistoryManager.enabled=False"],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": False},
    }


def install_kernelspec(prefix: str | Path = sys.prefix) -> Path:
    """Write the kernelspec into ``<prefix>/share/jupyter/kernels/swc``."""
    folder = Path(prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(kernelspec(), indent=2), encoding="utf-8")
    return folder
