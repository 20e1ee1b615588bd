"""What the product installs into the environment's Jupyter: its kernel and Voilà template."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .kernelspec import KERNEL_NAME, install_kernelspec

TEMPLATE_NAME = "swc"
TEMPLATE_SOURCE = Path(__file__).with_name("voila_template") / TEMPLATE_NAME
TEMPLATE_TEXTS = "swc_texts.html.j2"  # written at install time from the screen texts in data/ui
PAGE_TEXTS = {
    "loading": "serve.page.loading",
    "progress": "serve.page.progress",
    "widget_loading": "serve.page.widget_loading",
    "offline": "serve.page.offline",
    "kept": "serve.page.kept",
}


def install_voila_template(prefix: str | Path = sys.prefix) -> Path:
    """Copy the ``swc`` Voilà template into ``<prefix>/share/jupyter/voila/templates``.

    The template's own words (the loading notice) come from the screen texts,
    written next to it as Jinja variables, so they change with ``data/ui``.
    """
    from ..messages import text

    target = Path(prefix) / "share" / "jupyter" / "voila" / "templates" / TEMPLATE_NAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE_SOURCE, target)
    lines = [f"{{% set {name} = {json.dumps(text(key))} %}}" for name, key in PAGE_TEXTS.items()]
    (target / TEMPLATE_TEXTS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def install_all(prefix: str | Path = sys.prefix) -> list[Path]:
    return [install_kernelspec(prefix), install_voila_template(prefix)]


__all__ = [
    "KERNEL_NAME",
    "TEMPLATE_NAME",
    "install_all",
    "install_kernelspec",
    "install_voila_template",
]
