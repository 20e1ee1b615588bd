"""The store: an append-only log of revisions behind one small interface.

Every save appends a revision (edition, subject, field, value, author, time);
reading gives the latest revision per field. Nothing is overwritten or
deleted by a save, so a value typed once can always be found again. Values
are JSON; the caller validates them (``swc_core.model.fields.parse_field``)
before they reach the store.

How dashboards notice saves, from any process or server: they poll
:meth:`Store.last_id`, ``max(id)``, every 0.5 s and read the room again only
when it changed. ``max(id)`` is answered from the end of the primary-key
index (O(log n), never a scan of the rows), so it costs one tiny query per
dashboard per half second; it works the same on SQLite and PostgreSQL, and
across any number of ``swc serve`` processes on one database, because ids
only grow (``swc migrate`` sets PostgreSQL's sequence past the ids it
copies). PostgreSQL's LISTEN/NOTIFY would save that query, but each
listening kernel would hold a dedicated connection for its lifetime (one per
open dashboard, on every server) and SQLite has no equivalent, so two change
paths would have to be kept correct; the poll meets the 2 s target as it is
(``tests/test_shared_store.py``, ``bench/scale.py``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import InputError, StoreError
from ..messages import text as ui_text
from .engine import BUSY_TIMEOUT, WRITE, create_store_engine, describe_url
from .merge import Conflict, IsText, Merged, merge_values
from .schema import ensure_schema
from .tables import revisions as R

_UNSET = object()  # no base value given: the base is the revision's


@dataclass(frozen=True)
class Revision:
    id: int
    edition: str
    subject: str
    field: str
    value: Any
    author: str
    saved_at: datetime


def _dump(value: Any) -> str:
    try:
        return json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise InputError(ui_text("store.not_storable", reason=exc)) from None


def _revision(row) -> Revision:
    saved_at = row.saved_at
    if saved_at.tzinfo is None:  # SQLite hands back naive datetimes
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    return Revision(
        row.id, row.edition, row.subject, row.field, json.loads(row.value), row.author, saved_at
    )


class Store:
    """One database holding the revisions of one or more editions."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str, busy_timeout: float = BUSY_TIMEOUT) -> "Store":
        """Open (and create or upgrade) the store at ``url``.

        ``busy_timeout``: how long a SQLite write waits for another
        process's lock before it fails (and the caller may retry).
        """
        engine = create_store_engine(url, busy_timeout)
        try:
            ensure_schema(engine)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(
                ui_text("store.unreachable", reason=_first_line(exc)),
                where=describe_url(url),
                hint=ui_text("store.unreachable_hint"),
            ) from None
        return cls(engine)

    @property
    def url(self) -> str:
        return describe_url(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------

    def save(self, edition: str, subject: str, field: str, value: Any, author: str) -> Revision:
        """Append one revision and return it once it is committed."""
        return self.save_many(edition, [(subject, field, value)], author)[0]

    def save_many(
        self, edition: str, items: Iterable[tuple[str, str, Any]], author: str
    ) -> list[Revision]:
        """Append several revisions in one transaction (all or nothing)."""
        rows = [
            {"edition": edition, "subject": s, "field": f, "value": _dump(v), "author": author}
            for s, f, v in items
        ]
        if not rows:
            return []
        saved_at = datetime.now(timezone.utc)
        out = []
        try:
            with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                for row in rows:
                    new_id = conn.execute(
                        insert(R).values(**row, saved_at=saved_at).returning(R.c.id)
                    ).scalar_one()
                    out.append(
                        Revision(
                            new_id,
                            edition,
                            row["subject"],
                            row["field"],
                            json.loads(row["value"]),
                            author,
                            saved_at,
                        )
                    )
        except SQLAlchemyError as exc:
            raise StoreError(
                ui_text("store.save_failed", reason=_first_line(exc)), where=self.url
            ) from None
        return out

    def save_based(
        self,
        edition: str,
        subject: str,
        field: str,
        value: Any,
        author: str,
        base_id: int | None,
        *,
        is_text: IsText | None = None,
        check: Callable[[Any], Any] | None = None,
        base_value: Any = _UNSET,
    ) -> tuple[Revision, Merged]:
        """Save ``value`` as a change of revision ``base_id``, merged with what was saved since; never a stale copy.

        ``base_id``: the revision of this field the page last saw (None: it
        saw none). When the field's newest revision is still ``base_id`` (or
        there is none), ``value`` is appended as it is. Otherwise someone
        else saved meanwhile (another device, a teammate), and the value
        appended is the three-way merge (:mod:`.merge`) of base, ``value``
        (mine) and the newest (theirs); ``is_text`` tells free text from
        choices. ``check`` (the field's validator) is applied to a merged
        value; one it refuses is not saved: ``value`` is, with the whole
        field as a conflict, so the page shows both and the person picks.
        When the merge gives the newest value unchanged, nothing is appended
        and that revision is returned. ``base_value``: the value the change
        was really made on when that is not revision ``base_id``'s (a
        keystroke that left the browser before the page showed ``base_id``);
        ``value`` is then always merged with the newest against it.

        Returns the revision that now holds the field, and the merge (its
        ``value`` is that revision's value; ``conflicts`` lists what both
        sides set two ways). Read, merge and append run in one write
        transaction, so two kernels saving the same field at once are
        applied one after the other and neither is lost: SQLite's
        ``BEGIN IMMEDIATE`` serialises writers; on PostgreSQL a transaction
        advisory lock on the field (edition, subject, field) does.
        """
        dumped = _dump(value)
        try:
            with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"),
                        {"k": _field_lock(edition, subject, field)},
                    )
                latest = self._latest_of(conn, edition, subject, field)
                merged = Merged(json.loads(dumped))
                if latest is not None and (latest.id != base_id or base_value is not _UNSET):
                    base = (
                        self._value_of(conn, edition, subject, field, base_id)
                        if base_value is _UNSET
                        else base_value
                    )
                    mine = merged.value
                    merged = _checked(
                        merge_values(base, mine, latest.value, is_text), mine, latest, check
                    )
                    if _dump(merged.value) == _dump(latest.value):
                        return latest, merged
                    dumped = _dump(merged.value)
                saved_at = datetime.now(timezone.utc)
                row = {
                    "edition": edition,
                    "subject": subject,
                    "field": field,
                    "value": dumped,
                    "author": author,
                }
                new_id = conn.execute(
                    insert(R).values(**row, saved_at=saved_at).returning(R.c.id)
                ).scalar_one()
        except SQLAlchemyError as exc:
            raise StoreError(
                ui_text("store.save_failed", reason=_first_line(exc)), where=self.url
            ) from None
        return Revision(new_id, edition, subject, field, merged.value, author, saved_at), merged

    @staticmethod
    def _latest_of(conn, edition: str, subject: str, field: str) -> Revision | None:
        query = (
            select(R)
            .where(R.c.edition == edition, R.c.subject == subject, R.c.field == field)
            .order_by(R.c.id.desc())
            .limit(1)
        )
        row = conn.execute(query).first()
        return _revision(row) if row is not None else None

    @staticmethod
    def _value_of(conn, edition: str, subject: str, field: str, rev_id: int | None) -> Any:
        """The value of revision ``rev_id`` of this field; None when there is none (a page that saw nothing)."""
        if rev_id is None:
            return None
        query = select(R.c.value).where(
            R.c.id == rev_id, R.c.edition == edition, R.c.subject == subject, R.c.field == field
        )
        found = conn.execute(query).scalar()
        return json.loads(found) if found is not None else None

    # -- reading -------------------------------------------------------

    def latest(self, edition: str, subject: str | None = None) -> dict[str, dict[str, Revision]]:
        """The newest revision of every field, as ``{subject: {field: revision}}``."""
        query = _newest(select(R), edition, None if subject is None else (subject,))
        out: dict[str, dict[str, Revision]] = {}
        for rev in self._read(query):
            out.setdefault(rev.subject, {})[rev.field] = rev
        return out

    def values(self, edition: str, subject: str) -> dict[str, Any]:
        """The current value of each field of one subject."""
        return self.values_of(edition, (subject,)).get(subject, {})

    def values_of(
        self, edition: str, subjects: Iterable[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """The newest value of every field of each subject, as ``{subject: {field key: JSON value}}``.

        In: the edition's name and the subjects to read (a team and its
        members: :meth:`~swc_core.edition.Edition.team_subjects`); None reads
        every subject. The filter runs in the query (``subject IN ...``), so
        a team page never loads the other teams' answers. Out: one entry per
        subject that saved at least one field; a subject with nothing saved
        is absent. Raises ``StoreError`` when the store cannot be read.
        """
        chosen = None if subjects is None else tuple(dict.fromkeys(subjects))
        if chosen == ():
            return {}
        query = _newest(select(R.c.subject, R.c.field, R.c.value), edition, chosen)
        out: dict[str, dict[str, Any]] = {}
        for subject, key, value in self._rows(query):
            out.setdefault(subject, {})[key] = json.loads(value)
        return out

    def history(
        self, edition: str, subject: str | None = None, field: str | None = None
    ) -> list[Revision]:
        """Every revision, oldest first."""
        query = select(R).where(R.c.edition == edition)
        if subject is not None:
            query = query.where(R.c.subject == subject)
        if field is not None:
            query = query.where(R.c.field == field)
        return list(self._read(query.order_by(R.c.id)))

    def count(self, edition: str | None = None) -> int:
        query = select(func.count()).select_from(R)
        if edition is not None:
            query = query.where(R.c.edition == edition)
        return self._scalar(query)

    def last_id(self) -> int:
        """Id of the newest revision: a cheap token that changes on every save."""
        return self._scalar(select(func.coalesce(func.max(R.c.id), 0)))

    def last_ids(self, edition: str) -> dict[str, int]:
        """Newest revision id per subject: changes whenever that subject saves anything."""
        query = (
            select(R.c.subject, func.max(R.c.id))
            .where(R.c.edition == edition)
            .group_by(R.c.subject)
        )
        return {subject: last for subject, last in self._rows(query)}

    def last_id_of(self, edition: str, subject: str) -> int:
        """Newest revision id of one subject (0: none): what an open page polls to see saves made elsewhere."""
        query = select(func.coalesce(func.max(R.c.id), 0)).where(
            R.c.edition == edition, R.c.subject == subject
        )
        return self._scalar(query)

    def editions(self) -> list[str]:
        return [e for (e,) in self._rows(select(R.c.edition).distinct().order_by(R.c.edition))]

    def integrity_ok(self) -> bool:
        """SQLite's integrity check (PostgreSQL guarantees this itself)."""
        if self.engine.dialect.name != "sqlite":
            return True
        return self._scalar(text("PRAGMA integrity_check")) == "ok"

    # -- helpers -------------------------------------------------------

    def _read(self, query) -> Iterator[Revision]:
        for row in self._rows(query):
            yield _revision(row)

    def _rows(self, query) -> list:
        try:
            with self.engine.connect() as conn:
                return conn.execute(query).all()
        except SQLAlchemyError as exc:
            raise StoreError(
                ui_text("store.read_failed", reason=_first_line(exc)), where=self.url
            ) from None

    def _scalar(self, query):
        return self._rows(query)[0][0]


def _newest(columns, edition: str, subjects: tuple[str, ...] | None):
    """``columns`` of the newest revision of every field of ``subjects`` (None: all), by subject and field.

    The newest revision of a field is the one with the highest id; the
    subquery finds those ids along the ``ix_revisions_latest`` index.
    """
    newest = select(func.max(R.c.id).label("id")).where(R.c.edition == edition)
    if subjects is not None:
        newest = newest.where(R.c.subject.in_(subjects))
    newest = newest.group_by(R.c.subject, R.c.field).subquery()
    return columns.join_from(R, newest, R.c.id == newest.c.id).order_by(R.c.subject, R.c.field)


def _field_lock(edition: str, subject: str, field: str) -> int:
    """A PostgreSQL advisory lock key (signed 64 bits) for one field of one subject."""
    digest = hashlib.blake2b(
        "\x1f".join((edition, subject, field)).encode("utf-8"), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big", signed=True)


def _checked(
    merged: Merged, mine: Any, latest: Revision, check: Callable[[Any], Any] | None
) -> Merged:
    """The merge, if the field's validator takes it; else ``mine`` with the whole field as a conflict."""
    if check is None:
        return merged
    try:
        return Merged(check(merged.value), merged.conflicts)
    except InputError:
        return Merged(mine, [Conflict((), mine, latest.value)])


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
