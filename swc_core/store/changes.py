"""The store's own signal that something was saved: cheap enough to ask ten times a second.

A dashboard on the projector and every open page want to know, as soon as
possible, that a save happened somewhere (another kernel, another server).
Asking the table itself (``max(id)``) is one query per look; the backends
have a cheaper way to say "nothing changed":

* **SQLite**: ``PRAGMA data_version`` on a connection of our own that never
  writes. Its value changes whenever another connection (of any process)
  commits to the file, and it reads no table (SQLite's documentation,
  *PRAGMA data_version*). Measured in ``bench/live.py``.
* **PostgreSQL**: ``LISTEN swc_revisions`` on a connection of our own;
  every statement that adds revisions sends ``NOTIFY swc_revisions`` from a
  trigger (migration ``0002``), on commit, whoever wrote them (a kernel,
  ``swc import``, a restore, a second server). A look is a non-blocking read
  of notifications already on the socket (psycopg 3, ``Connection.notifies``
  with ``timeout=0``).

:meth:`ChangeSignal.changed` may say True once too often (after a lost
connection, or a save by the asker itself), never False after a commit it
has not reported: callers confirm with one real query. A signal whose
connection broke reports True (the caller's query then finds out whether
the store is reachable) and connects again at the next look.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Protocol

from sqlalchemy.engine import make_url

from .store import Store

CHANNEL = (
    "swc_revisions"  # PostgreSQL channel; its trigger is in migrations/versions/0002_notify.py
)
log = logging.getLogger("swc.store")


class ChangeSignal(Protocol):
    def changed(self) -> bool:
        """True when something may have been saved since the previous call (and at the first call)."""

    def close(self) -> None: ...


def change_signal(store: Store) -> ChangeSignal:
    """The cheapest change signal ``store``'s backend offers; raises nothing (a failing one reports True)."""
    url = make_url(store.engine.url.render_as_string(hide_password=False))
    if url.get_backend_name() == "sqlite":
        return DataVersion(url.database)
    return Notifications(url.set(drivername="postgresql").render_as_string(hide_password=False))


class DataVersion:
    """SQLite: ``PRAGMA data_version`` on a connection of its own that only ever asks this."""

    def __init__(self, path: str):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None

    def changed(self) -> bool:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=False
                )
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            log.debug("data_version unreadable: %s", exc)
            self.close()
            return True
        changed, self._version = version != self._version, version
        return changed

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._version = None


class Notifications:
    """PostgreSQL: ``LISTEN`` on a connection of its own; a look reads what already arrived."""

    def __init__(self, url: str):
        self.url = url
        self._conn = None

    def changed(self) -> bool:
        import psycopg

        try:
            if self._conn is None:
                self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
                self._conn.execute(f"LISTEN {CHANNEL}")
                return True  # whatever was saved before we listened is unknown to us
            return (
                sum(1 for _ in self._conn.notifies(timeout=0)) > 0
            )  # read them all: each look starts empty
        except psycopg.Error as exc:
            log.debug("notifications lost: %s", exc)
            self.close()
            return True

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # closing a broken connection may fail; it is gone either way
                pass
            self._conn = None
