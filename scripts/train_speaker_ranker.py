"""Learn the speaker ranker's weights (service/extract/speaker_weights.json) on PolNeAR train.

    .venv/bin/python scripts/train_speaker_ranker.py [--data DIR] [--rounds 2] [--l2 0.01] [--dry-run]
    .venv/bin/python scripts/train_speaker_ranker.py --unseen    # leave one publisher out; writes nothing

Reads the PolNeAR tarballs at run time (never copied into the repository), extracts every train article
with the ranker listening (service.extract.ranker.observe), labels each quotation's candidates with the
gold source of bench/extraction.py (the candidate whose name contains the source's last word; "nobody"
when no candidate does), and fits a conditional logit (softmax over a quotation's candidates) by
gradient descent with an L2 penalty, in numpy. Round two extracts again with round one's weights, since
"the previous quotation's speaker" is the one the model chose. Prints train and dev speaker accuracy of
the choice among candidates, then writes feature names and weights only: no corpus text.

``--unseen`` estimates the ranker on articles of a kind it never saw: for each of PolNeAR's seven
publishers, weights are fitted on the other six publishers' train articles and measured on the held-out
publisher's train and dev articles (other outlets, other writers, other house styles). Candidates are
read with the shipped weights, so only "the previous quotation's speaker" carries anything of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from extraction import (  # noqa: E402  (bench/extraction.py: the gold and its reading)
    DEFAULT_DATA,
    GOLD_QUOTE_MARKS,
    Article,
    _overlap,
    _source_last_word,
    load_split,
)

from service.extract import DIRECT, extract_quotes, ranker  # noqa: E402

Group = tuple[list[dict[str, float]], list[bool]]


def groups(articles: list[Article]) -> list[Group]:
    """One (candidate features, correct?) group per gold quotation with a named source."""
    out: list[Group] = []
    for article in articles:
        with ranker.observe() as seen:
            found = [q for q in extract_quotes(article.text) if q.kind == DIRECT]
        by_span = {(start, end): cands for start, end, cands in seen}
        for att in article.attributions:
            if not any(GOLD_QUOTE_MARKS.search(article.text[s:e]) for s, e in att.content):
                continue
            last = _source_last_word(att.source)
            if last is None:
                continue
            best, best_overlap = None, 0
            for q in found:
                overlap = sum(_overlap((q.start, q.end), c) for c in att.content)
                if overlap > best_overlap:
                    best, best_overlap = q, overlap
            cands = by_span.get((best.start, best.end)) if best is not None else None
            if not cands:
                continue
            right = [c.speaker is not None and last.lower() in c.speaker.name.lower() for c in cands]
            if not any(right):
                right = [c.speaker is None for c in cands]
            out.append(([c.features for c in cands], right))
    return out


def matrices(data: list[Group], names: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    index = {n: k for k, n in enumerate(names)}
    out = []
    for feats, right in data:
        x = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for n, v in f.items():
                if n in index:
                    x[r, index[n]] = v
        out.append((x, np.array(right, dtype=bool)))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], dim: int, *, l2: float, steps: int = 800) -> np.ndarray:
    """Weights maximising the log-probability of the right candidates (softmax per group), L2-penalised;
    Adam on the full batch, every quotation's candidates stacked in one matrix."""
    x = np.vstack([g for g, _ in data])
    right = np.concatenate([r for _, r in data]).astype(float)
    sizes = np.array([len(r) for _, r in data])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(data)), sizes)
    w = np.zeros(dim)
    m, v = np.zeros(dim), np.zeros(dim)
    rate, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        s = x @ w
        s = np.exp(s - np.maximum.reduceat(s, starts)[group])
        p = s / np.add.reduceat(s, starts)[group]
        q = p * right
        q = q / np.add.reduceat(q, starts)[group]
        grad = l2 * w - (q - p) @ x / len(data)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= rate * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def accuracy(data: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    return sum(bool(right[int(np.argmax(x @ w))]) for x, right in data) / max(1, len(data))


def oracle(data: list[Group]) -> float:
    """Share of quotations with a right named candidate: the most any choice among them can reach."""
    return sum(
        any(r and "nobody" not in f for f, r in zip(feats, right, strict=True)) for feats, right in data
    ) / max(1, len(data))


def publisher(article: Article) -> str:
    """PolNeAR names each article publisher_date_slug ("nyt_2016-03-11_...")."""
    return article.name.split("_", 1)[0]


def unseen(train: list[Article], dev: list[Article], *, l2: float) -> None:
    """Leave one publisher out: fit on the other six publishers' train articles, measure on its own."""
    train_groups = {a.name: groups([a]) for a in train}
    dev_groups = {a.name: groups([a]) for a in dev}
    names = sorted({n for gs in train_groups.values() for feats, _ in gs for f in feats for n in f})
    rule = np.array([1.0 if n == "rule" else 0.0 for n in names])
    outlets = sorted({publisher(a) for a in train})
    heading = f"{'held out':14} {'quotations':>10} {'rules':>6} {'ranker':>7}"
    print(f"{heading}   (fitted on the other {len(outlets) - 1} publishers)")
    right = total = 0
    every = {**train_groups, **dev_groups}
    for outlet in outlets:
        fitted = [g for a in train if publisher(a) != outlet for g in train_groups[a.name]]
        held = [g for a in [*train, *dev] if publisher(a) == outlet for g in every[a.name]]
        xs_fit, xs_held = matrices(fitted, names), matrices(held, names)
        w = fit(xs_fit, len(names), l2=l2)
        score = accuracy(xs_held, w)
        right += round(score * len(xs_held))
        total += len(xs_held)
        print(f"{outlet:14} {len(xs_held):10} {accuracy(xs_held, rule):6.3f} {score:7.3f}")
    print(f"{'all held out':14} {total:10} {'':>6} {right / max(1, total):7.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--dry-run", action="store_true", help="print figures, do not write the weights")
    parser.add_argument("--unseen", action="store_true", help="leave one publisher out; write nothing")
    args = parser.parse_args(argv)
    if not (args.data / "train.text+attributions.tar.gz").exists():
        sys.exit(f"skipped: {args.data} is not here (PolNeAR is read at run time, never shipped)")
    train, dev = load_split(args.data, "train"), load_split(args.data, "dev")
    if args.unseen:
        unseen(train, dev, l2=args.l2)
        return
    ranker.WEIGHTS = {}  # round one: the previous speaker is the rules' choice
    weights: dict[str, float] = {}
    for round_ in range(1, args.rounds + 1):
        train_groups, dev_groups = groups(train), groups(dev)
        names = sorted({n for feats, _ in train_groups for f in feats for n in f})
        xs_train, xs_dev = matrices(train_groups, names), matrices(dev_groups, names)
        w = fit(xs_train, len(names), l2=args.l2)
        rule = np.array([1.0 if n == "rule" else 0.0 for n in names])
        print(
            f"round {round_}: {len(xs_train)} train / {len(xs_dev)} dev quotations, {len(names)} features; "
            f"rules alone train {accuracy(xs_train, rule):.3f} dev {accuracy(xs_dev, rule):.3f}; "
            f"ranker train {accuracy(xs_train, w):.3f} dev {accuracy(xs_dev, w):.3f}; "
            f"a right candidate among them train {oracle(train_groups):.3f} dev {oracle(dev_groups):.3f}"
        )
        weights = {n: round(float(x), 4) for n, x in zip(names, w, strict=True)}
        ranker.WEIGHTS = weights
    for name, value in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:24} {value:+.3f}")
    if not args.dry_run:
        payload = {
            "trained_on": "PolNeAR v1.0.0 train split (840 articles), checked on dev; weights only",
            "model": "conditional logit over each quotation's candidate speakers, L2 " + str(args.l2),
            "weights": weights,
        }
        ranker.WEIGHTS_PATH.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
        print(f"wrote {ranker.WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
