"""Moving editions from one store to another: a laptop's SQLite file to PostgreSQL.

Every revision moves with its id, subject, field, value, author and time:
the answers, their history and their order stay exactly as they were.

* The source is read in one SELECT (one consistent moment, even while
  kernels keep saving) and never written to: a SQLite source is opened
  read-only.
* The target is written in one transaction, under a lock that keeps other
  writers out meanwhile (``LOCK TABLE ... IN EXCLUSIVE MODE`` on PostgreSQL,
  ``BEGIN IMMEDIATE`` on SQLite; readers, such as dashboards, go on).
  Before the commit every edition is read back and compared with the
  source (number of revisions, highest id, a checksum over every
  revision); any difference rolls the whole move back. So an edition lands
  whole or not at all, and never twice: a target that already holds
  revisions of an edition is refused unless ``force``, which replaces them
  in that same transaction.
* Ids are kept when none of them is taken in the target (the usual case: a
  fresh PostgreSQL store). When the target already holds other editions
  with those ids, the moved revisions are numbered on after the target's
  highest id, in their original order. Either way the order of saves is
  kept, which is all the store relies on (the newest revision of a field is
  the one with the highest id).
* PostgreSQL's id sequence is set past the highest id afterwards, so the
  next save gets a higher id than anything moved: ``max(id)``, which the
  dashboards poll, keeps growing with every save.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, delete, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import InputError, StoreError
from ..messages import counted
from ..messages import text as ui_text
from .engine import WRITE, describe_url
from .store import Store, _first_line
from .tables import revisions as R

CHUNK = 1000  # rows per INSERT
COLUMNS = ("id", "edition", "subject", "field", "value", "author", "saved_at")


@dataclass(frozen=True)
class EditionSummary:
    """What must be equal in source and target after a move."""

    edition: str
    revisions: int
    max_id: int
    checksum: str  # sha256 over every revision in id order, ids excluded (they may be renumbered)


@dataclass(frozen=True)
class MigrationReport:
    source: str  # URLs without passwords
    target: str
    editions: list[EditionSummary]  # as read back from the target
    ids_kept: bool
    replaced: int  # revisions of these editions the target held before (only with force)

    @property
    def revisions(self) -> int:
        return sum(e.revisions for e in self.editions)


def migrate_store(
    source_url: str, target_url: str, editions: list[str] | None = None, *, force: bool = False
) -> MigrationReport:
    """Copy every revision of ``editions`` (default: all) from ``source_url`` into ``target_url``."""
    source_url, target_url = _as_url(source_url), _as_url(target_url)
    if _same_database(source_url, target_url):
        raise InputError(
            ui_text("migrate.same_database"),
            where=describe_url(target_url),
            hint=ui_text("migrate.same_database_hint"),
        )
    rows = read_source(source_url, editions)
    with Store.open(target_url) as target:
        ids_kept, replaced = _write(target, rows, force=force)
        after = summarize(_read_target(target, sorted({r["edition"] for r in rows})))
    return MigrationReport(
        describe_url(source_url), describe_url(target_url), after, ids_kept, replaced
    )


def read_source(url: str, editions: list[str] | None = None) -> list[dict]:
    """Every revision of ``editions`` in the source, oldest first, read in one statement."""
    engine = _source_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("revisions"):
                raise InputError(
                    ui_text("migrate.not_a_store"),
                    where=describe_url(url),
                    hint=ui_text("migrate.not_a_store_hint"),
                )
            found = [
                e for (e,) in conn.execute(select(R.c.edition).distinct().order_by(R.c.edition))
            ]
            wanted = list(editions) if editions else found
            missing = [e for e in wanted if e not in found]
            if missing or not wanted:
                raise InputError(
                    ui_text("migrate.missing", editions=", ".join(missing))
                    if missing
                    else ui_text("migrate.empty"),
                    where=describe_url(url),
                    hint=ui_text("migrate.holds", editions=", ".join(found))
                    if found
                    else ui_text("migrate.empty_hint"),
                )
            query = (
                select(*[R.c[c] for c in COLUMNS]).where(R.c.edition.in_(wanted)).order_by(R.c.id)
            )
            rows = [dict(row) for row in conn.execute(query).mappings()]
    except SQLAlchemyError as exc:
        raise StoreError(
            ui_text("migrate.unreadable", reason=_first_line(exc)),
            where=describe_url(url),
            hint=ui_text("migrate.unreadable_hint"),
        ) from None
    finally:
        engine.dispose()
    for row in rows:
        row["saved_at"] = _utc(row["saved_at"])
    return rows


def summarize(rows: list[dict]) -> list[EditionSummary]:
    """Per edition: count, highest id and checksum of revisions given oldest first."""
    by_edition: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_edition[row["edition"]].append(row)
    out = []
    for edition in sorted(by_edition):
        digest = hashlib.sha256()
        for row in by_edition[edition]:
            digest.update(_fingerprint(row))
        max_id = by_edition[edition][-1]["id"]
        out.append(EditionSummary(edition, len(by_edition[edition]), max_id, digest.hexdigest()))
    return out


def _fingerprint(row: dict) -> bytes:
    saved_at = _utc(row["saved_at"]).strftime("%Y-%m-%dT%H:%M:%S.%f")
    fields = (row["subject"], row["field"], row["value"], row["author"], saved_at)
    return "\x1f".join(fields).encode() + b"\x1e"


def _write(target: Store, rows: list[dict], *, force: bool) -> tuple[bool, int]:
    """Insert ``rows`` in one transaction; (ids kept, revisions replaced)."""
    editions = sorted({r["edition"] for r in rows})
    expected = summarize(rows)
    try:
        with target.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            postgres = conn.dialect.name == "postgresql"
            if postgres:  # no save may take an id while ours are chosen; dashboards may still read
                conn.execute(text("LOCK TABLE revisions IN EXCLUSIVE MODE"))
            present = _present(conn, editions)
            if present and not force:
                listing = ", ".join(f"{e} ({n})" for e, n in present.items())
                raise StoreError(
                    ui_text("migrate.target_not_empty", editions=listing),
                    where=target.url,
                    hint=ui_text("migrate.target_not_empty_hint"),
                )
            conn.execute(delete(R).where(R.c.edition.in_(editions)))
            ids_kept = not _ids_taken(conn, rows)
            if not ids_kept:
                start = (conn.execute(select(func.max(R.c.id))).scalar() or 0) + 1
                rows = [{**row, "id": start + i} for i, row in enumerate(rows)]
            for begin in range(0, len(rows), CHUNK):
                conn.execute(insert(R), rows[begin : begin + CHUNK])
            if postgres:
                conn.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence('revisions', 'id'), "
                        "(SELECT max(id) FROM revisions))"
                    )
                )
            written = summarize(_read_target_in(conn, editions))
            _check(expected, written, ids_kept, target.url)  # raises: the transaction rolls back
    except SQLAlchemyError as exc:
        raise StoreError(
            ui_text("migrate.failed", reason=_first_line(exc)), where=target.url
        ) from None
    return ids_kept, sum(present.values())


def _present(conn, editions: list[str]) -> dict[str, int]:
    query = (
        select(R.c.edition, func.count())
        .where(R.c.edition.in_(editions))
        .group_by(R.c.edition)
        .order_by(R.c.edition)
    )
    return {e: n for e, n in conn.execute(query)}


def _ids_taken(conn, rows: list[dict]) -> bool:
    ids = {r["id"] for r in rows}
    query = select(R.c.id).where(R.c.id.between(min(ids), max(ids)))
    return any(i in ids for (i,) in conn.execute(query))


def _check(
    expected: list[EditionSummary], written: list[EditionSummary], ids_kept: bool, where: str
) -> None:
    for want, got in zip(expected, written, strict=True):
        same = (want.revisions, want.checksum) == (got.revisions, got.checksum)
        if not same or (ids_kept and want.max_id != got.max_id):
            raise StoreError(
                ui_text(
                    "migrate.check_failed",
                    edition=want.edition,
                    revisions=counted("revisions", want.revisions),
                    max_id=want.max_id,
                    got=got.revisions,
                    got_max_id=got.max_id,
                ),
                where=where,
            )


def _read_target(target: Store, editions: list[str]) -> list[dict]:
    try:
        with target.engine.connect() as conn:
            return _read_target_in(conn, editions)
    except SQLAlchemyError as exc:
        raise StoreError(
            ui_text("migrate.check_unreadable", reason=_first_line(exc)), where=target.url
        ) from None


def _read_target_in(conn, editions: list[str]) -> list[dict]:
    query = select(*[R.c[c] for c in COLUMNS]).where(R.c.edition.in_(editions)).order_by(R.c.id)
    return [dict(row) for row in conn.execute(query).mappings()]


def _as_url(value: str) -> str:
    """A URL as given, or a plain file path taken as a SQLite store."""
    return value if "://" in value else f"sqlite:///{Path(value).resolve()}"


def _source_engine(url: str):
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            ui_text("migrate.bad_url", url=url), hint=ui_text("migrate.bad_url_hint")
        ) from None
    if parsed.get_backend_name() != "sqlite":
        from .engine import create_store_engine

        return create_store_engine(url)
    path = Path(parsed.database or "")
    if not path.is_file():
        raise InputError(
            ui_text("migrate.no_source_file", path=path),
            where=describe_url(url),
            hint=ui_text("migrate.no_source_file_hint"),
        )
    # Read-only: moving an edition never changes the laptop's file.
    return create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")


def _same_database(a: str, b: str) -> bool:
    try:
        pa, pb = make_url(a), make_url(b)
    except ArgumentError:
        return False
    if pa.get_backend_name() == pb.get_backend_name() == "sqlite":
        return (
            bool(pa.database and pb.database)
            and Path(pa.database).resolve() == Path(pb.database).resolve()
        )
    return pa.render_as_string(hide_password=True) == pb.render_as_string(hide_password=True)


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes, which the store writes in UTC.
    return (
        value.replace(tzinfo=timezone.utc)
        if value.tzinfo is None
        else value.astimezone(timezone.utc)
    )
