"""Which of a claim's words to look up, and how to rank what they find. Pure: shared by every backend.

A quote that a claim comes from shares the claim's rare words; common words ("the", "is") find
half the archive and tell nothing. So retrieval reads the postings of the claim's rarest words only,
within a budget, and ranks quotes by the summed rarity of the words they share with the claim.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping

from service.matching.text import index_terms, words

# At least this many words are looked up, however common: with fewer, a claim whose rarest word is one
# the user added (an "inserted" dev case) lost its quote among ties (recall@100 0.994 with 2, 0.9995 with 3).
MIN_TERMS = 3
# Words are added, rarest first, until they carry this much information (summed IDF, in nats): a claim
# of common words reads more of them. 20 gave recall@100 = 1.0 on the dev cases with a median of ~220
# postings read at 64k quotes (a fixed budget of 20k postings read a median of 6,200 for the same recall).
TARGET_INFORMATION = 20.0
# Hard cap on postings read once MIN_TERMS are taken: bounds the slowest queries (p99) at 1M quotes.
POSTINGS_BUDGET = 100_000
# Beyond this many looked-up words recall no longer rises on the dev cases.
MAX_TERMS = 8
# How many candidates go on to the engine, which re-ranks them by every shared word.
CANDIDATES = 100
# The wide look, taken when the rare words found no quote the claim comes from: a claim of common words
# whose rarest word is one the writer changed ("What does love mean if we would *money* it") is outranked
# by the many quotes that hold that word. Up to WIDE_TERMS of the claim's words are read (within
# WIDE_BUDGET postings) and quotes rank by how many of them they share: at 1M quotes the 8 dev claims the
# rare words missed ranked their quote at 15..385 of WIDE_CANDIDATES (the engine's word pairs then put it
# first); reading ~400k postings and the texts costs ~20 ms, paid only by claims of common words that
# nothing matched (see WIDE_RARE_SHARE).
WIDE_TERMS = 10
WIDE_BUDGET = 400_000
WIDE_CANDIDATES = 500
# The wide look is for claims of common words: every word of those 8 claims is held by ≥ 0.1% of the
# quotes. A claim with two or more rarer words (or words no quote holds) either has its quote found by
# them already, or has none: text that is no stored quote (news, tweets) holds several, and the wide look
# would cost it ~18 ms at 1M quotes for nothing (each of 300 CheckThat! tweets holds at least 2).
WIDE_RARE_SHARE = 0.001
WIDE_MAX_RARE = 1
# What one shared word is worth in the wide look, beyond its rarity: more than any IDF (log(1 + N) < 100
# for any N), so quotes rank by the count of shared words first, their rarity only breaking ties.
SHARED_WORD = 100.0
# The topical look, for the candidates that meaning retrieval fuses with the nearest vectors: a tweet or a
# paraphrase shares its quote's *topic* words, not its rare ones (a handle, a typo, a word the writer chose).
# Up to TOPIC_TERMS of the claim's words held by at most TOPIC_MAX_SHARE of the quotes (function words
# say nothing), rarest first, within POSTINGS_BUDGET; quotes rank by the summed rarity of those they share.
# CheckThat! 2021 2A train MAP@5 (bench/claim_retrieval.py): 0.691 with the rare-words look, 0.767 with
# this one; 0.773 at a share of 0.02, 0.761 with 32 words up to 0.2 (a tie and a loss: 16 and 0.05 kept).
TOPIC_TERMS = 16
TOPIC_MAX_SHARE = 0.05
# The row of index_terms whose df counts the indexed quotes (a real word hashing to 0: odds 2**-64).
DOC_COUNT_KEY = 0


def term_key(term: str) -> int:
    """A stable signed 64-bit key for a folded word (fits BIGINT on every backend)."""
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "big", signed=True)


# Words repeat (a vocabulary of ~600k words for 1M quotes): a dict whose misses hash the word is several
# times cheaper than hashing again, and ``map`` over its ``__getitem__`` keeps the loop in C. Emptied
# when it grows past KEY_CACHE_SIZE, so it stays bounded.
KEY_CACHE_SIZE = 1 << 18


class _KeyCache(dict):
    def __missing__(self, term: str) -> int:
        if len(self) > KEY_CACHE_SIZE:
            self.clear()
        key = self[term] = term_key(term)
        return key


_KEY_CACHE = _KeyCache()


def _keys(terms: Iterable[str]) -> list[int]:
    return list(map(_KEY_CACHE.__getitem__, terms))


def quote_keys(text: str) -> list[int]:
    """The index keys of a quote's distinct words."""
    return _keys(index_terms(text))


def claim_keys(text: str) -> list[int]:
    """The index keys of a claim's distinct words."""
    return sorted(set(_keys(words(text))))


def choose_terms(dfs: Mapping[int, int], total: int) -> list[int]:
    """The rarest keys worth reading, until they say enough or the budget is spent; absent keys skipped."""
    present = sorted((df, key) for key, df in dfs.items() if df > 0 and key != DOC_COUNT_KEY)
    chosen: list[int] = []
    read = 0
    information = 0.0
    for df, key in present:
        if len(chosen) >= MAX_TERMS:
            break
        if len(chosen) >= MIN_TERMS and (information >= TARGET_INFORMATION or read + df > POSTINGS_BUDGET):
            break
        chosen.append(key)
        read += df
        information += math.log(max(total, df) / df)
    return chosen


def choose_topic_terms(dfs: Mapping[int, int]) -> list[int]:
    """The keys the topical look reads: up to TOPIC_TERMS of the claim's words that are not function
    words, rarest first, within POSTINGS_BUDGET."""
    total = dfs.get(DOC_COUNT_KEY, 0)
    present = sorted(
        (df, key)
        for key, df in dfs.items()
        if 0 < df <= max(1, TOPIC_MAX_SHARE * total) and key != DOC_COUNT_KEY
    )
    return _rarest_first(present, most=TOPIC_TERMS, budget=POSTINGS_BUDGET)


def choose_wide_terms(dfs: Mapping[int, int]) -> list[int]:
    """The keys the wide look reads: up to WIDE_TERMS, rarest first, common ones too, within WIDE_BUDGET.

    None at all for a claim with more than WIDE_MAX_RARE rare words (``dfs`` holds every claim key, 0 if
    no quote holds it).
    """
    total = dfs.get(DOC_COUNT_KEY, 0)
    rare = sum(1 for key, df in dfs.items() if key != DOC_COUNT_KEY and df < WIDE_RARE_SHARE * total)
    if rare > WIDE_MAX_RARE:
        return []
    present = sorted((df, key) for key, df in dfs.items() if df > 0 and key != DOC_COUNT_KEY)
    return _rarest_first(present, most=WIDE_TERMS, budget=WIDE_BUDGET, at_least=MIN_TERMS)


def _rarest_first(present: list[tuple[int, int]], *, most: int, budget: int, at_least: int = 0) -> list[int]:
    """Keys of ``(df, key)`` in order, up to ``most``, while their postings fit ``budget`` (the first
    ``at_least`` are taken whatever they cost)."""
    chosen: list[int] = []
    read = 0
    for df, key in present:
        if len(chosen) >= most or (len(chosen) >= at_least and read + df > budget):
            break
        chosen.append(key)
        read += df
    return chosen


def weighted_terms(dfs: Mapping[int, int], *, wide: bool = False, topic: bool = False) -> dict[int, float]:
    """The keys to read and what sharing each is worth: the rarest words, the wide look, or the topical."""
    if topic:
        return weights(dfs, choose_topic_terms(dfs))
    if wide:
        chosen = choose_wide_terms(dfs)
        return {k: SHARED_WORD + w for k, w in weights(dfs, chosen).items()}
    chosen = choose_terms(dfs, dfs.get(DOC_COUNT_KEY, 0))
    return weights(dfs, chosen)


def weights(dfs: Mapping[int, int], keys: Iterable[int]) -> dict[int, float]:
    """Inverse document frequency of each key: sharing a rare word counts for more."""
    total = max(dfs.get(DOC_COUNT_KEY, 1), 1)
    return {k: math.log(1 + total / max(dfs.get(k, 1), 1)) for k in keys}
