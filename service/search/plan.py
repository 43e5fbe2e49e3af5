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

# At least this many words are looked up, however common: a claim of common words still finds its quote.
MIN_TERMS = 3
# Beyond this many looked-up words, recall on the dev cases no longer rises (8 rare words pin a quote).
MAX_TERMS = 8
# Postings read per query once MIN_TERMS are taken: bounds latency at 1M quotes (~20k rows ≈ a few ms).
POSTINGS_BUDGET = 20_000
# How many candidates go on to the engine: the engine's prefilter is cheap, recall@100 is ~1 on dev.
CANDIDATES = 100


def term_key(term: str) -> int:
    """A stable signed 64-bit key for a folded word (fits BIGINT on every backend)."""
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "big", signed=True)


def quote_keys(text: str) -> list[int]:
    """The index keys of a quote's distinct words, sorted (sorted writes take row locks in one order)."""
    return sorted({term_key(t) for t in index_terms(text)})


def claim_keys(text: str) -> list[int]:
    """The index keys of a claim's distinct words."""
    return sorted({term_key(t) for t in words(text)})


def choose_terms(dfs: Mapping[int, int]) -> list[int]:
    """The rarest keys worth reading, within the postings budget; keys no quote has are skipped."""
    present = sorted((df, key) for key, df in dfs.items() if df > 0)
    chosen: list[int] = []
    read = 0
    for df, key in present:
        if len(chosen) >= MAX_TERMS:
            break
        if len(chosen) >= MIN_TERMS and read + df > POSTINGS_BUDGET:
            break
        chosen.append(key)
        read += df
    return chosen


# The archive size in the IDF formula: a constant, so ranking needs no count of the quotes (a full scan
# on PostgreSQL); only the order of the weights matters, and that does not depend on it.
REFERENCE_SIZE = 1_000_000


def weights(dfs: Mapping[int, int], keys: Iterable[int]) -> dict[int, float]:
    """Inverse document frequency of each key: sharing a rare word counts for more."""
    return {k: math.log(1 + REFERENCE_SIZE / max(dfs.get(k, 1), 1)) for k in keys}
