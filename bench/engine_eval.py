"""Measure the verification engine on the qv-bench dev cases: verdicts, top-1 quote, false-verified, latency.

Reads the licensed data at run time from ../shared/data (or $QUOTETRACE_DATA); nothing is copied.
Candidates come from the same retrieval plan as production (``service.search.memory.MemoryIndex``).

    .venv/bin/python bench/engine_eval.py [--limit N] [--category C] [--errors K]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.matching import Candidate, Claim, Person, judge  # noqa: E402

DATA = Path(os.environ.get("QUOTETRACE_DATA", ROOT.parent / "shared" / "data")) / "qv-bench"
VERDICTS = ("verified", "altered", "paraphrased", "misattributed", "unverified")
NOT_VERIFIED = {"altered", "misattributed", "unverified"}


def load_index():
    """The production retrieval plan, held in memory; a stand-in if the search package cannot load."""
    try:
        from service.search.memory import MemoryIndex

        return MemoryIndex(), "service.search.memory.MemoryIndex"
    except Exception as exc:  # the search package may be mid-edit in this tree
        return _StandInIndex(), f"stand-in inverted index ({type(exc).__name__}: {exc})"


class _StandInIndex:
    """Word → quote ids; a query reads the claim's rarest words and ranks by summed rarity."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = defaultdict(list)

    def add(self, quote_id: int, text: str) -> None:
        from service.matching import index_terms

        for term in index_terms(text):
            self._postings[term].append(quote_id)

    def query(self, claim_text: str, *, limit: int = 100) -> list[int]:
        import math

        from service.matching import words

        terms = sorted(
            {t for t in words(claim_text) if t in self._postings}, key=lambda t: len(self._postings[t])
        )
        scores: Counter[int] = Counter()
        for term in terms[:8]:
            w = math.log(1 + 1_000_000 / len(self._postings[term]))
            for qid in self._postings[term]:
                scores[qid] += w
        return [qid for qid, _ in scores.most_common(limit)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=int, default=None, help="evaluate only the first N cases (spread over categories)"
    )
    parser.add_argument("--category", default=None, help="only this category")
    parser.add_argument("--errors", type=int, default=0, help="print up to K wrong cases per category")
    args = parser.parse_args()

    if not (DATA / "corpus.jsonl").exists():
        print(f"qv-bench not found under {DATA}: set QUOTETRACE_DATA", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    rows = [json.loads(line) for line in (DATA / "corpus.jsonl").open(encoding="utf-8")]
    people: dict[str, Person] = {}
    candidates: list[Candidate] = []
    index, index_name = load_index()
    for qid, row in enumerate(rows):
        name = row["speaker"]
        person = people.get(name)
        if person is None:
            person = people[name] = Person(id=len(people) + 1, name=name)
        candidates.append(
            Candidate(quote_id=qid, text=row["text"], speaker=person, language=row.get("language"))
        )
        index.add(qid, row["text"])
    print(
        f"corpus: {len(rows):,} quotes, {len(people):,} speakers, index {index_name}, "
        f"loaded in {time.perf_counter() - t0:.1f}s"
    )

    # The corpus and index are long-lived, as in a server worker: keep the collector from re-scanning them
    # in the middle of a timed call.
    gc.collect()
    gc.freeze()

    cases = [json.loads(line) for line in (DATA / "dev-cases.jsonl").open(encoding="utf-8")]
    if args.category:
        cases = [c for c in cases if c["category"] == args.category]
    if args.limit:
        # Spread a quick run over every category: round-robin by category, in file order.
        by_cat: dict[str, list[dict]] = defaultdict(list)
        for c in cases:
            by_cat[c["category"]].append(c)
        spread: list[dict] = []
        while len(spread) < min(args.limit, len(cases)):
            for cat in sorted(by_cat):
                if by_cat[cat] and len(spread) < args.limit:
                    spread.append(by_cat[cat].pop(0))
        cases = spread

    rng = random.Random(7)
    categories = sorted({c["category"] for c in cases})
    confusion: dict[str, Counter[str]] = {cat: Counter() for cat in categories}
    correct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    top1_ok = top1_total = 0
    retrieved = 0
    false_verified = negatives = 0
    latencies: list[float] = []
    errors: dict[str, list[str]] = defaultdict(list)

    for case in cases:
        ids = index.query(case["claim"], limit=100)
        cands = [candidates[i] for i in ids]
        rng.shuffle(cands)  # retrieval order is not a signal the engine may rely on
        claim = Claim(text=case["claim"], speaker=case["speaker"])
        start = time.perf_counter()
        result = judge(claim, cands)
        latencies.append((time.perf_counter() - start) * 1000)

        cat = case["category"]
        expected = case["expected"]
        got = result.verdict
        total[cat] += 1
        confusion[cat][got] += 1
        ok = got == expected["verdict"]
        correct[cat] += ok
        if expected["verdict"] in NOT_VERIFIED:
            negatives += 1
            false_verified += got == "verified"
        top_ok = True
        if expected["text"] is not None:
            top1_total += 1
            retrieved += any(c.text == expected["text"] for c in cands)
            top_ok = bool(result.matches) and result.matches[0].candidate.text == expected["text"]
            top1_ok += top_ok
        if (not ok or not top_ok) and len(errors[cat]) < args.errors:
            top = result.matches[0] if result.matches else None
            desc = (
                f"{top.verdict} {top.score} {top.candidate.speaker.name!r} {top.candidate.text[:150]!r} "
                f"diff={[(d.op, d.claim, d.quote) for d in top.diff if d.op != 'equal']} gaps={top.gaps}"
                if top
                else "no match"
            )
            errors[cat].append(
                f"  {case['id']}: expected {expected['verdict']} got {got}\n    claim={case['claim']!r} "
                f"speaker={case['speaker']!r}\n    expected={str(expected['text'])[:150]!r} "
                f"by {expected['speaker']!r}"
                f"\n    top: {desc}"
            )

    n = sum(total.values())
    print(f"\ncases: {n}")
    print(f"verdict accuracy overall: {sum(correct.values()) / n:.4f}")
    print("\nper category (accuracy, then predicted verdicts):")
    header = f"  {'category':<14}{'acc':>8}" + "".join(f"{v[:12]:>14}" for v in VERDICTS)
    print(header)
    for cat in categories:
        row = f"  {cat:<14}{correct[cat] / total[cat]:>8.4f}"
        row += "".join(f"{confusion[cat][v]:>14}" for v in VERDICTS)
        print(row)
    if top1_total:
        print(
            f"\ntop-1 quote accuracy: {top1_ok / top1_total:.4f} ({top1_ok}/{top1_total}); "
            f"expected quote retrieved: {retrieved / top1_total:.4f}"
        )
    if negatives:
        print(f"false-verified rate: {false_verified / negatives:.4f} ({false_verified}/{negatives})")
    lat = sorted(latencies)
    p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
    print(f"judge() latency: p50 {statistics.median(lat):.2f} ms, p99 {p99:.2f} ms, max {lat[-1]:.2f} ms")
    for cat in categories:
        if errors[cat]:
            print(f"\nerrors in {cat}:")
            print("\n".join(errors[cat]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
