"""The room: what every participant (and team) in scope filled in, read once from the store.

A dashboard shows the whole edition, or one team. ``load_room`` reads the
latest value of every field with one query and builds the typed workbooks;
a value that does not pass the model's gate is left out and counted, so one
broken answer never blanks what the trainer projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..edition import Edition, Participant
from ..errors import Problem
from ..model import TeamHomework, Workbook


@dataclass(frozen=True)
class Room:
    """Workbooks of all members in scope (an empty Workbook when nothing is saved yet).

    ``team`` is None for the whole edition; ``revision`` is the store's last
    revision id when the room was read, so a dashboard can tell whether to
    read it again. ``problems`` are the values that were left out.
    """

    edition: Edition
    workbooks: dict[str, Workbook]
    homework: dict[str, TeamHomework]
    team: str | None
    revision: int
    problems: tuple[Problem, ...] = field(default=())

    @property
    def skipped(self) -> int:
        """How many saved values could not be read and were left out."""
        return len(self.problems)

    @property
    def pack(self):
        return self.edition.content

    def members(self) -> list[Participant]:
        """The participants in scope, in the edition's order."""
        return [p for p in self.edition.spec.participants if p.id in self.workbooks]

    def teams(self) -> list:
        """The teams in scope, in the edition's order."""
        return [t for t in self.edition.spec.teams if t.id in self.homework]


def load_room(store, edition: Edition, team: str | None = None) -> Room:
    """The room of ``edition`` (or of one of its teams); InputError for an unknown team."""
    if team is None:
        members = [p.id for p in edition.spec.participants]
        teams = [t.id for t in edition.spec.teams]
        subjects = None  # the whole edition: no filter to send
    else:
        members = list(edition.team(team).members)
        teams = [team]
        subjects = edition.team_subjects(team)  # one team's room reads only that team
    # The revision is read first: a save that lands in between makes the room
    # look older than it is, so the dashboard reads once more rather than never.
    revision = store.last_id()
    values = store.values_of(edition.name, subjects)
    problems: list[Problem] = []
    workbooks = {pid: _read(Workbook, values, pid, problems) for pid in members}
    homework = {tid: _read(TeamHomework, values, tid, problems) for tid in teams}
    return Room(
        edition=edition,
        workbooks=workbooks,
        homework=homework,
        team=team,
        revision=revision,
        problems=tuple(problems),
    )


def _read(cls, values: dict, subject: str, problems: list[Problem]):
    """``cls.from_fields`` of one subject's latest values; refused values go to ``problems``, named by subject."""
    refused: list[Problem] = []
    built = cls.from_fields(values.get(subject, {}), problems=refused)
    problems.extend(Problem(p.message, where=subject, hint=p.hint) for p in refused)
    return built
