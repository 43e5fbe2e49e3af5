"""Check-a-draft latency: a 5,000-word draft with 30 quotations against a large index.

    .venv/bin/python bench/check_draft.py --database-url URL [--runs 5]

URL holds the index (e.g. the 500k-quote snapshot from ``bench/scale.py --snapshot 500000``, which
contains the qv-bench corpus). The draft is built from the qv-bench dev cases: 30 of their claims
(exact, altered, misattributed and fabricated ones) quoted and attributed in news style
("…,” said Name.), between narrative sentences made of other dev claims without quotation marks,
until it has 5,000 words. Prints the draft's size, what extraction found, the verdicts, and the
median and worst time of ``check_draft`` (extraction + one verification per quotation) over the runs.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from common import QV, median, need

from service.checking import check_draft
from service.db import make_engine, session_scope

WORDS = 5_000
QUOTATIONS = 30


def build_draft(cases: list[dict], *, seed: int = 7) -> str:
    """A news-style draft: attributed quotations between narrative sentences."""
    rng = random.Random(seed)
    quoted = [c for c in cases if c["expected"]["speaker"] and len(c["claim"].split()) >= 8]
    rng.shuffle(quoted)
    quoted = quoted[:QUOTATIONS]
    narrative = [c["claim"].strip('"\u201c\u201d ') for c in cases if c not in quoted]
    rng.shuffle(narrative)
    paragraphs, words, n = [], 0, 0
    per_gap = max(1, (WORDS // 20) // QUOTATIONS)
    for case in quoted:
        speaker = case["speaker"] or case["expected"]["speaker"]
        claim = case["claim"].strip('"\u201c\u201d ')
        filler = []
        while sum(len(s.split()) for s in filler) < per_gap * 20 and n < len(narrative):
            filler.append(narrative[n].rstrip(".") + ".")
            n += 1
        para = " ".join(filler) + f" \u201c{claim},\u201d said {speaker}."
        paragraphs.append(para)
        words += len(para.split())
    while words < WORDS and n < len(narrative):
        sentence = narrative[n].rstrip(".") + "."
        paragraphs.append(sentence)
        words += len(sentence.split())
        n += 1
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = [json.loads(line) for line in need(QV / "dev-cases.jsonl").open(encoding="utf-8")]
    draft = build_draft(cases)
    engine = make_engine(args.database_url)
    times = []
    with session_scope(engine) as session:
        result = check_draft(session, "Warm up: \u201cthe connection and the caches,\u201d said Nobody.")
        for _ in range(args.runs):
            t0 = time.perf_counter()
            result = check_draft(session, draft)
            times.append(time.perf_counter() - t0)
    engine.dispose()
    direct = sum(q["kind"] == "direct" for q in result["quotes"])
    print(f"draft: {len(draft.split()):,} words, {len(draft):,} characters, {QUOTATIONS} quotations written")
    print(f"found: {len(result['quotes'])} statements ({direct} direct); verdicts: {result['summary']}")
    print(
        f"check_draft: median {median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
        f"over {args.runs} runs ({args.database_url.split('@')[-1]})"
    )


if __name__ == "__main__":
    main()
