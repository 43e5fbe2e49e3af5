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
from sqlalchemy.orm import Session

from service import bulk
from service.models import IndexTerm, Posting
from service.search import plan

__all__ = ["add_to_index", "remove_from_index", "query_index"]


def add_to_index(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Index each ``(quote_id, text)``; call in the transaction that stores the quotes."""
    by_term: dict[int, list[int]] = defaultdict(list)
    indexed = 0
    for quote_id, text in quotes:
        for key in plan.quote_keys(text):
            by_term[key].append(quote_id)
        indexed += 1
    if not indexed:
        return
    # Written in key order (each list is in id order): neighbouring rows land on the same B-tree pages.
    terms = sorted(by_term)
    _insert_postings(session, [(key, quote_id) for key in terms for quote_id in sorted(by_term[key])])
    df = Counter({key: len(by_term[key]) for key in terms})
    df[plan.DOC_COUNT_KEY] += indexed
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
    bulk.insert_rows(session.connection(), "postings", ("term_key", "quote_id"), rows)


def _add_df(session: Session, df: Counter[int]) -> None:
    # Sorted, so concurrent writers take the rows' locks in the same order and cannot deadlock.
    bulk.add_counts(session.connection(), "index_terms", "term_key", "df", sorted(df.items()))


def _group_by_count(df: Counter[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for key, n in df.items():
        groups.setdefault(n, []).append(key)
    return groups
