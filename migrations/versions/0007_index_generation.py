"""A generation number for what verification reads, bumped by the database on every write.

``GET /api/v1/verify`` answers with an ETag built from it, so a browser's second request for the
same claim is a 304 until a quote, speaker or source changes. Triggers bump it, not application
code: the bulk import writes through COPY and ``executemany`` on the raw connection, and a counter
every writer has to remember would be wrong the day one forgets. On PostgreSQL the triggers fire
once per statement (an import of thousands of quotes bumps a few times); SQLite has only row
triggers. The row is upserted, so a table emptied by hand comes back with a new random ``epoch``
and numbers counted from an earlier life of the database never repeat an ETag. The function is
created OR REPLACEd: dropping the tables (as the tests do) drops the triggers but not the function.
On SQLite, a later migration that rebuilds a watched table (``batch_alter_table``) drops its
triggers: it must create them again (tests/test_index_generation.py fails until it does).

Revision ID: 0007_index_generation
Revises: 0006_feedback
Create Date: 2026-12-01 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_index_generation"
down_revision = "0006_feedback"
branch_labels = None
depends_on = None

# Every table whose rows change what a verification answers (the word index changes with quotes).
WATCHED = ("quotes", "speakers", "speaker_aliases", "speaker_roles", "sources")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION bump_index_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_generation (id, epoch, value) VALUES (1, md5(random()::text || clock_timestamp()), 1)
  ON CONFLICT (id) DO UPDATE SET value = index_generation.value + 1;
  RETURN NULL;
END $$
"""
_SQLITE_BUMP = (
    "INSERT INTO index_generation (id, epoch, value) VALUES (1, lower(hex(randomblob(8))), 1) "
    "ON CONFLICT (id) DO UPDATE SET value = value + 1"
)


def upgrade() -> None:
    op.create_table(
        "index_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("epoch", sa.String(32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_generation")),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(_PG_FUNCTION)
    for table in WATCHED:
        if postgres:
            op.execute(
                f"CREATE TRIGGER {table}_bump_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_index_generation()"
            )
        else:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_{event.lower()}_bump_generation AFTER {event} ON {table} "
                    f"BEGIN {_SQLITE_BUMP}; END"
                )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in WATCHED:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_bump_generation ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{event}_bump_generation")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS bump_index_generation()")
    op.drop_table("index_generation")
