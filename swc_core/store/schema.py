"""Creating and upgrading the store's schema with Alembic, safely under concurrency.

Two servers (or two kernels) may open a new store at the same moment. The
upgrade runs inside one write transaction that first takes a lock:
``pg_advisory_xact_lock`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite. The
second opener waits, then finds the schema at head and does nothing. DDL is
transactional on both backends, so a failed upgrade leaves nothing half-done.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from .engine import WRITE

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0002"  # kept equal to Alembic's head by tests/test_store.py
_LOCK_KEY = 0x5EC0DE  # advisory lock id for schema changes on PostgreSQL


def alembic_config():
    # Alembic is imported only when a schema must change: every kernel opens
    # the store, and most find it at head already.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_version(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine) -> None:
    """Bring the schema to head; cheap when it already is."""
    with engine.connect() as conn:
        if current_version(conn) == HEAD:
            return
    with engine.connect().execution_options(**WRITE) as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            if current_version(conn) == HEAD:
                return
            from alembic import command

            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
