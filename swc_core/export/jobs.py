"""Planning an export: which handouts and which praktijkboeken, and where each goes.

A handout is the HTML of one generation job's notebook, at the same place
under the export folder with ``.html``: ``<team>/<participant>/<step>.html``
and ``<team>/<step>.html``. The praktijkboek is ``praktijkboek.html`` for the
whole edition or ``praktijkboek-<team>.html`` per chosen team.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..edition import Edition
from ..errors import InputError
from ..generate import Job, plan_jobs
from ..messages import text


@dataclass(frozen=True)
class Handout:
    job: Job  # the generation job whose executed notebook becomes this handout
    target: Path


@dataclass(frozen=True)
class Book:
    teams: tuple[str, ...] | None  # None: every team of the edition
    target: Path


@dataclass(frozen=True)
class Selection:
    """What the trainer asked for (the CLI's options)."""

    steps: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    handouts: bool = True
    praktijkboek: bool = True

    @classmethod
    def from_flags(
        cls,
        steps=(),
        teams=(),
        participants=(),
        only_praktijkboek=False,
        only_handouts=False,
    ) -> "Selection":
        """Default: handouts and, for a whole edition or whole teams, the praktijkboek."""
        if only_praktijkboek and only_handouts:
            raise InputError(text("export.only_one"), hint=text("export.only_one_hint"))
        partial = bool(steps or participants)
        if only_praktijkboek and partial:
            raise InputError(
                text("export.no_praktijkboek_for_selection"),
                hint=text("export.no_praktijkboek_hint"),
            )
        return cls(
            tuple(steps),
            tuple(teams),
            tuple(participants),
            handouts=not only_praktijkboek,
            praktijkboek=not only_handouts and (only_praktijkboek or not partial),
        )


def plan_handouts(
    edition: Edition,
    selection: Selection,
    generated_dir: Path,
    out_dir: Path,
    base_parameters: dict | None = None,
) -> list[Handout]:
    """One handout per generation job of the selection (ids are checked by ``plan_jobs``)."""
    jobs = plan_jobs(
        edition,
        generated_dir,
        steps=list(selection.steps),
        teams=list(selection.teams),
        participants=list(selection.participants),
        base_parameters=base_parameters,
    )
    return [
        Handout(job, out_dir / job.output.relative_to(generated_dir).with_suffix(".html"))
        for job in jobs
    ]


def plan_books(edition: Edition, selection: Selection, out_dir: Path) -> list[Book]:
    if not selection.praktijkboek:
        return []
    if not selection.teams:
        return [Book(None, out_dir / "praktijkboek.html")]
    for team in selection.teams:
        edition.team(team)  # unknown team: a clear error before anything runs
    return [Book((team,), out_dir / f"praktijkboek-{team}.html") for team in selection.teams]
