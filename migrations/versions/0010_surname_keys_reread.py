"""Speakers' surname keys read again: names read their surnames better than when the keys were written.

"Bashar al-Assad" is keyed "assad" (the Arabic article joined to a surname is not what tells surnames
apart: "Assad" is him), and "Trump Jr." "trump" (a surname and a generation, not a given name and the
surname "jr"). Verification compares a claimed name with the stored key before it reads the name, and
import counts the people of a surname by it, so a stale key would hide the person. Only keys that change
are written.

Revision ID: 0010_surname_keys_reread
Revises: 0009_key_scopes
Create Date: 2026-12-03 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.matching.names import surname_key

revision = "0010_surname_keys_reread"
down_revision = "0009_key_scopes"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    conn = op.get_bind()
    speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name"), sa.column("surname_key"))
    update = (
        sa.update(speakers)
        .where(speakers.c.id == sa.bindparam("sid"))
        .values(surname_key=sa.bindparam("key"))
    )
    changed = []
    for sid, name, key in conn.execute(sa.select(speakers.c.id, speakers.c.name, speakers.c.surname_key)):
        new = surname_key(name)
        if new != key:
            changed.append({"sid": sid, "key": new})
    for i in range(0, len(changed), _BATCH):
        conn.execute(update, changed[i : i + _BATCH])


def downgrade() -> None:
    # The old keys were a worse reading of the same names; nothing to restore.
    pass
