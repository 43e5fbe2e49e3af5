"""CheckThat! 2021 Task 2 (claim retrieval) through the service's verify path: MAP@5 on 2A and 2B.

    .venv/bin/python bench/claim_retrieval.py [--task 2a|2b] [--split dev|train] [--limit N] [--jobs N]
                                              [--keep DIR] [--sweep [--lexical-weight W ...]
                                              [--related-min R ...] [--title-weight T ...]
                                              [--rerank-weight B ...] [--rerank-related-min E ...]]

Imports the task's verified claims as quotes (the claim as the text, the fact-check's title as the
source's title, PolitiFact's speaker or "Snopes"), embeds them (`quotetrace embed`'s code), then verifies
each tweet (2A) or debate sentence (2B) with ``service.verification.verify``: the ranking is `matches`
then `related`, and MAP@5 is scored against the qrels. ``--keep DIR`` keeps the embedded database there
and reuses it on the next run.

``--sweep`` (for ``--split train``: the constants are chosen there, dev is only ever measured) scores
every ``--lexical-weight`` × ``--related-min`` × ``--title-weight`` × ``--rerank-weight`` ×
``--rerank-related-min`` on the same queries without re-running verify: claims with a match (of the
words or of meaning, which the second model does not order) keep verify's ranking; for the others the
fused ranking is recomputed from the same pool of candidates verify uses
(``meaning_verification.meaning_pool``, and the second model's similarities). It also prints, for the
paraphrase threshold, the share of queries whose fact-checked claim reaches each similarity against the
share whose nearest *other* claim does (a match there would be wrong).
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
import time
from pathlib import Path

from common import DATA, median, need, pct, temp_sqlite_url

from service import embedding, matching, meaning_verification, verification
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.matching import meaning
from service.migrate import upgrade
from service.models import Quote
from service.search import rerank
from service.search.meaning_text import meaning_text

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
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the databases here")
    parser.add_argument("--sweep", action="store_true", help="score constants on these queries")
    parser.add_argument("--lexical-weight", type=float, action="append", default=None)
    parser.add_argument("--related-min", type=float, action="append", default=None)
    parser.add_argument("--title-weight", type=float, action="append", default=None)
    parser.add_argument("--rerank-weight", type=float, action="append", default=None)
    parser.add_argument("--rerank-related-min", type=float, action="append", default=None)
    args = parser.parse_args()
    for task in args.task or sorted(TASKS):
        run(task, args)


def run(task: str, args) -> None:
    spec = TASKS[task]
    folder = need(DATA / spec["dir"])
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{args.keep / f'ct-{task}.db'}"
    else:
        url = temp_sqlite_url(f"ct-{task}.db")
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        stored = s.query(Quote.id).limit(1).count()
    if not stored:
        t0 = time.perf_counter()
        report = import_file(engine, corpus_file(folder / spec["vclaims"]))
        print(f"{task}: import {report.summary()} in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    n = embedding.embed_missing(engine, jobs=args.jobs)
    took = time.perf_counter() - t0
    if n:
        print(f"{task}: embedded {n} quotes (both models) in {took:.1f} s, {args.jobs} processes")
    if n or not embedding.index_files_exist(url):
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
    aps, times, answered, by_words, fixed = [], [], 0, {}, {}
    with session_scope(engine) as s:
        for qid in qids:
            t = time.perf_counter()
            result = verification.verify(s, queries[qid][:5000])
            times.append((time.perf_counter() - t) * 1000)
            ranked = [refs[m["quote"]["id"]] for m in result["matches"]]
            ranked += [refs[r["quote"]["id"]] for r in result["related"]]
            answered += bool(ranked)
            aps.append(average_precision(ranked, relevant[qid]))
            if result["matches"] and result["matches"][0]["meaning"] is None:
                by_words[qid] = ranked
            if result["matches"]:
                fixed[qid] = ranked
    print(
        f"{task} {args.split}: MAP@5 {sum(aps) / len(aps):.3f} over {len(aps)} queries "
        f"({answered / len(aps):.0%} with any answer, {len(by_words)} answered by the words; lexical weight "
        f"{meaning_verification.LEXICAL_WEIGHT}, title weight {meaning_verification.TITLE_WEIGHT}, "
        "rerank weight "
        f"{meaning_verification.RERANK_WEIGHT}, related from {meaning.RELATED_MIN_SIMILARITY} (second model "
        f"{meaning_verification.RERANK_RELATED_MIN_SIMILARITY}), paraphrased from "
        f"{meaning.PARAPHRASE_MIN_SIMILARITY}); verify p50 {median(times):.0f} ms, "
        f"p99 {pct(times, 99):.0f} ms"
    )
    if args.sweep:
        sweep(engine, task, args, queries, qids, relevant, refs, fixed)


def sweep(engine, task, args, queries, qids, relevant, refs, fixed) -> None:
    """MAP@5 for each lexical weight × related threshold, and the similarities behind the paraphrase one."""
    saved = args.keep / f"pools-reranked-{task}-{args.split}.pickle" if args.keep else None
    if saved and saved.exists():
        pools = pickle.loads(saved.read_bytes())
    else:
        pools = {}
        with session_scope(engine) as s:
            for qid in qids:
                if qid not in fixed:
                    claim = queries[qid][:5000]
                    similarity, words, titled = meaning_verification.meaning_pool(s, claim)
                    read = meaning_text(claim)
                    closeness = (
                        rerank.similarities(s, read, list(similarity))
                        if len(read) <= rerank.QUERY_CHARACTERS
                        else None
                    )
                    pools[qid] = (similarity, words, titled, closeness)
        if saved:
            saved.write_bytes(pickle.dumps(pools))
    weights = args.lexical_weight or [meaning_verification.LEXICAL_WEIGHT]
    floors = args.related_min or [meaning.RELATED_MIN_SIMILARITY]
    for title_weight in args.title_weight or [meaning_verification.TITLE_WEIGHT]:
        for rerank_floor in args.rerank_related_min or [meaning_verification.RERANK_RELATED_MIN_SIMILARITY]:
            for rerank_weight in args.rerank_weight or [meaning_verification.RERANK_WEIGHT]:
                print(
                    f"{task} {args.split} sweep, title weight {title_weight}, rerank weight {rerank_weight}, "
                    f"second model related from {rerank_floor}: MAP@5 by lexical weight (rows) x "
                    "related-min (columns)"
                )
                print("        " + "".join(f"{r:>8.2f}" for r in floors))
                for w in weights:
                    row = []
                    for floor in floors:
                        aps = []
                        for qid in qids:
                            if qid in fixed:
                                ranked = fixed[qid]
                            else:
                                similarity, words, titled, closeness = pools[qid]
                                lexical = meaning_verification.lexical_scores(
                                    words, titled, title_weight=title_weight
                                )
                                fused = meaning_verification.ranked_by_meaning(
                                    similarity,
                                    closeness,
                                    lexical,
                                    lexical_weight=w,
                                    rerank_weight=rerank_weight,
                                    related_min=floor,
                                    rerank_related_min=rerank_floor,
                                )
                                ranked = [refs[q] for q in _shown(queries[qid], similarity, fused)]
                            aps.append(average_precision(ranked, relevant[qid]))
                        row.append(sum(aps) / len(aps))
                    print(f"  {w:5.2f} " + "".join(f"{m:8.3f}" for m in row))
    # The paraphrase threshold: the fact-checked claim's similarity against the nearest other claim's.
    right, wrong = [], []
    for qid, (similarity, *_) in pools.items():
        mine = [v for q, v in similarity.items() if refs[q] in relevant[qid]]
        others = [v for q, v in similarity.items() if refs[q] not in relevant[qid]]
        right.append(max(mine, default=-1.0))
        wrong.append(max(others, default=-1.0))
    print(
        f"{task} {args.split}: of {len(pools)} queries the vectors answer, share whose fact-checked claim / "
        "nearest other claim reaches each similarity"
    )
    for t in [x / 100 for x in range(50, 91, 5)]:
        print(
            f"  {t:.2f}: fact-checked {sum(v >= t for v in right) / len(right):.3f}  "
            f"other {sum(v >= t for v in wrong) / len(wrong):.3f}"
        )


def _shown(claim: str, similarity: dict, fused: list[int]) -> list[int]:
    """What verify would show of this ranking: the matches, then the related quotes."""
    can_match = len(matching.words(claim)) >= matching.MIN_CONFIRM_WORDS
    top = [q for q in fused if can_match and similarity[q] >= meaning.PARAPHRASE_MIN_SIMILARITY][:5]
    rest = [q for q in fused if q not in top][: meaning.RELATED_LIMIT]
    return top + rest


if __name__ == "__main__":
    main()
