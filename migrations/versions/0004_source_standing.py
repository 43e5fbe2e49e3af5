"""Sources have a standing: primary, publication or unvetted.

Every source stored so far was stored without one, by hand or by a bulk import: it is ``unvetted``
until someone says otherwise (``quotetrace seed`` marks the seed article a publication again).

Revision ID: 0004_source_standing
Revises: 0003
Create Date: 2026-12-01 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_source_standing"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("standing", sa.String(12), nullable=False, server_default="unvetted"))
        batch.create_check_constraint("standing", "standing IN ('primary', 'publication', 'unvetted')")


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_constraint("standing", type_="check")
        batch.drop_column("standing")
