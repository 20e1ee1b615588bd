"""PostgreSQL tells listeners when revisions are added (``NOTIFY swc_revisions``).

Revision ID: 0002
Revises: 0001

One notification per statement, sent on commit, whoever writes: an open
page, ``swc import``, a restore, a second server. Dashboards and pages listen
instead of querying the table (``swc_core/store/changes.py``). SQLite needs
nothing: its ``PRAGMA data_version`` changes on every commit by itself.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CHANNEL = "swc_revisions"  # swc_core.store.changes.CHANNEL (migrations do not import the package)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""
        CREATE OR REPLACE FUNCTION swc_notify_revisions() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', '');
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
    """)
    op.execute("""
        CREATE TRIGGER swc_revisions_notify AFTER INSERT ON revisions
        FOR EACH STATEMENT EXECUTE FUNCTION swc_notify_revisions()
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS swc_revisions_notify ON revisions")
    op.execute("DROP FUNCTION IF EXISTS swc_notify_revisions()")
