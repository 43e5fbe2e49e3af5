"""Rerank vectors: each quote's meaning from a second, stronger model that re-scores the shortlist.

Revision ID: 0011_quote_rerank_vectors
Revises: 0010_surname_keys_reread
Create Date: 2026-12-03 20:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_quote_rerank_vectors"
down_revision = "0010_surname_keys_reread"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_rerank_vectors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "quote_id",
            sa.Integer(),
            sa.ForeignKey("quotes.id", ondelete="CASCADE", name="fk_quote_rerank_vectors_quote_id_quotes"),
            nullable=False,
        ),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quote_rerank_vectors"),
        sa.UniqueConstraint("quote_id", name="uq_quote_rerank_vectors_quote_id"),
    )


def downgrade() -> None:
    op.drop_table("quote_rerank_vectors")
