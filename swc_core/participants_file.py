"""Participants and teams from a spreadsheet into ``edition.yml`` (``swc participants``).

The trainer usually gets the list of participants as a spreadsheet. It is
read from Excel (``.xlsx``, the first sheet) or CSV (UTF-8, with or without
Excel's BOM; ``;`` or ``,`` between the cells, whichever the file uses). The
first non-empty row names the columns, in any order and case: ``naam``,
``organisatie``, ``team`` and optionally ``e-mail`` (English names work too).
Empty rows are skipped.

Every problem is reported at once, each with ``file:row``, the column and a
hint: a missing column, an empty or too long cell, an e-mail address that is
none, the same person twice. Nothing is written unless the whole file is
right.

Ids are made here: ``p01``, ``p02``, … and ``team-<name>``. A person already
in the edition (same name and organisation) keeps their id, and so their
answers in the store; an id that has answers in the store is never given to
someone new (``answered``); a team with the same name keeps its id and, if
still a member, its captain; a new team's captain is its first member. The
rest of ``edition.yml`` (title, dates, comments) is left as it was.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .atomic import write_bytes
from .edition import EDITION_FILE, EMAIL_PATTERN, Edition, EditionFile
from .errors import InputError, Problem, ProblemList, ProblemsError, problems_error
from .messages import counted, text

# column -> the names a header may use (compared without case, spaces, dashes and underscores)
COLUMNS = {
    "name": ("naam", "name", "deelnemer", "volledigenaam"),
    "organisation": ("organisatie", "organisation", "organization", "werkgever"),
    "team": ("team", "teamnaam"),
    "email": ("email", "emailadres", "mail"),
}
REQUIRED = ("name", "organisation", "team")
SHOWN = {"name": "naam", "organisation": "organisatie", "team": "team", "email": "e-mail"}
TEXT_LIMIT = 300  # edition.py: Text
MAX_PARTICIPANTS = 999  # ids p001..p999 would still sort; p01..p99 up to 99


class ParticipantsFileError(ProblemsError):
    """A participants spreadsheet that cannot be used as it is."""


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it (1 = the first row)
    name: str
    organisation: str
    team: str
    email: str | None


@dataclass
class ImportResult:
    participants: int
    teams: int
    kept: int  # existing participants whose id was kept
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, name) no longer in the file


def _key(header: str) -> str:
    return re.sub(r"[\s_\-]", "", str(header or "")).lower()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """``(row number, cells)`` of the first sheet or the CSV file, every cell as stripped text."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            text("participants_file.not_found"),
            where=str(path),
            hint=text("participants_file.not_found_hint"),
        )
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    raise InputError(
        text("participants_file.unknown_type", suffix=path.suffix or path.name),
        where=str(path),
        hint=text("participants_file.unknown_type_hint"),
    )


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(
            text("participants_file.unreadable", reason=exc),
            where=str(path),
            hint=text("participants_file.unknown_type_hint"),
        ) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises zipfile's and its own errors for a damaged file
        raise InputError(
            text("participants_file.unreadable", reason=type(exc).__name__),
            where=str(path),
            hint=text("participants_file.unknown_type_hint"),
        ) from None
    try:
        sheet = book.worksheets[0]
        return [
            (i, [_cell(v) for v in row])
            for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            text("participants_file.unreadable", reason=exc.strerror or exc), where=str(path)
        ) from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            text("participants_file.not_utf8"),
            where=str(path),
            hint=text("participants_file.not_utf8_hint"),
        ) from None
    first = next((line for line in content.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    return [(reader.line_num, [_cell(v) for v in row]) for row in reader]


def parse_participants(path: Path) -> list[Row]:
    """The participants of a spreadsheet; raises ParticipantsFileError with every problem at once."""
    path = Path(path)
    rows = [(n, cells) for n, cells in read_rows(path) if any(cells)]
    problems = ProblemList()
    if not rows:
        raise InputError(
            text("participants_file.empty"),
            where=str(path),
            hint=text("participants_file.empty_hint"),
        )
    header_row, header = rows[0]
    columns = _columns(path, header_row, header, problems)
    problems.raise_if_any(ParticipantsFileError, str(path))
    result: list[Row] = []
    for number, cells in rows[1:]:
        row = _row(path, number, cells, columns, problems)
        if row is not None:
            result.append(row)
    if not result and not problems:
        raise InputError(
            text("participants_file.empty"),
            where=str(path),
            hint=text("participants_file.empty_hint"),
        )
    if len(result) > MAX_PARTICIPANTS:
        problems.add(
            text("participants_file.too_many", count=len(result), limit=MAX_PARTICIPANTS),
            where=str(path),
            hint=text("participants_file.too_many_hint"),
        )
    _duplicates(path, result, problems)
    problems.raise_if_any(ParticipantsFileError, str(path))
    return result


def _columns(path: Path, number: int, header: list[str], problems: ProblemList) -> dict[str, int]:
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = names.get(_key(cell))
        if column is None:
            continue
        if column in found:
            problems.add(
                text("participants_file.double_column", column=cell),
                where=f"{path}:{number}",
                hint=text("participants_file.double_column_hint"),
            )
        found.setdefault(column, index)
    for column in REQUIRED:
        if column not in found:
            problems.add(
                text("participants_file.missing_column", column=SHOWN[column]),
                where=f"{path}:{number}",
                hint=text(
                    "participants_file.missing_column_hint",
                    expected=", ".join(SHOWN[c] for c in (*REQUIRED, "email")),
                    found=", ".join(c for c in header if c) or "niets",
                ),
            )
    return found


def _row(
    path: Path, number: int, cells: list[str], columns: dict[str, int], problems: ProblemList
) -> Row | None:
    where = f"{path}:{number}"
    values = {c: (cells[i] if i < len(cells) else "") for c, i in columns.items()}
    fine = True
    for column in REQUIRED:
        if not values[column]:
            problems.add(
                text("participants_file.empty_cell", column=SHOWN[column]),
                where=where,
                hint=text("participants_file.empty_cell_hint", column=SHOWN[column]),
            )
            fine = False
    for column, value in values.items():
        if len(value) > TEXT_LIMIT:
            problems.add(
                text(
                    "participants_file.too_long",
                    column=SHOWN[column],
                    characters=counted("characters", len(value)),
                    limit=TEXT_LIMIT,
                ),
                where=where,
                hint=text("participants_file.too_long_hint"),
            )
            fine = False
    email = values.get("email") or None
    if email and not EMAIL_PATTERN.match(email):
        problems.add(
            text("participants_file.bad_email", column=SHOWN["email"], value=email),
            where=where,
            hint=text("participants_file.bad_email_hint"),
        )
        fine = False
    if not fine:
        return None
    return Row(number, values["name"], values["organisation"], values["team"], email)


def _same_person(row: Row) -> tuple[str, str]:
    return (row.name.casefold(), row.organisation.casefold())


def _duplicates(path: Path, rows: list[Row], problems: ProblemList) -> None:
    people: dict[tuple[str, str], Row] = {}
    emails: dict[str, Row] = {}
    for row in rows:
        first = people.setdefault(_same_person(row), row)
        if first is not row:
            problems.add(
                text(
                    "participants_file.duplicate",
                    name=row.name,
                    organisation=row.organisation,
                    row=first.number,
                ),
                where=f"{path}:{row.number}",
                hint=text("participants_file.duplicate_hint"),
            )
        if row.email:
            first = emails.setdefault(row.email.casefold(), row)
            if first is not row:
                problems.add(
                    text("participants_file.duplicate_email", email=row.email, row=first.number),
                    where=f"{path}:{row.number}",
                    hint=text("participants_file.duplicate_email_hint"),
                )


# -- into edition.yml -----------------------------------------------------------


def _slug(name: str) -> str:
    ascii_name = (
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return slug[:50].strip("-") or "team"


def _participant_ids(
    rows: list[Row], edition: Edition, answered: set[str]
) -> tuple[list[str], int]:
    """An id per row: the existing one for the same name and organisation, else the next free ``pNN``.

    Free: not kept by someone in the file, not a team's, and without answers in the store.
    """
    existing = {
        (p.name.casefold(), p.organisation.casefold()): p.id for p in edition.spec.participants
    }
    width = 3 if len(rows) > 99 else 2
    staying = {existing[_same_person(r)] for r in rows if _same_person(r) in existing}
    taken = staying | set(edition.teams) | set(answered)
    ids, kept, counter = [], 0, 0
    for row in rows:
        pid = existing.pop(_same_person(row), None)
        if pid is not None:
            kept += 1
        else:
            while True:
                counter += 1
                pid = f"p{counter:0{width}d}"
                if pid not in taken:
                    break
        taken.add(pid)
        ids.append(pid)
    return ids, kept


def _teams(rows: list[Row], ids: list[str], edition: Edition, taken: set[str]) -> list[dict]:
    by_name = {t.name.casefold(): t for t in edition.spec.teams}
    teams: dict[str, dict] = {}
    for row, pid in zip(rows, ids):
        key = row.team.casefold()
        if key not in teams:
            old = by_name.get(key)
            slug = _slug(row.team)
            tid = (
                old.id
                if old
                else (slug if slug == "team" or slug.startswith("team-") else f"team-{slug}")
            )
            base, n = tid, 1
            while tid in taken:
                n += 1
                tid = f"{base}-{n}"
            taken.add(tid)
            teams[key] = {
                "id": tid,
                "name": row.team,
                "captain": old.captain if old else None,
                "members": [],
            }
        teams[key]["members"].append(pid)
    for team in teams.values():
        if team["captain"] not in team["members"]:
            team["captain"] = team["members"][0]
    return list(teams.values())


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 120
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def import_participants(
    edition: Edition, path: Path, answered: set[str] = frozenset()
) -> ImportResult:
    """Replace the participants and teams in ``edition``'s edition.yml by those of the spreadsheet ``path``.

    ``answered``: the subjects with answers in the store (their ids are not given to anyone new).
    Raises ParticipantsFileError (every problem at once) or InputError; writes nothing then.
    """
    rows = parse_participants(path)
    ids, kept = _participant_ids(rows, edition, set(answered))
    participant_ids = set(ids)
    teams = _teams(rows, ids, edition, taken=set(participant_ids))
    target = edition.folder / EDITION_FILE
    yaml = _yaml()
    data = yaml.load(target.read_text(encoding="utf-8"))
    before = {(p.name.casefold(), p.organisation.casefold()): p for p in edition.spec.participants}
    people = CommentedSeq()
    for row, pid in zip(rows, ids):
        entry = CommentedMap(id=pid, name=row.name, organisation=row.organisation)
        old = before.get(_same_person(row))
        if old is not None and old.casus:  # the casus title stays with its person, never with an id
            entry["casus"] = old.casus
        if row.email:
            entry["email"] = row.email
        people.append(entry)
    team_list = CommentedSeq()
    for team in teams:
        members = CommentedSeq(team["members"])
        members.fa.set_flow_style()
        team_list.append(
            CommentedMap(id=team["id"], name=team["name"], captain=team["captain"], members=members)
        )
    data["participants"] = people
    data["teams"] = team_list
    _check(data, target)
    out = io.StringIO()
    yaml.dump(data, out)
    write_bytes(target, out.getvalue().encode("utf-8"), mode=0o644)
    present = {_same_person(row) for row in rows}
    removed = [(p.id, p.name) for key, p in before.items() if key not in present]
    return ImportResult(len(rows), len(teams), kept, removed)


def _check(data, target: Path) -> None:
    """The new edition.yml must validate (it does by construction; this keeps it so)."""
    from pydantic import ValidationError

    plain = dict(data)
    try:
        EditionFile.model_validate(plain)
    except ValidationError as exc:
        problems = [
            Problem(str(err["msg"]), where=str(target)) for err in exc.errors(include_url=False)
        ]
        raise problems_error(ParticipantsFileError, problems, str(target)) from None


def summary(result: ImportResult, target: Path) -> str:
    return text(
        "participants_file.written",
        participants=counted("participants", result.participants),
        teams=counted("teams", result.teams),
        path=target,
    )
