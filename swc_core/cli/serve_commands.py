"""The commands that run the workbook for a room: ``swc serve`` and the Jupyter set-up it needs."""

from __future__ import annotations

from datetime import datetime

import click

from ..messages import text
from .group import cli, db_option, edition_argument, settings_for, today_option


@cli.command(help=text("cli.help.serve.about"))
@edition_argument
@click.option("--host", help=text("cli.help.serve.host"))
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True)
@click.option("--no-browser", is_flag=True, help=text("cli.help.serve.no_browser"))
@click.option(
    "--pool",
    type=click.IntRange(0, 64),
    default=4,
    show_default=True,
    help=text("cli.help.serve.pool"),
)
@click.option(
    "--prepare",
    default="all",
    show_default=True,
    envvar="SWC_PREPARE",
    metavar="all|none|N",
    help=text("cli.help.serve.prepare"),
)
@click.option(
    "--cull-idle",
    type=click.IntRange(30),
    default=600,
    show_default=True,
    help=text("cli.help.serve.cull_idle"),
)
@click.option(
    "--render-slots",
    type=click.IntRange(0, 256),
    default=0,
    show_default=True,
    help=text("cli.help.serve.render_slots"),
)
@click.option("--new-tokens", is_flag=True, help=text("cli.help.serve.new_tokens"))
@today_option
@db_option
@click.pass_context
def serve(
    ctx: click.Context,
    edition: str,
    host: str | None,
    port: int,
    no_browser: bool,
    pool: int,
    prepare: str,
    cull_idle: int,
    render_slots: int,
    new_tokens: bool,
    today: datetime | None,
    db: str | None,
) -> None:
    from ..edition import load_edition, open_store
    from ..programme_day import step_on
    from ..serve import ServeOptions, prepare_app, run

    settings = settings_for(ctx, db, today)
    ed = load_edition(edition, settings)
    with open_store(ed, settings):
        pass  # a store that cannot be opened is reported now, not by every page
    options = ServeOptions(
        host=host or "127.0.0.1",
        port=port,
        token_required=host is not None,
        new_tokens=new_tokens,
        pool=pool,
        prepare=prepare,
        cull_idle=cull_idle,
        render_slots=render_slots,
        open_browser=not no_browser,
    )
    app, context = prepare_app(ed, settings, options, report=lambda line: click.echo(f"  {line}"))
    links = context.links
    click.echo(text("cli.serve_running", title=ed.title, name=ed.name, url=links.base))
    click.echo(text("cli.serve_room_link", url=links.room))
    click.echo(text("cli.serve_trainer_link", url=links.trainer))
    if links.room == links.trainer:
        click.echo(text("cli.serve_local"))
    day = settings.current_date()
    click.echo(
        "  "
        + text("cli.step_of_day", day=day.isoformat(), step=ed.content.step(step_on(ed, day)).name)
    )
    click.echo(text("cli.serve_stop"), err=False)
    run(app, context, options.open_browser)
    click.echo(text("cli.serve_stopped"))


@cli.command("setup-jupyter", help=text("cli.help.setup_jupyter.about"))
def setup_jupyter() -> None:
    from ..jupyter import install_all

    for path in install_all():
        click.echo(f"geïnstalleerd: {path}")
