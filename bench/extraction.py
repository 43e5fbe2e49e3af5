"""Benchmark quote extraction against PolNeAR attributions (dev by default, train with --train).

Usage: .venv/bin/python bench/extraction.py [--train] [--data DIR] [--show-errors N]

Gold and metrics (one annotator per article: the alphabetically first one that annotated it):
- content: an attribution's Content span and any Content2, Content3, … it names (read wherever they
  stand in the .ann file).
- gold quotation: an attribution whose content contains a quotation mark (“ ” " « » „ 「 」 ‘ or '').
- span recall: share of gold quotations overlapped by some extracted direct quotation.
- span precision: share of extracted direct quotations overlapping the content of any attribution.
- exact-span recall: share of gold quotations whose every content fragment, with quotation marks,
  whitespace and punctuation stripped from both ends, equals an extracted direct quotation stripped the
  same way (so a partial quotation inside paraphrase, e.g. `the system is “rigged”`, never matches).
  Largely a measure of PolNeAR's annotation style (fragments, mixed paraphrase and quotation).
- in-marks exact recall: the same, over only the gold quotations whose content lies entirely inside one
  pair of quotation marks (one fragment, an opening mark just before it, a closing mark just after it,
  no double mark inside): the fairer figure for a quotation extractor.
- speaker accuracy: over gold quotations with a named source, the share whose best-overlapping extracted
  quotation has a speaker whose name contains the source's last word, case-insensitively. The source is
  cut at its first comma or parenthesis (appositives: "Flynn, a top Trump surrogate," -> "Flynn") and at
  " of " after a name of two words or more ("Senator John McCain of Arizona" -> "McCain": the state is not
  part of the name; "Secretary of State John Kerry", "Bank of America" stay whole), and is
  named when that last word is capitalised and not a pronoun ("The piece", "he" are not named).
- baseline: a bare regex pairing double quotation marks, no speakers.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from service.extract import DIRECT, extract_quotes  # noqa: E402

DEFAULT_DATA = Path("/work/shared/data/polnear")
GOLD_QUOTE_MARKS = re.compile("[\u201c\u201d\"\u00ab\u00bb\u201e\u300c\u300d\u2018]|''")
BARE_REGEX = re.compile("\u201c([^\u201d\u201c\\n]+)\u201d|\"([^\"\\n]+)\"|''([^\\n]+?)''")
OPEN_MARKS = frozenset("\u201c\"\u2018\u00ab\u201e\u300c'")
CLOSE_MARKS = frozenset("\u201d\"\u2019\u00bb\u201c\u300d'")
INNER_DOUBLE_MARKS = re.compile("[\u201c\u201d\"\u00ab\u00bb\u201e\u300c\u300d]|''")
STRIP_CHARS = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u300c\u300d.,;:!?\u2014\u2013-"
PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their", "its", "us"]
)
_SPAN = re.compile(r"(\d+) (\d+)")
_MORE_CONTENT = re.compile(r"Content\d+")


@dataclass
class Attribution:
    source: str
    content: list[tuple[int, int]]


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution]


def _parse_ann(raw: str) -> list[Attribution]:
    """The attributions of one brat .ann file: its text-bound spans first, then the events that join them.

    Spans are read in a pass of their own because an event may name a span defined further down the file
    (61 second contents and 27 contents or sources on PolNeAR train). An attribution's content is its
    Content span and any Content2, Content3, … (a quotation resumed after its attribution).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    out = []
    lines = [line.split("\t") for line in raw.splitlines()]
    for parts in lines:
        if parts[0].startswith("T") and len(parts) >= 2:
            spans[parts[0]] = [(int(a), int(b)) for a, b in _SPAN.findall(parts[1])]
            texts[parts[0]] = parts[2] if len(parts) > 2 else ""
    for parts in lines:
        if parts[0].startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            content = roles.get("Content")
            if content is None or content not in spans:
                continue
            more = [v for k, v in roles.items() if _MORE_CONTENT.fullmatch(k) and v in spans]
            source = texts.get(roles.get("Source", ""), "")
            out.append(Attribution(source, sorted(s for t in [content, *more] for s in spans[t])))
    return out


def load_split(data: Path, split: str) -> list[Article]:
    """Articles of one PolNeAR split, read straight from its tarball, one annotator per article."""
    texts: dict[str, str] = {}
    anns: dict[str, dict[str, str]] = defaultdict(dict)
    with tarfile.open(data / f"{split}.text+attributions.tar.gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            path = Path(member.name)
            raw = tar.extractfile(member).read().decode("utf-8")
            if path.parent.name == "text":
                texts[path.stem] = raw
            elif path.parent.name == "attributions":
                article, annotator = path.stem.rsplit("_", 1)
                anns[article][annotator] = raw
    articles = []
    for name in sorted(texts):
        if not anns.get(name):
            continue
        first = sorted(anns[name])[0]
        articles.append(Article(name, texts[name], _parse_ann(anns[name][first])))
    return articles


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in STRIP_CHARS:
        end -= 1
    return start, end


def _source_last_word(source: str) -> str | None:
    head = re.split(r"[,(]", source, maxsplit=1)[0]
    name, of, _ = head.partition(" of ")
    if of and len(re.findall(r"\b[A-Z]", name)) >= 2:
        head = name
    words = re.findall(r"[\w’'.-]+", head)
    if not words:
        return None
    last = re.sub(r"(?:[’']s)?[.’']*$", "", words[-1])
    if not last or not last[0].isupper() or last.lower() in PRONOUNS:
        return None
    return last


def _in_one_pair(text: str, content: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The stripped content if it is one fragment lying entirely inside one pair of quotation marks."""
    if len(content) != 1:
        return None
    start, end = _stripped(text, *content[0])
    if end <= start or INNER_DOUBLE_MARKS.search(text, start, end):
        return None
    before = text[max(0, start - 3) : start].rstrip(" \t")
    after = text[end : end + 4].lstrip(" \t.,;:!?\u2014\u2013-")
    if not before or before[-1] not in OPEN_MARKS or not after or after[0] not in CLOSE_MARKS:
        return None
    return start, end


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    exact: int = 0
    in_marks: int = 0
    in_marks_exact: int = 0
    extracted: int = 0
    precise: int = 0
    named: int = 0
    speaker_ok: int = 0

    def line(self, label: str) -> str:
        recall = self.found / self.gold if self.gold else 0.0
        precision = self.precise / self.extracted if self.extracted else 0.0
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        parts = [
            f"{label}: span recall {recall:.3f} ({self.found}/{self.gold})",
            f"precision {precision:.3f} ({self.precise}/{self.extracted})",
            f"F1 {f1:.3f}",
            f"exact recall {self.exact / self.gold if self.gold else 0:.3f}",
            f"in-marks exact recall {self.in_marks_exact / self.in_marks if self.in_marks else 0:.3f}"
            f" ({self.in_marks_exact}/{self.in_marks})",
        ]
        if self.named:
            parts.append(
                f"speaker accuracy {self.speaker_ok / self.named:.3f} ({self.speaker_ok}/{self.named})"
            )
        return ", ".join(parts)


def score_article(
    article: Article,
    quotes: list[tuple[int, int, str | None]],
    scores: Scores,
    errors: list[str] | None = None,
) -> None:
    """Add one article's counts to `scores`; quotes are (start, end, speaker name or None)."""
    text = article.text
    contents = [span for att in article.attributions for span in att.content]
    for start, end, _ in quotes:
        scores.extracted += 1
        if any(_overlap((start, end), c) for c in contents):
            scores.precise += 1
        elif errors is not None:
            errors.append(f"FP {article.name}: {text[max(0, start - 40) : end + 40]!r}")
    stripped_quotes = {_stripped(text, s, e) for s, e, _ in quotes}
    for att in article.attributions:
        if not any(GOLD_QUOTE_MARKS.search(text[s:e]) for s, e in att.content):
            continue
        scores.gold += 1
        best, best_overlap = None, 0
        for quote in quotes:
            overlap = sum(_overlap(quote[:2], c) for c in att.content)
            if overlap > best_overlap:
                best, best_overlap = quote, overlap
        if best is not None:
            scores.found += 1
        elif errors is not None:
            errors.append(f"FN {article.name}: {text[att.content[0][0] : att.content[-1][1]][:150]!r}")
        if all(_stripped(text, s, e) in stripped_quotes for s, e in att.content):
            scores.exact += 1
        inside = _in_one_pair(text, att.content)
        if inside is not None:
            scores.in_marks += 1
            scores.in_marks_exact += inside in stripped_quotes
        last = _source_last_word(att.source)
        if last is None:
            continue
        scores.named += 1
        if best is not None and best[2] and last.lower() in best[2].lower():
            scores.speaker_ok += 1
        elif errors is not None:
            got = best[2] if best is not None else "(not found)"
            errors.append(
                f"SPK {article.name}: gold {att.source!r} got {got!r}: {text[att.content[0][0] :][:80]!r}"
            )


def bare_regex(text: str) -> list[tuple[int, int, str | None]]:
    """The baseline: every double-quoted stretch, marks excluded, no speaker."""
    return [(m.start(m.lastindex), m.end(m.lastindex), None) for m in BARE_REGEX.finditer(text)]


def run(articles: list[Article], label: str, show_errors: int) -> None:
    """Score the extractor and the baseline on `articles` and print one line each plus timing."""
    ours, base = Scores(), Scores()
    errors: list[str] = []
    elapsed = 0.0
    for article in articles:
        t0 = time.perf_counter()
        found = extract_quotes(article.text)
        elapsed += time.perf_counter() - t0
        quotes = [(q.start, q.end, q.speaker.name if q.speaker else None) for q in found if q.kind == DIRECT]
        score_article(article, quotes, ours, errors if show_errors else None)
        score_article(article, bare_regex(article.text), base)
    print(ours.line(f"{label} extractor ({len(articles)} articles)"))
    print(base.line(f"{label} baseline (bare regex)"))
    print(f"{label} time per article: {1000 * elapsed / max(1, len(articles)):.2f} ms")
    for line in errors[:show_errors]:
        print(line)


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and print the benchmark figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="also score the train split")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR directory with the tarballs")
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N misses and false hits"
    )
    args = parser.parse_args(argv)
    run(load_split(args.data, "dev"), "dev", args.show_errors)
    if args.train:
        run(load_split(args.data, "train"), "train", args.show_errors)


if __name__ == "__main__":
    main()
