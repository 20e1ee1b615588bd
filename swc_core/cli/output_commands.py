"""The commands that make files from the answers: the generated notebooks, the handouts and praktijkboeken,
the eindsessie presentations.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import check_writable
from ..messages import counted, text
from .group import cli, db_option, edition_argument, settings_for


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
    from ..edition import load_edition, open_store
    from ..generate import generate as run_generation
    from ..generate import generation_parameters, plan_jobs

    settings = settings_for(ctx, db)
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
    from ..edition import load_edition, open_store
    from ..export import Selection
    from ..export import export as run_export
    from ..generate import generation_parameters
    from ..messages import text

    settings = settings_for(ctx, db)
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
    from ..edition import open_store
    from ..export.slides import export_slides

    with open_store(ed, settings) as store:
        values = store.values_of(ed.name)  # everyone: export_slides checks and picks the chosen
    decks = export_slides(ed, values, out_dir, list(participants), list(teams))
    click.echo(text("export.slides.written", count=len(decks), out=out_dir))
