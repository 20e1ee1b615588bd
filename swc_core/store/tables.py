"""The store's tables: one append-only log of revisions.

A revision is one saved value of one field of one subject (a participant or
a team) in one edition. Nothing is ever updated or deleted by a save; the
current value of a field is its revision with the highest id.
"""

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition", String(100), nullable=False),
    Column("subject", String(100), nullable=False),
    Column("field", String(200), nullable=False),
    Column("value", Text, nullable=False),  # JSON text, exactly as validated
    Column("author", String(200), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

Index(
    "ix_revisions_latest",
    revisions.c.edition,
    revisions.c.subject,
    revisions.c.field,
    revisions.c.id,
)
