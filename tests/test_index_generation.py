"""The index generation behind the verify ETag: every write to what verification reads bumps it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from service.db import session_scope

# A write to each table verification reads, as any writer (the CLI, the API, psql) might do it.
WRITES = {
    "quotes": "UPDATE quotes SET context = 'checked' WHERE id = (SELECT MIN(id) FROM quotes)",
    "speakers": "UPDATE speakers SET description = 'checked' WHERE id = (SELECT MIN(id) FROM speakers)",
    "speaker_aliases": "DELETE FROM speaker_aliases WHERE id = (SELECT MIN(id) FROM speaker_aliases)",
    "speaker_roles": "UPDATE speaker_roles SET title = title WHERE id = (SELECT MIN(id) FROM speaker_roles)",
    "sources": "UPDATE sources SET title = title WHERE id = (SELECT MIN(id) FROM sources)",
}


def _generation(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT epoch, value FROM index_generation")).one()


@pytest.mark.parametrize("table", sorted(WRITES))
def test_a_write_to_each_table_verification_reads_bumps_the_generation(seeded, table):
    before = _generation(seeded)
    with session_scope(seeded) as s:
        s.execute(text(WRITES[table]))
    after = _generation(seeded)
    assert after != before


def test_a_generation_table_emptied_by_hand_comes_back_with_a_new_epoch(seeded):
    epoch, _ = _generation(seeded)
    with session_scope(seeded) as s:
        s.execute(text("DELETE FROM index_generation"))
        s.execute(text(WRITES["quotes"]))
    new_epoch, value = _generation(seeded)
    assert new_epoch != epoch
    assert value == 1
