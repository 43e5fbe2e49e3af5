"""Across languages: qv-bench-xling dev (English claims whose only stored form is a human translation).

    .venv/bin/python bench/xling.py [--distractors N] [--jobs N] [--limit N]

Imports ../shared/data/qv-bench-xling/corpus.jsonl with qv-bench's corpus (all of it, or its first N
quotes with ``--distractors``) into a fresh SQLite file, embeds every quote (`quotetrace embed`'s code),
and verifies each dev claim with ``service.verification.verify``. Prints top-1 (the expected translation
is the first match) and the share judged `paraphrased`, per language and overall; the similarity of the
expected translation and of the nearest quote of every qv-bench `fabricated` dev claim (which must stay
`unverified`: the paraphrase threshold sits between); the embedding rate; and the latency of claims the
words answer (qv-bench `exact`) against claims that need the vectors.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

from common import DATA, QV, median, need, pct, temp_sqlite_url

from service import embedding
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.migrate import upgrade
from service.search import vectors
from service.verification import verify

XL = DATA / "qv-bench-xling"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=None, help="only the first N qv-bench quotes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only N claims of each language")
    args = parser.parse_args()
    url = temp_sqlite_url("xling.db")
    upgrade(url)
    engine = make_engine(url)
    english = need(QV / "corpus.jsonl")
    if args.distractors is not None:
        english = Path(tempfile.mkdtemp(prefix="quotetrace-xl-")) / "english.jsonl"
        with open(QV / "corpus.jsonl", encoding="utf-8") as src:
            english.write_text("".join(islice(src, args.distractors)), encoding="utf-8")
    for path in (english, need(XL / "corpus.jsonl")):
        print(f"import {path.name}: {import_file(engine, path).summary()}")
    t0 = time.perf_counter()
    n = embedding.embed_missing(engine, jobs=args.jobs)
    took = time.perf_counter() - t0
    print(f"embedded {n} quotes in {took:.0f} s: {n / took:.0f} quotes/s with {args.jobs} processes")
    t0 = time.perf_counter()
    embedding.rebuild_index(engine, url)
    print(f"index file built in {time.perf_counter() - t0:.1f} s")

    cases = [json.loads(line) for line in (XL / "dev-cases.jsonl").read_text(encoding="utf-8").splitlines()]
    by_language = defaultdict(list)
    for case in cases:
        by_language[case["category"].removeprefix("xling_")].append(case)
    top1, para, sims, times = defaultdict(list), defaultdict(list), [], []
    with session_scope(engine) as s:
        for language, group in sorted(by_language.items()):
            for case in group[: args.limit]:
                t = time.perf_counter()
                result = verify(s, case["claim"])
                times.append((time.perf_counter() - t) * 1000)
                first = result["matches"][0]["quote"]["text"] if result["matches"] else None
                top1[language].append(first == case["expected"]["text"])
                para[language].append(result["verdict"] == "paraphrased")
        for language in sorted(top1):
            print(
                f"  {language:6} top-1 {sum(top1[language]) / len(top1[language]):.3f}  "
                f"paraphrased {sum(para[language]) / len(para[language]):.3f}  ({len(top1[language])} claims)"
            )
        everything = [x for v in top1.values() for x in v]
        paraphrased = [x for v in para.values() for x in v]
        print(
            f"overall top-1 {sum(everything) / len(everything):.3f}, "
            f"paraphrased {sum(paraphrased) / len(paraphrased):.3f} over {len(everything)} claims; "
            f"verify p50 {median(times):.0f} ms, p99 {pct(times, 99):.0f} ms"
        )
        # The threshold: the expected translation's similarity against the nearest quote of fabricated claims.
        vector_of = {}
        for group in by_language.values():
            for case in group[: args.limit]:
                vector_of[case["claim"]] = case["expected"]["text"]
        claims = list(vector_of)
        claim_vectors = vectors.embed(claims)
        target_vectors = vectors.embed([vector_of[c] for c in claims])
        sims = sorted(float(a @ b) for a, b in zip(claim_vectors, target_vectors, strict=True))
        print(
            "similarity of the expected translation: "
            + ", ".join(f"p{q} {pct(sims, q):.3f}" for q in (5, 10, 25, 50))
        )
        qv_cases = [json.loads(x) for x in (QV / "dev-cases.jsonl").read_text(encoding="utf-8").splitlines()]
        fabricated = [c["claim"] for c in qv_cases if c["category"] == "fabricated"]
        nearest = sorted(vectors.nearest(s, v, k=1)[0][1] for v in vectors.embed(fabricated))
        print(
            f"nearest quote of {len(fabricated)} fabricated claims: "
            + ", ".join(f"p{q} {pct(nearest, q):.3f}" for q in (50, 90, 99, 100))
        )
        lexical, meaning = [], []
        for c in qv_cases:
            if c["category"] not in ("exact", "fabricated"):
                continue
            t = time.perf_counter()
            verify(s, c["claim"], speaker=c["speaker"])
            (lexical if c["category"] == "exact" else meaning).append((time.perf_counter() - t) * 1000)
        print(
            f"latency: claims the words answer p50 {median(lexical):.1f} ms p99 {pct(lexical, 99):.1f} ms; "
            f"claims that need the vectors p50 {median(meaning):.1f} ms p99 {pct(meaning, 99):.1f} ms"
        )


if __name__ == "__main__":
    main()
