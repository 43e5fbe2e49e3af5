"""Candidate retrieval: the word index that lives in the database, behind three small functions.

The index is two tables (``index_terms``: word → how many quotes; ``postings``: word → quote) kept
in the same transaction as the quotes they index, so every worker sees a quote the moment it is
committed, on SQLite and PostgreSQL alike, with no process-local state.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from service.models import IndexTerm, Posting
from service.search import plan

__all__ = ["add_to_index", "remove_from_index", "query_index"]


def add_to_index(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Index each ``(quote_id, text)``; call in the transaction that stores the quotes."""
    rows: list[tuple[int, int]] = []
    df: Counter[int] = Counter()
    for quote_id, text in quotes:
        keys = plan.quote_keys(text)
        rows.extend((k, quote_id) for k in keys)
        df.update(keys)
        df[plan.DOC_COUNT_KEY] += 1
    if not df:
        return
    rows.sort()
    if rows:
        _insert_postings(session, rows)
    _add_df(session, df)


def remove_from_index(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Forget each ``(quote_id, text)`` (the text as it was indexed)."""
    df: Counter[int] = Counter()
    for quote_id, text in quotes:
        keys = plan.quote_keys(text)
        df[plan.DOC_COUNT_KEY] += 1
        if not keys:
            continue
        session.execute(delete(Posting).where(Posting.quote_id == quote_id, Posting.term_key.in_(keys)))
        df.update(keys)
    for key_count, keys in _group_by_count(df).items():
        session.execute(
            update(IndexTerm).where(IndexTerm.term_key.in_(keys)).values(df=IndexTerm.df - key_count)
        )


_DFS = select(IndexTerm.term_key, IndexTerm.df).where(
    IndexTerm.term_key.in_(bindparam("keys", expanding=True))
)
_POSTINGS = select(Posting.term_key, Posting.quote_id).where(
    Posting.term_key.in_(bindparam("keys", expanding=True))
)


def query_index(session: Session, claim_text: str, *, limit: int = plan.CANDIDATES) -> list[int]:
    """Ids of the quotes sharing most of the claim's rarest words, best first."""
    keys = plan.claim_keys(claim_text)
    if not keys:
        return []
    dfs = dict(session.execute(_DFS, {"keys": [plan.DOC_COUNT_KEY, *keys]}).all())
    chosen = plan.choose_terms(dfs, dfs.get(plan.DOC_COUNT_KEY, 0))
    if not chosen:
        return []
    weight = plan.weights(dfs, chosen)
    # Scored here rather than with GROUP BY: the same on every backend, and as fast for the few
    # hundred postings a typical claim reads.
    scores: dict[int, float] = defaultdict(float)
    for key, quote_id in session.execute(_POSTINGS, {"keys": chosen}):
        scores[quote_id] += weight[key]
    return heapq.nsmallest(limit, scores, key=lambda q: (-scores[q], q))


def _insert_postings(session: Session, rows: Sequence[tuple[int, int]]) -> None:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # COPY is an order of magnitude faster than INSERT for the ~25 postings of every quote.
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy("COPY postings (term_key, quote_id) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    # Straight to the driver's executemany: SQLAlchemy's per-row parameter handling costs more than SQLite.
    conn.exec_driver_sql("INSERT INTO postings (term_key, quote_id) VALUES (?, ?)", rows)


def _add_df(session: Session, df: Counter[int]) -> None:
    dialect = session.connection().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(IndexTerm).values(term_key=bindparam("k"), df=bindparam("n"))
    stmt = stmt.on_conflict_do_update(
        index_elements=["term_key"], set_={"df": IndexTerm.df + stmt.excluded.df}
    )
    # Sorted, so concurrent writers take the rows' locks in the same order and cannot deadlock.
    session.connection().execute(stmt, [{"k": k, "n": n} for k, n in sorted(df.items())])


def _group_by_count(df: Counter[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for key, n in df.items():
        groups.setdefault(n, []).append(key)
    return groups
