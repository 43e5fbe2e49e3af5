"""The choice of speaker: every quotation's candidate speakers, described by features, scored by a small
learned model (a conditional logit over the candidates), the best one kept.

The rules of attribution.py and context.py propose one speaker per quotation; this stage puts that
proposal beside the other people named around the quotation (before or after it, in its sentence or the
two before, the speaker of the previous quotation) and lets weights learned on PolNeAR train decide.
A "nobody" candidate lets the model leave a quotation unattributed rather than guess.

The weights live in speaker_weights.json beside this module: feature names and numbers, no text from
any corpus. scripts/train_speaker_ranker.py learns them again from the data folder at run time.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .attribution import LEADING_PUNCT, Attribution
from .candidates import PREPOSITIONS, PREV_WORD, Candidate, speaker_from
from .document import MASK, POSSESSIVE_ENDS, Doc, blank_between, words_in
from .lexicon import SINGULAR_PRONOUNS
from .mentions import Mention
from .model import SpeakerMention
from .quotes import QuoteSpan

WEIGHTS_PATH = Path(__file__).with_name("speaker_weights.json")

# How far before the opening mark and after the closing mark names are gathered. Two sentences of news
# prose fit in the first; an inverted attribution with an appositive in the second.
LOOKBACK_CHARS = 600
LOOKAHEAD_CHARS = 300
# At most this many named candidates per quotation, nearest first: bounds the work on any input.
MAX_CANDIDATES = 8
# Words between a name and a speech verb for the name to count as the verb's subject or object.
CUE_NEAR_CHARS = 30


@dataclass(slots=True)
class SpeakerCandidate:
    """One possible speaker of a quotation and its features (name -> value)."""

    speaker: SpeakerMention | None  # None: the "nobody" candidate
    features: dict[str, float]


# The training script listens here: (quotation start, end, candidates) for every quotation ranked.
_observer: ContextVar[list[tuple[int, int, list[SpeakerCandidate]]] | None] = ContextVar(
    "speaker_ranker_observer", default=None
)


@contextmanager
def observe() -> Iterator[list[tuple[int, int, list[SpeakerCandidate]]]]:
    """Collect every quotation's candidates while extracting (for training the weights)."""
    seen: list[tuple[int, int, list[SpeakerCandidate]]] = []
    token = _observer.set(seen)
    try:
        yield seen
    finally:
        _observer.reset(token)


def load_weights(path: Path = WEIGHTS_PATH) -> dict[str, float]:
    """Feature weights from a JSON file {"weights": {name: value}}; empty (rules only) when absent."""
    if not path.exists():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text())["weights"].items()}


WEIGHTS = load_weights()


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """The candidate's score: the dot product of its features with the weights."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def choose_speakers(
    doc: Doc,
    spans: list[QuoteSpan],
    attributions: list[Attribution | None],
    keep: list[bool],
    *,
    weights: dict[str, float] | None = None,
) -> list[Attribution | None]:
    """The attributions with each kept quotation's speaker chosen by the model among its candidates."""
    weights = WEIGHTS if weights is None else weights
    seen = _observer.get()
    if not weights and seen is None:
        return attributions
    counts: Counter[str] = Counter()  # read once, at the first quotation ranked
    cache = _MentionCache()
    out = list(attributions)
    previous: SpeakerMention | None = None
    kept = [i for i, k in enumerate(keep) if k]
    for n, i in enumerate(kept):
        span, att = spans[i], attributions[i]
        # A headline names its speaker in its own way (context.headline_speaker): kept as the rules read it.
        if doc.paragraph_index(span.open) == 0:
            if att is not None and att.speaker is not None:
                previous = att.speaker
            continue
        if not counts:
            counts.update(m.tokens[-1] for m in doc.names.mentions if m.tokens)
        prev_close = _close(spans[kept[n - 1]]) if n > 0 else -1
        next_open = spans[kept[n + 1]].open if n + 1 < len(kept) else len(doc.text)
        cands = _candidates(doc, span, att, previous, counts, cache, prev_close, next_open)
        if seen is not None:
            seen.append((span.start, span.end, cands))
        if weights:
            best = max(cands, key=lambda c: score(c.features, weights))
            rule = att.speaker if att is not None else None
            if best.speaker != rule:
                cue = att.cue if att is not None else None
                addressee = att.addressee if att is not None else None
                out[i] = Attribution(best.speaker, cue, addressee, anchored=False, weak=True)
        chosen = out[i]
        if chosen is not None and chosen.speaker is not None:
            previous = chosen.speaker
    return out


def _candidates(
    doc: Doc,
    span: QuoteSpan,
    att: Attribution | None,
    previous: SpeakerMention | None,
    counts: Counter[str],
    cache: _MentionCache,
    prev_close: int,
    next_open: int,
) -> list[SpeakerCandidate]:
    """The "nobody" candidate, the rules' speaker, the names around the quotation and the last speaker;
    prev_close and next_open bound the neighbouring quotations."""
    close = _close(span)
    q_sent = doc.sentence_index(span.open)
    q_para = doc.paragraph_index(span.open)
    rule = att.speaker if att is not None else None
    # Nobody: chosen when no candidate is likely, e.g. 'they said' (anchored, nobody to name).
    unnamed = rule is None and att is not None and att.anchored
    nobody = {"nobody": 1.0, "nobody_rule_none": float(rule is None), "nobody_anchored": float(unnamed)}
    out = [SpeakerCandidate(None, nobody)]
    by_name: dict[str, SpeakerCandidate] = {}

    lo = max(0, span.open - LOOKBACK_CHARS)
    hi = min(len(doc.text), close + LOOKAHEAD_CHARS)
    mentions = [
        m
        for m in doc.names.mentions_in(lo, hi)
        if m.tokens and doc.masked[m.start] != MASK and not span.open <= m.start < close
    ]
    mentions.sort(key=lambda m: span.open - m.end if m.end <= span.open else m.start - close)
    named = 0
    for m in mentions:
        if named >= MAX_CANDIDATES:
            break
        speaker, static = cache.get(doc, m, counts)
        if speaker is None:
            continue
        named += 1
        known = by_name.get(speaker.name)
        if known is not None:
            # One candidate per person: the nearest mention describes it, the others add to its count.
            known.features["mentions_near"] = known.features.get("mentions_near", 1.0) + 1.0
            continue
        features = _position(doc, m.start, m.end, span, close, q_sent, q_para)
        features.update(static)
        # Another quotation between the name and this one, or the name nearer the next quotation in its
        # own sentence ('“…” Sen. Rubio called it “…”'): the name most likely speaks the other one.
        features["quote_between"] = float(m.end <= prev_close if m.end <= span.open else m.start >= next_open)
        features["next_quote_in_its_sentence"] = float(
            m.start >= close
            and next_open < len(doc.text)
            and doc.sentence_index(next_open) == doc.sentence_index(m.start)
        )
        # The pairings that make a verb's subject or object the quotation's speaker: 'X said: “…”',
        # '“…,” said X', and a subject earlier in the quotation's own sentence.
        features["subject_before_quote"] = features["cue_after"] * features["before"]
        features["object_after_quote"] = features["cue_before"] * features["after"]
        features["subject_after_quote"] = features["cue_after"] * features["after"]
        features["subject_in_sentence"] = features["cue_after"] * features["same_sentence"]
        cand = by_name[speaker.name] = SpeakerCandidate(speaker, features)
        out.append(cand)
    for start, end in _pronouns_near(doc, span, close, prev_close, next_open):
        # 'he said', 'she told reporters': the person the pronoun stands for (the nearest earlier person of
        # its gender, as the rules resolve it) is a candidate, described by where the pronoun stands.
        speaker = speaker_from(doc, Candidate(start, end, "pronoun"))
        if speaker is None:
            continue
        pos = _position(doc, start, end, span, close, q_sent, q_para)
        near = _mention_features(doc, start, end, 1, 0)
        if not (near["cue_after"] or near["cue_before"]):
            continue  # a pronoun with no speech verb next to it says nothing about who speaks
        cand = by_name.get(speaker.name)
        if cand is None:
            cand = by_name[speaker.name] = SpeakerCandidate(speaker, {"pronoun_only": 1.0})
            out.append(cand)
        for name, value in {
            "pronoun_subject_before_quote": near["cue_after"] * pos["before"],
            "pronoun_subject_after_quote": near["cue_after"] * pos["after"],
            "pronoun_object_after_quote": near["cue_before"] * pos["after"],
        }.items():
            cand.features[name] = max(cand.features.get(name, 0.0), value)
    if rule is not None:
        # The rules' choice: the same person as a name around the quotation, or one more candidate (a
        # pronoun resolved, a role, a transcript label, a speaker further back).
        cand = by_name.get(rule.name)
        if cand is None:
            cand = SpeakerCandidate(rule, _position(doc, rule.start, rule.end, span, close, q_sent, q_para))
            by_name[rule.name] = cand
            out.append(cand)
        cand.speaker = rule  # the mention the rules read, where they differ from the nearest one
        word = doc.text[rule.start : rule.end]
        cand.features.update(
            rule=1.0,
            rule_anchored=float(att.anchored),
            rule_weak=float(att.weak),
            rule_pronoun=float(word in SINGULAR_PRONOUNS or word.lower().endswith("nya")),
            rule_far=float(not (span.open - LOOKBACK_CHARS <= rule.start < close + LOOKAHEAD_CHARS)),
        )
    if previous is not None:
        cand = by_name.get(previous.name)
        if cand is None:
            cand = SpeakerCandidate(previous, {"far": 1.0})
            by_name[previous.name] = cand
            out.append(cand)
        cand.features["previous_speaker"] = 1.0
    return out


def _pronouns_near(
    doc: Doc, span: QuoteSpan, close: int, prev_close: int, next_open: int
) -> list[tuple[int, int]]:
    """The singular pronouns that could say the quotation: the nearest one before it in its sentence, and
    the first one after it in the sentence its attribution would stand in ('“…,” he said')."""
    out = []
    lo = max(doc.sentence(span.open)[0], prev_close)
    before = [w for w in words_in(doc, lo, span.open) if w.group() in SINGULAR_PRONOUNS]
    if before:
        out.append(before[-1].span())
    lead = LEADING_PUNCT.match(doc.masked, close, min(len(doc.text), close + LOOKAHEAD_CHARS))
    if lead.end() < len(doc.text) and "\n" not in lead.group():
        hi = min(doc.sentence(lead.end())[1], next_open, close + LOOKAHEAD_CHARS)
        after = [w for w in words_in(doc, close, hi) if w.group() in SINGULAR_PRONOUNS]
        if after:
            out.append(after[0].span())
    return out


class _MentionCache:
    """What a name mention is, read once per article: its speaker (None if it is no name) and the
    features that do not depend on the quotation."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[SpeakerMention | None, dict[str, float]]] = {}

    def get(
        self, doc: Doc, m: Mention, counts: Counter[str]
    ) -> tuple[SpeakerMention | None, dict[str, float]]:
        found = self._seen.get(m.start)
        if found is None:
            if doc.names.is_name(m):
                static = _mention_features(doc, m.start, m.end, len(m.tokens), counts[m.tokens[-1]])
                resolved = doc.names.resolve(m)
                static["person"] = float(resolved.person)
                static["lone_opener"] = float(doc.names.lone_opener(m))
                found = (SpeakerMention(resolved.name, m.start, m.end, resolved.id), static)
            else:
                found = (None, {})
            self._seen[m.start] = found
        return found


def _position(
    doc: Doc, start: int, end: int, span: QuoteSpan, close: int, q_sent: int, q_para: int
) -> dict[str, float]:
    """Where a mention lies relative to the quotation: side, distance, sentence and paragraph."""
    before = end <= span.open
    gap = span.open - end if before else max(0, start - close)
    sent = doc.sentence_index(start)
    para = doc.paragraph_index(start)
    sentences_back = q_sent - sent
    return {
        "before": float(before),
        "after": float(not before),
        "log_gap": math.log1p(gap) / 6.0,
        "adjacent": float(gap <= 3),
        "same_sentence": float(sentences_back == 0),
        "one_sentence_back": float(sentences_back == 1),
        "two_sentences_back": float(sentences_back >= 2),
        "next_sentence": float(sentences_back < 0),
        "same_paragraph": float(para == q_para),
        "headline": float(para == 0 and q_para != 0),
    }


def _mention_features(doc: Doc, start: int, end: int, n_tokens: int, count: int) -> dict[str, float]:
    """What a name mention is like: a speech verb next to it, a preposition or a possessive, its size."""
    i = bisect.bisect_left(doc.cue_starts, end)
    cue_after = i < len(doc.cue_hits) and doc.cue_hits[i][0] - end <= CUE_NEAR_CHARS
    cue_after = cue_after and not any(ch in doc.masked[end : doc.cue_hits[i][0]] for ch in ".;:\u2591\n")
    j = bisect.bisect_left(doc.cue_starts, start) - 1
    cue_before = j >= 0 and 0 <= start - doc.cue_hits[j][1] <= CUE_NEAR_CHARS
    cue_before = cue_before and not any(ch in doc.masked[doc.cue_hits[j][1] : start] for ch in ".;:\u2591\n")
    prev = PREV_WORD.search(doc.masked, max(0, start - 20), start)
    return {
        "cue_after": float(cue_after),
        "cue_before": float(cue_before),
        "after_preposition": float(bool(prev) and prev.group(1).lower() in PREPOSITIONS),
        "possessive": float(doc.masked[end : end + 2] in POSSESSIVE_ENDS),
        "full_name": float(n_tokens >= 2),
        "log_count": math.log(count) / 3.0 if count > 0 else 0.0,
        "sentence_start": float(blank_between(doc.masked, doc.sentence(start)[0], start, " \t\n\"“‘'")),
    }


def _close(span: QuoteSpan) -> int:
    """The offset just past the quotation's closing mark (its end when left open)."""
    return span.close + 1 if span.close is not None else span.end
