"""HTML pages built on the server without a kernel: Jinja2 templates with autoescape.

Templates and their stylesheets live in ``swc_core/templates/``; every value
a template prints is escaped unless it is wrapped in :class:`Markup` by our
own code (an SVG QR code, a stylesheet, a fragment that ``html.escape``\\ d
its values itself). The screen texts come from the catalogue through ``t``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .messages import text

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["t"] = text
    return env


def stylesheet(name: str) -> Markup:
    """A stylesheet from the templates folder, to be placed in a ``<style>`` element (our own file, not data)."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def render(name: str, **values) -> str:
    return environment().get_template(name).render(**values)


__all__ = ["Markup", "render", "stylesheet"]
