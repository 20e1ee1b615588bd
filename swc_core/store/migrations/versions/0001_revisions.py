"""The append-only revisions log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("edition", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_revisions_latest", "revisions", ["edition", "subject", "field", "id"])


def downgrade() -> None:
    op.drop_index("ix_revisions_latest", table_name="revisions")
    op.drop_table("revisions")
