"""The words of each quote's source title, for meaning retrieval: a file derived from the database.

A tweet that repeats a fact-checked claim often shares its words with the fact-check's headline more than
with the claim's own wording (CheckThat! 2021 2A train, in a side experiment: BM25 over claim and title
reaches MAP@5 0.78, over the claim alone 0.73; through verify, bench/claim_retrieval.py --sweep gives
0.813 with titles and 0.781 without). Source titles are not in the word index, which judges a
quote by its own words; they are a candidate look for meaning retrieval only, never part of a verdict.

``quotetrace embed`` writes the file beside the vector index (each quote: the BM25 weight of each
distinct word of its source's title). It is read-only and may be older than the database: a quote stored
since, or a title edited since, is found by its words and its vector, and by its title after the next
``embed``. A quote deleted since drops out where the candidates are read (it has no vector any more).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.models import Quote, Source
from service.search import plan

__all__ = ["TitleIndex", "build_title_index", "title_path", "title_scores"]

# BM25's saturation and length normalisation, at their usual values: a title holds each word once, so
# only the length normalisation acts (a word of a short headline says more than one of a long one).
K1 = 1.2
B = 0.75
# Words held by more than this share of the titles are not looked up: "fact", "check", "the" find half
# the archive and say nothing. The rest are read rarest first within the word index's plan.POSTINGS_BUDGET
# postings, so what a claim costs at 1M quotes stays bounded. (Only the TOPIC_TERMS rarest, as the topical
# word look reads: CheckThat! 2A/2B train MAP@5 0.806/0.509 against 0.813/0.510 with every word.)
MAX_SHARE = plan.TOPIC_MAX_SHARE


def title_path(vector_index: Path) -> Path:
    """The titles file that goes with a vector index file."""
    return vector_index.with_suffix(vector_index.suffix + ".titles.npz")


def build_title_index(session: Session, path: Path, *, batch: int = 50_000) -> int:
    """Write the titles file for every stored quote with a titled source (atomically); how many quotes."""
    quote_ids: list[int] = []
    key_lists: list[list[int]] = []
    last = 0
    conn = session.connection()
    while True:
        rows = conn.execute(
            select(Quote.id, Source.title)
            .join(Source, Source.id == Quote.source_id)
            .where(Quote.id > last, Source.title.is_not(None))
            .order_by(Quote.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        for quote_id, title in rows:
            keys = plan.quote_keys(title)
            if keys:
                quote_ids.append(quote_id)
                key_lists.append(keys)
    lengths = np.fromiter(map(len, key_lists), dtype=np.int64, count=len(key_lists))
    keys = np.fromiter((k for ks in key_lists for k in ks), dtype=np.int64, count=int(lengths.sum()))
    ids = np.repeat(np.asarray(quote_ids, dtype=np.int64), lengths)
    norm = K1 * (1 - B + B * lengths / (lengths.mean() if len(lengths) else 1.0))
    tf_part = np.repeat((K1 + 1) / (1 + norm), lengths)
    order = np.lexsort((ids, keys))
    keys, ids, tf_part = keys[order], ids[order], tf_part[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, np.int64)
    df = np.diff(np.r_[starts, len(keys)])
    n = len(quote_ids)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)) if n else np.zeros(0)
    weights = (tf_part * np.repeat(idf, df)).astype(np.float32)
    # Words too common to be looked up are not kept: a corpus of one source holds its title's words in
    # every quote, which would cost every worker memory for postings it never reads.
    kept = df <= max(1, math.floor(MAX_SHARE * n))
    keep_posting = np.repeat(kept, df)
    keys, ids, weights = keys[keep_posting], ids[keep_posting], weights[keep_posting]
    starts = np.r_[0, np.cumsum(df[kept])[:-1]].astype(np.int64) if kept.any() else np.zeros(0, np.int64)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez(
        tmp,
        terms=keys[starts],
        starts=np.r_[starts, len(keys)].astype(np.int64),
        quote_ids=ids.astype(np.int64),
        weights=weights,
        count=np.array([n], dtype=np.int64),
    )
    os.replace(tmp, path)
    return n


@dataclass
class _Loaded:
    stamp: tuple[int, int]
    terms: np.ndarray
    starts: np.ndarray
    quote_ids: np.ndarray
    weights: np.ndarray
    count: int


class TitleIndex:
    """One process's copy of a titles file, read again when ``embed`` replaces it."""

    def __init__(self, path: Path):
        self.path = path
        self._loaded: _Loaded | None = None

    def _current(self) -> _Loaded | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        stamp = (st.st_ino, st.st_mtime_ns)
        if self._loaded is None or self._loaded.stamp != stamp:
            try:
                with np.load(self.path) as f:
                    self._loaded = _Loaded(
                        stamp, f["terms"], f["starts"], f["quote_ids"], f["weights"], int(f["count"][0])
                    )
            except (OSError, ValueError, KeyError):
                return None
        return self._loaded

    def scores(self, claim_text: str, *, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` quotes whose source titles best share the claim's words: ``(quote_id, BM25)``."""
        loaded = self._current()
        if loaded is None or not len(loaded.terms):
            return []
        keys = np.asarray(plan.claim_keys(claim_text), dtype=np.int64)
        at = np.searchsorted(loaded.terms, keys)
        inside = at < len(loaded.terms)
        at, keys = at[inside], keys[inside]
        at = at[loaded.terms[at] == keys]
        most = max(1, math.floor(MAX_SHARE * loaded.count))
        held = sorted(
            (int(loaded.starts[i + 1] - loaded.starts[i]), int(loaded.starts[i]), int(loaded.starts[i + 1]))
            for i in at.tolist()
        )
        slices, read = [], 0
        for df, a, b in held:  # rarest first, as the topical look reads the word index
            if df > most or (slices and read + df > plan.POSTINGS_BUDGET):
                break
            slices.append((a, b))
            read += df
        if not slices:
            return []
        ids = np.concatenate([loaded.quote_ids[a:b] for a, b in slices])
        weights = np.concatenate([loaded.weights[a:b] for a, b in slices])
        unique, inverse = np.unique(ids, return_inverse=True)
        summed = np.bincount(inverse, weights=weights)
        top = np.argsort(-summed, kind="stable")[:limit]
        return [(int(unique[i]), float(summed[i])) for i in top]


_INDEXES: dict[Path, TitleIndex] = {}


def title_scores(vector_index: Path, claim_text: str, *, limit: int) -> list[tuple[int, float]]:
    """``TitleIndex.scores`` of the titles file beside ``vector_index`` (none when it was never built)."""
    path = title_path(vector_index)
    index = _INDEXES.get(path)
    if index is None:
        index = _INDEXES[path] = TitleIndex(path)
    return index.scores(claim_text, limit=limit)
