"""Quote vectors: each quote's meaning from a packaged multilingual sentence model.

Revision ID: 0008_quote_vectors
Revises: 0007_index_generation
Create Date: 2026-12-01 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_quote_vectors"
down_revision = "0007_index_generation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_vectors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "quote_id",
            sa.Integer(),
            sa.ForeignKey("quotes.id", ondelete="CASCADE", name="fk_quote_vectors_quote_id_quotes"),
            nullable=False,
        ),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quote_vectors"),
        sa.UniqueConstraint("quote_id", name="uq_quote_vectors_quote_id"),
    )


def downgrade() -> None:
    op.drop_table("quote_vectors")
