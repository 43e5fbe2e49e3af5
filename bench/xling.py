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

It also verifies hard negatives: English messages of the translators' catalogues this machine installs
(/usr/share/locale, the source of the dev set) of the same shape as the claims, none of whose
translations is stored. Any `paraphrased` for them is a false one: a statement the archive does not hold.
So is any for a dev claim reversed ("is" for "is not", matching.negation), printed with the check that
catches them and without it.

``--tune`` prints, on the *tuning half* (every other claim of each language, the first included), the
share of claims whose translation reaches each similarity against the share of hard negatives whose
nearest foreign quote does: OTHER_LANGUAGE_MIN_SIMILARITY is chosen there, never on the other half; and
the share `paraphrased`, and of the claims reversed wrongly so, at each margin of the reversal check
(REVERSAL_MARGIN).
"""

from __future__ import annotations

import argparse
import gettext
import json
import random
import re
import tempfile
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

from common import DATA, QV, median, need, pct, temp_sqlite_url
from sqlalchemy import select

from service import embedding, meaning_verification
from service.corpus import import_file
from service.db import make_engine, session_scope
from service.matching import negation
from service.matching.meaning import OTHER_LANGUAGE_MIN_SIMILARITY, PARAPHRASE_MIN_SIMILARITY, same_language
from service.matching.negation import REVERSAL_MARGIN, reversed_claim
from service.migrate import upgrade
from service.models import Quote
from service.search import vectors
from service.verification import verify

XL = DATA / "qv-bench-xling"
LOCALE = Path("/usr/share/locale")
LANGUAGES = ("id", "de", "fr", "es", "ru", "zh_CN", "ja", "ko", "ar", "tr", "vi")
# The dev set's shape (data/README.md): 7-40 words, no format or markup characters.
_MARKUP = re.compile(r"[%{}<>_&\\$\[\]|@=/~`^*#\n]")
NEGATIVES = 1_000


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
    if n or not embedding.index_files_exist(url):
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


def unstored_messages(cases: list[dict], limit: int = NEGATIVES) -> list[str]:
    """English catalogue messages like the claims whose translations are not stored (a fixed sample)."""
    stored = {
        json.loads(line)["text"] for line in (XL / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    }
    claims = {case["claim"] for case in cases}
    translations: dict[str, list[str]] = defaultdict(list)
    for language in LANGUAGES:
        for path in sorted((LOCALE / language / "LC_MESSAGES").glob("*.mo")):
            try:
                with open(path, "rb") as mo:
                    catalogue = gettext.GNUTranslations(mo)._catalog
            except (OSError, ValueError, UnicodeError):
                continue
            for msgid, msgstr in catalogue.items():
                if isinstance(msgid, str) and msgid and isinstance(msgstr, str) and msgstr:
                    translations[msgid].append(msgstr)
    messages = [
        msgid
        for msgid, texts in sorted(translations.items())
        if 7 <= len(msgid.split()) <= 40
        and not _MARKUP.search(msgid)
        and msgid not in claims
        and not any(t in stored for t in texts)
    ]
    random.Random(7).shuffle(messages)
    return messages[:limit]


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
        negatives = unstored_messages(cases)
        if negatives:
            false = [verify(s, claim)["verdict"] == "paraphrased" for claim in negatives]
            print(
                f"hard negatives (catalogue messages whose translations are not stored): "
                f"{sum(false) / len(false):.3f} of {len(false)} wrongly `paraphrased`"
            )
        else:
            print(f"hard negatives: none (no translators' catalogues under {LOCALE})")
        reversals(s, cases[: args.limit] if args.limit else cases)
        if args.tune:
            tune(s, by_language, args.limit, same, negatives)
            tune_reversal(s, by_language, args.limit)
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


def reversals(s, cases: list[dict]) -> None:
    """Each dev claim reversed (matching.negation: "is" for "is not"), which the archive does not hold:
    a `paraphrased` is a false one, the translation of the claim passed as its opposite. Measured with the
    check and, in the same process, without it, with each one's verify time (the check's own cost)."""
    claims = [r for r in (reversed_claim(c["claim"]) for c in cases) if r is not None]
    passed, took = {}, {}
    kept = meaning_verification.reversed_similarity
    for label, check in (("with the check", True), ("without it", False)):
        meaning_verification.reversed_similarity = kept if check else (lambda *a: None)
        times, wrong = [], 0
        try:
            for claim in claims:
                t = time.perf_counter()
                wrong += verify(s, claim)["verdict"] == "paraphrased"
                times.append((time.perf_counter() - t) * 1000)
        finally:
            meaning_verification.reversed_similarity = kept
        passed[label], took[label] = wrong, median(times)
    print(
        f"reversed dev claims ({len(claims)} of {len(cases)} have a reversal): wrongly `paraphrased` "
        + ", ".join(f"{n / max(1, len(claims)):.3f} {label}" for label, n in passed.items())
        + "; verify p50 "
        + ", ".join(f"{ms:.1f} ms {label}" for label, ms in took.items())
    )


def tune_reversal(s, by_language: dict, limit: int | None) -> None:
    """On the tuning half, at each margin: the share of claims `paraphrased`, and of the claims reversed
    the share wrongly `paraphrased` (REVERSAL_MARGIN is chosen there); and, of the claims with a reversal
    and the translation, the share of true pairs taken for the opposite (the translation nearer the claim
    reversed) and of reversed claims caught, of the pairs that reach a match."""
    cases = [c for group in by_language.values() for i, c in enumerate(group[:limit]) if tuning_half(i)]
    pairs = [(c, r) for c in cases if (r := reversed_claim(c["claim"])) is not None]
    if not pairs:
        return
    print(
        f"tuning half ({len(cases)} claims, {len(pairs)} with a reversal): `paraphrased` / reversed claims "
        f"wrongly `paraphrased`, at each margin (now {REVERSAL_MARGIN})"
    )
    chosen = negation.REVERSAL_MARGIN
    try:
        for margin in (None, 0.0, 0.005, 0.01, 0.02, 0.03):
            negation.REVERSAL_MARGIN = 9.0 if margin is None else margin  # None: out of reach, no check
            para = sum(verify(s, c["claim"])["verdict"] == "paraphrased" for c in cases) / len(cases)
            passed = sum(verify(s, r)["verdict"] == "paraphrased" for _, r in pairs) / len(pairs)
            label = "no check" if margin is None else f"{margin:.3f}"
            print(f"  {label:>8}: paraphrased {para:.3f}  reversed passed {passed:.3f}")
    finally:
        negation.REVERSAL_MARGIN = chosen
    claim, flipped, back, translation = (
        vectors.embed(list(texts))
        for texts in zip(
            *[(c["claim"], r, reversed_claim(r) or c["claim"], c["expected"]["text"]) for c, r in pairs],
            strict=True,
        )
    )
    to_claim = (claim * translation).sum(1)
    to_flipped = (flipped * translation).sum(1)
    to_back = (back * translation).sum(1)
    true_reach = to_claim >= OTHER_LANGUAGE_MIN_SIMILARITY
    reversed_reach = to_flipped >= OTHER_LANGUAGE_MIN_SIMILARITY
    print(f"  pairs reaching {OTHER_LANGUAGE_MIN_SIMILARITY}: true taken for the opposite / reversed caught")
    for margin in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05):
        taken = ((to_flipped - to_claim > margin) & true_reach).sum() / max(1, true_reach.sum())
        caught = ((to_back - to_flipped > margin) & reversed_reach).sum() / max(1, reversed_reach.sum())
        print(f"  {margin:8.3f}: {taken:.3f} / {caught:.3f}")


def tune(s, by_language: dict, limit: int | None, same: dict, negatives: list[str]) -> None:
    """On the tuning half: how close the nearest foreign quote is, when it is the claim's translation and
    for the hard negatives (where it cannot be): the other-language threshold weighs the two."""
    cases = [c for group in by_language.values() for i, c in enumerate(group[:limit]) if tuning_half(i)]
    text_of = dict(s.execute(select(Quote.id, Quote.text)).all())
    language_of = dict(s.execute(select(Quote.id, Quote.language)).all())

    def nearest_foreign(vector) -> tuple[int | None, float]:
        near = [
            (q, sim)
            for q, sim in vectors.nearest(s, vector, k=10)
            if same_language("en", language_of[q]) is False
        ]
        return near[0] if near else (None, -1.0)

    right = []
    claim_vectors = vectors.embed([c["claim"] for c in cases])
    for case, v in zip(cases, claim_vectors, strict=True):
        q, sim = nearest_foreign(v)
        right.append(sim if q is not None and text_of[q] in same[case["claim"]] else -1.0)
    wrong = [nearest_foreign(v)[1] for v in vectors.embed(negatives)]
    print(
        f"tuning half ({len(cases)} claims): share whose nearest foreign quote is a translation of the claim "
        f"/ share of {len(wrong)} hard negatives whose nearest foreign quote, reaching each similarity "
        f"(now {OTHER_LANGUAGE_MIN_SIMILARITY})"
    )

    def share(values: list[float], t: float) -> float:
        return sum(v >= t for v in values) / max(1, len(values))

    best = max((x / 100 for x in range(40, 91)), key=lambda t: share(right, t) - share(wrong, t))
    for t in [x / 100 for x in range(50, 91, 2)]:
        print(f"  {t:.2f}: translation {share(right, t):.3f}  negatives {share(wrong, t):.3f}")
    print(f"  most translations less negatives (step 0.01): {best:.2f}")
    # Whether a second-stage rerank of the vectors' shortlist could help a language: is the translation
    # in the nearest VECTOR_CANDIDATES at all (a rerank cannot find what the shortlist lacks)?
    k = meaning_verification.VECTOR_CANDIDATES
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
