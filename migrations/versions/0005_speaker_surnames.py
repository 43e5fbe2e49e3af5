"""Speakers carry the key of their surname: how verify counts the people of a surname, and import finds
the stored speakers a new name may be.

"Donald Trump" for a quote stored under "Mr. Trump" is the same person only when the archive holds one
person of that surname; reading every speaker's name to count them would be a scan per claim.

Revision ID: 0005_speaker_surnames
Revises: 0004_source_standing
Create Date: 2026-12-01 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.matching.names import surname_key

revision = "0005_speaker_surnames"
down_revision = "0004_source_standing"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("speakers") as batch:
        batch.add_column(sa.Column("surname_key", sa.String(300), nullable=True))
    op.create_index("ix_speakers_surname_key", "speakers", ["surname_key"])
    conn = op.get_bind()
    speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name"), sa.column("surname_key"))
    rows = conn.execute(sa.select(speakers.c.id, speakers.c.name)).all()
    update = (
        sa.update(speakers)
        .where(speakers.c.id == sa.bindparam("sid"))
        .values(surname_key=sa.bindparam("key"))
    )
    for i in range(0, len(rows), _BATCH):
        chunk = [{"sid": sid, "key": surname_key(name)} for sid, name in rows[i : i + _BATCH]]
        conn.execute(update, chunk)


def downgrade() -> None:
    op.drop_index("ix_speakers_surname_key", table_name="speakers")
    with op.batch_alter_table("speakers") as batch:
        batch.drop_column("surname_key")
