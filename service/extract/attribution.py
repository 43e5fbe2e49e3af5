"""Attributions next to a quotation: after it (', she said', ', said Trump', ', kata Cho'), before it in its
sentence ('Trump said: “…', 'According to Cho, “…'), and a name with a colon ('Paul Ryan: ‘…’')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .candidates import (
    ARTICLES,
    CLAUSE_OPENERS,
    CLAUSE_PUNCT,
    NEXT_WORD,
    PREV_WORD,
    Candidate,
    candidates_in,
    mention_speaker,
    name_opening,
    speaker_from,
)
from .document import Doc, cues_in, words_in
from .lexicon import (
    ADDRESSEE_CUES,
    FIRST_PERSON,
    THAT_WORDS,
    word_set,
)
from .model import SpeakerMention
from .quotes import QuoteSpan
from .verb_roles import (
    addressee_of,
    after_preposition,
    followed_by_finite_verb,
    followed_by_verb,
    object_after,
    subject_before,
)

# How far after a closing mark an attribution may start ("," Scott Pruitt, the attorney general …, said).
AFTER_WINDOW_CHARS = 250


# Words allowed before the subject of an attribution that follows a quotation ("," the Ohio senator said).
MAX_PREFIX_WORDS = 6


# Most words in the name opening a long attribution clause after a quotation ('?” Donald J. Trump told …').
MAX_SUBJECT_WORDS = 4


# Longest attribution clause after a quotation that ended its own sentence ('?” Clinton asked reporters.').
MAX_TAIL_WORDS = 10


# Words allowed between a name and the colon before its quotation ("Mr. Christie gloated: “…”").
MAX_COLON_GAP_WORDS = 3


LEADING_PUNCT = re.compile(r"[\s,.;:!?\u2014\u2013\-\u2591\"“”’‘']*")


_DASH_ATTRIBUTION = re.compile("[ \t\u00a0]*[\u2015\u2014\u2013-]+[ \t\u00a0]*")


# What may stand between a speech verb and the quotation it introduces: 'said: “', 'told reporters, “'.
_ANCHOR = re.compile(r"\s*(?:that|bahwa)?\s*|[^,;.\u2591]{0,40}[:,]\s*")


# Words that open a clause, so that a bare "said" + one of them starts reported content.
CLAUSE_STARTERS = word_set(
    """
    he she it they we i you there this these those the a an his her their its our my your no some many
    most all both every each if mereka dia ia kami kita pemerintah saat ini hal
    """
)


_ED_THEN_NAME = re.compile(r"([a-z]{3,}ed)[ \t]+(?=[A-Z])")


_NAME_THEN_ED = re.compile(r"[ \t]+([a-z]{3,}ed)[ \t]*(?:[.,;\n]|$)")


# An absolute clause's subject and its participle: 'with Sen. Ann Kerr calling …', 'dengan Anies menyebut …'.
_WITH_WORDS = word_set("with dengan")


_ING_AFTER = re.compile(r"[ \t]+((?:[a-z]+ing|me[a-z]+)\b)")


# A passive speech verb's agent: 'was asked by host Bill Maher', not a means ('interjected by hitting Trump').
# Indonesian passives (ditanya, diminta) are not speech cues, so there is no 'oleh' here.
_PASSIVE_AGENT = re.compile(r"[ \t]+by[ \t]+(?![a-z]+ing\b)")


# Prepositions before a name that make it the topic, not the source, of what follows: 'Ryan on Trump: ‘…’'
# ('More from Jones:' names the source).
_TOPIC_LINKS = word_set("on about with to at against over toward towards for tentang soal terhadap dengan")


@dataclass(slots=True)
class Attribution:
    speaker: SpeakerMention | None
    cue: str | None
    addressee: SpeakerMention | None = None
    anchored: bool = False  # the attribution sits right next to the quotation
    weak: bool = False  # found at a distance: names the speaker, but does not make the span a quotation


def _prefix_ok(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] may precede an attribution's subject: a few words, no clause punctuation."""
    segment = doc.masked[lo:hi]
    words = segment.split()
    if len(words) > MAX_PREFIX_WORDS or CLAUSE_PUNCT.search(segment):
        return False
    # '” when he said …' starts a new clause; a role ("White House press secretary Josh Earnest",
    # "one senior Democrat") does not.
    return not any(w.lower() in CLAUSE_OPENERS for w in words)


def _short_tail(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] is a bare attribution clause: a few words, no complement clause."""
    # An appositive after the name ('!” said Arturo Vargas, the head of …') is not part of the clause.
    clause = CLAUSE_PUNCT.search(doc.masked, lo, hi)
    if clause is not None and clause.start() > lo:
        hi = clause.start()
    words = [w.group().lower() for w in words_in(doc, lo, hi)]
    return len(words) <= MAX_TAIL_WORDS and not any(w in THAT_WORDS for w in words)


def _speaker_then_cue(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] opens with a name or a pronoun and a speech verb that takes no clause after it:
    '?” Trump told Britain’s ITV television station in an interview …', but not '.” He said the vote …'."""
    words = words_in(doc, lo, min(hi, lo + 80))
    for k, w in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        if w.group().lower() in doc.cues and k > 0:
            subject = subject_before(doc, lo, w.start())
            if subject is None or subject.kind == "nominal" or subject.start != lo:
                return False
            nxt = words[k + 1].group().lower() if k + 1 < len(words) else ""
            return nxt not in THAT_WORDS and nxt not in CLAUSE_STARTERS
    return False


def attribution_after(doc: Doc, span: QuoteSpan, hi: int) -> Attribution | None:
    """An attribution right after a closing mark: ', she said', ', said Trump', ', kata Cho'.

    A second-hand report names its outlet as the source: '“…,” Sanders said, according to CNN.'
    """
    att = _direct_attribution_after(doc, span, hi)
    if att is None or att.speaker is None:
        return att
    for cue_start, cue_end, cue in cues_in(doc, att.speaker.end, hi):
        if cue.lower() in ("according to", "menurut") and doc.masked[:cue_start].rstrip().endswith(","):
            source = object_after(doc, cue_end, hi, max_words=2)
            speaker = speaker_from(doc, source) if source is not None else None
            if speaker is not None:
                return Attribution(speaker, att.cue, att.addressee, att.anchored, att.weak)
    return att


def _direct_attribution_after(doc: Doc, span: QuoteSpan, hi: int) -> Attribution | None:
    lo = (span.close + 1) if span.close is not None else span.end
    dash = _DASH_ATTRIBUTION.match(doc.masked, lo, hi)
    if dash:
        # Testimonial style: '“…” ― Francisco Herrero' names the speaker with no verb at all.
        name = name_opening(doc, dash.end(), hi)
        if name is not None:
            return Attribution(mention_speaker(doc, name), None, True)
    lead = LEADING_PUNCT.match(doc.masked, lo, hi)
    lo = lead.end() if lead else lo
    hi = min(hi, lo + AFTER_WINDOW_CHARS)
    if doc.text[span.end - 1] in ".?!" and not (_short_tail(doc, lo, hi) or _speaker_then_cue(doc, lo, hi)):
        return None  # '“We won.” He said the vote …' starts a new sentence, it is not an attribution
    for cue_start, cue_end, cue in cues_in(doc, lo, hi):
        subject = subject_before(doc, lo, cue_start)
        if subject is not None and _prefix_ok(doc, lo, subject.start):
            return Attribution(speaker_from(doc, subject), cue, anchored=True)
        if doc.masked[lo:cue_start].strip() in FIRST_PERSON:
            # '“Your Honor,” I said': the writer's own words, a quotation with no speaker to name.
            return Attribution(None, cue, anchored=True)
        if doc.masked[lo:cue_start].strip() == "":
            nxt = NEXT_WORD.match(doc.masked, cue_end, hi)
            if nxt is not None and nxt.group(1) in THAT_WORDS:
                return None  # '… the advertisement “…” suggests that Phoenix …': the quotation is the subject
            # Inverted order: "said Trump", "kata Cho", "according to officials".
            after = object_after(doc, cue_end, hi, roles=True)
            speaker = speaker_from(doc, after) if after is not None else None
            if speaker is None and cue.lower().endswith("nya") and cue.lower() in doc.post_cues:
                # "ujarnya" carries its own pronoun ("said he/she").
                speaker = speaker_from(doc, Candidate(cue_start, cue_end, "pronoun"))
            return Attribution(speaker, cue, anchored=True)
        if _in_appositive(doc, lo, cue_start, hi):
            continue  # 'Thomas Hanify, the president of the Indiana state firefighters union, said'
        open_aside = _open_aside_subject(doc, lo, cue_start)
        if open_aside is not None:
            return Attribution(open_aside, cue, anchored=True)
        return None
    return _unknown_verb_after(doc, lo, hi)


def _open_aside_subject(doc: Doc, lo: int, cue_start: int) -> SpeakerMention | None:
    """A name opening masked[lo:] whose aside runs into the verb with no closing comma: 'Nate Silver, the
    polling guru who founded fivethirtyeight.com tweeted'."""
    name = name_opening(doc, lo, cue_start)
    if name is None or not doc.masked.startswith(",", name.end):
        return None
    aside = doc.masked[name.end + 1 : cue_start].split()
    if not aside or aside[0] not in ARTICLES or len(aside) > 12:
        return None
    if CLAUSE_PUNCT.search(doc.masked, name.end + 1, cue_start):
        return None
    return mention_speaker(doc, name)


def _in_appositive(doc: Doc, lo: int, pos: int, hi: int) -> bool:
    """True if pos lies in a comma-delimited aside that follows a name opening masked[lo:hi]."""
    name = name_opening(doc, lo, pos)
    if name is None or not doc.masked.startswith(",", name.end):
        return False
    close = doc.masked.find(",", pos, hi)
    return close > 0 and not CLAUSE_PUNCT.search(doc.masked, name.end + 1, pos)


def _unknown_verb_after(doc: Doc, lo: int, hi: int) -> Attribution | None:
    """A verb missing from the cue list, right after a quotation and next to a name: '“…!” beamed Donald
    Hartley', '“…,” remembered Roy Verley', '“…,” Christie gloated.'"""
    m = _ED_THEN_NAME.match(doc.masked, lo, hi)
    if m:
        cand = object_after(doc, m.end(1), hi, max_words=0, roles=True)
        if cand is not None and cand.kind == "name":
            return Attribution(speaker_from(doc, cand), m.group(1), anchored=True)
        return None
    name = name_opening(doc, lo, hi)
    verb = _NAME_THEN_ED.match(doc.masked, name.end, hi) if name is not None else None
    if verb is not None:
        return Attribution(mention_speaker(doc, name), verb.group(1), anchored=True)
    return None


def attribution_before(doc: Doc, lo: int, hi: int, sent_lo: int | None = None) -> Attribution | None:
    """An attribution earlier in the sentence: 'Trump said: “…', 'According to Cho, “…'.

    With several speech verbs the first one whose subject is clear wins: in "Flynn said Trump was “right”
    when he said …" the quotation is Flynn's. A verb right before the quotation with a named subject wins
    over earlier ones ("In a Facebook post after the speech, Beck wrote: “…”").
    """
    cues = [c for c in cues_in(doc, lo, hi) if c[2].lower() not in doc.post_cues]
    if not cues:
        return _leading_post_cue(doc, lo, hi) if lo == sent_lo else None
    anchored = bool(_ANCHOR.fullmatch(doc.masked, cues[-1][1], hi))
    if anchored and len(cues) > 1 and cues[-1][2].lower() not in ("according to", "menurut"):
        cue_start, cue_end, cue = cues[-1]
        subject = subject_before(doc, lo, cue_start)
        if subject is not None and subject.kind == "name":
            return Attribution(
                speaker_from(doc, subject), cue, addressee_of(doc, cue.lower(), cue_end, hi), anchored
            )
    cue_start, cue_end, cue = cues[-1]
    absolute = _absolute_subject(doc, lo, cue_start)
    if absolute is not None:
        return Attribution(
            speaker_from(doc, absolute), cue, addressee_of(doc, cue.lower(), cue_end, hi), anchored
        )
    for k, (cue_start, cue_end, cue) in enumerate(cues):
        low = cue.lower()
        if low in ("according to", "menurut"):
            after = object_after(doc, cue_end, hi, max_words=2, roles=True)
            if after is not None:
                return Attribution(speaker_from(doc, after), cue, None, anchored)
            continue
        agent = _PASSIVE_AGENT.match(doc.masked, cue_end, hi)
        if agent is not None:
            # 'Rubio was asked by moderator Gerard Baker whether …': the agent speaks. With a later verb
            # ('Asked by Starnes if …, Carson said that …') the quotation is that verb's.
            if k < len(cues) - 1:
                continue
            asker = object_after(doc, agent.end(), hi, max_words=1, roles=True)
            speaker = speaker_from(doc, asker) if asker is not None and asker.kind == "name" else None
            if speaker is not None:
                return Attribution(speaker, cue, None, anchored)
        subject = subject_before(doc, lo, cue_start)
        if subject is not None:
            return Attribution(speaker_from(doc, subject), cue, addressee_of(doc, low, cue_end, hi), anchored)
    cue_start, cue_end, cue = cues[-1]
    low = cue.lower()
    # No verb has a clear subject: take the sentence's subject, the first mention followed by a verb-like
    # word ("Hours later, Trump returned the compliment …, telling Reuters, “…").
    # A participle after a comma (“…, writing “…”) takes the subject of the whole sentence, even one
    # before an earlier quotation.
    participle = sent_lo is not None and low.endswith("ing") and doc.masked[:cue_start].rstrip().endswith(",")
    cands = [c for c in candidates_in(doc, sent_lo if participle else lo, cue_start) if c.end <= cue_start]
    cands = [c for c in cands if not after_preposition(doc, lo, c.start)] or cands
    if cands:
        subject = next(
            (c for c in cands if followed_by_finite_verb(doc, c.end)),
            next((c for c in cands if followed_by_verb(doc, c.end)), cands[0]),
        )
        return Attribution(speaker_from(doc, subject), cue, addressee_of(doc, low, cue_end, hi), anchored)
    after = object_after(doc, cue_end, hi, max_words=1) if low not in ADDRESSEE_CUES else None
    return Attribution(speaker_from(doc, after) if after else None, cue, None, anchored)


# An Indonesian cue that otherwise follows what was said, opening the sentence: "Kata Cho, “…”".
_OPENING_WORD = re.compile(r"\s*([A-Z][a-z]+)\s")
_COMMA_OR_COLON = re.compile(r"\s*[,:]\s*")


def _leading_post_cue(doc: Doc, lo: int, hi: int) -> Attribution | None:
    """'Kata Menteri Cho, “…”', 'Ujar Anies: “…”': a post cue as the sentence's first word, then a name
    (roles may stand before it), then only a comma or a colon before the quotation."""
    opening = _OPENING_WORD.match(doc.masked, lo, hi)
    if opening is None or opening.group(1).lower() not in doc.post_cues:
        return None
    speaker = object_after(doc, opening.end(1), hi, max_words=3, roles=True)
    if speaker is None or speaker.kind != "name":
        return None
    if not _COMMA_OR_COLON.fullmatch(doc.masked, speaker.end, hi):
        return None
    return Attribution(speaker_from(doc, speaker), opening.group(1), None, anchored=True)


def _absolute_subject(doc: Doc, lo: int, cue_start: int) -> Candidate | None:
    """The name in a 'with' clause whose -ing verb leads to the speech verb at cue_start: 'Republicans
    chimed in, with Sen. Ann Kerr calling it “…”', '…, dengan Anies menyebutnya “…”'."""
    for cand in reversed(candidates_in(doc, lo, cue_start)):
        if cand.kind != "name":
            continue
        verb = _ING_AFTER.match(doc.masked, cand.end, cue_start + 40)
        if verb is None or verb.start(1) > cue_start or CLAUSE_PUNCT.search(doc.masked, cand.end, cue_start):
            return None
        lead = doc.masked[max(lo, cand.start - 40) : cand.start].split()
        # Capitalised words may stand between 'with' and the name: 'with Republican Senator John McCain'.
        while lead and lead[-1][:1].isupper() and len(lead) > 1:
            lead.pop()
        return cand if lead and lead[-1].lower() in _WITH_WORDS else None
    return None


def name_colon(doc: Doc, lo: int, hi: int) -> Attribution | None:
    """'Trump: ‘I’m the Worst Thing …’' / 'pollster Daron Shaw: “…”': a name and a colon right before."""
    colon = doc.masked.rfind(":", lo, hi)
    if colon < 0 or doc.masked[colon + 1 : hi].strip(" \t\"“‘'«„"):
        return None
    names = [
        m for m in doc.names.mentions_in(lo, colon) if m.tokens and _colon_gap_ok(doc.masked[m.end : colon])
    ]
    if not names:
        return None
    name = names[-1]
    prep = PREV_WORD.search(doc.masked, max(lo, name.start - 20), name.start)
    topic = prep is not None and prep.group(1).lower() in _TOPIC_LINKS
    if topic and not doc.masked[name.end : colon].strip():
        # 'contrasted him with Clinton: “…”', 'Gillibrand on Hillary's Speeches: ‘…’': a name after a
        # preposition is the topic; a name right before the preposition speaks, else nobody named here.
        # 'with Trump yelling: “…”' keeps Trump, the subject of the verb before the colon.
        before = doc.names.mentions_in(lo, prep.start())
        before = [m for m in before if m.tokens and not doc.masked[m.end : prep.start()].strip()]
        if not before:
            return None
        name = before[-1]
    return Attribution(mention_speaker(doc, name), None, None, True)


def _colon_gap_ok(gap: str) -> bool:
    """What may stand between a name and the colon introducing its quotation: nothing, or a short verb
    phrase with no punctuation ("Mr. Christie gloated:", "Clinton’s response was:")."""
    words = gap.split()
    if not words:
        return True
    if len(words) > MAX_COLON_GAP_WORDS or any(ch in gap for ch in ',;.░"“”()'):
        return False
    return all(w[0].islower() or w[0] in "’'" for w in words)
