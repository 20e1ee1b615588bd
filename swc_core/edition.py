"""Training editions: ``sessions/<edition>/edition.yml``.

An edition names its participants and teams, the date of each step of the
programme, and the content pack it uses. Loading validates everything and
reports every problem at once with file and line; nothing is generated from
an invalid edition.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .content import ContentPack, load_content
from .content.loader import content_warnings
from .errors import EditionError, InputError, Problem, ProblemList, carrying
from .ids import ID_MAX, ID_WHOLE, is_id
from .messages import text
from .settings import Settings
from .yamlfile import YamlDocument, read_yaml, validate, yaml_warnings

EDITION_FILE = "edition.yml"
STORE_FILE = "swc.db"
Id = Annotated[str, StringConstraints(pattern=ID_WHOLE, max_length=ID_MAX)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: str) -> str:
    if not EMAIL_PATTERN.match(value):
        raise ValueError(text("edition.bad_email", value=value))
    return value


Email = Annotated[
    str, StringConstraints(max_length=254, strip_whitespace=True), AfterValidator(_email)
]
# Who may read a colleague's casus, canvas and Schakelbak (read-only, swc serve):
# everyone in the edition, only the own team, or nobody.
CaseReading = Literal["edition", "team", "off"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Participant(_Strict):
    id: Id
    name: Text
    organisation: Text
    casus: Annotated[str, StringConstraints(max_length=300)] | None = None
    email: Email | None = None  # only for the mail merge of the personal links (swc links)


class Team(_Strict):
    id: Id
    name: Text
    captain: Id | None = None
    members: list[Id] = Field(min_length=1)


class EditionFile(_Strict):
    name: Id
    title: Text
    content: str = "../../data/content"
    dates: dict[str, date] = Field(default_factory=dict)
    participants: list[Participant] = Field(min_length=1)
    teams: list[Team] = Field(default_factory=list)
    case_reading: CaseReading = "edition"


class Edition:
    """A validated edition together with its content pack."""

    def __init__(self, folder: Path, spec: EditionFile, content: ContentPack):
        self.folder = folder
        self.spec = spec
        self.content = content
        self.participants = {p.id: p for p in spec.participants}
        self.teams = {t.id: t for t in spec.teams}
        self._team_of = {m: t for t in spec.teams for m in t.members}

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return self.spec.title

    def participant(self, pid: str) -> Participant:
        if pid not in self.participants:
            raise InputError(
                text("edition.unknown_participant", id=pid, name=self.name),
                hint=text("edition.known_participants", ids=", ".join(self.participants)),
            )
        return self.participants[pid]

    def team(self, tid: str) -> Team:
        if tid not in self.teams:
            raise InputError(
                text("edition.unknown_team", id=tid, name=self.name),
                hint=text("edition.known_teams", ids=", ".join(self.teams))
                if self.teams
                else text("edition.no_teams"),
            )
        return self.teams[tid]

    def team_subjects(self, tid: str) -> tuple[str, ...]:
        """The subjects whose answers belong to team ``tid``: the team id first, then its members in order.

        What a team page or a team's praktijkboek reads from the store
        (:meth:`~swc_core.store.Store.values_of`), so it never holds another
        team's answers. Raises ``InputError`` for an unknown team, as
        :meth:`team` does.
        """
        team = self.team(tid)
        return (team.id, *team.members)

    def team_of(self, pid: str) -> Team | None:
        return self._team_of.get(pid)

    def may_read_case(self, reader: str, owner: str) -> bool:
        """Whether participant ``reader`` may read ``owner``'s case (read-only), by ``case_reading``.

        Everyone may read their own case.
        """
        if reader == owner:
            return True
        scope = self.spec.case_reading
        if scope == "edition":
            return True
        if scope == "team":
            team = self.team_of(reader)
            return team is not None and owner in team.members
        return False

    def subjects(self) -> set[str]:
        """Everyone and everything that can own answers: participants and teams."""
        return set(self.participants) | set(self.teams)

    def store_url(self, settings: Settings | None = None) -> str:
        if settings is not None and settings.database_url:
            return settings.database_url
        return f"sqlite:///{(self.folder / STORE_FILE).resolve()}"


def resolve_folder(edition: str | Path, settings: Settings) -> Path:
    """EDITION may be a folder (``sessions/demo``) or a name (``demo``)."""
    given = Path(edition)
    candidates = [given] if given.is_absolute() else [given, settings.sessions_dir / given]
    for folder in candidates:
        if (folder / EDITION_FILE).is_file():
            return folder.resolve()
    known = sorted(p.parent.name for p in settings.sessions_dir.glob(f"*/{EDITION_FILE}"))
    raise InputError(
        text("edition.not_found", edition=str(edition), file=EDITION_FILE, folder=candidates[-1]),
        hint=text("edition.known_editions", names=", ".join(known))
        if known
        else text("edition.init_hint", edition=edition),
    )


def load_edition(edition: str | Path, settings: Settings | None = None) -> Edition:
    settings = settings or Settings.from_env()
    folder = resolve_folder(edition, settings)
    problems = ProblemList()
    doc = read_yaml(folder / EDITION_FILE, problems)
    spec = validate(EditionFile, doc, problems) if doc else None
    problems.raise_if_any(EditionError, text("edition.what", path=folder / EDITION_FILE))
    content_dir = (folder / spec.content).resolve()
    if not content_dir.is_dir():
        problems.add(
            text("edition.no_content", folder=content_dir),
            where=doc.where(["content"]),
            hint=text("edition.no_content_hint"),
        )
        problems.raise_if_any(EditionError, text("edition.what", path=folder / EDITION_FILE))
    content = load_content(content_dir)  # raises ContentError with its own lines
    _check_consistency(spec, content, doc, problems)
    problems.raise_if_any(EditionError, text("edition.what", path=folder / EDITION_FILE))
    return Edition(folder, spec, content)


def check_edition(
    edition: str | Path, settings: Settings | None = None
) -> tuple[Edition, list[Problem]]:
    """``load_edition`` for ``swc check``: the edition and the places where YAML may not read what was meant.

    In: an edition name or folder. Out: the validated edition and the
    warnings (:func:`~swc_core.yamlfile.yaml_warnings`) for edition.yml and
    the YAML files of its content pack. An invalid edition raises as
    ``load_edition`` does; the error then carries the warnings of
    edition.yml, since they often explain it (``title: #1 ...`` is empty).
    """
    settings = settings or Settings.from_env()
    folder = resolve_folder(edition, settings)
    warnings = yaml_warnings(folder / EDITION_FILE)
    with carrying(warnings):
        loaded = load_edition(folder, settings)
    return loaded, warnings + content_warnings(loaded.content)


def _check_consistency(
    spec: EditionFile, content: ContentPack, doc: YamlDocument, problems: ProblemList
) -> None:
    pids = [p.id for p in spec.participants]
    tids = [t.id for t in spec.teams]
    _duplicates(pids, "participants", "deelnemer", doc, problems)
    _duplicates(tids, "teams", "team", doc, problems)
    clash = set(pids) & set(tids)
    for i, t in enumerate(spec.teams):
        if t.id in clash:
            problems.add(
                text("edition.team_is_participant", i=i, id=t.id),
                where=doc.where(["teams", i, "id"]),
                hint=text("edition.team_is_participant_hint"),
            )
    known = set(pids)
    seen_in: dict[str, str] = {}
    for i, t in enumerate(spec.teams):
        for j, m in enumerate(t.members):
            where = doc.where(["teams", i, "members", j])
            if m not in known:
                problems.add(
                    text("edition.unknown_member", i=i, id=m),
                    where=where,
                    hint=text("edition.unknown_member_hint"),
                )
            elif m in seen_in:
                problems.add(
                    text("edition.member_twice", i=i, id=m, team=seen_in[m]),
                    where=where,
                    hint=text("edition.member_twice_hint"),
                )
            else:
                seen_in[m] = t.id
        if t.captain is None:
            problems.add(
                text("edition.no_captain", i=i, id=t.id),
                where=doc.where(["teams", i]),
                hint=text("edition.no_captain_hint"),
            )
        elif t.captain not in t.members:
            problems.add(
                text("edition.captain_not_member", i=i, captain=t.captain, id=t.id),
                where=doc.where(["teams", i, "captain"]),
            )
    if spec.teams:
        for i, p in enumerate(spec.participants):
            if p.id not in seen_in:
                problems.add(
                    text("edition.no_team", i=i, id=p.id),
                    where=doc.where(["participants", i]),
                    hint=text("edition.no_team_hint"),
                )
    steps = [s.id for s in content.programme]
    previous: tuple[str, date] | None = None
    for step, day in spec.dates.items():
        where = doc.where(["dates", step])
        if step not in steps:
            problems.add(
                text("edition.unknown_step", step=step),
                where=where,
                hint=text("edition.known_steps", ids=", ".join(steps)),
            )
            continue
        if previous and steps.index(step) > steps.index(previous[0]) and day < previous[1]:
            problems.add(
                text(
                    "edition.date_order",
                    step=step,
                    day=day,
                    before=previous[0],
                    before_day=previous[1],
                ),
                where=where,
                hint=text("edition.date_order_hint"),
            )
        previous = (step, day)


def _duplicates(
    ids: list[str], key: str, what: str, doc: YamlDocument, problems: ProblemList
) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            problems.add(
                text("edition.duplicate_id", key=key, i=i, what=what, id=x),
                where=doc.where([key, i, "id"]),
            )
        seen.add(x)


def is_valid_id(value: str) -> bool:
    return is_id(value)


def open_store(edition: Edition, settings: Settings | None = None):
    """The edition's store: its own SQLite file unless a database URL is set."""
    from .store import Store  # the store is only needed by commands that read or write answers

    return Store.open(edition.store_url(settings))
