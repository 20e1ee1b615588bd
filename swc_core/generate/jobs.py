"""Planning a generation run: which notebook to execute for whom, and where it goes.

Layout of the output folder (step ids from the content pack):
``<team>/<participant>/<step>.ipynb`` for workbooks and ``<team>/<step>.ipynb``
for a team's homework. Every id is checked before any kernel starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..edition import Edition
from ..errors import InputError
from ..messages import text
from ..settings import REPO_ROOT, Settings

NOTEBOOKS = REPO_ROOT / "notebooks"
HOMEWORK_TEMPLATE = "homework"


@dataclass(frozen=True)
class Job:
    kind: str  # "workbook" or "homework"
    step: str
    team: str
    participant: str | None
    template: Path
    output: Path
    parameters: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def subject(self) -> str:
        return self.participant or self.team

    @property
    def label(self) -> str:
        return (
            f"{self.team}/{self.participant}/{self.step}"
            if self.participant
            else f"{self.team}/{self.step}"
        )


def _check_ids(given: list[str], known: list[str], what: str) -> None:
    """InputError naming every id of ``given`` that is not ``known``; ``what``: "steps", "teams" or "participants"."""
    unknown = [g for g in given if g not in known]
    if unknown:
        raise InputError(
            text(f"generate.unknown.{what}", ids=", ".join(unknown)),
            hint=text(f"generate.known.{what}", ids=", ".join(known)),
        )


def generation_parameters(edition: Edition, settings: Settings) -> dict:
    """The parameters every page of a run gets; part of each job's fingerprint, so callers share them."""
    return {
        "edition": str(edition.folder),
        "sessions_dir": str(settings.sessions_dir.resolve()),
        "db": settings.database_url or "",
    }


def plan_jobs(
    edition: Edition,
    out_dir: Path,
    *,
    steps: list[str] | None = None,
    teams: list[str] | None = None,
    participants: list[str] | None = None,
    homework_only: bool = False,
    base_parameters: dict | None = None,
    notebooks: Path = NOTEBOOKS,
) -> list[Job]:
    """All jobs for the selection; raises InputError for an unknown step, team or participant."""
    programme = edition.content.programme
    _check_ids(steps or [], [s.id for s in programme], "steps")
    _check_ids(teams or [], list(edition.teams), "teams")
    _check_ids(participants or [], list(edition.participants), "participants")
    if not edition.teams:
        raise InputError(
            text("generate.no_teams", name=edition.name), hint=text("generate.no_teams_hint")
        )
    # generated notebooks are read later (JupyterLab, handouts): static views of the workbook, no widgets
    base = {"edition": edition.name, "handout": True, **(base_parameters or {})}
    jobs: list[Job] = []
    for step in programme:
        if steps and step.id not in steps:
            continue
        homework = bool(
            step.team_fields
        )  # only tussentijden have them (content schema): team homework
        if homework_only and not homework:
            continue
        for team in edition.teams.values():
            members = [m for m in team.members if not participants or m in participants]
            if (teams and team.id not in teams) or not members:
                continue
            if (
                homework and not participants
            ):  # homework belongs to a team, not to a selection of its members
                jobs.append(
                    Job(
                        "homework",
                        step.id,
                        team.id,
                        None,
                        notebooks / f"{HOMEWORK_TEMPLATE}.ipynb",
                        out_dir / team.id / f"{step.id}.ipynb",
                        {**base, "team": team.id, "step": step.id},
                    )
                )
            # a tussentijd also has each member's own page, where the programme has one (its notebook)
            if not homework or (not homework_only and (notebooks / f"{step.id}.ipynb").is_file()):
                for pid in members:
                    jobs.append(
                        Job(
                            "workbook",
                            step.id,
                            team.id,
                            pid,
                            notebooks / f"{step.id}.ipynb",
                            out_dir / team.id / pid / f"{step.id}.ipynb",
                            {**base, "participant": pid},
                        )
                    )
    return jobs
