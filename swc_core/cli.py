"""The ``swc`` command: parses arguments and calls the library, nothing more.

Every user mistake arrives here as an ``SwcError`` and leaves as one clear
line (plus a hint) on stderr with exit code 2.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from . import __version__
from .atomic import check_writable
from .cli_texts import DutchHelp, metavar, speak
from .errors import Problem, SwcError
from .messages import counted, text
from .settings import Settings

speak()  # click's own texts in Dutch, before the commands below are declared (see cli_texts.py)

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
    _warn(exc.warnings, err=True)


def _warn(warnings: list[Problem], err: bool = False) -> None:
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


def _settings(ctx: click.Context, db: str | None = None, today: datetime | None = None) -> Settings:
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


@cli.command(help=text("cli.help.check.about"))
@edition_argument
@click.pass_context
def check(ctx: click.Context, edition: str) -> None:
    from .content import provenance_summary
    from .edition import check_edition

    ed, warnings = check_edition(edition, _settings(ctx))
    _warn(warnings)
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
    from .content import DEFAULT_CONTENT_DIR, load_content, provenance_summary
    from .content.loader import content_warnings

    pack = load_content(folder or DEFAULT_CONTENT_DIR)
    warnings = content_warnings(pack)
    _warn(warnings)
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
    from .content import load_content
    from .scaffold import init_edition

    folder = init_edition(
        edition, _settings(ctx), load_content(), title=title, start=start.date() if start else None
    )
    click.echo(text("cli.init_created", path=folder / "edition.yml"))
    click.echo(text("cli.init_next", edition=edition))


@cli.command("import", help=text("cli.help.import_.about"))
@edition_argument
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_(ctx: click.Context, edition: str, file: Path, db: str | None) -> None:
    from .answers_file import check_answers, import_answers
    from .edition import load_edition, open_store

    settings = _settings(ctx, db)
    ed = load_edition(edition, settings)
    answers = check_answers(file, ed)
    _warn(answers.warnings)
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
    from .data_export import check_choice, entries_frame, write_entries
    from .edition import load_edition, open_store
    from .messages import text

    check_choice(fmt, csv_dialect)
    settings = _settings(ctx, db)
    ed = load_edition(edition, settings)
    target = out or ed.folder / "export" / f"antwoorden.{fmt}"
    check_writable(target.parent)
    with open_store(ed, settings) as store:
        frame = entries_frame(store, ed, history=history)
    report = write_entries(frame, target, fmt, csv_dialect)
    click.echo(text("data_export.summary.written", count=report.rows, target=target))
    for line in report.lines():
        click.echo(line)


@cli.command(help=text("cli.help.status.about"))
@edition_argument
@today_option
@db_option
@click.pass_context
def status(ctx: click.Context, edition: str, today: datetime | None, db: str | None) -> None:
    from .edition import load_edition, open_store
    from .programme_day import step_on

    settings = _settings(ctx, db, today)
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


@cli.command(help=text("cli.help.generate.about"))
@edition_argument
@click.option(
    "--dagdeel", "steps", multiple=True, metavar="STAP", help=text("cli.help.generate.dagdeel")
)
@click.option("--team", "teams", multiple=True, help=text("cli.help.generate.team"))
@click.option(
    "--participant", "participants", multiple=True, help=text("cli.help.generate.participant")
)
@click.option("--homework-only", is_flag=True, help=text("cli.help.generate.homework_only"))
@click.option("--jobs", "workers", type=click.IntRange(1, 64), help=text("cli.help.generate.jobs"))
@click.option("--force", is_flag=True, help=text("cli.help.generate.force"))
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=300,
    show_default=True,
    help=text("cli.help.generate.timeout"),
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help=text("cli.help.generate.out")
)
@db_option
@click.pass_context
def generate(
    ctx: click.Context,
    edition: str,
    steps,
    teams,
    participants,
    homework_only,
    workers,
    force,
    timeout,
    out: Path | None,
    db: str | None,
) -> None:
    from .edition import load_edition, open_store
    from .generate import generate as run_generation
    from .generate import generation_parameters, plan_jobs

    settings = _settings(ctx, db)
    ed = load_edition(edition, settings)
    out_dir = out or ed.folder / "output"
    params = generation_parameters(ed, settings)
    jobs = plan_jobs(
        ed,
        out_dir,
        steps=list(steps),
        teams=list(teams),
        participants=list(participants),
        homework_only=homework_only,
        base_parameters=params,
    )
    check_writable(out_dir)
    with open_store(ed, settings) as store:
        report = run_generation(
            ed, store, jobs, out_dir, workers=workers, force=force, timeout=timeout
        )
    click.echo(
        text(
            "cli.generated",
            written=len(report.written),
            skipped=len(report.skipped),
            failed=len(report.failed),
            seconds=f"{report.seconds:.1f}",
            out=out_dir,
        )
    )
    for result in report.failed:
        who = result.job.participant or text("cli.generate_team", team=result.job.team)
        click.echo(
            text(
                "cli.generate_failed",
                who=who,
                step=result.job.step,
                reason=result.failure.describe(),
            ),
            err=True,
        )
    if report.failed:
        ctx.exit(1)


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
    from .edition import load_edition, open_store
    from .programme_day import step_on
    from .serve import ServeOptions, prepare_app, run

    settings = _settings(ctx, db, today)
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
    from .cards import CARDS_DIR, write_links
    from .codes import CodeBook
    from .edition import load_edition
    from .serve.access import load_or_create_tokens
    from .serve.links import Links

    ed = load_edition(edition, _settings(ctx))
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


@cli.command(help=text("cli.help.participants.about"))
@edition_argument
@click.argument("file", metavar="BESTAND", type=click.Path(path_type=Path))
@click.pass_context
def participants(ctx: click.Context, edition: str, file: Path) -> None:
    from .edition import EDITION_FILE, load_edition, open_store
    from .participants_file import import_participants, summary

    settings = _settings(ctx)
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


@cli.command("export", help=text("cli.help.export.about"))
@edition_argument
@click.option(
    "--participant", "participants", multiple=True, help=text("cli.help.export.participant")
)
@click.option("--team", "teams", multiple=True, help=text("cli.help.export.team"))
@click.option(
    "--dagdeel", "steps", multiple=True, metavar="STAP", help=text("cli.help.export.dagdeel")
)
@click.option(
    "--praktijkboek", "only_praktijkboek", is_flag=True, help=text("cli.help.export.praktijkboek")
)
@click.option("--handouts", "only_handouts", is_flag=True, help=text("cli.help.export.handouts"))
@click.option("--slides", "slides", is_flag=True, help=text("cli.help.export.slides"))
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help=text("cli.help.export.out")
)
@click.option("--jobs", "workers", type=click.IntRange(1, 64), help=text("cli.help.export.jobs"))
@click.option("--force", is_flag=True, help=text("cli.help.export.force"))
@db_option
@click.pass_context
def export(
    ctx: click.Context,
    edition: str,
    participants,
    teams,
    steps,
    only_praktijkboek,
    only_handouts,
    slides,
    out: Path | None,
    workers,
    force,
    db: str | None,
) -> None:
    from .edition import load_edition, open_store
    from .export import Selection
    from .export import export as run_export
    from .generate import generation_parameters
    from .messages import text

    settings = _settings(ctx, db)
    ed = load_edition(edition, settings)
    if slides:
        return _export_slides(ed, settings, participants, teams, out or ed.folder / "export")
    selection = Selection.from_flags(steps, teams, participants, only_praktijkboek, only_handouts)
    out_dir = out or ed.folder / "export"
    with open_store(ed, settings) as store:
        report = run_export(
            ed,
            store,
            selection,
            out_dir,
            ed.folder / "output",
            force=force,
            workers=workers,
            base_parameters=generation_parameters(ed, settings),
        )
    click.echo(
        text(
            "export.summary",
            handouts=counted("handouts", len(report.written)),
            unchanged=len(report.unchanged),
            books=counted("praktijkboeken", len(report.books)),
            failed=len(report.failed),
            seconds=f"{report.seconds:.1f}",
            out=out_dir,
        )
    )
    for what, why in report.failed:
        click.echo("  " + text("export.failed", what=what, reason=why), err=True)
    if report.failed:
        ctx.exit(1)


def _export_slides(ed, settings, participants, teams, out_dir: Path) -> None:
    """``swc export --slides``: the eindsessie presentations of the chosen participants (all by default)."""
    from .edition import open_store
    from .export.slides import export_slides

    with open_store(ed, settings) as store:
        latest = {
            subject: {f: rev.value for f, rev in fields.items()}
            for subject, fields in store.latest(ed.name).items()
        }
    decks = export_slides(ed, latest, out_dir, list(participants), list(teams))
    click.echo(text("export.slides.written", count=len(decks), out=out_dir))


@cli.command(help=text("cli.help.backup.about"))
@edition_argument
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help=text("cli.help.backup.out")
)
@db_option
@click.pass_context
def backup(ctx: click.Context, edition: str, out: Path | None, db: str | None) -> None:
    from datetime import datetime

    from .edition import load_edition, open_store
    from .store.backup import backup_edition

    settings = _settings(ctx, db)
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
    from .edition import load_edition, open_store
    from .store.backup import read_backup, restore_rows

    settings = _settings(ctx, db)
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
    from .store.migrate import migrate_store

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


@cli.command("setup-jupyter", help=text("cli.help.setup_jupyter.about"))
def setup_jupyter() -> None:
    from .jupyter import install_all

    for path in install_all():
        click.echo(f"geïnstalleerd: {path}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="swc")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
