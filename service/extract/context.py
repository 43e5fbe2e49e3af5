"""Speakers from further away: an introducing paragraph, a signature line, the rest of the sentence, a
headline, a transcript's labels, a possessor of a speech noun, and the person a quotation continues."""

from __future__ import annotations

import re

from .attribution import MAX_SUBJECT_WORDS, Attribution, attribution_after, attribution_before
from .candidates import (
    Candidate,
    candidates_in,
    mention_speaker,
    name_opening,
    speaker_from,
    surely_a_person,
)
from .document import MASK, POSSESSIVE_ENDS, Doc, blank_between, cues_in, word_count, words_in
from .lexicon import (
    SPEECH_NOUNS,
    word_set,
)
from .model import SpeakerMention
from .name_words import (
    NON_NAMES,
    TITLES,
)
from .names import Resolved
from .quotes import QuoteSpan
from .verb_roles import (
    after_preposition,
    followed_by_finite_verb,
    followed_by_verb,
    object_after,
    subject_before,
)

# How far back a paragraph-introducing colon is looked for ("The Times reports:\n\n“…").
MAX_INTRO_CHARS = 400


# How many sentences back an unattributed quotation looks for the person it continues.
CONTINUE_LOOKBACK_SENTENCES = 2


# Paragraphs opening with a speaker label ("PENCE:") that make an article a transcript.
TRANSCRIPT_MIN_LABELS = 2


_PARAGRAPH_DASH = re.compile("[ \t.,]*\n[ \t\n]*[\u2015\u2014\u2013-][ \t]*")


_REPORT_VERBS = word_set("reported reports")


# Words joining a speech noun to its content ("Trump's claim that …", "Clinton’s broadside against “…”").
_NOUN_LINKS = word_set("that of against for to on over")


_NAMING_NOUNS = word_set("slogan slogans motto mantra catchphrase refrain")


# A paragraph-opening speaker label: up to three capitalised words (titles included) and a colon.
_LABEL = re.compile(r"[ \t]*((?:[A-Z][\w’'.\-]*[ \t]){0,2}[A-Z][\w’'\-]*):[ \t]+(?=\S)")


_NOT_LABELS = word_set(
    """
    Note Update Updated Video Photo Photos Source Sources Transcript Watch Related Editor Editors Read
    Question Answer Q Caption Click Correction Disclosure Excerpt Listen Subscribe Breaking Exclusive
    Opinion Analysis Full Text Warning Spoiler Poll Map Chart Graphic Credit Credits
    Advertisement Sponsored Also See More
    """
)


def named_subject(doc: Doc, span: QuoteSpan) -> Candidate | None:
    """A person named before the quotation in its sentence, as the likely subject of a verb missing from
    the cue list: 'Walter Hewlett sniped that Fiorina was “learning on the job”'."""
    lo, _ = doc.sentence(span.open)
    for cand in candidates_in(doc, lo, span.open):
        if cand.kind == "name" and followed_by_finite_verb(doc, cand.end):
            return cand
    return None


def introduced_by_colon(doc: Doc, span: QuoteSpan, prev_close: int) -> Attribution | None:
    """A paragraph-opening quotation introduced by the previous paragraph: 'The Times reports:'."""
    para_start = doc.paragraphs[doc.paragraph_index(span.open)]
    if para_start == 0 or not blank_between(doc.masked, para_start, span.open):
        return None
    end = len(doc.masked[max(0, para_start - MAX_INTRO_CHARS) : para_start].rstrip()) + max(
        0, para_start - MAX_INTRO_CHARS
    )
    if end == 0 or doc.masked[end - 1] != ":":
        return None
    lo, _ = doc.sentence(end - 1)
    return attribution_before(doc, max(lo, prev_close), end)


def dash_next_paragraph(doc: Doc, span: QuoteSpan) -> Attribution | None:
    """A quotation paragraph signed on the next line: '“…”\n\n- Bernie Sanders.'"""
    if span.close is None:
        return None
    m = _PARAGRAPH_DASH.match(doc.masked, span.close + 1)
    if m is None:
        return None
    name = name_opening(doc, m.end(), m.end() + 200)
    return Attribution(mention_speaker(doc, name), None, None, True) if name is not None else None


def sentence_tail(doc: Doc, span: QuoteSpan, close_end: int, sent_end: int) -> Attribution | None:
    """An attribution closing the quotation's sentence after more words: '… more “conversant” …, Ban said.'"""
    if span.close is None:
        return None
    comma = doc.masked.find(",", close_end, sent_end)
    while comma >= 0:
        att = attribution_after(doc, QuoteSpan(comma, comma + 1, open=comma, close=comma), sent_end)
        if att is not None and att.speaker is not None:
            return Attribution(att.speaker, att.cue, att.addressee, anchored=False, weak=True)
        comma = doc.masked.find(",", comma + 1, sent_end)
    return None


def according_to_tail(doc: Doc, close_end: int, sent_end: int) -> Attribution | None:
    """A sentence ending in ', according to X.' or ', X reported.' after the quotation reports it
    second-hand, the outlet X being the source: 'Trump said he was “happy to see” that Khan was voted in,
    according to The New York Times', '… “influence peddling,” The Washington Post reported in 1991.'"""
    for cue_start, cue_end, cue in cues_in(doc, close_end, sent_end):
        low = cue.lower()
        comma = doc.masked.rfind(",", close_end, cue_start)
        if comma < 0 and doc.text[:close_end].rstrip("”\"'’»").endswith(","):
            comma = close_end - 1  # the comma inside the marks: '“influence peddling,” the Post reported'
        if low in ("according to", "menurut") and doc.masked[:cue_start].rstrip().endswith(","):
            source = object_after(doc, cue_end, sent_end, max_words=2)
        elif low in _REPORT_VERBS and comma >= 0 and word_count(doc.masked[cue_end:sent_end]) <= 3:
            if doc.masked[comma + 1 : cue_start].strip() == "":
                source = object_after(doc, cue_end, sent_end, max_words=1)
            else:
                source = subject_before(doc, comma + 1, cue_start)
                prefix = doc.masked[comma + 1 : source.start].strip() if source is not None else ""
                if prefix not in ("", "the", "The"):
                    source = None
            if source is not None and source.kind != "name":
                source = None
        else:
            continue
        speaker = speaker_from(doc, source) if source is not None else None
        if speaker is not None:
            return Attribution(speaker, cue, anchored=False)
    return None


def headline_speaker(doc: Doc) -> Attribution | None:
    """The speaker of the article's first paragraph, read as a headline: the words before a colon ('Paul
    Ryan: FBI Decision … ‘Defies Explanation’'), before or after a speech verb ('Glenn Beck Says Trump …',
    '…, Trevor Noah Says.'), or a leading name the article spells out in full ('Hillary Just Insulted …')."""
    end = doc.paragraphs[1] if len(doc.paragraphs) > 1 else len(doc.text)
    words = [w for w in words_in(doc, 0, end) if doc.masked[w.start()] != MASK]
    colon = doc.masked.find(":", 0, end)
    lead = [w for w in words if colon >= 0 and w.end() <= colon]
    if lead and _headline_name(doc, lead):
        return _headline_attribution(doc, lead, None)
    for k, w in enumerate(words):
        if w.group().istitle() and w.group().lower() in doc.cues:
            before = [x for x in words[:k] if x.start() >= doc.masked.rfind(",", 0, w.start()) + 1]
            name = _trailing_name(before)
            if name and _headline_name(doc, name):
                return _headline_attribution(doc, name, w.group())
            break
    body = [m for m in doc.names.mentions if m.start >= end and len(m.tokens) >= 2]
    for n in range(min(MAX_SUBJECT_WORDS, len(words)), 0, -1):
        lead = words[:n]
        tokens = {re.sub("[’']s$", "", w.group()) for w in lead}
        if _headline_name(doc, lead) and any(
            tokens <= set(m.tokens) and doc.names.resolve_tokens(m.tokens, m.start).person for m in body
        ):
            return _headline_attribution(doc, lead, None)
    return None


def _trailing_name(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The capitalised words at the end of `words`, at most MAX_SUBJECT_WORDS of them."""
    k = len(words)
    while k > 0 and len(words) - k < MAX_SUBJECT_WORDS and words[k - 1].group()[0].isupper():
        k -= 1
    return words[k:]


def _headline_name(doc: Doc, words: list[re.Match[str]]) -> bool:
    """True if `words` could be a name: one to four capitalised words, no sentence opener, no speech verb."""
    return (
        0 < len(words) <= MAX_SUBJECT_WORDS
        and all(w.group()[0].isupper() and w.group().lower() not in doc.cues for w in words)
        and words[0].group() not in NON_NAMES
    )


def _headline_attribution(doc: Doc, words: list[re.Match[str]], cue: str | None) -> Attribution:
    tokens = [re.sub("[’']s$", "", w.group()) for w in words]
    end = doc.paragraphs[1] if len(doc.paragraphs) > 1 else len(doc.text)
    # The body spells the name out ("Graham" -> "Lindsey Graham"); the headline's capitalised run does not.
    body = (m for m in doc.names.mentions if m.start >= end and len(m.tokens) >= 2)
    full = next((m for m in body if set(tokens) <= set(m.tokens)), None)
    resolved = doc.names.resolve_tokens(full.tokens if full else tokens, full.start if full else end)
    if len(resolved.name.split()) > MAX_SUBJECT_WORDS or not set(tokens) <= set(resolved.name.split()):
        resolved = Resolved(" ".join(tokens), resolved.id, resolved.person)
    speaker = SpeakerMention(resolved.name, words[0].start(), words[-1].end(), resolved.id)
    return Attribution(speaker, cue, weak=True)


def transcript_labels(doc: Doc) -> dict[int, SpeakerMention]:
    """Speaker labels opening paragraphs ('PENCE: …', 'MR. TRUMP: …'), by paragraph index; only in an
    article with at least TRANSCRIPT_MIN_LABELS of them, so that a lone 'Editor’s Note:' reads as prose."""
    found: dict[int, SpeakerMention] = {}
    for k, start in enumerate(doc.paragraphs):
        m = _LABEL.match(doc.masked, start)
        if m is None:
            continue
        words = m.group(1).split()
        tokens = [w for w in words if w.casefold() not in TITLES]
        # An acronym ("UN: PEACEKEEPERS …") opens a headline, not a turn.
        acronym = any(w.isupper() and len(w) <= 3 for w in tokens)
        if not tokens or acronym or any(w.title() in NON_NAMES or w.title() in _NOT_LABELS for w in tokens):
            continue
        tokens = [w.title() if w.isupper() else w for w in tokens]
        resolved = doc.names.resolve_tokens(tokens, start)
        if not resolved.person:
            continue
        found[k] = SpeakerMention(resolved.name, m.start(1), m.end(1), resolved.id)
    return found if len(found) >= TRANSCRIPT_MIN_LABELS else {}


def possessive_source(doc: Doc, lo: int, span: QuoteSpan) -> SpeakerMention | None:
    """The owner of a speech noun around the quotation: "Trump's claim that Clinton is “…”", "Hillary
    Clinton’s campaign slogan is “…”", "Mitt Romney’s “47 percent” comment" (the noun after the quotation)."""
    after = words_in(doc, span.close + 1, span.close + 40)[:1] if span.close is not None else []
    noun_after = bool(after) and after[0].group().lower() in SPEECH_NOUNS
    for m in reversed(doc.names.mentions_in(lo, span.open)):
        if doc.masked[m.start] == MASK or doc.masked[m.end : m.end + 2] not in POSSESSIVE_ENDS:
            continue
        if not m.tokens or not doc.names.resolve(m).person:
            return None
        rest = doc.masked[m.end + 2 : span.open]
        words = rest.split()
        if noun_after and not rest.strip():
            break
        # Up to two words between the possessive and the noun ("campaign slogan", "recent evidence-free
        # assertion"), then at most a short clause before the quotation, with no speech verb of its own.
        nouns = [k for k, w in enumerate(words[:3]) if w.lower().strip(",:") in SPEECH_NOUNS]
        if not nouns or cues_in(doc, m.end, span.open) or len(words) - nouns[0] > 10:
            return None
        # What follows the noun introduces its content ("claim that", "rejection of"), rather than judging
        # it ("Trump's comments were “intolerable”", "Trump’s remarks as “hurtful”").
        link = words[nouns[0] + 1].lower() if nouns[0] + 1 < len(words) else ""
        slogan = words[nouns[0]].lower() in _NAMING_NOUNS and link in ("is", "was")
        if link and link not in _NOUN_LINKS and not slogan:
            return None
        if any(ch in rest for ch in ";░") or not all(w[:1].islower() or w[:1] in '“"' for w in words):
            return None
        break
    else:
        return None
    return mention_speaker(doc, m)


def continued_speaker(doc: Doc, span: QuoteSpan) -> SpeakerMention | None:
    """The speaker an unattributed quotation continues: the subject of a speech verb, else the named
    subject, of the nearest earlier sentence in its paragraph, or of the previous paragraph's last sentences
    when the quotation opens its paragraph ('Lau said in a statement. “There are no paper ballots …”')."""
    para = doc.paragraph_index(span.open)
    if para == 0:
        return None  # the headline names its speaker in its own way, or not at all
    para_start = doc.paragraphs[para]
    idx = doc.sentence_index(span.open)
    opens = blank_between(doc.masked, para_start, span.open, " \t\n\"“‘'«„")
    floor = doc.paragraphs[para - 1] if opens and para > 0 else para_start
    for back in range(0, CONTINUE_LOOKBACK_SENTENCES + 1):
        k = idx - back
        if k < 0 or doc.boundaries[k] < floor:
            break
        lo = doc.boundaries[k]
        hi = span.open if back == 0 else doc.boundaries[k + 1]
        speaker = _sentence_speaker(doc, lo, hi)
        if speaker is not None:
            return speaker
    return None


def _sentence_speaker(doc: Doc, lo: int, hi: int) -> SpeakerMention | None:
    """Who masked[lo:hi] is about: the subject of its first speech verb, else its first named subject."""
    for cue_start, _, cue in cues_in(doc, lo, hi):
        if cue.lower() in doc.post_cues or cue.lower() in ("according to", "menurut"):
            continue
        subject = subject_before(doc, lo, cue_start)
        if subject is not None:
            speaker = speaker_from(doc, subject)
            if speaker is not None:
                return speaker
    for cand in candidates_in(doc, lo, hi):
        if (
            cand.kind == "name"
            and cand.mention is not None
            and not after_preposition(doc, lo, cand.start)
            and followed_by_verb(doc, cand.end)
            and surely_a_person(doc, cand.mention)
        ):
            return speaker_from(doc, cand)
    return None
