"""The ``swc`` group: Dutch help, one line and exit code 2 for a user's mistake, and what every command shares.

Every user mistake arrives here as an ``SwcError`` and leaves as one clear
line (plus a hint) on stderr with exit code 2. The commands register
themselves on :data:`cli` from the modules beside this one, by concept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from .. import __version__
from ..cli_texts import DutchHelp, metavar, speak
from ..errors import Problem, SwcError
from ..messages import text
from ..settings import Settings

speak()  # click's own texts in Dutch, before the commands are declared (see cli_texts.py)

USER_ERROR = 2
INTERRUPTED = 130  # the shell's convention for a program stopped with Ctrl-C


def _report(exc: SwcError) -> None:
    problems = exc.problems
    if len(problems) > 1:
        click.echo(text("cli.error", what=exc.message), err=True)
        for p in problems:
            click.echo(text("cli.error_item", what=p), err=True)
            if p.hint:
                click.echo(text("cli.error_item_tip", tip=p.hint), err=True)
    else:
        p = problems[0]
        click.echo(text("cli.error", what=p), err=True)
        if p.hint:
            click.echo(text("cli.tip", tip=p.hint), err=True)
    warn(exc.warnings, err=True)


def warn(warnings: list[Problem], err: bool = False) -> None:
    """Things that work but may not be what was meant: one ``let op:`` line each, plus a tip."""
    for w in warnings:
        click.echo(text("cli.warning", what=w), err=err)
        if w.hint:
            click.echo(text("cli.warning_tip", tip=w.hint), err=err)


class SwcCommand(DutchHelp, click.Command):
    """A command whose help names its values in Dutch (``[OPTIES]``, ``TEKST``, ``MAP``)."""


class SwcGroup(DutchHelp, click.Group):
    """Turns SwcError into a message and exit code 2, anywhere below; Ctrl-C into one line and 130."""

    command_class = SwcCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", metavar("COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SwcError as exc:
            _report(exc)
            ctx.exit(USER_ERROR)
        except KeyboardInterrupt:
            # Every file is written next to its place and moved there when complete (atomic.py),
            # so an interruption leaves what was finished and nothing half.
            click.echo(text("cli.interrupted"), err=True)
            click.echo(text("cli.tip", tip=text("cli.interrupted_tip")), err=True)
            ctx.exit(INTERRUPTED)


def settings_for(
    ctx: click.Context, db: str | None = None, today: datetime | None = None
) -> Settings:
    """The group's settings (``--sessions-dir`` and the environment) with a command's ``--db`` and ``--today``."""
    base: Settings = ctx.obj
    return replace(
        base, database_url=db or base.database_url, today=today.date() if today else base.today
    )


db_option = click.option("--db", metavar="URL", help=text("cli.help.shared.db"))
edition_argument = click.argument("edition", metavar="EDITIE")
today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="JJJJ-MM-DD",
    help=text("cli.help.shared.today"),
)


@click.group(cls=SwcGroup, help=text("cli.help.swc.about"))
@click.version_option(__version__, "--version", prog_name="swc", message="%(prog)s %(version)s")
@click.option(
    "--sessions-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SWC_SESSIONS_DIR",
    help=text("cli.help.swc.sessions_dir"),
)
@click.pass_context
def cli(ctx: click.Context, sessions_dir: Path | None) -> None:
    ctx.obj = Settings.from_env(sessions_dir=sessions_dir)
