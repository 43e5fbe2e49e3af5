"""Verdict accuracy and latency on the qv-bench cases, through the service's own verify path.

    .venv/bin/python bench/accuracy.py [--database-url URL] [--limit N] [--skip-import] [--errors N]
                                       [--without-vectors]

Imports ../shared/data/qv-bench/corpus.jsonl into a fresh database (SQLite by default), verifies every
case of ``dev-cases.jsonl`` and of ``speaker-dev-cases.jsonl`` with ``service.verification.verify``
(index lookup + engine, no HTTP), and prints for each file: verdict accuracy overall and per category,
a confusion table, top-1 quote accuracy, the false-verified rate (claims that should not be verified,
called verified), the false-misattributed rate (claims whose speaker is right, called misattributed),
and p50/p99 latency. Verdicts that rest on a match of meaning alone (sentence vectors, when the database
holds them: `quotetrace embed`) are counted apart; ``--without-vectors`` leaves the vectors out, to
compare the same database before and after.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict

from common import QV, median, need, pct, temp_sqlite_url

from service.corpus import import_file
from service.db import make_engine, session_scope
from service.migrate import upgrade
from service.search import vectors
from service.verification import verify

VERDICTS = ["verified", "altered", "paraphrased", "misattributed", "unverified"]
CASE_FILES = ("dev-cases.jsonl", "speaker-dev-cases.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N cases of each file")
    parser.add_argument("--skip-import", action="store_true", help="the database already holds the corpus")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong cases of each file")
    parser.add_argument("--only", choices=CASE_FILES, default=None, help="one file of cases")
    parser.add_argument("--without-vectors", action="store_true", help="the words alone, as before vectors")
    args = parser.parse_args()
    if args.without_vectors:
        vectors.nearest = lambda *_args, **_kw: []

    corpus = need(QV / "corpus.jsonl")
    files = [need(QV / name) for name in CASE_FILES if args.only in (None, name)]
    url = args.database_url or temp_sqlite_url("accuracy.db")
    engine = make_engine(url)
    if not args.skip_import:
        upgrade(url)
        t0 = time.perf_counter()
        report = import_file(engine, corpus)
        took = time.perf_counter() - t0
        print(f"import: {report.summary()} in {took:.1f} s ({report.added / took:,.0f} quotes/s)")

    with session_scope(engine) as session:
        verify(session, "warm up the connection and caches")
        for path in files:
            cases = [json.loads(line) for line in path.open(encoding="utf-8")]
            if args.limit:
                cases = cases[: args.limit]
            print(f"\n=== {path.name}: {len(cases)} cases")
            evaluate(session, cases, errors=args.errors)


def evaluate(session, cases: list[dict], *, errors: int = 0) -> None:
    """Verify every case and print the figures."""
    per_cat: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    top1_ok = top1_n = false_verified = should_not_verify = 0
    false_misattributed = right_speaker = 0
    latencies: list[float] = []
    wrong = []
    by_meaning: Counter = Counter()
    for case in cases:
        t0 = time.perf_counter()
        result = verify(session, case["claim"], speaker=case["speaker"])
        latencies.append((time.perf_counter() - t0) * 1000)
        expected = case["expected"]
        got = result["verdict"]
        cat = case["category"]
        if result["matches"] and result["matches"][0]["meaning"] is not None:
            by_meaning[(cat, got)] += 1
        per_cat[cat]["n"] += 1
        per_cat[cat]["ok"] += got == expected["verdict"]
        confusion[expected["verdict"]][got] += 1
        if expected["verdict"] != "verified":
            should_not_verify += 1
            false_verified += got == "verified"
        if case["speaker"] and expected["verdict"] != "misattributed" and expected["text"] is not None:
            # The speaker given is the quote's own (however written): "misattributed" accuses wrongly.
            right_speaker += 1
            false_misattributed += got == "misattributed"
        if expected["text"] is not None:
            top1_n += 1
            top = result["matches"][0]["quote"]["text"] if result["matches"] else None
            top1_ok += top == expected["text"]
        if got != expected["verdict"]:
            wrong.append((case, result))

    n = len(cases)
    ok = sum(c["ok"] for c in per_cat.values())
    print(f"verdict accuracy: {ok / n:.4f} ({ok}/{n})")
    for cat in sorted(per_cat):
        c = per_cat[cat]
        print(f"  {cat:<20} {c['ok'] / c['n']:.4f} ({c['ok']}/{c['n']})")
    print("confusion (rows: expected, columns: got)")
    print(" " * 15 + "".join(f"{v[:12]:>14}" for v in VERDICTS))
    for exp in VERDICTS:
        if confusion[exp]:
            print(f"{exp:<15}" + "".join(f"{confusion[exp][v]:>14}" for v in VERDICTS))
    print(f"top-1 quote accuracy: {top1_ok / max(top1_n, 1):.4f} ({top1_ok}/{top1_n})")
    print(
        f"false-verified rate: {false_verified / max(should_not_verify, 1):.4%} "
        f"({false_verified}/{should_not_verify})"
    )
    print(
        f"false-misattributed rate: {false_misattributed / max(right_speaker, 1):.4%} "
        f"({false_misattributed}/{right_speaker} claims with the right speaker)"
    )
    print(
        f"verdicts resting on meaning alone: {sum(by_meaning.values())}"
        + "".join(f"; {cat} -> {got} {k}" for (cat, got), k in sorted(by_meaning.items()))
    )
    print(
        f"verify latency (index + engine, in process): p50 {median(latencies):.2f} ms, "
        f"p99 {pct(latencies, 99):.2f} ms over {n} claims"
    )
    for case, result in wrong[:errors]:
        top = result["matches"][0] if result["matches"] else None
        expected = case["expected"]["verdict"]
        print(f"\n[{case['id']}] {case['category']}: expected {expected}, got {result['verdict']}")
        print(f"  claim:   {case['claim']!r} / speaker {case['speaker']!r}")
        print(f"  want:    {case['expected']['text']!r} / {case['expected']['speaker']!r}")
        if top:
            print(
                f"  top:     {top['quote']['text'][:200]!r} / {top['quote']['speaker']['name']!r} "
                f"score {top['score']} {top.get('reasons', '')}"
            )


if __name__ == "__main__":
    main()
