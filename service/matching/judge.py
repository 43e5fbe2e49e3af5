"""The verdict on a claim: rank the retrieved quotes, align the best few, and say what the claim is.

Cheap first, exact last: every candidate gets a C-speed fuzzy score (rapidfuzz) on folded text; only
the best few distinct texts get the word alignment, which knows ellipses, brackets and wrappers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from service.matching.align import Alignment, DiffOp, Gap, align, parse_claim, quoted_region
from service.matching.speakers import LEVELS, UNCHECKED, Person, SpeakerMatch, speaker_match
from service.matching.standing import group_appearances, is_vetted, same_statement, weigh_standing
from service.matching.text import Token, fold, space_cjk, straighten, tokens, words_per_token

__all__ = ["Candidate", "Claim", "Judgement", "Match", "judge"]

VERDICTS = ("verified", "altered", "paraphrased", "misattributed", "unverified")

# Claims shorter than this are never "strong" nor "altered"/"misattributed": a handful of words is shared
# by too many quotes to pin one (the brief's rule; no dev claim is shorter than 6 words). Short claims of
# SHORT_CLAIM_MIN_WORDS or more may still be "verified": see below.
MIN_CONFIRM_WORDS = 6
# A short claim (this many words up to MIN_CONFIRM_WORDS) is verified when it is found word for word in one
# stored statement only, and the claimed speaker agrees with its speaker: then there is nothing else it
# could be. 4 is the floor ("a claim of 4-5 words"); fewer words are a phrase, not a quote.
SHORT_CLAIM_MIN_WORDS = 4
# "misattributed" accuses a writer: the claim must identify the stored quote, sharing at least this many
# words with it in order (with at most STRONG_MAX_EDIT_SHARE edited) - or, from MIN_CONFIRM_WORDS words,
# be found word for word in that one stored statement and no other. How chosen: qv-bench builds its
# identifying fragments (exact, attributed, misattributed) from 8 words up, and every misattributed and
# same_surname dev case shares >= 8 words; the counter-example, "this is not who we are" (5 of its
# 6 words in a Goodreads quote), is a common phrase partly matched, and fails both tests.
MISATTRIBUTION_MIN_WORDS = 8
# How many candidates (by shared words, weighted by length as a stand-in for rarity) go on to the fuzzy
# score: the expected quote of all but one dev case ranks within the first 3 by shared words (that one
# past 10); 24 leaves room at the cost of a few C-speed comparisons.
OVERLAP_KEEP = 24
# Candidates scoring under this on the fuzzy prefilter are not aligned: the dev cases' expected quotes
# score ≥ 70.5, while most of the ~100 retrieved candidates score under 50.
PREFILTER_MIN_SCORE = 55.0
# How many distinct candidate texts get the word alignment, at most: on the dev cases the expected quote
# has the best fuzzy score in 1945 of 1950 cases and the second best in the rest; 6 leaves room.
ALIGN_TOP = 6
# Once a text matches exactly, others are aligned only if their fuzzy score is within this of its own:
# the same words elsewhere score the same (up to punctuation), and the rest cannot outrank it.
EXACT_MARGIN = 5.0
# A match may have at most this share of edited words among the words it aligns (equal + edited):
# multi_edit dev cases reach 0.2 and the seed's "the most important" (2 of 7) 0.29, while the best
# candidate of every fabricated dev claim is at ≥ 0.375; the line sits between.
MAX_EDIT_SHARE = 0.3
# ... and must share at least this many words with it, in order, so a stray phrase cannot match alone:
# every altered dev case keeps ≥ 6 equal words; 4 still lets a short claim be shown as a suggestion.
MIN_EQUAL_WORDS = 4
# "strong" confidence needs few enough edits that the claim is plainly that quote: at most one word in
# five (the multi_edit ceiling); between this and MAX_EDIT_SHARE the match is a suggestion.
STRONG_MAX_EDIT_SHARE = 0.2
# A claim's quoted part is read as the quote it wraps only if it holds at least this share of the claim's
# words: tweets wrap a quote in a few words; a shorter quoted part is scare quotes inside the quote itself.
WRAPPED_MIN_SHARE = 0.5
# Quotes longer than this many times the claim (in words) are aligned on a window around the fuzzy
# match only: the dynamic programme is quadratic, and a few quotes run to 1,000+ words.
WINDOW_FACTOR = 3
# A claim cannot match a quote with fewer than 1 / MAX_WORDS_PER_QUOTE_WORD of its word count: a quote word
# is at most two equal claim words (a split word), and a match has at most MAX_EDIT_SHARE edits, so a
# claim has at most 2 / (1 - MAX_EDIT_SHARE) words a quote word. Exact, not tuned: such a claim (a long
# text holding a short quote among its words) is not aligned at all.
MAX_WORDS_PER_QUOTE_WORD = 2 / (1 - MAX_EDIT_SHARE)
# Words kept either side of that window (plus the claim's length): no dev result changes with or without it.
WINDOW_MARGIN = 12


@dataclass(frozen=True)
class Candidate:
    """A stored quote offered by retrieval; a stored translation carries its original in translation_of."""

    quote_id: int
    text: str
    speaker: Person
    kind: str = "direct"  # or "reported"
    said_on: date | None = None
    language: str | None = None
    translation_of: Candidate | None = None
    translation_provenance: str | None = None  # "editorial" | "official"
    standing: str | None = None  # of its source: "primary" | "publication" | "unvetted" (standing.py)


@dataclass(frozen=True)
class Claim:
    """What the user checks: the words, and optionally who said them and when."""

    text: str
    speaker: str | None = None
    said_on: date | None = None
    # Ids of the stored speakers the claimed name is exactly (their name, however written): a weaker
    # agreement with anyone else, a nickname or one name alone, then means them, not that other person.
    speaker_named: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Match:
    """One quote the claim comes from, with the word diff, the conventions used and the verdict."""

    candidate: Candidate
    score: float
    verdict: str
    span: tuple[int, int]
    diff: tuple[DiffOp, ...]
    gaps: tuple[Gap, ...]
    confidence: str
    speaker_matches: bool | None
    # How surely the claimed speaker is the quote's: "exact", "alias", "probable", "different" (None: no
    # speaker claimed), and the name or alias it agreed with.
    speaker_match: str | None = None
    speaker_matched: str | None = None
    # Why the verdict is what it is, machine-readable (e.g. "speaker_typo", "too_short", "date_mismatch").
    # A plain tuple of strings: later stages add their own (dataclasses.replace(m, reasons=(*m.reasons, r))).
    reasons: tuple[str, ...] = ()
    # The vetted quote that gives this passage otherwise, when this one's source is unvetted (standing.py).
    contradicted_by: int | None = None
    # Other stored quotes that are this same statement (other sources), in rank order.
    appearances: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Judgement:
    """The verdict on a claim (that of the first match, or "unverified") and the matches, best first."""

    verdict: str
    matches: tuple[Match, ...]
    # The verdict's reasons: its match's, or why there is none ("no_match").
    reasons: tuple[str, ...] = ()


# Punctuation to spaces (apostrophes vanish, as in text.tokens): folded text becomes words and spaces.
_ASCII_FOLD = bytes(
    c + 32 if 65 <= c <= 90 else (32 if chr(c) in '!"#$%&()*+,-./:;<=>?@[\\]^_{|}~' else c)
    for c in range(256)
)


# The same, with every ASCII whitespace character a space too: folded text in one C pass, whose words
# are then the runs between single spaces once double spaces are collapsed.
_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.split() splits ASCII text on
_ASCII_FOLD_SPACED = bytes(32 if chr(c) in _WHITESPACE else _ASCII_FOLD[c] for c in range(256))
_OTHER_SPACES = ("\x85", "\u1680", "\u2028", "\u2029")


# Caches are per worker process and must stay small: a 65k-entry cache of quote words held ~500 MiB
# of a gunicorn worker at 500k quotes; 4k entries keep the quotes of the last few dozen claims.
@lru_cache(maxsize=4096)
def _padded_norm(text: str) -> str:
    """The folded words of ``text`` (punctuation gone) joined by single spaces, a space either side.

    `` w `` is in it exactly when ``w`` is one of the words, and `` a b `` when ``b`` follows ``a``:
    the shortlist tests a hundred long quotes by substring search, making no string a word (creating
    word objects was most of its time: ~0.3 us a word, quotes of a thousand words).
    """
    if not text.isascii() and unicodedata.is_normalized("NFKC", text):
        # Curly quotation marks and dashes are most of what keeps a quote from being ASCII: replaced,
        # the text folds as ASCII does (NFKC changes nothing in it, so ``fold`` would give the same).
        straight = straighten(text)
        if straight.isascii():
            text = straight
    if not text.isascii():
        text = space_cjk(fold(text))
        for space in _OTHER_SPACES:  # what str.split() splits on that folding leaves as it is
            if space in text:
                text = text.replace(space, " ")
    # Lower case, punctuation and whitespace to spaces, apostrophes gone (on UTF-8 bytes: characters
    # beyond ASCII pass through untouched); then single spaces.
    folded = text.encode().translate(_ASCII_FOLD_SPACED, b"'`").decode()
    while "  " in folded:
        folded = folded.replace("  ", " ")
    return f" {folded.strip(' ')} "


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    # Folded words separated by single spaces: what the prefilter compares. Spacing is not wording:
    # "youth, fifty" and "youth fifty" must score alike, or the punctuation picks among equal quotes.
    return _padded_norm(text)[1:-1]


@lru_cache(maxsize=4096)
def _quote_tokens(text: str) -> tuple[Token, ...]:
    return tuple(tokens(text))


@dataclass
class _Scored:
    candidate: Candidate
    alignment: Alignment
    speaker: SpeakerMatch | None
    prefilter: float


def shortlist(claim_text: str, texts: Iterable[str]) -> list[str]:
    """The distinct quote texts ``judge`` looks at closely: those sharing the most claim words, longest first.

    A caller may load full candidates for these texts only: ``judge`` decides the same on them.
    """
    return _shortlist([it.folded for it in parse_claim(claim_text) if it.kind == "word"], texts)


def _shortlist(claim_words: list[str], texts: Iterable[str]) -> list[str]:
    # Shared word pairs first (order: in a large archive many quotes hold all of a short claim's common
    # words, few hold them side by side), then shared words, long words counting more. Cheap enough for
    # every candidate retrieval brings.
    # A word is in a quote when " w " is in its padded folded words, a pair when " a b " is: substring
    # searches in C (see _padded_norm).
    needles = [(w, f" {w} ") for w in dict.fromkeys(claim_words)]
    pairs = [(a, b, f" {a} {b} ") for a, b in set(zip(claim_words, claim_words[1:], strict=False))]
    overlap = {}
    for t in dict.fromkeys(texts):
        padded = _padded_norm(t)
        shared = {w for w, needle in needles if needle in padded}
        shared_pairs = 0
        # Pairs only where words are shared at all: most candidates share just one or two words.
        if len(shared) > 1:
            shared_pairs = sum(1 for a, b, ab in pairs if a in shared and b in shared and ab in padded)
        overlap[t] = (shared_pairs, sum(map(len, shared)))
    return sorted(overlap, key=overlap.__getitem__, reverse=True)[:OVERLAP_KEEP]


def judge(
    claim: Claim,
    candidates: Sequence[Candidate],
    *,
    limit: int = 5,
    shortlisted: Sequence[str] | None = None,
    people_of_surname: Mapping[str, int] | None = None,
) -> Judgement:
    """Rank the candidates against the claim, drop those it does not come from, return the best ``limit``.

    ``shortlisted``: what ``shortlist(claim.text, texts)`` gave, for texts that include every candidate's
    (the caller's own shortlist: a second one over the same texts would give the same list).
    ``people_of_surname``: how many people of the archive bear a surname (speakers.speaker_match).
    """
    items = parse_claim(claim.text)
    words_in_claim = [it for it in items if it.kind == "word"]
    if not words_in_claim or not candidates:
        return Judgement("unverified", (), ("no_match",))
    region = quoted_region(claim.text)
    region_items = parse_claim(claim.text, start=region[0], end=region[1]) if region else None
    # A quoted part of a few words is a phrase in scare quotes ("THE"), not the quote the claim cites.
    if region_items is not None:
        region_words = sum(1 for it in region_items if it.kind == "word")
        if region_words < max(MIN_EQUAL_WORDS, WRAPPED_MIN_SHARE * len(words_in_claim)):
            region_items = None

    probes = [" ".join(it.folded for it in words_in_claim)]
    if region_items:
        probes.append(" ".join(it.folded for it in region_items if it.kind == "word"))

    # Stage 1 (all candidates): shared word pairs and words. Stage 2 (the best few): fuzzy score.
    if shortlisted is None:
        shortlisted = _shortlist([it.folded for it in words_in_claim], (c.text for c in candidates))
    norms = {t: _norm(t) for t in shortlisted}
    fuzzy = {
        t: max(fuzz.partial_ratio(p, norms[t], score_cutoff=PREFILTER_MIN_SCORE) for p in probes)
        for t in norms
    }
    ranked = [
        t for t in sorted(fuzzy, key=fuzzy.__getitem__, reverse=True) if fuzzy[t] >= PREFILTER_MIN_SCORE
    ]

    # Who each candidate's speaker is to the claim (names are read once, cached: cheap for every one).
    speakers: dict[int, SpeakerMatch | None] = {}
    for cand in candidates:
        speakers[cand.quote_id] = None
        if claim.speaker and claim.speaker.strip():
            on = claim.said_on or cand.said_on
            speakers[cand.quote_id] = speaker_match(
                claim.speaker,
                cand.speaker,
                on=on,
                people_of_surname=people_of_surname,
                named_elsewhere=bool(claim.speaker_named - {cand.speaker.id}),
            )
    # Texts stored for the claimed speaker: aligned whatever other texts score, since their match wins.
    own_texts = {
        c.text for c in candidates if speakers[c.quote_id] is not None and speakers[c.quote_id].agrees
    }

    # The same words may be stored for several speakers: each distinct text is aligned once.
    alignments: dict[str, Alignment | None] = {}
    exact_score: float | None = None
    # An exact match in an unvetted source does not end the search: a vetted source may say otherwise.
    vetted_texts = {c.text for c in candidates if is_vetted(c)}
    for t in ranked[:ALIGN_TOP]:
        if exact_score is not None and fuzzy[t] < exact_score - EXACT_MARGIN:
            break
        al = alignments[t] = _best_alignment(claim.text, items, region_items, probes[0], t)
        if al is not None and al.edits == 0 and _is_match(al) and exact_score is None and t in vetted_texts:
            exact_score = fuzzy[t]
    for t in [t for t in ranked if t in own_texts and t not in alignments][:ALIGN_TOP]:
        alignments[t] = _best_alignment(claim.text, items, region_items, probes[0], t)
    prefilter = [fuzzy.get(c.text, 0.0) for c in candidates]

    scored: list[_Scored] = []
    for i, cand in enumerate(candidates):
        al = alignments.get(cand.text)
        if al is None or not _is_match(al):
            continue
        scored.append(_Scored(cand, al, speakers[cand.quote_id], prefilter[i]))

    scored.sort(key=_rank)
    sole = _sole_statement(scored)
    per_word = words_per_token(claim.text)
    matches = tuple(
        group_appearances(
            weigh_standing([_match(s, claim, sole=s is sole, per_word=per_word) for s in scored])
        )[:limit]
    )
    if not matches:
        return Judgement("unverified", (), ("no_match",))
    return Judgement(matches[0].verdict, matches, matches[0].reasons)


def _sole_statement(scored: Sequence[_Scored]) -> _Scored | None:
    """The one statement holding the claim word for word, when there is exactly one (else None).

    Copies of one statement (the same words, or one within the other, by agreeing speakers) count once.
    """
    exact = [s for s in scored if s.alignment.edits == 0]
    if not exact:
        return None
    first = exact[0]
    for other in exact[1:]:
        agreeing = other.speaker is None or not other.speaker.differs
        if not (agreeing and _one_passage(first.candidate, other.candidate)):
            return None
    return first


def _one_passage(a: Candidate, b: Candidate) -> bool:
    # One statement stored twice, possibly under two forms of one name ("Trump", "Donald Trump").
    return same_statement(a, b) or same_statement(a, Candidate(b.quote_id, b.text, a.speaker))


def _best_alignment(claim_text, items, region_items, probe, quote_text) -> Alignment | None:
    qtoks = _quote_tokens(quote_text)
    full = _align(claim_text, items, probe, quote_text, qtoks)
    if region_items is None:
        return full
    # A claim that wraps the quote in words of its own ("Wow. "…" — so true"): when the quoted part alone
    # fits better, the words outside the marks are the writer's, not alterations of the quote.
    # Only where the quote is exhausted on that side, though: words beyond the quote's own first or last
    # word cannot be an alteration of it, while words next to a fragment may be ("a word inserted").
    probe_region = " ".join(it.folded for it in region_items if it.kind == "word")
    inner = _align(claim_text, region_items, probe_region, quote_text, qtoks)
    if inner is None or (full is not None and inner.edits >= full.edits):
        return full
    words_before = any(it.kind == "word" and it.end <= region_items[0].start for it in items)
    words_after = any(it.kind == "word" and it.start >= region_items[-1].end for it in items)
    if words_before and inner.quote_first != 0:
        return full
    if words_after and inner.quote_last != inner.quote_words - 1:
        return full
    return inner


def _align(claim_text, items, probe, quote_text, qtoks) -> Alignment | None:
    claim_len = len(items)
    if _words_in(items) > MAX_WORDS_PER_QUOTE_WORD * len(qtoks):
        return None  # too many words for this quote: not a match whatever the alignment
    window = None
    has_omission = any(it.kind == "omission" for it in items)
    if not has_omission and len(qtoks) > WINDOW_FACTOR * claim_len + 2 * WINDOW_MARGIN:
        joined = " ".join(t.folded for t in qtoks)
        hit = fuzz.partial_ratio_alignment(probe, joined)
        if hit is not None:
            first = joined.count(" ", 0, hit.dest_start)
            last = joined.count(" ", 0, hit.dest_end)
            window = (
                max(0, first - claim_len - WINDOW_MARGIN),
                min(len(qtoks), last + claim_len + WINDOW_MARGIN),
            )
    return align(items, claim_text, quote_text, qtoks, window=window)


def _words_in(items) -> int:
    return sum(1 for it in items if it.kind == "word")


def _is_match(al: Alignment) -> bool:
    return al.equal >= MIN_EQUAL_WORDS and al.edits <= MAX_EDIT_SHARE * (al.equal + al.edits)


def _rank(s: _Scored) -> tuple:
    al = s.alignment
    exact = al.edits == 0
    sm = s.speaker
    speaker = 0 if sm is not None and sm.agrees else (2 if sm is not None and sm.differs else 1)
    whole = al.quote_first == 0 and al.quote_last == al.quote_words - 1
    # A quote by the claimed speaker first: their own words, if they match at all, are the evidence, not
    # another person's ("The more we do, the more we can do", William Hazlitt, not Lucille Ball). Then
    # exact words; the surer speaker; fewer edits, then a quote the claim covers whole (a whole quote
    # beats a longer quote containing it); then the closer wording, then the quote stored first. For a
    # fragment of several stored versions of one passage (a truncated copy, one with a typo elsewhere),
    # how much of each the fragment covers says nothing about which is right: preferring the larger
    # share picked the truncated copies over the archive's original.
    return (
        speaker,
        not exact,
        LEVELS.index(sm.level) if sm is not None else 0,
        sm.uncertain if sm is not None else False,
        al.edits / max(al.claim_words, 1),
        not whole,
        -s.prefilter,
        s.candidate.quote_id,
    )


def _identifies(al: Alignment, n: float, *, sole: bool, per_word: float = 1.0) -> bool:
    """The claim is plainly this quote: enough words, few enough edits (MISATTRIBUTION_MIN_WORDS)."""
    if al.edits > STRONG_MAX_EDIT_SHARE * (al.equal + al.edits):
        return False
    equal = al.equal * per_word
    return equal >= MISATTRIBUTION_MIN_WORDS or (al.edits == 0 and sole and n >= MIN_CONFIRM_WORDS)


def _match(s: _Scored, claim: Claim, *, sole: bool, per_word: float = 1.0) -> Match:
    """``per_word``: words a token counts for (text.words_per_token: a Chinese character is half one)."""
    al = s.alignment
    cand = s.candidate
    sm = s.speaker
    n = al.claim_words * per_word
    reasons: list[str] = list(sm.reasons) if sm is not None else []
    if cand.kind == "reported":
        words_say = "paraphrased"
    elif al.edits == 0:
        words_say = "verified"
    else:
        words_say = "altered"
    short_verified = False
    if sm is not None and sm.level == UNCHECKED:
        # A speaker whose name could not be compared (another script): neither confirmed nor accused.
        verdict = "unverified"
    elif sm is not None and sm.differs:
        if _identifies(al, n, sole=sole, per_word=per_word):
            verdict = "misattributed"
        else:
            # Another person's words, but too few or too loosely matched to say the claim is theirs.
            verdict = "unverified"
            reasons.append("weak_evidence")
    elif n < MIN_CONFIRM_WORDS:
        verdict = "unverified"
        agreeing = sm is not None and not sm.uncertain
        if words_say == "verified" and n >= SHORT_CLAIM_MIN_WORDS and agreeing and sole:
            verdict = "verified"
            short_verified = True
            reasons.append("short_claim")
        if not short_verified:
            # Too few words to tell this quote from the many that share them: shown, never concluded.
            reasons.append("too_short")
            if sm is None:
                reasons.append("no_speaker")
            elif not sole:
                reasons.append("several_quotes")
    else:
        verdict = words_say
    if claim.said_on is not None and cand.said_on is not None and claim.said_on != cand.said_on:
        reasons.append("date_mismatch")
    strong = (
        verdict != "unverified"
        and (n >= MIN_CONFIRM_WORDS or short_verified)
        and al.edits <= STRONG_MAX_EDIT_SHARE * (al.equal + al.edits)
        and cand.translation_provenance != "editorial"
        and (sm is None or not sm.uncertain)
    )
    score = round(100.0 * al.equal / max(al.equal + al.edits, 1), 1)
    return Match(
        candidate=cand,
        score=score,
        verdict=verdict,
        span=al.span,
        diff=al.diff,
        gaps=al.gaps,
        confidence="strong" if strong else "suggestion",
        speaker_matches=None if sm is None or sm.level == UNCHECKED else sm.agrees,
        speaker_match=None if sm is None else sm.level,
        speaker_matched=None if sm is None else sm.matched,
        reasons=tuple(dict.fromkeys(reasons)),
    )
