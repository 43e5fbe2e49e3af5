"""An in-process index with the same plan as the database one: for benchmarks and the engine's evaluation."""

from __future__ import annotations

from collections import Counter, defaultdict

from service.search import plan


class MemoryIndex:
    """Word → quote ids, held in dicts."""

    def __init__(self) -> None:
        self._postings: dict[int, list[int]] = defaultdict(list)
        self._count = 0

    def add(self, quote_id: int, text: str) -> None:
        """Index one quote's words."""
        for key in plan.quote_keys(text):
            self._postings[key].append(quote_id)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def query(self, claim_text: str, *, limit: int = plan.CANDIDATES, wide: bool = False) -> list[int]:
        """Ids of the quotes sharing most of the claim's rarest words (``wide``: most words), best first."""
        dfs = {k: len(self._postings.get(k, ())) for k in plan.claim_keys(claim_text)}
        dfs[plan.DOC_COUNT_KEY] = self._count
        scores: Counter[int] = Counter()
        for key, w in plan.weighted_terms(dfs, wide=wide).items():
            for qid in self._postings[key]:
                scores[qid] += w
        return [qid for qid, _ in scores.most_common(limit)]
