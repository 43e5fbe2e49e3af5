"""Candidate retrieval: the word index that lives in the database, behind three small functions.

The index is two tables (``index_terms``: word → how many quotes; ``postings``: word → runs of quote
ids) kept in the same transaction as the quotes they index, so every worker sees a quote the moment
it is committed, on SQLite and PostgreSQL alike, with no process-local state.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from service import bulk
from service.models import IndexTerm, Posting
from service.search import plan

__all__ = ["add_keys_to_index", "add_to_index", "remove_from_index", "query_index"]

_SWAP = sys.byteorder != "little"


def _pack(ids: list[int]) -> bytes:
    run = array("i", ids)
    if _SWAP:
        run.byteswap()
    return run.tobytes()


def _unpack(blob: bytes) -> array:
    run = array("i")
    run.frombytes(blob)
    if _SWAP:
        run.byteswap()
    return run


def add_to_index(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Index each ``(quote_id, text)``; call in the transaction that stores the quotes."""
    add_keys_to_index(session, ((quote_id, plan.quote_keys(text)) for quote_id, text in quotes))


def add_keys_to_index(session: Session, quotes: Iterable[tuple[int, Iterable[int]]]) -> None:
    """Index each ``(quote_id, plan.quote_keys(text))``: for callers that computed the keys already."""
    by_term: dict[int, list[int]] = defaultdict(list)
    indexed = 0
    for quote_id, keys in quotes:
        for key in keys:
            by_term[key].append(quote_id)
        indexed += 1
    if not indexed:
        return
    terms = sorted(by_term)  # key order: neighbouring rows land on the same B-tree pages
    runs = []
    for key in terms:
        ids = sorted(by_term[key])
        runs.append((key, ids[0], _pack(ids)))
    bulk.insert_rows(session.connection(), "postings", ("term_key", "first_id", "quote_ids"), runs)
    df = Counter({key: len(by_term[key]) for key in terms})
    df[plan.DOC_COUNT_KEY] += indexed
    # Sorted, so concurrent writers take the rows' locks in the same order and cannot deadlock.
    bulk.add_counts(session.connection(), "index_terms", "term_key", "df", sorted(df.items()))


_RUN_HOLDING = (
    select(Posting.first_id, Posting.quote_ids)
    .where(Posting.term_key == bindparam("key"), Posting.first_id <= bindparam("quote_id"))
    .order_by(Posting.first_id.desc())
    .limit(1)
)


def remove_from_index(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Forget each ``(quote_id, text)`` (the text as it was indexed)."""
    df: Counter[int] = Counter()
    for quote_id, text in quotes:
        df[plan.DOC_COUNT_KEY] += 1
        for key in sorted(plan.quote_keys(text)):
            if _remove_from_run(session, key, quote_id):
                df[key] += 1
    for key_count, keys in _group_by_count(df).items():
        session.execute(
            update(IndexTerm).where(IndexTerm.term_key.in_(keys)).values(df=IndexTerm.df - key_count)
        )


def _remove_from_run(session: Session, key: int, quote_id: int) -> bool:
    """Take ``quote_id`` out of the run of ``key`` that holds it; False when no run does."""
    found = session.execute(_RUN_HOLDING, {"key": key, "quote_id": quote_id}).first()
    if found is None:
        return False
    first_id, blob = found
    ids = list(_unpack(blob))
    if quote_id not in ids:
        return False
    ids.remove(quote_id)
    run = (Posting.term_key == key) & (Posting.first_id == first_id)
    if ids and ids[0] == first_id:
        session.execute(update(Posting).where(run).values(quote_ids=_pack(ids)))
        return True
    session.execute(delete(Posting).where(run))
    if ids:
        session.execute(insert(Posting).values(term_key=key, first_id=ids[0], quote_ids=_pack(ids)))
    return True


_DFS = select(IndexTerm.term_key, IndexTerm.df).where(
    IndexTerm.term_key.in_(bindparam("keys", expanding=True))
)
_RUNS = select(Posting.term_key, Posting.quote_ids).where(
    Posting.term_key.in_(bindparam("keys", expanding=True))
)


def query_index(session: Session, claim_text: str, *, limit: int = plan.CANDIDATES) -> list[int]:
    """Ids of the quotes sharing most of the claim's rarest words, best first."""
    keys = plan.claim_keys(claim_text)
    if not keys:
        return []
    conn = session.connection()
    dfs = dict(conn.execute(_DFS, {"keys": [plan.DOC_COUNT_KEY, *keys]}).all())
    chosen = plan.choose_terms(dfs, dfs.get(plan.DOC_COUNT_KEY, 0))
    if not chosen:
        return []
    weight = plan.weights(dfs, chosen)
    runs, run_weights = [], []
    for key, blob in conn.execute(_RUNS, {"keys": chosen}).all():
        runs.append(np.frombuffer(blob, dtype="<i4"))
        run_weights.append(weight[key])
    if not runs:
        return []
    ids = np.concatenate(runs)
    weights = np.repeat(np.array(run_weights), [len(r) for r in runs])
    return top_scored(ids, weights, limit)


# Beyond this many postings, scores are summed in an array indexed by quote id (linear in the
# largest id) rather than by sorting the ids (n log n): the crossover measured on 1M quotes.
DENSE_FROM = 50_000


def top_scored(ids: np.ndarray, weights: np.ndarray, limit: int) -> list[int]:
    """The ``limit`` ids with the largest summed weight; ties go to the lower (earlier stored) id."""
    if len(ids) >= DENSE_FROM:
        totals = np.bincount(ids, weights=weights)
        candidates = np.flatnonzero(totals)
        scores = totals[candidates]
    else:
        candidates, inverse = np.unique(ids, return_inverse=True)
        scores = np.bincount(inverse, weights=weights)
    if len(candidates) > limit:
        # Everything scoring at least the limit-th best score, then an exact order among those.
        cut = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= cut
        candidates, scores = candidates[keep], scores[keep]
    order = np.lexsort((candidates, -scores))[:limit]
    return candidates[order].tolist()


def _group_by_count(df: Counter[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for key, n in df.items():
        groups.setdefault(n, []).append(key)
    return groups
