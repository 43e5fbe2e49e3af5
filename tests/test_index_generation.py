"""The index generation behind the verify ETag: every write to what verification reads bumps it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from service import store
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


def _statements(engine, write) -> list[str]:
    """The SQL statements ``write(session)`` sends, in order."""
    from sqlalchemy import event

    sent: list[str] = []

    def record(conn, cursor, statement, *args):
        sent.append(" ".join(statement.split()).upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope(engine) as s:
            write(s)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


def _first(sent: list[str], *prefixes: str) -> int:
    """Where the first statement starting with one of ``prefixes`` is in ``sent`` (its length if none)."""
    return next((i for i, statement in enumerate(sent) if statement.startswith(prefixes)), len(sent))


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s, qid: store.delete_quote(s, qid), id="delete"),
        pytest.param(
            lambda s, qid: store.update_quote(s, qid, {"text": "Words new to the archive."}), id="patch"
        ),
    ],
)
def test_api_writes_change_the_quote_before_the_index_as_import_does(seeded, write):
    # Import writes quotes (their trigger takes the index_generation row) and then the index's rows; a
    # delete taking them the other way round deadlocked with a concurrent import on PostgreSQL.
    with session_scope(seeded) as s:
        quote_id = s.scalar(text("SELECT MIN(id) FROM quotes"))
    sent = _statements(seeded, lambda s: write(s, quote_id))
    quote_row = _first(sent, "DELETE FROM QUOTES", "UPDATE QUOTES")
    index_rows = _first(
        sent, "UPDATE INDEX_TERMS", "UPDATE POSTINGS", "DELETE FROM POSTINGS", "INSERT INTO POSTINGS"
    )
    assert quote_row < index_rows < len(sent)
