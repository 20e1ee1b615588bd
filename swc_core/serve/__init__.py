"""Serving an edition to a training room: ``swc serve`` (see ``app.py``)."""

from ..qr_code import qr_svg
from .access import AccessPolicy, Role, Tokens, Visitor, load_or_create_tokens
from .app import DEFAULT_PORT, EditionVoila, ServeOptions, prepare_app, run
from .links import Links
from .site import Site

__all__ = [
    "DEFAULT_PORT",
    "AccessPolicy",
    "EditionVoila",
    "Links",
    "Role",
    "ServeOptions",
    "Site",
    "Tokens",
    "Visitor",
    "load_or_create_tokens",
    "prepare_app",
    "qr_svg",
    "run",
]
