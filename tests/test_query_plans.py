"""Verification reads by index, never by scanning every quote, even once SQLite has statistics."""

from __future__ import annotations

import json

from sqlalchemy.dialects import sqlite

from service import candidates, verification
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.migrate import upgrade


def _plan(conn, stmt, ids) -> list[str]:
    sql = str(stmt.params(ids=ids).compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    return [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]


def test_no_verification_query_scans_the_quotes_after_analyze(tmp_path):
    # With statistics, SQLite once judged an index whose rows were all NULL (translation_of_id) useless
    # and checked "is this quote translated?" by reading every quote, for every candidate.
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    upgrade(url)
    engine = make_engine(url)
    rows = [{"text": f"Quote {i} is about the old harbour.", "speaker": f"P {i % 7}"} for i in range(300)]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    import_file(engine, path)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        for stmt in (candidates.TEXTS, candidates.BY_ID, candidates.BY_ORIGINAL):
            plan = _plan(conn, stmt.stmt, [3, 40, 200])
            assert not [step for step in plan if step.startswith("SCAN")], plan
    with session_scope(engine) as session:
        result = verification.verify(session, "Quote 40 is about the old harbour.")
    assert result["verdict"] == "verified"
    engine.dispose()
