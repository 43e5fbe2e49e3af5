"""The subject and the object of a speech verb: who says ('Trump said', 'Mulgrew, president of …, said')
and who is told or named after it ('said Sen. Claire McCaskill', 'told Reuters'), as candidates."""

from __future__ import annotations

import re

from .candidates import (
    ARTICLES,
    CLAUSE_PUNCT,
    NEXT_WORD,
    NOT_VERBS,
    PREPOSITIONS,
    PREV_WORD,
    Candidate,
    candidates_in,
    is_role_word,
    speaker_from,
)
from .document import Doc
from .lexicon import ADDRESSEE_CUES, is_gap_word, word_set
from .model import SpeakerMention

# Words allowed between an inverted speech verb and the name after it ('said retired Army Lt. Gen. …').
MAX_ROLE_WORDS = 6


# How far before a speech verb its subject may start: two long appositives ('Mulgrew, president of the
# Federation of Teachers, said') fit well inside; it bounds the work for a sentence full of speech verbs.
SUBJECT_LOOKBACK_CHARS = 400


# One or more comma-delimited appositives: ", the Republican attorney general of Oklahoma, one of …,".
_APPOSITIVES = re.compile(r"^\s*(?:,[^,;:\u2591\"“”]{1,140})+,")


_ASIDE = re.compile(r"[ \t]*,[^,;:\u2591\"“”\n]{1,100},")


_PERFECT_AUX = word_set("has had have")


# Words that may open an unnamed source after an inverted verb: 'said one New Hampshire Democrat'.
_QUANTIFIERS = word_set("one another")


def _gap_ok(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] may separate a subject from its verb: adverbs, an appositive, a parenthesis."""
    gap = doc.masked[lo:hi]
    gap = re.sub(r"\([^()]{0,60}\)", " ", gap)
    gap = _APPOSITIVES.sub(" ", gap)
    if any(ch in gap for ch in ',;:\u2591"“”'):
        return False
    return all(is_gap_word(w) for w in gap.split())


def subject_before(doc: Doc, lo: int, cue_start: int) -> Candidate | None:
    """The subject of a speech verb at cue_start: the first candidate joined to it by a valid gap.

    The first rather than the nearest, so that "Mulgrew, president of the Federation of Teachers, said"
    gives Mulgrew; a name inside an appositive never has a valid gap of its own to the verb anyway.
    """
    window = max(lo, cue_start - SUBJECT_LOOKBACK_CHARS)
    cands = [c for c in candidates_in(doc, window, cue_start) if c.end <= cue_start]
    for cand in cands:
        if after_preposition(doc, lo, cand.start):
            continue
        if _gap_ok(doc, cand.end, cue_start):
            return cand
    return None


def after_preposition(doc: Doc, lo: int, pos: int) -> bool:
    """True if the word right before pos (within [lo, pos)) is a preposition: "In a statement", "at Trump"."""
    m = PREV_WORD.search(doc.masked, max(lo, pos - 20), pos)
    return bool(m) and m.group(1).lower() in PREPOSITIONS


def object_after(
    doc: Doc, cue_end: int, hi: int, *, max_words: int = 4, roles: bool = False
) -> Candidate | None:
    """A candidate starting within a few words after a verb ("said Sen. Claire McCaskill", "kata Cho").

    With `roles`, lowercase role words may precede a name: 'said former Massachusetts congressman Barney
    Frank', 'said spokesman John Kirby'.
    """
    cands = candidates_in(doc, cue_end, hi)
    for k, cand in enumerate(cands):
        if roles and cand.kind == "name":
            # 'said Pentagon spokesman Navy Capt. Jeff Davis': the first name only qualifies a role.
            while (
                k + 1 < len(cands)
                and cands[k + 1].kind == "name"
                and _role_between(doc, cand.end, cands[k + 1].start)
            ):
                k += 1
                cand = cands[k]
            words = [re.sub("[’']s$", "", w) for w in doc.masked[cue_end : cand.start].split()]
            # "of" only inside a role: 'said former secretary of state Hillary Clinton'; a compound on a
            # name qualifies like the name: 'said Florida-based Republican strategist Al Cardenas'.
            if len(words) <= MAX_ROLE_WORDS and all(
                w.istitle()
                or w.isupper()
                or w.split("-")[0].istitle()
                or w.lower() in ARTICLES
                or (k == 0 and w.lower() in _QUANTIFIERS)
                or is_role_word(doc, w, participle=True)
                or (w == "of" and 0 < k < len(words) - 1)
                for k, w in enumerate(words)
            ):
                return cand
        between = doc.masked[cue_end : cand.start]
        if CLAUSE_PUNCT.search(between):
            return None
        words = [re.sub("[’']s$", "", w) for w in between.split()]
        # "said an Iowa Democrat": an article before the name is not a word of the gap, nor are role nouns
        # after a qualifying name ("said Marquette pollster Charles Franklin").
        qualified = bool(words) and words[0][:1].isupper()
        if len(words) <= max_words and all(
            is_gap_word(w) or w.istitle() or w.lower() in ARTICLES or qualified and is_role_word(doc, w)
            for w in words
        ):
            return cand
        return None
    return None


def _role_between(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi], between two names, is a role with at least one lowercase role word:
    ' spokesman Navy ', ' constituent ', ' co-host '."""
    words = doc.masked[lo:hi].split()
    if not words or len(words) > MAX_ROLE_WORDS or CLAUSE_PUNCT.search(doc.masked, lo, hi):
        return False
    return any(is_role_word(doc, w) for w in words) and all(
        w.istitle() or w.isupper() or is_role_word(doc, w) for w in words
    )


def followed_by_finite_verb(doc: Doc, pos: int) -> bool:
    """True if the word after pos looks like a finite verb: a cue, or an -ed word ("Trump returned"), also
    after an appositive ("Mike Huckabee, the former Arkansas governor, proposed")."""
    aside = _ASIDE.match(doc.masked, pos)
    if aside is not None and aside.end() - pos <= 100:
        pos = aside.end()
    m = NEXT_WORD.match(doc.masked, pos)
    if m and m.group(1).endswith("ly"):
        m = NEXT_WORD.match(doc.masked, m.end())  # "Trump openly admires"
    if m and m.group(1) in _PERFECT_AUX:
        m = NEXT_WORD.match(doc.masked, m.end())  # "Reid has gone after Trump", "Trump has used"
        return bool(m) and (m.group(1).endswith(("ed", "en", "ne")) or m.group(1) in doc.cues)
    if not m or m.group(1) in NOT_VERBS:
        return False
    word = m.group(1)
    return word in doc.cues or word.endswith("ed")


def followed_by_verb(doc: Doc, pos: int) -> bool:
    m = NEXT_WORD.match(doc.masked, pos)
    return bool(m) and m.group(1) not in NOT_VERBS and not is_gap_word(m.group(1))


def addressee_of(doc: Doc, low: str, cue_end: int, hi: int) -> SpeakerMention | None:
    if low not in ADDRESSEE_CUES:
        return None
    obj = object_after(doc, cue_end, hi, max_words=1)
    return speaker_from(doc, obj) if obj and obj.kind == "name" else None
