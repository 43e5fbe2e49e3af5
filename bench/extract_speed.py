"""Extraction speed on a long draft: 5,000 words with 30 attributed quotations.

    .venv/bin/python bench/extract_speed.py [--runs 7] [--quotations 30] [--worst]

Prints the draft's size, what extraction found, and the best, median and worst time of
``extract_quotes`` over the runs, beside this machine's loop speed (a shared VM drifts). The draft is
the one tests/test_extract_long_draft.py checks for what extraction finds; this script only times it.
With --worst, also the hostile drafts of 200,000 characters that tests/test_extract_worst_case.py checks
(repeated words, an unbalanced mark, thousands of quotations in a row), each timed once, CPU and wall.
"""

from __future__ import annotations

import argparse
import time

from common import machine_speed, median  # also puts the repository on sys.path

from service.extract import DIRECT, extract_quotes
from tests.test_extract_long_draft import long_draft  # the same draft the test checks

WORST_CASES = {
    "'a ' repeated": "a ",
    "unbalanced \u201c, then 'a '": None,
    "'\u201cKorea \u2026,\u201d said Kallas. ' repeated": (
        "\u201cKorea is an important strategic partner,\u201d said Kallas. "
    ),
    "'\"a\" ' repeated": '"a" ',
    "'\u201ca\u201d ' repeated": "\u201ca\u201d ",
    "\"'a' \" repeated": "'a' ",
    "'said ' repeated": "said ",
}
WORST_CHARS = 200_000


def worst_cases() -> None:
    """Time extraction once on each hostile draft of WORST_CHARS characters."""
    for label, unit in WORST_CASES.items():
        unbalanced = "\u201c" + "a " * (WORST_CHARS // 2)
        text = (unbalanced if unit is None else unit * (WORST_CHARS // len(unit) + 1))[:WORST_CHARS]
        cpu, wall = time.process_time(), time.perf_counter()
        found = extract_quotes(text)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{label}: {len(text):,} characters, {len(found):,} found, cpu {cpu:.2f} s, wall {wall:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quotations", type=int, default=30)
    parser.add_argument("--worst", action="store_true", help="also time the hostile 200,000-character drafts")
    args = parser.parse_args()

    text = long_draft(args.quotations)
    extract_quotes(text)  # warm up: regexes compiled, lexicons loaded
    times, found = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        found = extract_quotes(text)
        times.append(time.perf_counter() - started)
    direct = sum(q.kind == DIRECT for q in found)
    print(f"draft: {len(text):,} characters, {len(text.split()):,} words, {args.quotations} quotations")
    print(f"found: {direct} direct, {len(found) - direct} reported")
    print(
        f"extract_quotes over {args.runs} runs: best {min(times) * 1000:.1f} ms, "
        f"median {median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"
    )
    if args.worst:
        worst_cases()
    print(machine_speed())


if __name__ == "__main__":
    main()
