"""The worst requests one anonymous client can send: each must cost a bounded amount of work.

    nice .venv/bin/python bench/worst_case.py [--database-url URL] [--runs 3]

Without URL, the qv-bench corpus (64k quotes) is imported into a temporary SQLite file first. Each case
is sent through the app (Flask's test client: view, verification, schema) and timed; the figure is the
worst of the runs. For checks, extraction alone (``service.extract``, issue 17's part) is timed apart
from the whole request. Targets (issue 12): verify <= 0.25 s, check of 200,000 characters <= 3 s, batch of
100 x 5,000 characters <= 10 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import queue as queue_module
import random
import re
import time
from collections import Counter

from common import QV, machine_speed, need, temp_sqlite_url

from service import create_app, extract
from service.corpus import import_file
from service.migrate import upgrade

TARGETS = {"verify": 0.25, "batch": 10.0, "check": 3.0}


def common_words_text(corpus_path, chars: int, *, seed: int) -> str:
    """``chars`` characters of the corpus's 300 most common words, in random order."""
    counts: Counter[str] = Counter()
    with open(corpus_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 5_000:
                break
            counts.update(re.findall(r"[a-z]+", line.lower()))
    common = [w for w, _ in counts.most_common(300)]
    rng = random.Random(seed)
    words: list[str] = []
    while sum(map(len, words)) + len(words) < chars:
        words.append(rng.choice(common))
    return " ".join(words)[:chars]


def repeated(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def timed(fn, runs: int) -> tuple[float, object]:
    worst, result = 0.0, None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        worst = max(worst, time.perf_counter() - t0)
    return worst, result


# A case still running after this many seconds is stopped and reported as over it (the extraction of some
# drafts ran for minutes before issue 17).
CHILD_TIMEOUT = 120


def _time_request(client, path: str, body: dict, runs: int, kind: str) -> tuple[float, int, float | None]:
    seconds, response = timed(lambda: client.post(path, json=body), runs)
    extraction = None
    if kind == "check":
        extraction, _ = timed(lambda: extract.extract_quotes(body["text"]), 1)
    return seconds, response.status_code, extraction


def in_child(fn):
    """``fn()`` in a forked process, or None when it runs past CHILD_TIMEOUT seconds."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=lambda: queue.put(fn()))
    child.start()
    try:
        return queue.get(timeout=CHILD_TIMEOUT)
    except queue_module.Empty:
        return None
    finally:
        child.kill()
        child.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = need(QV / "corpus.jsonl")
    url = args.database_url
    if url is None:
        url = temp_sqlite_url("worst-case.db")
        upgrade(url)
        app = create_app({"DATABASE_URL": url})
        t0 = time.perf_counter()
        report = import_file(app.extensions["quotetrace.engine"], corpus)
        print(f"imported {report.added} quotes in {time.perf_counter() - t0:.1f} s")
    app = create_app({"DATABASE_URL": url, "REQUEST_DEADLINE": 0})  # the work itself, never cut short
    client = app.test_client()
    print(machine_speed())

    common_5k = common_words_text(corpus, 5_000, seed=1)
    stored = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    short = [t for t in stored if len(t) < 400]
    run_together = " ".join(short[i * 37 % len(short)] for i in range(200))[:5_000]
    longest = max(stored, key=len)
    cases = [
        ("verify", "verify, 5,000 characters of common words", "/api/v1/verify", {"claim": common_5k}),
        (
            "verify",
            "verify, 5,000 characters of common words, with a speaker",
            "/api/v1/verify",
            {"claim": common_words_text(corpus, 5_000, seed=2), "speaker": "Kaja Kallas"},
        ),
        (
            "verify",
            "verify, 5,000 characters of 'the '",
            "/api/v1/verify",
            {"claim": repeated("the ", 5_000)},
        ),
        (
            "verify",
            "verify, 5,000 characters of stored quotes run together",
            "/api/v1/verify",
            {"claim": run_together},
        ),
        (
            "verify",
            "verify, the longest stored quote's first 5,000 characters",
            "/api/v1/verify",
            {"claim": longest[:5_000]},
        ),
    ]
    for n in (10, 100):
        claims = [{"claim": common_words_text(corpus, 5_000, seed=10 + i)} for i in range(n)]
        cases.append(
            (
                "batch",
                f"batch, {n} x 5,000 characters of common words",
                "/api/v1/verify/batch",
                {"claims": claims},
            )
        )
    drafts = {
        "check, 200,000 characters of '\"a\" ' repeated": repeated('"a" ', 200_000),
        "check, 200,000 characters with an unbalanced \u201c": "\u201c"
        + common_words_text(corpus, 199_999, seed=3),
        "check, 200,000 characters of '\u201cKorea \u2026,\u201d said Kallas.'": repeated(
            "\u201cKorea is an important strategic partner for the EU,\u201d said Kallas. ", 200_000
        ),
        "check, 200,000 characters of common words in quotation marks": repeated(
            "\u201c" + common_words_text(corpus, 300, seed=4) + ",\u201d she said. ", 200_000
        ),
    }
    for label, text in drafts.items():
        cases.append(("check", label, "/api/v1/check", {"text": text}))

    print(f"{'request':<70} {'worst s':>8} {'target':>7}  status  extraction alone")
    failed = 0
    for kind, label, path, body in cases:
        measured = in_child(lambda p=path, b=body, k=kind: _time_request(client, p, b, args.runs, k))
        if measured is None:
            print(
                f"{label:<70} {'>' + str(CHILD_TIMEOUT):>8} {TARGETS[kind]:7.2f}  (stopped)   <-- over target"
            )
            failed += 1
            continue
        seconds, status, extraction = measured
        ok = seconds <= TARGETS[kind]
        failed += not ok
        extra = f"{extraction:.2f} s" if extraction is not None else ""
        print(
            f"{label:<70} {seconds:8.2f} {TARGETS[kind]:7.2f}  {status:>6}  {extra}"
            + ("" if ok else "   <-- over target")
        )
    print("every target met" if not failed else f"{failed} over target")


if __name__ == "__main__":
    main()
