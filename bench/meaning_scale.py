"""Meaning at a million quotes: the vector index's build, a worker's memory, and verify with vectors on.

    nice .venv/bin/python bench/meaning_scale.py --keep DIR --from-database sqlite:///XL.db [--queries N]

Builds once, in DIR (and reuses it after): a copy of the database bench/xling.py embedded (qv-bench +
qv-bench-xling, real vectors), with Quotes-500K and bench/scale.py's synthetic half added up to 1M
quotes, as bench/scale.py makes them. Every added quote gets a vector, then the index file is built.

The added quotes' vectors, of both models, are SYNTHETIC: a real vector of the copied database plus
Gaussian noise, unit length (cosine ~0.7 to the vector it came from). Embedding them for real takes
hours on this machine (bench/xling.py prints the embedding rate; a first embedding of N quotes takes
N / rate). The figures measured here depend on how many vectors there are, not on their meaning: the
index's build time and size, a worker's memory (RSS, and PSS: what it costs beside the other workers
sharing the mapped file), and the latency of claims the words answer (qv-bench `exact`) against claims
that need the vectors (qv-bench-xling dev claims, whose translations are real vectors among the
million; their top-1 too), and of claims nothing matches (bench/xling.py's hard negatives), which
also ask the second model.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from common import DATA, QV, machine_speed, median, need, pct
from scale import real_rows, synthetic_rows, write_jsonl
from sqlalchemy import func, select
from xling import unstored_messages

from service import bulk, embedding
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.models import Quote, QuoteRerankVector, QuoteVector
from service.search import rerank, vectors
from service.verification import verify

SIZE = 1_000_000
QV_BENCH_QUOTES = 64_208  # the first rows of bench/scale.py's, already in the copied database
NOISE = 0.045  # per dimension: |noise|^2 ~ 512 x 0.045^2 ~ 1, so cosine ~ 0.7 to the source vector
WARM_UP = 100


def write_rows(path: Path) -> None:
    """Quotes-500K and the synthetic half, as bench/scale.py makes them: SIZE quotes with qv-bench's."""
    rows = real_rows()
    rows += synthetic_rows(rows, SIZE - len(rows))
    write_jsonl(rows[QV_BENCH_QUOTES:SIZE], path)


def fill_vectors(engine, *, batch: int = 20_000) -> int:
    """A synthetic vector of each model for every quote without one (see the module's docstring)."""
    done = 0
    for table, model, dim, to_bytes, from_bytes in (
        (QuoteVector, vectors.MODEL, vectors.DIM, vectors.to_bytes, vectors.from_bytes),
        (QuoteRerankVector, rerank.MODEL, rerank.DIM, rerank.to_bytes, rerank.from_bytes),
    ):
        with session_scope(engine) as s:
            blobs = [b for (b,) in s.execute(select(table.vector).limit(50_000))]
        real = from_bytes(blobs)
        noise = NOISE * (vectors.DIM / dim) ** 0.5  # the same |noise| whatever the dimension
        rng = np.random.default_rng(7)
        while True:
            with session_scope(engine) as s:
                ids = [
                    q
                    for (q,) in s.execute(
                        select(Quote.id)
                        .outerjoin(table, table.quote_id == Quote.id)
                        .where(table.id.is_(None))
                        .order_by(Quote.id)
                        .limit(batch)
                    )
                ]
                if not ids:
                    break
                m = real[rng.integers(0, len(real), len(ids))] + rng.normal(0, noise, (len(ids), dim))
                m /= np.linalg.norm(m, axis=1, keepdims=True)
                rows = [(q, model, to_bytes(v)) for q, v in zip(ids, m, strict=True)]
                bulk.insert_rows(s.connection(), table.__tablename__, ("quote_id", "model", "vector"), rows)
                done += len(ids)
    return done


def build(work: Path, source_url: str) -> str:
    db = work / "meaning-1m.db"
    url = f"sqlite:///{db}"
    if db.exists():
        return url
    tmp = work / "building.db"
    # SQLite's own copy: a file copy would miss what its write-ahead log still holds.
    with sqlite3.connect(source_url.removeprefix("sqlite:///")) as src, sqlite3.connect(tmp) as dst:
        src.backup(dst)
    engine = make_engine(f"sqlite:///{tmp}")
    rows = work / "rows.jsonl"
    # A child makes the rows: a process that held a million row dicts stays slower (bench/scale.py).
    child = multiprocessing.get_context("fork").Process(target=write_rows, args=(rows,))
    child.start()
    child.join()
    t0 = time.perf_counter()
    report = import_file(engine, rows)
    print(f"import: {report.summary()} in {time.perf_counter() - t0:.0f} s", flush=True)
    rows.unlink()
    t0 = time.perf_counter()
    n = fill_vectors(engine)
    print(f"{n:,} synthetic vectors stored in {time.perf_counter() - t0:.0f} s", flush=True)
    engine.dispose()
    tmp.rename(db)
    return url


MEMORY_PROBE = """
import json, resource, sys
sys.path.insert(0, "bench")
from common import QV
from service.db import make_engine, session_scope
from service.search import vectors
from service.verification import verify

def rollup():
    fields = {}
    for line in open("/proc/self/smaps_rollup"):
        parts = line.split()
        if parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
            fields[parts[0][:-1]] = int(parts[1]) // 1024
    return fields

engine = make_engine(sys.argv[1])
before = rollup()
vectors.warm()
model = rollup()
from service.search import rerank
rerank.embed_query("the second model, loaded")
both = rollup()
claims = [json.loads(x)["claim"] for x in open(sys.argv[2], encoding="utf-8")][:200]
with session_scope(engine) as s:
    for c in claims:
        verify(s, c)
after = rollup()
print(json.dumps({"start": before, "model": model, "both": both, "after": after}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, required=True, help="the folder of the 1M database")
    parser.add_argument("--from-database", required=True, help="bench/xling.py's embedded SQLite database")
    parser.add_argument("--queries", type=int, default=500, help="claims of each kind")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine_speed()}", flush=True)
    url = build(args.keep, args.from_database)
    engine = make_engine(url)
    path = vectors.index_path(url)
    if not path.exists():
        t0 = time.perf_counter()
        count = embedding.rebuild_index(engine, url)
        print(f"index file of {count:,} vectors built in {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"index file: {path.stat().st_size / 2**20:,.0f} MiB", flush=True)

    xl_cases = need(DATA / "qv-bench-xling" / "dev-cases.jsonl")
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, url, str(xl_cases)], capture_output=True, text=True, check=True
    )
    mem = json.loads(probe.stdout.strip().splitlines()[-1])
    print(
        "worker memory (MiB): "
        + "; ".join(f"{k} RSS {v['Rss']} PSS {v['Pss']}" for k, v in mem.items())
        + " (start: the app imported; model: USE loaded; both: e5 too; after: 200 claims through the"
        " vectors)",
        flush=True,
    )

    qv = [json.loads(x) for x in need(QV / "dev-cases.jsonl").open(encoding="utf-8")]
    exact = [c for c in qv if c["category"] == "exact"][: args.queries]
    xl_all = [json.loads(x) for x in xl_cases.open(encoding="utf-8")]
    xl = random.Random(7).sample(xl_all, min(args.queries, len(xl_all)))
    # The same claims against the copied database (67.5k quotes), one claim there after each one here: the
    # host's speed drifts, and a ratio taken in one run says what the million costs, whatever the drift.
    small = make_engine(args.from_database)
    with session_scope(engine) as s, session_scope(small) as s_small:
        for c in qv[:WARM_UP]:
            verify(s, c["claim"], speaker=c["speaker"])
            verify(s_small, c["claim"], speaker=c["speaker"])
        words_ms, small_ms, vector_ms, hits, by_vectors = [], [], [], 0, 0
        for i, c in enumerate(exact):
            # The second of the two finds the claim's words folded and names read (caches in the process):
            # each database goes first for half the claims.
            for session, times in [(s, words_ms), (s_small, small_ms)][:: 1 if i % 2 else -1]:
                t = time.perf_counter()
                verify(session, c["claim"], speaker=c["speaker"])
                times.append((time.perf_counter() - t) * 1000)
        for c in xl:
            t = time.perf_counter()
            result = verify(s, c["claim"])
            vector_ms.append((time.perf_counter() - t) * 1000)
            top = result["matches"][0] if result["matches"] else None
            hits += bool(top) and top["quote"]["text"] == c["expected"]["text"]
            by_vectors += bool(top) and top["meaning"] is not None
        # Claims nothing matches, whose related list the second model orders: its query and the stored
        # vectors of the shortlist on top of the first model's search.
        unmatched_ms, unmatched = [], 0
        for claim in unstored_messages(xl_all)[: args.queries]:
            t = time.perf_counter()
            result = verify(s, claim)
            unmatched_ms.append((time.perf_counter() - t) * 1000)
            unmatched += not result["matches"]
        with_vectors = s.scalar(select(func.count()).select_from(QuoteVector))
    print(
        f"{with_vectors:,} vectors: claims the words answer p50 {median(words_ms):.1f} ms "
        f"p99 {pct(words_ms, 99):.1f} ms ({len(words_ms)}; the same claims at 67.5k quotes in the same run: "
        f"p50 {median(small_ms):.1f} ms, {median(words_ms) / median(small_ms):.2f}x); "
        "claims that need the vectors "
        f"p50 {median(vector_ms):.1f} ms p95 {pct(vector_ms, 95):.1f} ms p99 {pct(vector_ms, 99):.1f} ms "
        f"({len(vector_ms)} xling dev claims; top-1 {hits / len(xl):.3f}, {by_vectors} answered by meaning)"
    )
    print(
        f"claims nothing matches (the second model orders their related list): "
        f"p50 {median(unmatched_ms):.1f} ms p95 {pct(unmatched_ms, 95):.1f} ms "
        f"p99 {pct(unmatched_ms, 99):.1f} ms ({unmatched} of "
        f"{len(unmatched_ms)} hard negatives of bench/xling.py had no match)"
    )
    print(f"machine at the end: {machine_speed()}")


if __name__ == "__main__":
    main()
