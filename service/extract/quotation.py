"""Speech or not: whether quoted words are someone's, or a scare quote, a title, a nickname or a gloss."""

from __future__ import annotations

import re

from .attribution import AFTER_WINDOW_CHARS, Attribution
from .candidates import PREPOSITIONS, PREV_WORD, candidates_in, surely_a_name
from .context import named_subject
from .document import DETERMINERS, POSSESSIVE_ENDS, WORD, Doc, blank_between, cues_in, word_count
from .lexicon import (
    LANGUAGES,
    WORK_NOUNS,
    word_set,
)
from .quotes import QuoteSpan

# A quotation this long (in words) reads as speech even with no speech verb nearby.
SPEECH_MIN_WORDS = 6


# Longest Title Case span still taken for a title or nickname rather than a quotation.
TITLE_MAX_WORDS = 6


# Longest name of a book or show after its kind ('the book “Crippled America: How to Make America Great
# Again”'); book subtitles on train run to 10 words, a capitalised sentence of speech is rarely this short.
WORK_TITLE_MAX_WORDS = 14


# Share of capitalised words (small words aside) that makes a quoted span read as the name of a work.
WORK_TITLE_CAPITAL_SHARE = 0.8


# A paragraph with at least this share of capitalised words (of HEADLINE_MIN_CHARS letters or more) is a
# headline, where Title Case says nothing about a quotation being a title.
HEADLINE_CAPITAL_SHARE = 0.7


HEADLINE_MIN_CHARS = 4
# A headline or subheading is never longer than this (PolNeAR's longest opening paragraph that reads as a
# headline is well under it); a longer paragraph is prose, whatever its capitals.
HEADLINE_MAX_CHARS = 600


_TITLE_SMALL_WORDS = word_set(
    """
    a an the and or of in on at to for with by from as vs
    """
)


_PREV_WORD_COMMA = re.compile(r"([\w’'-]+)[ \t]*,?[ \t]+$")


# A year in parentheses right after the closing mark dates a slogan, a poster or a film ('“No to Schengen”
# (2005)', '“Apollo 13” (1995)'); speech is dated in words.
_DATED = re.compile(r"[,.]?[”\"'’»]+[,.]?[ \t]*\((?:1[89]|20)\d\d\)")


# A byline after a title: ', by Times’ Ben Sisario', ' karya Andrea Hirata'.
_BYLINE = re.compile(r"[ \t]+(by|oleh|karya)[ \t]+[A-Z]")


_SO_CALLED = re.compile(r"so[ -]called[ \t]*$|sogenannte[nr]?[ \t]*$|yang disebut[ \t]*$", re.IGNORECASE)


# What a language gloss ends with before the glossed words: 'Spanish for “witches”', 'bahasa Jawa yang
# berarti “…”'; the group is the language.
_GLOSS = re.compile(
    r"(?:\b([A-Z][a-z]+)[ \t]+(?:(?:word|term|phrase|slang)[ \t]+)?for"
    r"|\bbahasa[ \t]+([A-Z][a-z]+)[ \t]+(?:yang[ \t]+)?(?:berarti|artinya))[ \t,:]*$"
)


# Verbs whose object right before a Title Case quotation is a show, not words: 'told “Fox and Friends”'.
_TOLD_WORDS = word_set("tell tells told telling kepada")


def _looks_like_speech(text: str) -> bool:
    """Long enough, or a full sentence of its own, to be a quotation without a speech verb nearby."""
    n = word_count(text)
    if n >= SPEECH_MIN_WORDS:
        return True
    return n >= 3 and text[0].isupper() and text.rstrip()[-1:] in ".?!" and not text.istitle()


def _is_title_like(text: str) -> bool:
    """Short and in Title Case: the name of a show, book or slogan (“Saturday Night Live”), not speech.

    An exclamation or a question ('“Choke!”', '“Mr. D’Souza?”', '“Ted! Ted!”') is someone's words, however
    capitalised.
    """
    words = WORD.findall(text)
    if not words or len(words) > TITLE_MAX_WORDS or text.rstrip(" ,.")[-1:] in "!?":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words) and any(
        w[0].isupper() for w in words
    )


def is_quotation(doc: Doc, span: QuoteSpan, att: Attribution | None) -> bool:
    """Speech rather than a scare quote, a title or a nickname."""
    quoted = doc.text[span.start : span.end]
    if _names_a_work(doc, span) or bylined(doc, span) or _glossed(doc, span):
        return False
    if _DATED.match(doc.text, span.end):
        return False
    if _is_title_like(quoted) and not _in_headline(doc, span):
        # A Title Case phrase is a quotation only when a speech verb nearby claims it and nothing marks it
        # as a name: 'he called Rubio “Little Marco”', not 'MSNBC’s “Morning Joe”', 'on “Fox News Sunday”'.
        # A colon before it introduces the words themselves: 'had one message: “Dump Trump.”'.
        if doc.masked[max(0, span.open - 8) : span.open].rstrip(" \t").endswith(":"):
            return True
        return att is not None and not att.weak and not _names_a_title(doc, span)
    if att is not None and att.anchored:
        return True
    if att is not None and att.weak:
        att = None
    return (
        att is not None
        or _looks_like_speech(quoted)
        or _cue_in_sentence(doc, span)
        or named_subject(doc, span) is not None
        or _person_before(doc, span, headline=_in_headline(doc, span))
    )


def resumes_after_attribution(doc: Doc, prev: QuoteSpan, span: QuoteSpan, att: Attribution | None) -> bool:
    """True if only the attribution of the previous quotation, ending its sentence, stands between the two."""
    if prev.close is None or att is None or not att.anchored or att.speaker is None:
        return False
    if not prev.close < att.speaker.start < att.speaker.end <= span.open:
        return False
    gap = doc.masked[prev.close + 1 : span.open]
    return "\n" not in gap and len(gap) <= AFTER_WINDOW_CHARS and gap.rstrip(" \t").endswith(".")


def single_quoted_paragraph(doc: Doc, span: QuoteSpan) -> bool:
    """True if span is single-quoted and makes up a whole paragraph other than the first."""
    if not span.single or span.close is None:
        return False
    i = doc.paragraph_index(span.open)
    end = doc.paragraphs[i + 1] if i + 1 < len(doc.paragraphs) else len(doc.text)
    return (
        i > 0
        and blank_between(doc.text, doc.paragraphs[i], span.open)
        and not doc.text[span.close + 1 : end].strip(" \t\n.")
    )


def _in_headline(doc: Doc, span: QuoteSpan) -> bool:
    """True if the quotation's paragraph is set in Title Case, where capitals say nothing about titles."""
    i = doc.paragraph_index(span.open)
    end = doc.paragraphs[i + 1] if i + 1 < len(doc.paragraphs) else len(doc.text)
    lo = doc.paragraphs[i]
    if end - lo > HEADLINE_MAX_CHARS:
        return False
    # Other quotations in the paragraph count too: in 'Perez said on NBC's "Meet the Press." "Listening to
    # him …"' the narrative is short and capitalised, but the speech around the title is not.
    close = span.close if span.close is not None else span.end
    return _title_case(doc.masked[lo:end]) and _title_case(doc.text[lo : span.open] + doc.text[close:end])


def _title_case(text: str) -> bool:
    words = [w for w in WORD.findall(text) if len(w) >= HEADLINE_MIN_CHARS]
    return bool(words) and sum(w[0].isupper() for w in words) >= HEADLINE_CAPITAL_SHARE * len(words)


def _names_a_title(doc: Doc, span: QuoteSpan) -> bool:
    """True if a determiner, a possessive or a preposition comes right before the opening mark, as before
    the name of a show, a book or a campaign: 'the “Great Game”', 'on “Fox News Sunday”'."""
    m = PREV_WORD.search(doc.masked, max(0, span.open - 30), span.open)
    if m is None:
        return False
    word = m.group(1).lower()
    return word in DETERMINERS or word in PREPOSITIONS or word in _TOLD_WORDS or word[-2:] in POSSESSIVE_ENDS


def _glossed(doc: Doc, span: QuoteSpan) -> bool:
    """True if the quotation translates a foreign word: 'brujas, Spanish for “witches”'."""
    m = _GLOSS.search(doc.masked, max(0, span.open - 40), span.open)
    return m is not None and (m.group(1) or m.group(2)) in LANGUAGES


def _names_a_work(doc: Doc, span: QuoteSpan) -> bool:
    """True if the quotation is in capitals right after a kind of work, as the name of that work: 'in his
    2012 book, “An American Son.”', 'told the television program “Inside Edition”', 'acara “Mata Najwa”'."""
    m = _PREV_WORD_COMMA.search(doc.masked, max(0, span.open - 40), span.open)
    if m is None or m.group(1).lower() not in WORK_NOUNS:
        return False
    words = WORD.findall(doc.text, span.start, span.end)
    if not words or len(words) > WORK_TITLE_MAX_WORDS or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return sum(w[0].isupper() or w[0].isdigit() for w in big) >= WORK_TITLE_CAPITAL_SHARE * len(big)


def bylined(doc: Doc, span: QuoteSpan) -> bool:
    """True if a capitalised quotation is followed by a byline, as the title of a piece: '“Met accused of
    whitewashing baby Jesus,” by Post’s Kathianne Boniello', 'buku “Jalan Panjang” karya Cho'."""
    if span.close is None or not doc.text[span.start].isupper():
        return False
    pos = span.close + 1
    while doc.text.startswith("'", pos):  # the second mark of ''…''
        pos += 1
    comma = doc.text[span.end - 1] == ","
    if doc.text.startswith(",", pos):
        pos, comma = pos + 1, True
    m = _BYLINE.match(doc.text, pos)
    return m is not None and (comma or m.group(1) == "karya")


def _person_before(doc: Doc, span: QuoteSpan, *, headline: bool = False) -> bool:
    """True if a name or a pronoun comes earlier in the quotation's sentence: the words are most likely
    someone's ('Sanders supporters are crying “fraud”', 'he tossed in a “lyin’ ” Ted Cruz')."""
    lo, _ = doc.sentence(span.open)
    if _SO_CALLED.search(doc.masked, max(lo, span.open - 12), span.open):
        return False  # 'the so-called “alt-right”' is the writer's distance, not someone's words
    return any(
        c.kind == "pronoun"
        or c.kind == "name"
        and c.mention is not None
        and (headline or surely_a_name(c.mention))
        for c in candidates_in(doc, lo, span.open, adjectives=True)
    )


def _cue_in_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """True if the quotation's sentence has a speech verb outside it: quoted words inside a paraphrase."""
    lo, hi = doc.sentence(span.open)
    return any(not (span.start <= c[0] < span.end) for c in cues_in(doc, lo, hi))
