"""Importing answers from a YAML file (demo material, or a trainer's prepared answers).

The file maps each participant id to ``{field key: value}``; the optional
top-level key ``teams`` maps team ids to their team fields. Everything is
validated before anything is written, then saved in one transaction, so a
broken file changes nothing. Fields whose current value is already the same
are skipped, so importing twice adds no revisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .edition import Edition
from .errors import InputError, Problem, ProblemList, ProblemsError, carrying
from .messages import text
from .model.base import Text
from .model.fields import field_type, is_team_field, parse_field
from .store import Store
from .yamlfile import YamlDocument, read_yaml, text_hint, yaml_warnings

TEAMS_KEY = "teams"


class AnswersError(ProblemsError):
    """The answers file cannot be imported."""


@dataclass(frozen=True)
class ImportResult:
    saved: int
    unchanged: int


def _plain(value: Any) -> Any:
    """ruamel's commented containers to plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class AnswersFile:
    """An answers file read for ``swc import``: what to save, and what may not be what was meant."""

    items: list[tuple[str, str, Any]]
    warnings: list[Problem]


def check_answers(path: Path, edition: Edition) -> AnswersFile:
    """``read_answers`` for ``swc import``: the triples and the places where YAML may not read what was meant.

    In: the answers file and its edition. Out: the validated triples and
    the file's warnings (:func:`~swc_core.yamlfile.yaml_warnings`). A file
    that cannot be imported raises as ``read_answers`` does, with the
    warnings attached, since they often explain the error.
    """
    warnings = yaml_warnings(Path(path))
    with carrying(warnings):
        return AnswersFile(read_answers(path, edition), warnings)


def read_answers(path: Path, edition: Edition) -> list[tuple[str, str, Any]]:
    """All (subject, field, value) triples of the file, validated; raises on any problem."""
    problems = ProblemList()
    doc = read_yaml(Path(path), problems)
    problems.raise_if_any(AnswersError, f"antwoorden {path}")
    if not isinstance(doc.data, CommentedMap):
        problems.add(text("answers_file.not_a_map"), where=doc.where())
        problems.raise_if_any(AnswersError, f"antwoorden {path}")
    items: list[tuple[str, str, Any]] = []
    for subject, fields, loc, team in _subjects(doc.data):
        known = edition.teams if team else edition.participants
        if subject not in known:
            kind = "team" if team else "participant"
            problems.add(
                text(f"edition.unknown_{kind}", id=subject, name=edition.name),
                where=doc.where(loc),
                hint=text(f"edition.known_{kind}s", ids=", ".join(known)),
            )
            continue
        if not isinstance(fields, dict):
            problems.add(
                text("answers_file.fields_not_a_map", subject=subject), where=doc.where(loc)
            )
            continue
        for key, value in fields.items():
            key = str(key)
            if is_team_field(key) != team:
                owner = "team" if is_team_field(key) else "deelnemer"
                problems.add(
                    text("answers_file.wrong_owner", subject=subject, key=key, owner=owner),
                    where=doc.where([*loc, key]),
                )
                continue
            try:
                items.append((subject, key, parse_field(key, _plain(value))))
            except InputError as exc:
                hint = exc.hint or _text_hint(doc, [*loc, key], key, value)
                problems.add(f"{subject}: {exc.message}", where=doc.where([*loc, key]), hint=hint)
    problems.raise_if_any(AnswersError, f"antwoorden {path}")
    return items


def _text_hint(doc: YamlDocument, loc: list[Any], key: str, value: Any) -> str | None:
    """For a text field whose value YAML read as a number, yes/no, empty, map or list: why, and the fix."""
    try:
        is_text = field_type(key) is Text
    except InputError:  # an unknown field: its own message says so
        return None
    return text_hint(doc, loc, value) if is_text else None


def _subjects(data: CommentedMap):
    for key, fields in data.items():
        if key == TEAMS_KEY:
            for team, team_fields in (fields or {}).items():
                yield str(team), team_fields, [TEAMS_KEY, team], True
        else:
            yield str(key), fields, [key], False


def import_answers(
    store: Store, edition: Edition, items: list[tuple[str, str, Any]], author: str
) -> ImportResult:
    """Save every triple whose value differs from the current one."""
    current = store.latest(edition.name)
    changed = [
        (s, f, v) for s, f, v in items if f not in current.get(s, {}) or current[s][f].value != v
    ]
    store.save_many(edition.name, changed, author)
    return ImportResult(saved=len(changed), unchanged=len(items) - len(changed))
