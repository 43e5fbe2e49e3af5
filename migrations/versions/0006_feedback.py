"""Feedback on verifications: the claim, the answer given, the reader's rating and reason.

Revision ID: 0006_feedback
Revises: 0005_speaker_surnames
Create Date: 2026-12-01 22:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_feedback"
down_revision = "0005_speaker_surnames"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("speaker", sa.String(300)),
        sa.Column("verdict", sa.String(15), nullable=False),
        sa.Column("shown_quote_ids", sa.JSON(), nullable=False),
        sa.Column("rating", sa.String(15), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("quote_id", sa.Integer()),
        sa.Column("api_key_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IN ('right', 'wrong_match', 'wrong_verdict', 'none_of_these')",
            name=op.f("ck_feedback_rating"),
        ),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_feedback_api_key_id_api_keys"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_created_at"), "feedback", ["created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_feedback_created_at"), table_name="feedback")
    op.drop_table("feedback")
