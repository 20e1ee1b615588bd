"""The commands about an edition itself: check it and its content pack, create one, its participants and their
personal links, and its status (who filled in how much).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..atomic import check_writable
from ..messages import counted, text
from .group import cli, db_option, edition_argument, settings_for, today_option, warn


@cli.command(help=text("cli.help.check.about"))
@edition_argument
@click.pass_context
def check(ctx: click.Context, edition: str) -> None:
    from ..content import provenance_summary
    from ..edition import check_edition

    ed, warnings = check_edition(edition, settings_for(ctx))
    warn(warnings)
    c = ed.content
    noted = " – " + text("yaml.warnings", count=len(warnings)) if warnings else ""
    click.echo(
        text(
            "cli.check",
            name=ed.name,
            participants=counted("participants", len(ed.participants)),
            teams=counted("teams", len(ed.teams)),
        )
        + noted
    )
    click.echo(
        text(
            "cli.check_pack",
            source=c.source,
            blocks=counted("blocks", len(c.blocks)),
            forms=counted("forms", len(c.forms)),
            steps=counted("steps", len(c.programme)),
        )
    )
    click.echo(provenance_summary(c))


@cli.command("check-content", help=text("cli.help.check_content.about"))
@click.argument("folder", required=False, metavar="[MAP]", type=click.Path(path_type=Path))
def check_content(folder: Path | None) -> None:
    from ..content import DEFAULT_CONTENT_DIR, load_content, provenance_summary
    from ..content.loader import content_warnings

    pack = load_content(folder or DEFAULT_CONTENT_DIR)
    warnings = content_warnings(pack)
    warn(warnings)
    noted = " – " + text("yaml.warnings", count=len(warnings)) if warnings else ""
    click.echo(text("cli.check_content", source=pack.source) + noted)
    click.echo(provenance_summary(pack))


@cli.command(help=text("cli.help.init.about"))
@edition_argument
@click.option("--title", help=text("cli.help.init.title"))
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="JJJJ-MM-DD",
    help=text("cli.help.init.start"),
)
@click.pass_context
def init(ctx: click.Context, edition: str, title: str | None, start) -> None:
    from ..content import load_content
    from ..scaffold import init_edition

    folder = init_edition(
        edition,
        settings_for(ctx),
        load_content(),
        title=title,
        start=start.date() if start else None,
    )
    click.echo(text("cli.init_created", path=folder / "edition.yml"))
    click.echo(text("cli.init_next", edition=edition))


@cli.command(help=text("cli.help.participants.about"))
@edition_argument
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path))
@click.pass_context
def participants(ctx: click.Context, edition: str, file: Path) -> None:
    from ..edition import EDITION_FILE, load_edition, open_store
    from ..participants_file import import_participants, summary

    settings = settings_for(ctx)
    ed = load_edition(edition, settings)
    with open_store(ed, settings) as store:
        answered = set(store.latest(ed.name))  # ids whose answers must never pass to someone new
    result = import_participants(ed, file, answered)
    click.echo(summary(result, ed.folder / EDITION_FILE))
    if result.kept:
        click.echo(text("participants_file.kept", count=result.kept))
    for pid, name in result.removed:
        click.echo(text("cli.warning", what=text("participants_file.removed", name=name, pid=pid)))
    load_edition(
        ed.folder, settings
    )  # the written file is a valid edition (else: the usual lines, exit 2)


@cli.command(help=text("cli.help.links.about"))
@edition_argument
@click.option(
    "--renew", "renew", multiple=True, metavar="DEELNEMER", help=text("cli.help.links.renew")
)
@click.option("--host", default="0.0.0.0", show_default=True, help=text("cli.help.links.host"))
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help=text("cli.help.links.out")
)
@click.pass_context
def links(ctx: click.Context, edition: str, renew, host: str, port: int, out: Path | None) -> None:
    from ..cards import CARDS_DIR, write_links
    from ..codes import CodeBook
    from ..edition import load_edition
    from ..serve.access import load_or_create_tokens
    from ..serve.links import Links

    ed = load_edition(edition, settings_for(ctx))
    for pid in renew:
        ed.participant(pid)  # an unknown id: one clear line before anything changes
    folder = out or ed.folder / CARDS_DIR
    check_writable(folder)
    book = CodeBook(ed.folder)
    renewed = [book.renew(pid, ed.participants) for pid in renew]
    codes = book.ensure(ed.participants)
    addresses = Links.build(host, port, load_or_create_tokens(ed.folder))
    files = write_links(ed, codes, addresses.base, addresses.room, folder, renewed=list(renew))
    click.echo(
        text(
            "cards.written",
            edition=ed.name,
            participants=counted("participants", len(codes)),
            folder=folder,
        )
    )
    click.echo(text("cards.page", path=files.page))
    click.echo(text("cards.lists", csv=files.csv, xlsx=files.xlsx))
    click.echo(text("cards.address", room=addresses.room))
    for code, page in zip(renewed, files.renewed):
        click.echo(
            text(
                "cards.renewed",
                name=ed.participant(code.participant).name,
                pid=code.participant,
                code=code.shown,
            )
        )
        click.echo(text("cards.renewed_page", path=page))


@cli.command(help=text("cli.help.status.about"))
@edition_argument
@today_option
@db_option
@click.pass_context
def status(ctx: click.Context, edition: str, today: datetime | None, db: str | None) -> None:
    from ..edition import load_edition, open_store
    from ..programme_day import step_on

    settings = settings_for(ctx, db, today)
    ed = load_edition(edition, settings)
    with open_store(ed, settings) as store:
        latest = store.latest(ed.name)
        total = store.count(ed.name)
        url = store.url
    click.echo(f"{ed.title} ({ed.name})")
    click.echo(text("cli.status_store", url=url, revisions=counted("revisions", total)))
    day = settings.current_date()
    click.echo(
        text("cli.step_of_day", day=day.isoformat(), step=ed.content.step(step_on(ed, day)).name)
    )
    for team in ed.teams.values():
        click.echo(
            text(
                "cli.status_team",
                team=team.name,
                id=team.id,
                captain=ed.participants[team.captain].name,
            )
        )
        for pid in team.members:
            p = ed.participants[pid]
            filled = len(latest.get(pid, {}))
            click.echo(
                f"  {pid:<6} {p.name:<28} {p.organisation:<36} {filled:>3} "
                f"{text('cli.status_filled', count=filled)}"
            )
