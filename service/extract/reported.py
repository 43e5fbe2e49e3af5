"""Reported speech: 'X said that …', 'X menegaskan bahwa …', 'According to X, …', '…, X said.'"""

from __future__ import annotations

import re

from .attribution import CLAUSE_STARTERS
from .candidates import (
    speaker_from,
)
from .document import MASK, Doc, Position, cues_in, word_count, words_in
from .lexicon import (
    ADDRESSEE_CUES,
    REQUEST_LINKS,
    THAT_WORDS,
    is_gap_word,
    word_set,
)
from .model import REPORTED, ExtractedQuote, SpeakerMention
from .verb_roles import (
    object_after,
    subject_before,
)

# How far past a speech verb to look for "that"/"bahwa" or "to"/"untuk" (chars).
FOLLOWING_CHARS = 80


# Shortest reported content worth reporting, in words.
REPORTED_MIN_WORDS = 3


# Verbs that take a bare content clause ("Romney said the recovery was slow").
_BARE_CLAUSE_VERBS = word_set(
    """
    say says said added adds argued argues claimed claims insisted insists noted notes believes believed
    think thinks thought wrote writes tweeted warned warns predicted suggested acknowledged admitted
    conceded announced explained stressed emphasized contended maintained mengatakan menyatakan
    menegaskan menjelaskan menambahkan mengungkapkan menyebutkan menekankan menilai berpendapat
    """
)


_CONTENT_END = re.compile(r"[\s.,;:!?\u2591\"“”’‘']+$")


def _trim_content(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    m = _CONTENT_END.search(doc.text, lo, hi)
    if m and m.start() > lo:
        hi = m.start()
    while lo < hi and doc.text[lo] in " ,:":
        lo += 1
    return lo, hi


def _bare_clause_start(doc: Doc, cue_end: int, following: list[re.Match[str]]) -> re.Match[str] | None:
    """Where a content clause with no "that" begins: 'said Tuesday the plan …', 'mengatakan, pemerintah …'.

    Returns the match just before the clause (a time word, or the verb's last word), so that the content
    starts at its end, like after a complementiser.
    """
    k = 0
    while k < len(following) and following[k].group().lower() not in CLAUSE_STARTERS:
        if not is_gap_word(following[k].group()) or following[k].group()[0].isupper() and k == 0:
            break
        k += 1
    if k >= len(following):
        return None
    word = following[k]
    comma_before = "," in doc.masked[cue_end : word.start()]
    if word.group().lower() in CLAUSE_STARTERS or comma_before or (word.group()[0].isupper() and k == 0):
        return Position(word.start(), word.start())
    return None


def _reported_in_sentence(doc: Doc, lo: int, hi: int) -> list[ExtractedQuote]:
    out: list[ExtractedQuote] = []
    for cue_start, cue_end, cue in cues_in(doc, lo, hi):
        low = cue.lower()
        following = words_in(doc, cue_end, min(hi, cue_end + FOLLOWING_CHARS))
        content: tuple[int, int] | None = None
        addressee: SpeakerMention | None = None
        speaker: SpeakerMention | None = None
        if low in ("according to", "menurut"):
            src = object_after(doc, cue_end, hi, max_words=2)
            comma = doc.masked.find(",", cue_end, hi)
            if src is None or comma < 0:
                continue
            speaker = speaker_from(doc, src)
            content = (comma + 1, hi)
        elif low in doc.post_cues or (following and following[0].group() in (".",)):
            continue
        else:
            subject = subject_before(doc, lo, cue_start)
            # "X said that …" / "X menekankan bahwa …": the complementiser opens the content.
            link = next((w for w in following[:5] if w.group().lower() in THAT_WORDS), None)
            if low in ADDRESSEE_CUES:
                req = next((w for w in following[:6] if w.group().lower() in REQUEST_LINKS), None)
                if req is not None and (link is None or req.start() < link.start()):
                    obj = object_after(doc, cue_end, req.start(), max_words=2)
                    if obj is not None:
                        addressee = speaker_from(doc, obj)
                    link = req
            if link is None and subject is not None and low in _BARE_CLAUSE_VERBS:
                link = _bare_clause_start(doc, cue_end, following)
            if link is None or subject is None:
                continue
            between = doc.masked[cue_end : link.start()]
            if any(ch in between for ch in ".;\u2591"):
                continue
            speaker = speaker_from(doc, subject)
            if speaker is None and subject.kind == "nominal":
                speaker = None
            content = (link.end(), hi)
        if content is None:
            continue
        start, end = _trim_content(doc, *content)
        if end <= start or word_count(doc.text[start:end]) < REPORTED_MIN_WORDS:
            continue
        masked_share = doc.masked[start:end].count(MASK) / (end - start)
        if masked_share > 0.5:
            continue  # the statement is a direct quotation, already reported as such
        out.append(ExtractedQuote(doc.text[start:end], start, end, REPORTED, speaker, cue, addressee))
        break
    return out


def _post_posed(doc: Doc, lo: int, hi: int) -> list[ExtractedQuote]:
    """'Content, X said.' / 'Isi, kata Cho.': a statement whose attribution closes the sentence."""
    text = doc.masked[lo:hi]
    comma = text.rfind(",")
    if comma <= 0:
        return []
    tail_lo = lo + comma + 1
    cues = cues_in(doc, tail_lo, hi)
    if not cues:
        return []
    cue_start, cue_end, cue = cues[0]
    subject = subject_before(doc, tail_lo, cue_start)
    if subject is not None and doc.masked[tail_lo : subject.start].strip():
        subject = None
    if subject is None:
        if doc.masked[tail_lo:cue_start].strip():
            return []
        subject = object_after(doc, cue_end, hi)
    rest = doc.masked[cue_end:hi]
    if any(ch in rest for ch in ",;\u2591") or len(rest.split()) > 8:
        return []
    start, end = _trim_content(doc, lo, lo + comma)
    if end <= start or word_count(doc.text[start:end]) < REPORTED_MIN_WORDS:
        return []
    if MASK in doc.masked[start:end]:  # the closing attribution belongs to the quotation
        return []
    speaker = speaker_from(doc, subject) if subject is not None else None
    return [ExtractedQuote(doc.text[start:end], start, end, REPORTED, speaker, cue)]


def reported_statements(doc: Doc) -> list[ExtractedQuote]:
    out: list[ExtractedQuote] = []
    bounds = [*doc.boundaries, len(doc.text)]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if hi - lo < 10 or not cues_in(doc, lo, hi):
            continue
        found = _reported_in_sentence(doc, lo, hi)
        out.extend(found or _post_posed(doc, lo, hi))
    return out
