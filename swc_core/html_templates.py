"""Every piece of HTML the product makes: Jinja2 templates in one environment, with autoescape.

Templates, their stylesheets and scripts live in ``swc_core/templates/``,
named after the page they belong to (``landing_*``, ``praktijkboek_*``,
``page_*``, ``dashboard_*``, ``view_*``). Python code gathers the values
and calls :func:`render` (a whole page or an HTML widget's value) or
:func:`fragment` (a piece another template or another piece places as it
is); it never writes a tag itself (``tests/test_no_html_in_python.py``).

Escaping: every value a template prints is escaped, with the entities of
``html.escape`` (``&#x27;`` for ``'``, ``&quot;`` for ``"``), so a page moved
here from hand-escaped f-strings reads byte for byte as before. Only
:class:`Markup` passes unescaped, and only our own code makes one: a
rendered fragment, an SVG QR code, a stylesheet or script from this folder.
The screen texts come from the catalogue through ``t`` (``data/ui``).
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .messages import text

TEMPLATES = Path(__file__).with_name("templates")


def _escaped(value: object) -> object:
    """What ``{{ value }}`` prints: Markup as it is, anything else escaped as ``html.escape`` does."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: autoescape on, undefined values an error, block tags leave no blank lines."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_escaped,
    )
    env.globals["t"] = text
    return env


def stylesheet(name: str) -> Markup:
    """A stylesheet from the templates folder, to be placed in a ``<style>`` element (our own file, not data)."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def script(name: str) -> Markup:
    """A script from the templates folder, to be placed in a ``<script>`` element (our own file, not data)."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def render(name: str, /, **values) -> str:
    """The template ``name`` (a file in ``swc_core/templates/``) filled with ``values``, as a string.

    Raises ``jinja2.TemplateNotFound`` for an unknown name and ``jinja2.UndefinedError``
    when the template uses a value not given (a bug, never a user's input).
    """
    return environment().get_template(name).render(**values)


def fragment(name: str, /, **values) -> Markup:
    """Like :func:`render`, as :class:`Markup`: a piece of a page that another template places unescaped."""
    return Markup(render(name, **values))


def macros(name: str):
    """The macros of template ``name``, to call from Python: each returns its piece as :class:`Markup`."""
    return environment().get_template(name).module


__all__ = ["Markup", "fragment", "macros", "render", "script", "stylesheet"]
