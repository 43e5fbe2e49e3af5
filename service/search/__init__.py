"""Candidate retrieval: the word index that lives in the database, behind three small functions.

The index is two tables (``index_terms``: word → how many quotes; ``postings``: word → runs of quote
ids) kept in the same transaction as the quotes they index, so every worker sees a quote the moment
it is committed, on SQLite and PostgreSQL alike, with no process-local state.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain

import numpy as np
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from service import bulk
from service.models import IndexTerm, Posting
from service.reads import InQuery
from service.search import plan

__all__ = ["add_postings", "add_to_index", "remove_from_index", "query_index", "scored_index"]

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
    quote_ids: list[int] = []
    key_lists: list[list[int]] = []
    for quote_id, text in quotes:
        quote_ids.append(quote_id)
        key_lists.append(plan.quote_keys(text))
    lengths = np.fromiter(map(len, key_lists), dtype=np.int64, count=len(key_lists))
    flat = np.fromiter(chain.from_iterable(key_lists), dtype=np.int64, count=int(lengths.sum()))
    add_postings(session, np.asarray(quote_ids, dtype=np.int64), lengths, flat)


def add_postings(session: Session, quote_ids: np.ndarray, lengths: np.ndarray, keys: np.ndarray) -> None:
    """Index quotes whose keys lie back to back in ``keys``: ``lengths[i]`` of them for ``quote_ids[i]``.

    Postings are grouped by word with one sort, not a Python loop over every (word, quote) pair.
    """
    if not len(quote_ids):
        return
    if not len(keys):  # quotes without a word (store and import refuse them): counted, nothing to post
        counts = [(plan.DOC_COUNT_KEY, len(quote_ids))]
        bulk.add_counts(session.connection(), "index_terms", "term_key", "df", counts)
        return
    ids = np.repeat(quote_ids, lengths)
    order = np.lexsort((ids, keys))  # by word, then by quote id
    keys, ids = keys[order], ids[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    packed = ids.astype("<i4").tobytes()
    blobs = [packed[a:b] for a, b in zip((starts * 4).tolist(), (ends * 4).tolist(), strict=True)]
    # In key order: neighbouring rows land on the same B-tree pages.
    terms = keys[starts].tolist()
    conn = session.connection()
    runs = zip(terms, ids[starts].tolist(), blobs, strict=True)
    bulk.insert_rows(conn, "postings", ("term_key", "first_id", "quote_ids"), runs)
    df = [(plan.DOC_COUNT_KEY, len(quote_ids))]
    df.extend(zip(terms, (ends - starts).tolist(), strict=True))
    # Sorted, so concurrent writers take the rows' locks in the same order and cannot deadlock.
    df.sort()
    bulk.add_counts(conn, "index_terms", "term_key", "df", _merge_counts(df))


def _merge_counts(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``(key, n)`` pairs with equal keys added up (the document count may share a key)."""
    out: list[tuple[int, int]] = []
    for key, n in pairs:
        if out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + n)
        else:
            out.append((key, n))
    return out


_RUN_HOLDING = (
    select(Posting.first_id, Posting.quote_ids)
    .where(Posting.term_key == bindparam("key"), Posting.first_id <= bindparam("quote_id"))
    .order_by(Posting.first_id.desc())
    .limit(1)
)


def remove_from_index(
    session: Session,
    quotes: Iterable[tuple[int, str]],
    keys_of: Callable[[str], list[int]] = plan.quote_keys,
) -> None:
    """Forget each ``(quote_id, text)`` (the text as it was indexed; ``keys_of`` its words' keys as they
    were read then, for a migration that indexes texts again after the words are read otherwise)."""
    df: Counter[int] = Counter()
    for quote_id, text in quotes:
        df[plan.DOC_COUNT_KEY] += 1
        for key in sorted(keys_of(text)):
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


_DFS = InQuery(
    select(IndexTerm.term_key, IndexTerm.df).where(IndexTerm.term_key.in_(bindparam("ids", expanding=True)))
)
_RUNS = InQuery(
    select(Posting.term_key, Posting.quote_ids).where(Posting.term_key.in_(bindparam("ids", expanding=True)))
)


def query_index(
    session: Session, claim_text: str, *, limit: int = plan.CANDIDATES, wide: bool = False
) -> list[int]:
    """Ids of the quotes sharing most of the claim's rarest words, best first.

    With ``wide``, of the claim's words, common ones too: quotes sharing the most of them first
    (see ``plan.WIDE_TERMS``).
    """
    return [quote_id for quote_id, _ in scored_index(session, claim_text, limit=limit, wide=wide)]


def scored_index(
    session: Session,
    claim_text: str,
    *,
    limit: int = plan.CANDIDATES,
    wide: bool = False,
    topic: bool = False,
) -> list[tuple[int, float]]:
    """As ``query_index``, with each quote's score: the summed rarity of the claim words it shares.

    With ``topic``, of the claim's words, all but the function words (``plan.TOPIC_TERMS``): the look
    meaning retrieval fuses with the vectors.
    """
    keys = plan.claim_keys(claim_text)
    if not keys:
        return []
    conn = session.connection()
    dfs = dict.fromkeys(keys, 0)  # words no quote holds stay in, at 0
    dfs.update(_DFS.rows(conn, [plan.DOC_COUNT_KEY, *keys]))
    weight = plan.weighted_terms(dfs, wide=wide, topic=topic)
    if not weight:
        return []
    runs, run_weights = [], []
    for key, blob in _RUNS.rows(conn, list(weight)):
        runs.append(np.frombuffer(blob, dtype="<i4"))
        run_weights.append(weight[key])
    if not runs:
        return []
    ids = np.concatenate(runs)
    weights = np.repeat(np.array(run_weights), [len(r) for r in runs])
    return top_scored(ids, weights, limit, with_scores=True)


# Beyond this many postings, scores are summed in an array indexed by quote id (linear in the
# largest id) rather than by sorting the ids (n log n): the crossover measured on 1M quotes.
DENSE_FROM = 50_000


def top_scored(ids: np.ndarray, weights: np.ndarray, limit: int, *, with_scores: bool = False) -> list:
    """The ``limit`` ids with the largest summed weight; ties go to the lower (earlier stored) id.

    With ``with_scores``, ``(id, summed weight)`` pairs.
    """
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
    if with_scores:
        return list(zip(candidates[order].tolist(), scores[order].tolist(), strict=True))
    return candidates[order].tolist()


def _group_by_count(df: Counter[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for key, n in df.items():
        groups.setdefault(n, []).append(key)
    return groups
