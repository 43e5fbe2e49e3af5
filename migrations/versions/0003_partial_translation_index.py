"""Index only the quotes that are translations.

Almost every quote translates nothing, so an index over ``translation_of_id`` held one value (NULL)
for nearly all its rows; once SQLite had statistics (``PRAGMA optimize``, ``ANALYZE``) its planner
judged the index useless and answered "does any quote translate this one?" by scanning every quote,
for each candidate of every verification. A partial index holds the translations alone: small, and
the obvious plan for ``translation_of_id = ?`` on both backends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ONLY_TRANSLATIONS = sa.text("translation_of_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_quotes_translation_of_id", table_name="quotes")
    op.create_index(
        "ix_quotes_translation_of_id",
        "quotes",
        ["translation_of_id"],
        sqlite_where=_ONLY_TRANSLATIONS,
        postgresql_where=_ONLY_TRANSLATIONS,
    )


def downgrade() -> None:
    op.drop_index("ix_quotes_translation_of_id", table_name="quotes")
    op.create_index("ix_quotes_translation_of_id", "quotes", ["translation_of_id"])
