"""Backing up an edition's answers while people save, and restoring them.

A backup is always a SQLite store file with the store's own schema (so
``swc status demo --db sqlite:///backup.db`` can read it), private to its
owner, written to a temporary file and renamed into place:

* from SQLite, SQLite's online backup API copies the database in one step
  under one read transaction: the copy is a single consistent moment, and
  in WAL mode the kernels that keep saving are not blocked meanwhile;
* from PostgreSQL, the edition's revisions are read in one REPEATABLE READ
  transaction (one snapshot) and written to a new SQLite store. That is a
  copy of the answers, not of the database server: ``pg_dump`` backs up
  the whole database (the command says so).

Restoring copies the backup's revisions of the edition into the store in
one write transaction, so it lands whole or not at all. It refuses a store
that already holds revisions of the edition unless forced; forced, it
replaces them in that same transaction. The store file itself is never
swapped: a SQLite file in WAL mode cannot be replaced under open
connections (a kernel's ``-wal`` file would be replayed into the new file),
and the store may hold other editions or live in PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, delete, func, insert, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from ..atomic import atomic_path
from ..errors import InputError, StoreError
from ..messages import counted
from ..messages import text as ui_text
from .engine import WRITE
from .store import Store, _first_line
from .tables import revisions as R

CHUNK = 1000  # rows per INSERT when restoring


@dataclass(frozen=True)
class BackupResult:
    path: Path
    revisions: int
    advice: str | None = (
        None  # shown to the trainer (PostgreSQL: use pg_dump for the whole database)
    )


def backup_edition(store: Store, edition: str, target: Path) -> BackupResult:
    """Write a consistent copy of ``edition``'s revisions to the SQLite file ``target``."""
    target = Path(target)
    with atomic_path(target) as tmp:
        if store.engine.dialect.name == "sqlite":
            _copy_sqlite_file(Path(store.engine.url.database), tmp)
            advice = None
        else:
            _copy_rows(_snapshot_rows(store, edition), tmp)
            advice = ui_text("backup.pg_dump_advice")
        count = _keep_only(tmp, edition)
    return BackupResult(target, count, advice)


def _copy_sqlite_file(source: Path, tmp: Path) -> None:
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)  # pages=-1: all pages in one step, under one read transaction
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise StoreError(ui_text("backup.failed", reason=exc), where=str(source)) from None


def _snapshot_rows(store: Store, edition: str) -> list[dict]:
    try:
        with (
            store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
            conn.begin(),
        ):
            rows = (
                conn.execute(select(R).where(R.c.edition == edition).order_by(R.c.id))
                .mappings()
                .all()
            )
    except SQLAlchemyError as exc:
        raise StoreError(
            ui_text("backup.failed", reason=_first_line(exc)), where=store.url
        ) from None
    return [{**row, "saved_at": _utc(row["saved_at"])} for row in rows]


def _copy_rows(rows: list[dict], tmp: Path) -> None:
    with Store.open(f"sqlite:///{tmp}") as copy, copy.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(R), rows[start : start + CHUNK])


def _keep_only(path: Path, edition: str) -> int:
    """Remove other editions' revisions from the copy (and their text from free pages); one self-contained file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        others = conn.execute(
            "SELECT count(*) FROM revisions WHERE edition != ?", (edition,)
        ).fetchone()[0]
        if others:
            conn.execute("DELETE FROM revisions WHERE edition != ?", (edition,))
            conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode=DELETE")  # no -wal file next to a backup
        return conn.execute("SELECT count(*) FROM revisions").fetchone()[0]
    finally:
        conn.close()


# -- restoring -------------------------------------------------------------


def read_backup(path: Path, edition: str) -> list[dict]:
    """The revisions of ``edition`` in the backup file, oldest first; InputError if it is no usable backup."""
    path = Path(path)
    if not path.is_file():
        raise InputError(ui_text("backup.not_found", path=path), hint=ui_text("backup.file_hint"))
    engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            if conn.exec_driver_sql("PRAGMA integrity_check").scalar() != "ok":
                raise InputError(
                    ui_text("backup.damaged"), where=str(path), hint=ui_text("backup.other_hint")
                )
            if not inspect(conn).has_table("revisions"):
                raise InputError(ui_text("backup.not_a_store"), where=str(path))
            rows = (
                conn.execute(select(R).where(R.c.edition == edition).order_by(R.c.id))
                .mappings()
                .all()
            )
            found = [e for (e,) in conn.execute(select(R.c.edition).distinct())]
    except SQLAlchemyError as exc:
        raise InputError(
            ui_text("backup.not_a_store_because", reason=_first_line(exc)),
            where=str(path),
            hint=ui_text("backup.file_hint"),
        ) from None
    finally:
        engine.dispose()
    if not rows:
        raise InputError(
            ui_text("backup.no_answers", edition=edition),
            where=str(path),
            hint=ui_text("backup.holds", editions=", ".join(found))
            if found
            else ui_text("backup.empty"),
        )
    out = []
    for row in rows:
        try:
            json.loads(row["value"])
        except ValueError:
            raise InputError(
                ui_text("backup.bad_value", id=row["id"]),
                where=str(path),
                hint=ui_text("backup.other_hint"),
            ) from None
        out.append(
            {k: row[k] for k in ("edition", "subject", "field", "value", "author")}
            | {"saved_at": _utc(row["saved_at"])}
        )
    return out


def restore_edition(store: Store, edition: str, source: Path, *, force: bool = False) -> int:
    """Put the backup's revisions of ``edition`` into ``store`` in one transaction; the number restored."""
    return restore_rows(store, edition, read_backup(source, edition), force=force)


def restore_rows(store: Store, edition: str, rows: list[dict], *, force: bool = False) -> int:
    """Put revisions read by :func:`read_backup` into ``store``, all in one transaction."""
    try:
        with store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            present = conn.execute(
                select(func.count()).select_from(R).where(R.c.edition == edition)
            ).scalar()
            if present and not force:
                raise StoreError(
                    ui_text(
                        "backup.store_not_empty",
                        revisions=counted("revisions", present),
                        edition=edition,
                    ),
                    where=store.url,
                    hint=ui_text("backup.store_not_empty_hint"),
                )
            conn.execute(delete(R).where(R.c.edition == edition))
            for start in range(0, len(rows), CHUNK):  # new ids, in the backup's order
                conn.execute(insert(R), rows[start : start + CHUNK])
    except SQLAlchemyError as exc:
        raise StoreError(
            ui_text("backup.restore_failed", reason=_first_line(exc)), where=store.url
        ) from None
    return len(rows)


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes, which the store writes in UTC.
    return (
        value.replace(tzinfo=timezone.utc)
        if value.tzinfo is None
        else value.astimezone(timezone.utc)
    )
