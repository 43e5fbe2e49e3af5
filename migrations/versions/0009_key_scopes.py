"""Keys have a scope and a last use; quotes and sources record the key that stored them.

Every key made so far could write (that was the only thing a key did): it becomes a ``write`` key, so
nothing that works today breaks. Quotes and sources gain a nullable ``created_by_key_id``; what was
stored before (and what the CLI stores) has none. Its foreign key has no ON DELETE: keys are revoked,
never deleted, so who stored what stays known (and SQLite would not report an ON DELETE given inline).

On SQLite the two columns are added with a plain ``ALTER TABLE ... ADD COLUMN ... REFERENCES``, which
SQLite does in place: a ``batch_alter_table`` would rebuild quotes and sources and drop the triggers of
0007_index_generation. ``api_keys`` is not watched by them, so it is rebuilt in batch for its CHECK.

Revision ID: 0009_key_scopes
Revises: 0008_quote_vectors
Create Date: 2026-12-02 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_key_scopes"
down_revision = "0008_quote_vectors"
branch_labels = None
depends_on = None

RECORDED = ("quotes", "sources")
COLUMN = "created_by_key_id"


def _fk_name(table: str) -> str:
    return f"fk_{table}_{COLUMN}_api_keys"


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("scope", sa.String(10), nullable=False, server_default="write"))
        batch.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True)))
        batch.create_check_constraint("scope", "scope IN ('verify', 'write', 'admin')")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in RECORDED:
        if sqlite:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN {COLUMN} INTEGER "
                f"CONSTRAINT {_fk_name(table)} REFERENCES api_keys (id)"
            )
        else:
            op.add_column(table, sa.Column(COLUMN, sa.Integer()))
            op.create_foreign_key(_fk_name(table), table, "api_keys", [COLUMN], ["id"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in RECORDED:
        if sqlite:
            # SQLite 3.35+ drops a column in place (no rebuild, so the 0007 triggers stay) unless it is
            # part of a constraint: this one's REFERENCES is, so the data is kept and the column stays.
            continue
        op.drop_constraint(_fk_name(table), table, type_="foreignkey")
        op.drop_column(table, COLUMN)
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_constraint("scope", type_="check")
        batch.drop_column("last_used_at")
        batch.drop_column("scope")
