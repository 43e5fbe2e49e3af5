"""CheckThat! 2021 Task 2 (claim retrieval) through the service's verify path: MAP@5 on 2A and 2B.

    .venv/bin/python bench/claim_retrieval.py [--task 2a|2b] [--split dev|train] [--limit N] [--jobs N]
                                              [--lexical-weight W ...]

Imports the task's verified claims as quotes (the claim as the text, the fact-check's title as the
source's title, PolitiFact's speaker or "Snopes"), embeds them (`quotetrace embed`'s code), then verifies
each tweet (2A) or debate sentence (2B) with ``service.verification.verify``: the ranking is `matches`
then `related`, and MAP@5 is scored against the qrels. Fusion weights are chosen with ``--split train``
(several ``--lexical-weight`` values print one figure each); dev is only ever measured.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import DATA, median, need, pct, temp_sqlite_url

from service import embedding, verification
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.migrate import upgrade
from service.models import Quote

TASKS = {
    "2a": {
        "dir": "checkthat-2021-2a-snopes",
        "vclaims": "vclaims.jsonl",
        "queries": "train-dev/tweets-train-dev.tsv",
        "qrels": {"train": "train-dev/qrels-train.tsv", "dev": "train-dev/qrels-dev.tsv"},
    },
    "2b": {
        "dir": "checkthat-2021-2b-politifact",
        "vclaims": "politifact-vclaims.slim.jsonl",
        "queries": "train-dev/iclaims.queries.tsv",
        "qrels": {"train": "train-dev/train.qrels.tsv", "dev": "train-dev/dev.qrels.tsv"},
    },
}


def corpus_file(path: Path) -> Path:
    """The verified claims in the import format."""
    out = Path(tempfile.mkdtemp(prefix="quotetrace-ct-")) / "vclaims.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            v = json.loads(line)
            row = {
                "ref": v["vclaim_id"],
                "text": v["vclaim"],
                "speaker": v.get("speaker") or "Snopes",
                "language": "en",
                "source": {"title": v.get("title"), "publisher": None, "url": None, "published_at": None},
            }
            dst.write(json.dumps(row) + "\n")
    return out


def average_precision(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for i, ref in enumerate(ranked[:k], 1):
        if ref in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k) if relevant else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=sorted(TASKS), action="append")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N queries")
    parser.add_argument("--jobs", type=int, default=2, help="embedding processes")
    parser.add_argument("--lexical-weight", type=float, action="append", default=None)
    args = parser.parse_args()
    for task in args.task or sorted(TASKS):
        run(task, args)


def run(task: str, args) -> None:
    spec = TASKS[task]
    folder = need(DATA / spec["dir"])
    url = temp_sqlite_url(f"ct-{task}.db")
    upgrade(url)
    engine = make_engine(url)
    t0 = time.perf_counter()
    report = import_file(engine, corpus_file(folder / spec["vclaims"]))
    print(f"{task}: import {report.summary()} in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    n = embedding.embed_missing(engine, jobs=args.jobs)
    took = time.perf_counter() - t0
    print(f"{task}: embedded {n} quotes in {took:.1f} s ({n / took:.0f} quotes/s, {args.jobs} processes)")
    embedding.rebuild_index(engine, url)
    lines = (folder / spec["queries"]).read_text(encoding="utf-8").splitlines()
    queries = dict(line.split("\t", 1) for line in lines if "\t" in line)
    relevant: dict[str, set[str]] = {}
    for line in (folder / spec["qrels"][args.split]).read_text(encoding="utf-8").splitlines():
        qid, _, ref, rel = line.split()
        if rel != "0":
            relevant.setdefault(qid, set()).add(ref)
    qids = sorted(relevant)[: args.limit]
    with session_scope(engine) as s:
        refs = dict(s.query(Quote.id, Quote.ref).all())
    for weight in args.lexical_weight or [verification.LEXICAL_WEIGHT]:
        verification.LEXICAL_WEIGHT = weight
        aps, times, answered = [], [], 0
        with session_scope(engine) as s:
            for qid in qids:
                t = time.perf_counter()
                result = verification.verify(s, queries[qid][:5000])
                times.append((time.perf_counter() - t) * 1000)
                ranked = [refs[m["quote"]["id"]] for m in result["matches"]]
                ranked += [refs[r["quote"]["id"]] for r in result["related"]]
                answered += bool(ranked)
                aps.append(average_precision(ranked, relevant[qid]))
        print(
            f"{task} {args.split}: MAP@5 {sum(aps) / len(aps):.3f} over {len(aps)} queries "
            f"(lexical weight {weight}; {answered / len(aps):.0%} with any answer); "
            f"verify p50 {median(times):.0f} ms, p99 {pct(times, 99):.0f} ms"
        )


if __name__ == "__main__":
    main()
