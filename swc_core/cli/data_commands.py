"""The commands that move answers in and out of the store: import, export as a table, backup and restore, migrate
to another database.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import check_writable
from ..messages import counted, text
from .group import cli, db_option, edition_argument, settings_for, warn


@cli.command("import", help=text("cli.help.import_.about"))
@edition_argument
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_(ctx: click.Context, edition: str, file: Path, db: str | None) -> None:
    from ..answers_file import check_answers, import_answers
    from ..edition import load_edition, open_store

    settings = settings_for(ctx, db)
    ed = load_edition(edition, settings)
    answers = check_answers(file, ed)
    warn(answers.warnings)
    with open_store(ed, settings) as store:
        result = import_answers(store, ed, answers.items, author=f"import:{file.name}")
    click.echo(
        text(
            "cli.imported",
            saved=counted("fields", result.saved),
            unchanged=result.unchanged,
            file=file,
        )
    )


@cli.command("export-data", help=text("cli.help.export_data.about"))
@edition_argument
@click.option(
    "--format",
    "fmt",
    metavar="csv|xlsx",
    default="csv",
    show_default=True,
    help=text("cli.help.export_data.format"),
)
@click.option("--out", type=click.Path(path_type=Path), help=text("cli.help.export_data.out"))
@click.option("--history", is_flag=True, help=text("cli.help.export_data.history"))
@click.option(
    "--csv-dialect",
    metavar="excel-nl|plain",
    default="excel-nl",
    show_default=True,
    help=text("cli.help.export_data.csv_dialect"),
)
@db_option
@click.pass_context
def export_data(
    ctx: click.Context,
    edition: str,
    fmt: str,
    out: Path | None,
    history: bool,
    csv_dialect: str,
    db: str | None,
) -> None:
    from ..data_export import check_choice, entries_frame, write_entries
    from ..edition import load_edition, open_store
    from ..messages import text

    check_choice(fmt, csv_dialect)
    settings = settings_for(ctx, db)
    ed = load_edition(edition, settings)
    target = out or ed.folder / "export" / f"antwoorden.{fmt}"
    check_writable(target.parent)
    with open_store(ed, settings) as store:
        frame = entries_frame(store, ed, history=history)
    report = write_entries(frame, target, fmt, csv_dialect)
    click.echo(text("data_export.summary.written", count=report.rows, target=target))
    for line in report.lines():
        click.echo(line)


@cli.command(help=text("cli.help.backup.about"))
@edition_argument
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help=text("cli.help.backup.out")
)
@db_option
@click.pass_context
def backup(ctx: click.Context, edition: str, out: Path | None, db: str | None) -> None:
    from datetime import datetime

    from ..edition import load_edition, open_store
    from ..store.backup import backup_edition

    settings = settings_for(ctx, db)
    ed = load_edition(edition, settings)
    target = out or ed.folder / "backups" / f"{ed.name}-{datetime.now():%Y%m%d-%H%M%S}.db"
    check_writable(target.parent)
    with open_store(ed, settings) as store:
        result = backup_edition(store, ed.name, target)
    click.echo(
        text(
            "cli.backup",
            edition=ed.name,
            revisions=counted("revisions", result.revisions),
            path=result.path,
        )
    )
    if result.advice:
        click.echo(text("cli.warning", what=result.advice))


@cli.command(help=text("cli.help.restore.about"))
@edition_argument
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help=text("cli.help.restore.force"))
@db_option
@click.pass_context
def restore(ctx: click.Context, edition: str, file: Path, force: bool, db: str | None) -> None:
    from ..edition import load_edition, open_store
    from ..store.backup import read_backup, restore_rows

    settings = settings_for(ctx, db)
    ed = load_edition(edition, settings)
    rows = read_backup(file, ed.name)  # checked before the store is opened (or created)
    with open_store(ed, settings) as store:
        count = restore_rows(store, ed.name, rows, force=force)
        url = store.url
    click.echo(text("cli.restored", count=count, edition=ed.name, url=url))


@cli.command(help=text("cli.help.migrate.about"))
@click.option("--from", "source", required=True, metavar="URL", help=text("cli.help.migrate.from"))
@click.option("--to", "target", required=True, metavar="URL", help=text("cli.help.migrate.to"))
@click.option(
    "--edition", "editions", multiple=True, metavar="EDITIE", help=text("cli.help.migrate.edition")
)
@click.option("--force", is_flag=True, help=text("cli.help.migrate.force"))
def migrate(source: str, target: str, editions: tuple[str, ...], force: bool) -> None:
    from ..store.migrate import migrate_store

    report = migrate_store(source, target, list(editions), force=force)
    for e in report.editions:
        click.echo(
            text(
                "cli.migrated_edition",
                edition=e.edition,
                revisions=counted("revisions", e.revisions),
                max_id=e.max_id,
                checksum=e.checksum[:16],
            )
        )
    if report.replaced:
        click.echo(text("cli.migrated_replaced", count=report.replaced))
    if not report.ids_kept:
        click.echo(text("cli.migrated_renumbered"))
    click.echo(text("cli.migrated", count=report.revisions, target=report.target))
