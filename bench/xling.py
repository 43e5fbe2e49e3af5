"""Across languages: qv-bench-xling dev (English claims whose only stored form is a human translation).

    .venv/bin/python bench/xling.py [--distractors N] [--jobs N] [--limit N]
                                    [--database-url URL --skip-import] [--tune]

Imports ../shared/data/qv-bench-xling/corpus.jsonl with qv-bench's corpus (all of it, or its first N
quotes with ``--distractors``) into a fresh SQLite file (or uses ``--database-url``, already imported
with ``--skip-import``), embeds every quote lacking a vector (`quotetrace embed`'s code), and verifies
each dev claim with ``service.verification.verify``. Prints top-1 (the expected translation is the
first match) and the share judged `paraphrased`, per language and overall, and on the half of the
claims the paraphrase threshold was never chosen on; the similarity of the nearest quote of every
qv-bench `fabricated` dev claim (which must stay `unverified`); the embedding rate; and the latency of
claims the words answer (qv-bench `exact`) against claims that need the vectors.

``--tune`` prints, on the *tuning half* (every other claim of each language, the first included), the
share of claims whose translation reaches each similarity against the share whose nearest other quote
does: PARAPHRASE_MIN_SIMILARITY is chosen there, never on the other half.
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
from sqlalchemy import select

from service import embedding, verification
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.matching.meaning import PARAPHRASE_MIN_SIMILARITY
from service.migrate import upgrade
from service.models import Quote
from service.search import vectors
from service.verification import verify

XL = DATA / "qv-bench-xling"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=None, help="only the first N qv-bench quotes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only N claims of each language")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--skip-import", action="store_true", help="the database holds both corpora")
    parser.add_argument("--tune", action="store_true", help="the paraphrase threshold on the tuning half")
    args = parser.parse_args()
    url = args.database_url or temp_sqlite_url("xling.db")
    upgrade(url)
    engine = make_engine(url)
    if not args.skip_import:
        load(engine, args)
    t0 = time.perf_counter()
    n = embedding.embed_missing(engine, jobs=args.jobs)
    took = time.perf_counter() - t0
    if n:
        print(f"embedded {n} quotes in {took:.0f} s: {n / took:.0f} quotes/s with {args.jobs} processes")
    if n or not vectors.index_path(url).exists():
        t0 = time.perf_counter()
        embedding.rebuild_index(engine, url)
        print(f"index file built in {time.perf_counter() - t0:.1f} s")
    measure(engine, args)


def tuning_half(case_index: int) -> bool:
    """Every other claim of a language, the first included: the claims thresholds may be chosen on."""
    return case_index % 2 == 0


def load(engine, args) -> None:
    """Import qv-bench's corpus (or its first ``--distractors`` quotes) and the translations."""
    english = need(QV / "corpus.jsonl")
    if args.distractors is not None:
        english = Path(tempfile.mkdtemp(prefix="quotetrace-xl-")) / "english.jsonl"
        with open(QV / "corpus.jsonl", encoding="utf-8") as src:
            english.write_text("".join(islice(src, args.distractors)), encoding="utf-8")
    for path in (english, need(XL / "corpus.jsonl")):
        print(f"import {path.name}: {import_file(engine, path).summary()}")


def measure(engine, args) -> None:
    """Verify the dev claims and print the figures."""

    cases = [json.loads(line) for line in (XL / "dev-cases.jsonl").read_text(encoding="utf-8").splitlines()]
    by_language = defaultdict(list)
    for case in cases:
        by_language[case["category"].removeprefix("xling_")].append(case)
    # One English sentence may be a case in several languages (705 sentences, 1,070 cases): every one of
    # its translations is then the same statement, and only one can be the first match.
    same = defaultdict(set)
    for case in cases:
        same[case["claim"]].add(case["expected"]["text"])
    top1, para, times = defaultdict(list), defaultdict(list), []
    held_out, any_language = [], []
    with session_scope(engine) as s:
        for language, group in sorted(by_language.items()):
            for i, case in enumerate(group[: args.limit]):
                t = time.perf_counter()
                result = verify(s, case["claim"])
                times.append((time.perf_counter() - t) * 1000)
                first = result["matches"][0]["quote"]["text"] if result["matches"] else None
                top1[language].append(first == case["expected"]["text"])
                any_language.append(first in same[case["claim"]])
                para[language].append(result["verdict"] == "paraphrased")
                if not tuning_half(i):
                    held_out.append((top1[language][-1], para[language][-1]))
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
        print(
            f"first match a translation of the claim, in any of its dev languages: "
            f"{sum(any_language) / len(any_language):.3f} (held-out translations count as wrong)"
        )
        print(
            f"half never tuned on: top-1 {sum(t for t, _ in held_out) / len(held_out):.3f}, "
            f"paraphrased {sum(p for _, p in held_out) / len(held_out):.3f} over {len(held_out)} claims"
        )
        if args.tune:
            tune(s, by_language, args.limit, same)
        qv_cases = [json.loads(x) for x in (QV / "dev-cases.jsonl").read_text(encoding="utf-8").splitlines()]
        fabricated = [c["claim"] for c in qv_cases if c["category"] == "fabricated"]
        nearest = sorted(vectors.nearest(s, v, k=1)[0][1] for v in vectors.embed(fabricated))
        over = sum(v >= PARAPHRASE_MIN_SIMILARITY for v in nearest)
        print(
            f"nearest quote of {len(fabricated)} fabricated claims: "
            + ", ".join(f"p{q} {pct(nearest, q):.3f}" for q in (50, 90, 99, 100))
            + f"; {over} at or above PARAPHRASE_MIN_SIMILARITY {PARAPHRASE_MIN_SIMILARITY}"
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


def tune(s, by_language: dict, limit: int | None, same: dict) -> None:
    """On the tuning half: the translation's similarity against the nearest other quote's."""
    cases = [c for group in by_language.values() for i, c in enumerate(group[:limit]) if tuning_half(i)]
    claim_vectors = vectors.embed([c["claim"] for c in cases])
    right = vectors.embed([c["expected"]["text"] for c in cases]) @ claim_vectors.T
    right = right.diagonal().tolist()
    text_of = dict(s.execute(select(Quote.id, Quote.text)).all())
    wrong = []
    for case, v in zip(cases, claim_vectors, strict=True):
        near = [sim for q, sim in vectors.nearest(s, v, k=6) if text_of[q] not in same[case["claim"]]]
        wrong.append(near[0] if near else -1.0)
    print(
        f"tuning half ({len(cases)} claims): share whose translation / nearest other quote reaches "
        "each similarity"
    )
    best = max(
        (x / 100 for x in range(40, 91)),
        key=lambda t: sum(v >= t for v in right) - sum(v >= t for v in wrong),
    )
    for t in [x / 100 for x in range(50, 91, 5)]:
        print(
            f"  {t:.2f}: translation {sum(v >= t for v in right) / len(right):.3f}  "
            f"other {sum(v >= t for v in wrong) / len(wrong):.3f}"
        )
    print(f"  most translations over the fewest others (step 0.01): {best:.2f}")
    # Whether a second-stage rerank of the vectors' shortlist could help a language: is the translation
    # in the nearest VECTOR_CANDIDATES at all (a rerank cannot find what the shortlist lacks)?
    k = verification.VECTOR_CANDIDATES
    shortlisted = defaultdict(list)
    for case, v in zip(cases, claim_vectors, strict=True):
        near = [text_of[q] for q, _ in vectors.nearest(s, v, k=k)]
        rank = near.index(case["expected"]["text"]) + 1 if case["expected"]["text"] in near else None
        shortlisted[case["category"].removeprefix("xling_")].append(rank)
    print(f"  translation nearest (top-1) / among the {k} nearest, by language:")
    for language, ranks in sorted(shortlisted.items()):
        print(
            f"    {language:6} {sum(r == 1 for r in ranks) / len(ranks):.3f} / "
            f"{sum(r is not None for r in ranks) / len(ranks):.3f}"
        )


if __name__ == "__main__":
    main()
