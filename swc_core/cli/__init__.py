"""The ``swc`` command: parses arguments and calls the library, nothing more.

The group and what its commands share are in ``group.py``; the commands, by
concept: ``edition_commands.py`` (check, check-content, init, participants,
links, status), ``data_commands.py`` (import, export-data, backup, restore,
migrate), ``output_commands.py`` (generate, export) and
``serve_commands.py`` (serve, setup-jupyter). Importing this package
registers them all on :data:`cli`; ``swc`` is :func:`main`, and
``python -m swc_core.cli`` runs it too.
"""

from __future__ import annotations

from . import data_commands, edition_commands, output_commands, serve_commands  # noqa: F401 (they register)
from .group import INTERRUPTED, USER_ERROR, cli

__all__ = ["INTERRUPTED", "USER_ERROR", "cli", "main"]


def main(argv: list[str] | None = None) -> None:
    """Run ``swc`` with ``argv`` (default: the process's arguments); exits with the command's code."""
    cli.main(args=argv, prog_name="swc")
