"""The article as the other stages see it: quotations masked, sentences and paragraphs, words, speech verbs.

Every later stage reads `Doc.masked`, where quoted words are hidden behind MASK, so that a sentence end or a
name inside a quotation is never taken for one in the narrative.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.matching.text import CJK, CJK_CHARACTERS_PER_WORD

from .lexicon import (
    word_set,
)
from .names import NameIndex
from .quotes import QuoteSpan

# Quoted words are hidden behind this character while looking for attributions, so that a
# sentence end or a name inside a quotation is never mistaken for one in the narrative.
MASK = "\u2591"


# No sentence is longer than this; a longer run is cut (see _cut_long_sentences). The longest real sentence
# on PolNeAR train and dev is 1,518 characters.
MAX_SENTENCE_CHARS = 2000
# A word; each Chinese or Japanese character is one, as the engine reads them (matching.text.CJK), so a
# quotation in either language is as long as its characters, not one word, and reads as speech.
_CJK_CHARACTER = re.compile(f"[{CJK}]")
WORD = re.compile(rf"[{CJK}]|[^\W\d_{CJK}](?:[^\W{CJK}]|[’'\-])*|\d[\w.,]*")


_SENT_END = re.compile(r"[.!?\u2026]+[)\"”’»」']*[ \t]+(?=[\"“‘«„「(\[']?[A-Z0-9\u00c0-\u00de\u2591])")


_NEWLINES = re.compile(r"\n+")


# Abbreviations whose dot does not end a sentence.
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr sen rep gov gen lt col sgt prof rev jr sr st adm hon rt pres capt maj cpl no vs etc jan
    feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd u.s u.k u.n d.c e.g i.e a.m p.m
    """
)


DETERMINERS = word_set(
    """
    the a an this that another one his her their its our my your whose
    """
)


POSSESSIVE_ENDS = frozenset({"'s", "’s", "s'", "s’"})


_STATE_WORDS = word_set("state states")


# Punctuation that ends a phrase, so that a determiner before it no longer reaches the word after it.
_CLAUSE_END = re.compile(r"[,;:.!?]")


class Position:
    """A zero-or-more-width position with the match accessors the content finders use."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@dataclass(slots=True)
class Doc:
    text: str
    masked: str
    names: NameIndex
    cues: frozenset[str]
    post_cues: frozenset[str]
    phrases: tuple[str, ...]
    boundaries: list[int]  # sentence start offsets, sorted
    paragraphs: list[int]  # paragraph start offsets, sorted
    cue_hits: list[tuple[int, int, str]] = field(default_factory=list)
    cue_starts: list[int] = field(default_factory=list)
    word_hits: list[re.Match[str]] = field(default_factory=list)  # every word of `masked`, read once
    word_starts: list[int] = field(default_factory=list)
    word_ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.word_hits = list(WORD.finditer(self.masked))
        self.word_starts = [w.start() for w in self.word_hits]
        self.word_ends = [w.end() for w in self.word_hits]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.boundaries, pos) - 1
        start = self.boundaries[max(i, 0)]
        end = self.boundaries[i + 1] if i + 1 < len(self.boundaries) else len(self.text)
        return start, end

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.boundaries, pos) - 1

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraphs, pos) - 1


def mask_quotations(text: str, spans: Sequence[QuoteSpan]) -> str:
    chars = list(text)
    for span in spans:
        end = span.end
        # Keep a final , . ? ! visible: it tells whether the quotation ended the sentence.
        if text[end - 1] in ",.?!;:":
            end -= 1
        for i in range(span.start, end):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def sentence_boundaries(masked: str) -> tuple[list[int], list[int]]:
    starts = [0]
    paragraphs = [0]
    for m in _NEWLINES.finditer(masked):
        starts.append(m.end())
        paragraphs.append(m.end())
    for m in _SENT_END.finditer(masked):
        word = re.search(r"([\w.]+)[.!?\u2026]*$", masked[max(0, m.start() - 12) : m.start() + 1])
        token = word.group(1).lower().rstrip(".") if word else ""
        # "Mr. Obama", "U.S. Senate", "Laurence H. Tribe" are not sentence ends.
        if (
            token in _ABBREVIATIONS
            or (len(token) == 1 and token.isalpha())
            or re.fullmatch(r"(\w\.)+\w", token)
        ):
            continue
        starts.append(m.end())
    return _cut_long_sentences(masked, sorted(set(starts))), paragraphs


def _cut_long_sentences(masked: str, starts: list[int]) -> list[int]:
    """Sentence starts, cut every MAX_SENTENCE_CHARS inside longer stretches (at a space when one is near).

    Every look-back of the later stages stays within a sentence, so this bounds the work per quotation and
    keeps extraction linear on any input (a 200,000-character run of quotations with no full stop).
    """
    out: list[int] = []
    for start, end in zip(starts, [*starts[1:], len(masked)], strict=True):
        out.append(start)
        pos = start + MAX_SENTENCE_CHARS
        while pos < end:
            space = masked.find(" ", pos, min(end, pos + MAX_SENTENCE_CHARS // 10))
            pos = space + 1 if space >= 0 else pos
            if pos >= end:
                break
            out.append(pos)
            pos += MAX_SENTENCE_CHARS
    return out


def blank_between(text: str, lo: int, hi: int, chars: str = " \t\n\r\u00a0") -> bool:
    """True if text[lo:hi] holds only `chars`; reads no further than the first other character."""
    pos = lo
    while pos < hi and text[pos] in chars:
        pos += 1
    return pos >= hi


def words_in(doc: Doc, lo: int, hi: int) -> list[re.Match[str]]:
    """The words lying wholly inside masked[lo:hi], in text order (a slice of the words read once)."""
    return doc.word_hits[bisect.bisect_left(doc.word_starts, lo) : bisect.bisect_right(doc.word_ends, hi)]


def all_cues(doc: Doc) -> list[tuple[int, int, str]]:
    """Speech verbs and phrases in the masked text as (start, end, cue); nouns after a determiner skipped."""
    found: list[tuple[int, int, str]] = []
    phrase_heads = {p.split()[0]: p for p in doc.phrases}
    prev = ""
    prev_end = 0
    prev_title = False
    pending: tuple[int, str] | None = None  # the first word of a possible two-word phrase
    for m in WORD.finditer(doc.masked):
        low = m.group().lower()
        if pending is not None and f"{pending[1]} {low}" in doc.phrases:
            found.append((pending[0], m.end(), doc.masked[pending[0] : m.end()]))
        pending = None
        # A determiner or a possessive before a verb-like word makes it a noun ("a report", "Trump's tweet");
        # not across the end of a quoted phrase: in 'This is a “raw time,” said Axelrod' it is a verb.
        det = prev in DETERMINERS and not _CLAUSE_END.search(doc.masked, prev_end, m.start())
        noun = det or doc.masked[m.start() - 3 : m.start() - 1] in POSSESSIVE_ENDS
        # "secretary of state Hillary Clinton", "Minnesota state delegate", "State now says": the polity.
        noun = noun or low in _STATE_WORDS and (prev == "of" or prev_title or m.group()[0].isupper())
        prev_title = m.group()[0].isupper()
        if low in doc.post_cues or (low in doc.cues and not noun) or low in doc.phrases:
            found.append((m.start(), m.end(), m.group()))
        elif low in phrase_heads:
            pending = (m.start(), low)
        prev = low
        prev_end = m.end()
    return found


def cues_in(doc: Doc, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Cues lying inside masked[lo:hi], in text order."""
    i = bisect.bisect_left(doc.cue_starts, lo)
    out = []
    while i < len(doc.cue_hits) and doc.cue_hits[i][0] < hi:
        if doc.cue_hits[i][1] <= hi:
            out.append(doc.cue_hits[i])
        i += 1
    return out


def word_count(text: str) -> float:
    """The words of ``text``, a Chinese or Japanese character counting as half of one, as the engine
    counts them (matching.text.CJK_CHARACTERS_PER_WORD): a scare-quoted term is not a sentence."""
    found = WORD.findall(text)
    cjk = sum(1 for w in found if _CJK_CHARACTER.fullmatch(w))
    return len(found) - cjk + cjk / CJK_CHARACTERS_PER_WORD
