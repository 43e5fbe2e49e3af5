"""The word index for candidate retrieval: word → number of quotes, and word → runs of quote ids.

Both tables are keyed for the lookup itself (WITHOUT ROWID on SQLite), so a query reads only the
postings of the few rare words it chooses.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 03:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_terms",
        sa.Column("term_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term_key", name=op.f("pk_index_terms")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "postings",
        sa.Column("term_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("first_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quote_ids", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("term_key", "first_id", name=op.f("pk_postings")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("postings")
    op.drop_table("index_terms")
