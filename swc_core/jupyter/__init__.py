"""What the product installs into the environment's Jupyter: its kernel and Voilà template."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .kernelspec import KERNEL_NAME, install_kernelspec

TEMPLATE_NAME = "swc"
TEMPLATE_SOURCE = Path(__file__).with_name("voila_template") / TEMPLATE_NAME


def install_voila_template(prefix: str | Path = sys.prefix) -> Path:
    """Copy the ``swc`` Voilà template into ``<prefix>/share/jupyter/voila/templates``."""
    target = Path(prefix) / "share" / "jupyter" / "voila" / "templates" / TEMPLATE_NAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE_SOURCE, target)
    return target


def install_all(prefix: str | Path = sys.prefix) -> list[Path]:
    return [install_kernelspec(prefix), install_voila_template(prefix)]


__all__ = ["KERNEL_NAME", "TEMPLATE_NAME", "install_all", "install_kernelspec", "install_voila_template"]
