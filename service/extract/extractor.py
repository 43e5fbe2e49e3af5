"""Quote extraction: direct quotations and reported statements, each with its speaker and cue."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lexicon import (
    ADDRESSEE_CUES,
    DEMONYMS,
    EN_CUE_PHRASES,
    EN_CUES,
    FEMALE_NAMES,
    FIRST_PERSON,
    ID_CUE_PHRASES,
    ID_CUES,
    ID_POST_CUES,
    LANGUAGES,
    MALE_NAMES,
    NON_NAMES,
    PLURAL_PRONOUNS,
    REQUEST_LINKS,
    ROLE_NOUNS,
    SINGULAR_PRONOUNS,
    SPEECH_NOUNS,
    THAT_WORDS,
    TITLES,
    WORK_NOUNS,
    is_gap_word,
    word_set,
)
from .model import DIRECT, REPORTED, ExtractedQuote, KnownSpeaker, SpeakerMention
from .names import Mention, NameIndex, Resolved
from .quotes import QuoteSpan, find_quote_spans

# Quoted words are hidden behind this character while looking for attributions, so that a
# sentence end or a name inside a quotation is never mistaken for one in the narrative.
MASK = "\u2591"
# A quotation this long (in words) reads as speech even with no speech verb nearby.
SPEECH_MIN_WORDS = 6
# How far after a closing mark an attribution may start ("," Scott Pruitt, the attorney general …, said).
AFTER_WINDOW_CHARS = 250
# Words allowed before the subject of an attribution that follows a quotation ("," the Ohio senator said).
MAX_PREFIX_WORDS = 6
# Most words in the name opening a long attribution clause after a quotation ('?” Donald J. Trump told …').
MAX_SUBJECT_WORDS = 4
# Longest attribution clause after a quotation that ended its own sentence ('?” Clinton asked reporters.').
MAX_TAIL_WORDS = 10
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
# Words allowed between a name and the colon before its quotation ("Mr. Christie gloated: “…”").
MAX_COLON_GAP_WORDS = 3
# Words allowed between an inverted speech verb and the name after it ('said retired Army Lt. Gen. …').
MAX_ROLE_WORDS = 6
# How far back a paragraph-introducing colon is looked for ("The Times reports:\n\n“…").
MAX_INTRO_CHARS = 400
# How many sentences back a pronoun looks for the person it stands for.
PRONOUN_LOOKBACK_SENTENCES = 3
# How many sentences back an unattributed quotation looks for the person it continues.
CONTINUE_LOOKBACK_SENTENCES = 2
# How far past a speech verb to look for "that"/"bahwa" or "to"/"untuk" (chars).
FOLLOWING_CHARS = 80
# Paragraphs opening with a speaker label ("PENCE:") that make an article a transcript.
TRANSCRIPT_MIN_LABELS = 2
# Shortest reported content worth reporting, in words.
REPORTED_MIN_WORDS = 3

_WORD = re.compile(r"[^\W\d_][\w’'\-]*|\d[\w.,]*")
_SENT_END = re.compile(r"[.!?\u2026]+[)\"”’»」']*[ \t]+(?=[\"“‘«„「(\[']?[A-Z0-9\u00c0-\u00de\u2591])")
_NEWLINES = re.compile(r"\n+")
# Abbreviations whose dot does not end a sentence.
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr sen rep gov gen lt col sgt prof rev jr sr st adm hon rt pres capt maj cpl no vs etc jan
    feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd u.s u.k u.n d.c e.g i.e a.m p.m
    """
)
_LEADING_PUNCT = re.compile(r"[\s,.;:!?\u2014\u2013\-\u2591\"“”’‘']*")
_DETERMINERS = word_set(
    """
    the a an this that another one his her their its our my your whose
    """
)
_NOMINAL_HEADS = word_set(
    """
    official officials spokesman spokeswoman spokesperson aide aides adviser advisers advisor source
    sources statement report critics critic supporters supporter analysts analyst experts expert
    campaign witnesses witness police lawmakers lawmaker voters voter residents resident people person
    man woman group letter memo ad announcer narrator study poll survey release post tweet video email
    committee agency department ministry kementerian pihak juru bicara pejabat warga
    """
) | frozenset(ROLE_NOUNS)
_CLAUSE_PUNCT = re.compile('[,;:\u2591"“”]|\\.(?=\\s)(?<![A-Z]\\.)(?<!Mr\\.)(?<!Mrs\\.)(?<!Ms\\.)(?<!Dr\\.)')
_DASH_ATTRIBUTION = re.compile("[ \t\u00a0]*[\u2015\u2014\u2013-]+[ \t\u00a0]*")
# What may stand between a speech verb and the quotation it introduces: 'said: “', 'told reporters, “'.
_ANCHOR = re.compile(r"\s*(?:that|bahwa)?\s*|[^,;.\u2591]{0,40}[:,]\s*")
_TITLE_SMALL_WORDS = word_set(
    """
    a an the and or of in on at to for with by from as vs
    """
)
# Verbs that take a bare content clause ("Romney said the recovery was slow").
_BARE_CLAUSE_VERBS = word_set(
    """
    say says said added adds argued argues claimed claims insisted insists noted notes believes believed
    think thinks thought wrote writes tweeted warned warns predicted suggested acknowledged admitted
    conceded announced explained stressed emphasized contended maintained mengatakan menyatakan
    menegaskan menjelaskan menambahkan mengungkapkan menyebutkan menekankan menilai berpendapat
    """
)
# Words that open a clause, so that a bare "said" + one of them starts reported content.
_CLAUSE_STARTERS = word_set(
    """
    he she it they we i you there this these those the a an his her their its our my your no some many
    most all both every each if mereka dia ia kami kita pemerintah saat ini hal
    """
)
# One or more comma-delimited appositives: ", the Republican attorney general of Oklahoma, one of …,".
_APPOSITIVES = re.compile(r"^\s*(?:,[^,;:\u2591\"“”]{1,140})+,")
_POSSESSIVE_ENDS = frozenset({"'s", "’s", "s'", "s’"})
_ED_THEN_NAME = re.compile(r"([a-z]{3,}ed)[ \t]+(?=[A-Z])")
_NAME_THEN_ED = re.compile(r"[ \t]+([a-z]{3,}ed)[ \t]*(?:[.,;\n]|$)")
_PARAGRAPH_DASH = re.compile("[ \t.,]*\n[ \t\n]*[\u2015\u2014\u2013-][ \t]*")
_PREV_WORD = re.compile(r"([\w’']+)[ \t]+$")
_PREV_WORD_COMMA = re.compile(r"([\w’'-]+)[ \t]*,?[ \t]+$")
# A year in parentheses right after the closing mark dates a slogan, a poster or a film ('“No to Schengen”
# (2005)', '“Apollo 13” (1995)'); speech is dated in words.
_DATED = re.compile(r"[,.]?[”\"'’»]+[,.]?[ \t]*\((?:1[89]|20)\d\d\)")
# A byline after a title: ', by Times’ Ben Sisario', ' karya Andrea Hirata'.
_BYLINE = re.compile(r"[ \t]+(by|oleh|karya)[ \t]+[A-Z]")
# Between a bylined title and an excerpt of the piece: '," by Times’ Ben Sisario: “'.
_EXCERPT_GAP = re.compile('["\'’”]*,?[ \t]+(?:by|oleh|karya)[ \t]+[^:\n\u2591"“”]{1,80}:[ \t]*')
_ASIDE = re.compile(r"[ \t]*,[^,;:\u2591\"“”\n]{1,100},")
_REPORT_VERBS = word_set("reported reports")
# An absolute clause's subject and its participle: 'with Sen. Ann Kerr calling …', 'dengan Anies menyebut …'.
_WITH_WORDS = word_set("with dengan")
_ING_AFTER = re.compile(r"[ \t]+((?:[a-z]+ing|me[a-z]+)\b)")
# A passive speech verb's agent: 'was asked by host Bill Maher', not a means ('interjected by hitting Trump').
# Indonesian passives (ditanya, diminta) are not speech cues, so there is no 'oleh' here.
_PASSIVE_AGENT = re.compile(r"[ \t]+by[ \t]+(?![a-z]+ing\b)")
_PERFECT_AUX = word_set("has had have")
_GENDERS = {"he": "m", "she": "f"}
_STATE_WORDS = word_set("state states")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w’'-]*)")
_NOT_VERBS = word_set(
    """
    of in on at to for with by from as and or but about into over under after before during than who which
    that whose whom where when while if because said dan di ke dari untuk dengan yang pada dalam
    """
)
# Words that open a new clause after a quotation ('” when he said …'), so the verb is not its attribution.
_CLAUSE_OPENERS = word_set(
    """
    when as after before because if while and but or since though although until unless where which who
    whom whose that so then even than what how why once whether like about of in on at to for with by from
    into over under during is was are were be been not do does did
    """
)
_ARTICLES = word_set("a an the")
# Words that may open an unnamed source after an inverted verb: 'said one New Hampshire Democrat'.
_QUANTIFIERS = word_set("one another")
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
# Prepositions before a mention put it in an adjunct ("In a statement, Fallon said"), not the subject.
_PREPOSITIONS = word_set(
    """
    in at on with from during after before about for by to into of under over through without via per
    against among between behind near since toward towards until upon within di ke dari pada dalam
    """
)
# Prepositions before a name that make it the topic, not the source, of what follows: 'Ryan on Trump: ‘…’'
# ('More from Jones:' names the source).
_TOPIC_LINKS = word_set("on about with to at against over toward towards for tentang soal terhadap dengan")
_SO_CALLED = re.compile(r"so[ -]called[ \t]*$|sogenannte[nr]?[ \t]*$|yang disebut[ \t]*$", re.IGNORECASE)
_CONTENT_END = re.compile(r"[\s.,;:!?\u2591\"“”’‘']+$")
# What a language gloss ends with before the glossed words: 'Spanish for “witches”', 'bahasa Jawa yang
# berarti “…”'; the group is the language.
_GLOSS = re.compile(
    r"(?:\b([A-Z][a-z]+)[ \t]+(?:(?:word|term|phrase|slang)[ \t]+)?for"
    r"|\bbahasa[ \t]+([A-Z][a-z]+)[ \t]+(?:yang[ \t]+)?(?:berarti|artinya))[ \t,:]*$"
)
# Verbs whose object right before a Title Case quotation is a show, not words: 'told “Fox and Friends”'.
_TOLD_WORDS = word_set("tell tells told telling kepada")
# A transcript's stage direction, bracketed: '(CROSSTALK.)', '[Applause]', '(inaudible)'. A short one in
# any case, or a longer one in capitals ('(BEGIN VIDEO CLIP.)'); words inside brackets are not speech.
_STAGE_DIRECTION = re.compile(r"[(\[](?:[A-Za-z]+[.,]?(?: [A-Za-z]+[.,]?){0,2}|[A-Z][A-Z .,'’-]*)[)\]][.,]?")


class _Span:
    """A zero-or-more-width position with the match accessors the content finders use."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@dataclass(slots=True)
class _Candidate:
    """A possible speaker mention: a name, a pronoun, or a nominal ("the senator")."""

    start: int
    end: int
    kind: str  # "name" | "pronoun" | "nominal"
    mention: Mention | None = None


@dataclass(slots=True)
class _Attribution:
    speaker: SpeakerMention | None
    cue: str | None
    addressee: SpeakerMention | None = None
    anchored: bool = False  # the attribution sits right next to the quotation
    weak: bool = False  # found at a distance: names the speaker, but does not make the span a quotation


@dataclass(slots=True)
class _Doc:
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

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.boundaries, pos) - 1
        start = self.boundaries[max(i, 0)]
        end = self.boundaries[i + 1] if i + 1 < len(self.boundaries) else len(self.text)
        return start, end

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.boundaries, pos) - 1

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraphs, pos) - 1


def _mask(text: str, spans: Sequence[QuoteSpan]) -> str:
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


def _boundaries(masked: str) -> tuple[list[int], list[int]]:
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
    return sorted(set(starts)), paragraphs


def _words(doc: _Doc, lo: int, hi: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(doc.masked, lo, hi))


def _all_cues(doc: _Doc) -> list[tuple[int, int, str]]:
    """Speech verbs and phrases in the masked text as (start, end, cue); nouns after a determiner skipped."""
    found: list[tuple[int, int, str]] = []
    phrase_heads = {p.split()[0]: p for p in doc.phrases}
    prev = ""
    prev_title = False
    pending: tuple[int, str] | None = None  # the first word of a possible two-word phrase
    for m in _WORD.finditer(doc.masked):
        low = m.group().lower()
        if pending is not None and f"{pending[1]} {low}" in doc.phrases:
            found.append((pending[0], m.end(), doc.masked[pending[0] : m.end()]))
        pending = None
        # A determiner or a possessive before a verb-like word makes it a noun ("a report", "Trump's tweet").
        noun = prev in _DETERMINERS or doc.masked[m.start() - 3 : m.start() - 1] in _POSSESSIVE_ENDS
        # "secretary of state Hillary Clinton", "Minnesota state delegate", "State now says": the polity.
        noun = noun or low in _STATE_WORDS and (prev == "of" or prev_title or m.group()[0].isupper())
        prev_title = m.group()[0].isupper()
        if low in doc.post_cues or (low in doc.cues and not noun) or low in doc.phrases:
            found.append((m.start(), m.end(), m.group()))
        elif low in phrase_heads:
            pending = (m.start(), low)
        prev = low
    return found


def _find_cues(doc: _Doc, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Cues lying inside masked[lo:hi], in text order."""
    i = bisect.bisect_left(doc.cue_starts, lo)
    out = []
    while i < len(doc.cue_hits) and doc.cue_hits[i][0] < hi:
        if doc.cue_hits[i][1] <= hi:
            out.append(doc.cue_hits[i])
        i += 1
    return out


def _candidates(doc: _Doc, lo: int, hi: int, *, adjectives: bool = False) -> list[_Candidate]:
    """Possible speaker mentions in [lo, hi) outside quotations, in text order; with `adjectives`, also
    nationality and party words qualifying a noun ("Syrian refugees"), which are never speakers."""
    out: list[_Candidate] = []
    for m in doc.names.mentions_in(lo, hi):
        if doc.masked[m.start] != MASK and doc.names.is_name(m) and (adjectives or not _adjective(doc, m)):
            out.append(_Candidate(m.start, m.end, "name", m))
    words = _words(doc, lo, hi)
    for k, w in enumerate(words):
        word = w.group()
        if word in SINGULAR_PRONOUNS or word in PLURAL_PRONOUNS:
            out.append(_Candidate(w.start(), w.end(), "pronoun"))
        elif word.lower() in _DETERMINERS:
            # "the senator", "a campaign spokesman": a determiner and up to three words ending in a head noun.
            for j in range(k + 1, min(k + 4, len(words))):
                if words[j].group()[0].isupper():
                    break
                if words[j].group().lower() in _NOMINAL_HEADS:
                    out.append(_Candidate(w.start(), words[j].end(), "nominal"))
                    break
    out.sort(key=lambda c: c.start)
    # A name that only qualifies the next one is not a speaker: "Monmouth University political scientist
    # Patrick Murray", "Judicial Watch president Tom Fitton", "Florida’s Rick Wilson".
    names = [c for c in out if c.kind == "name"]
    drop = {id(a) for a, b in zip(names, names[1:], strict=False) if _qualifies(doc, a.end, b.start)}
    return [c for c in out if id(c) not in drop]


def _adjective(doc: _Doc, mention: Mention) -> bool:
    """True for a nationality or party word qualifying a noun: "Syrian refugees", "Republican leaders"."""
    if not mention.tokens or not all(t in DEMONYMS for t in mention.tokens):
        return False
    m = _NEXT_WORD.match(doc.masked, mention.end)
    return bool(m) and m.group(1) not in doc.cues


def _qualifies(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi], between two names, is a possessive or a few role nouns ("campaign manager")."""
    gap = doc.masked[lo:hi]
    if gap.strip() in _POSSESSIVE_ENDS or gap.strip() in ("’", "'"):
        return True
    words = gap.split()
    if gap[:2] in _POSSESSIVE_ENDS and gap[2:3] in (" ", "\t") and 0 < len(words) - 1 <= 4:
        # "Clinton’s top foreign policy aide Jake Sullivan"
        words = words[1:]
    elif not words or len(words) > 3 or gap[:1] not in " \t":
        return False
    if any(ch in gap for ch in ',;:.()\u2591"“”'):
        return False
    return all(_is_role_word(doc, w) for w in words)


def _is_role_word(doc: _Doc, word: str, *, participle: bool = False) -> bool:
    """A lowercase word that can be part of a role before a name ("political scientist", "pollster");
    with `participle`, also an -ed adjective ("retired Army Lt. Gen.")."""
    return (
        word.replace("-", "").isalpha()
        and word.islower()
        and word not in doc.cues
        and word not in _NOT_VERBS
        and word not in _CLAUSE_OPENERS
        and word not in _DETERMINERS
        and not is_gap_word(word)
        and (participle or not word.endswith("ed"))
    )


def _gap_ok(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] may separate a subject from its verb: adverbs, an appositive, a parenthesis."""
    gap = doc.masked[lo:hi]
    gap = re.sub(r"\([^()]{0,60}\)", " ", gap)
    gap = _APPOSITIVES.sub(" ", gap)
    if any(ch in gap for ch in ',;:\u2591"“”'):
        return False
    return all(is_gap_word(w) for w in gap.split())


def _speaker_from(doc: _Doc, cand: _Candidate) -> SpeakerMention | None:
    if cand.kind == "name" and cand.mention is not None:
        resolved = doc.names.resolve(cand.mention)
        return SpeakerMention(resolved.name, cand.start, cand.end, resolved.id)
    if cand.kind == "pronoun":
        word = doc.text[cand.start : cand.end]
        if word in PLURAL_PRONOUNS or word.lower() in PLURAL_PRONOUNS:
            return None
        antecedent = _antecedent(doc, cand.start, _GENDERS.get(word.lower()))
        if antecedent is None:
            return None
        return SpeakerMention(antecedent.name, cand.start, cand.end, antecedent.id)
    if cand.kind == "nominal":
        head = doc.text[cand.start : cand.end].split()[-1]
        role = doc.names.resolve_role(head, cand.start) if head.lower() in ROLE_NOUNS else None
        if role is not None:
            return SpeakerMention(role.name, cand.start, cand.end, role.id)
    return None


def _gender(doc: _Doc, mention: Mention, resolved: Resolved) -> str | None:
    """'m' or 'f' from a courtesy title ("Mrs. Clinton") or a common given name, else None."""
    title = doc.text[max(0, mention.start - 5) : mention.start + 5]
    if re.search(r"\b(?:Mrs|Ms)\.", title):
        return "f"
    if re.search(r"\bMr\.", title):
        return "m"
    first = resolved.name.split()[0] if resolved.name else ""
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None


def _antecedent(doc: _Doc, pos: int, gender: str | None = None) -> Resolved | None:
    """The person a singular pronoun at pos most likely means: the subject of the nearest earlier sentence.

    A full personal name ("Hillary Clinton", or "Clinton" after it) is preferred over a lone capitalised
    word within the look-back window, which is as often a place ("Charlotte") as a person.
    """
    sent_start, _ = doc.sentence(pos)
    idx = doc.sentence_index(pos)
    windows = [list(reversed(doc.names.mentions_in(sent_start, pos)))]
    for back in range(1, PRONOUN_LOOKBACK_SENTENCES + 1):
        if idx - back < 0:
            break
        windows.append(doc.names.mentions_in(doc.boundaries[idx - back], doc.boundaries[idx - back + 1]))
    weak: Resolved | None = None
    for window in windows:
        for m in window:
            if doc.masked[m.start] == MASK or not doc.names.is_name(m):
                continue
            resolved = doc.names.resolve(m)
            if not resolved.person:
                continue
            if gender is not None and _gender(doc, m, resolved) not in (None, gender):
                continue  # "she" is not Donald Trump
            if len(resolved.name.split()) >= 2 or resolved.id is not None:
                return resolved
            weak = weak or resolved
    return weak


def _subject_before(doc: _Doc, lo: int, cue_start: int) -> _Candidate | None:
    """The subject of a speech verb at cue_start: the first candidate joined to it by a valid gap.

    The first rather than the nearest, so that "Mulgrew, president of the Federation of Teachers, said"
    gives Mulgrew; a name inside an appositive never has a valid gap of its own to the verb anyway.
    """
    cands = [c for c in _candidates(doc, lo, cue_start) if c.end <= cue_start]
    for cand in cands:
        if _after_preposition(doc, lo, cand.start):
            continue
        if _gap_ok(doc, cand.end, cue_start):
            return cand
    return None


def _after_preposition(doc: _Doc, lo: int, pos: int) -> bool:
    """True if the word right before pos (within [lo, pos)) is a preposition: "In a statement", "at Trump"."""
    m = _PREV_WORD.search(doc.masked, max(lo, pos - 20), pos)
    return bool(m) and m.group(1).lower() in _PREPOSITIONS


def _object_after(
    doc: _Doc, cue_end: int, hi: int, *, max_words: int = 4, roles: bool = False
) -> _Candidate | None:
    """A candidate starting within a few words after a verb ("said Sen. Claire McCaskill", "kata Cho").

    With `roles`, lowercase role words may precede a name: 'said former Massachusetts congressman Barney
    Frank', 'said spokesman John Kirby'.
    """
    cands = _candidates(doc, cue_end, hi)
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
                or w.lower() in _ARTICLES
                or (k == 0 and w.lower() in _QUANTIFIERS)
                or _is_role_word(doc, w, participle=True)
                or (w == "of" and 0 < k < len(words) - 1)
                for k, w in enumerate(words)
            ):
                return cand
        between = doc.masked[cue_end : cand.start]
        if _CLAUSE_PUNCT.search(between):
            return None
        words = [re.sub("[’']s$", "", w) for w in between.split()]
        # "said an Iowa Democrat": an article before the name is not a word of the gap, nor are role nouns
        # after a qualifying name ("said Marquette pollster Charles Franklin").
        qualified = bool(words) and words[0][:1].isupper()
        if len(words) <= max_words and all(
            is_gap_word(w) or w.istitle() or w.lower() in _ARTICLES or qualified and _is_role_word(doc, w)
            for w in words
        ):
            return cand
        return None
    return None


def _role_between(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi], between two names, is a role with at least one lowercase role word:
    ' spokesman Navy ', ' constituent ', ' co-host '."""
    words = doc.masked[lo:hi].split()
    if not words or len(words) > MAX_ROLE_WORDS or _CLAUSE_PUNCT.search(doc.masked, lo, hi):
        return False
    return any(_is_role_word(doc, w) for w in words) and all(
        w.istitle() or w.isupper() or _is_role_word(doc, w) for w in words
    )


def _prefix_ok(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] may precede an attribution's subject: a few words, no clause punctuation."""
    segment = doc.masked[lo:hi]
    words = segment.split()
    if len(words) > MAX_PREFIX_WORDS or _CLAUSE_PUNCT.search(segment):
        return False
    # '” when he said …' starts a new clause; a role ("White House press secretary Josh Earnest",
    # "one senior Democrat") does not.
    return not any(w.lower() in _CLAUSE_OPENERS for w in words)


def _short_tail(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] is a bare attribution clause: a few words, no complement clause."""
    # An appositive after the name ('!” said Arturo Vargas, the head of …') is not part of the clause.
    clause = _CLAUSE_PUNCT.search(doc.masked, lo, hi)
    if clause is not None and clause.start() > lo:
        hi = clause.start()
    words = [w.group().lower() for w in _words(doc, lo, hi)]
    return len(words) <= MAX_TAIL_WORDS and not any(w in THAT_WORDS for w in words)


def _speaker_then_cue(doc: _Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi] opens with a name or a pronoun and a speech verb that takes no clause after it:
    '?” Trump told Britain’s ITV television station in an interview …', but not '.” He said the vote …'."""
    words = _words(doc, lo, min(hi, lo + 80))
    for k, w in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        if w.group().lower() in doc.cues and k > 0:
            subject = _subject_before(doc, lo, w.start())
            if subject is None or subject.kind == "nominal" or subject.start != lo:
                return False
            nxt = words[k + 1].group().lower() if k + 1 < len(words) else ""
            return nxt not in THAT_WORDS and nxt not in _CLAUSE_STARTERS
    return False


def _attribution_after(doc: _Doc, span: QuoteSpan, hi: int) -> _Attribution | None:
    """An attribution right after a closing mark: ', she said', ', said Trump', ', kata Cho'.

    A second-hand report names its outlet as the source: '“…,” Sanders said, according to CNN.'
    """
    att = _direct_attribution_after(doc, span, hi)
    if att is None or att.speaker is None:
        return att
    for cue_start, cue_end, cue in _find_cues(doc, att.speaker.end, hi):
        if cue.lower() in ("according to", "menurut") and doc.masked[:cue_start].rstrip().endswith(","):
            source = _object_after(doc, cue_end, hi, max_words=2)
            speaker = _speaker_from(doc, source) if source is not None else None
            if speaker is not None:
                return _Attribution(speaker, att.cue, att.addressee, att.anchored, att.weak)
    return att


def _direct_attribution_after(doc: _Doc, span: QuoteSpan, hi: int) -> _Attribution | None:
    lo = (span.close + 1) if span.close is not None else span.end
    dash = _DASH_ATTRIBUTION.match(doc.masked, lo, hi)
    if dash:
        # Testimonial style: '“…” ― Francisco Herrero' names the speaker with no verb at all.
        names = [m for m in doc.names.mentions_in(dash.end(), hi) if m.start == dash.end() and m.tokens]
        if names:
            resolved = doc.names.resolve(names[0])
            return _Attribution(
                SpeakerMention(resolved.name, names[0].start, names[0].end, resolved.id), None, True
            )
    lead = _LEADING_PUNCT.match(doc.masked, lo, hi)
    lo = lead.end() if lead else lo
    hi = min(hi, lo + AFTER_WINDOW_CHARS)
    if doc.text[span.end - 1] in ".?!" and not (_short_tail(doc, lo, hi) or _speaker_then_cue(doc, lo, hi)):
        return None  # '“We won.” He said the vote …' starts a new sentence, it is not an attribution
    for cue_start, cue_end, cue in _find_cues(doc, lo, hi):
        subject = _subject_before(doc, lo, cue_start)
        if subject is not None and _prefix_ok(doc, lo, subject.start):
            return _Attribution(_speaker_from(doc, subject), cue, anchored=True)
        if doc.masked[lo:cue_start].strip() in FIRST_PERSON:
            # '“Your Honor,” I said': the writer's own words, a quotation with no speaker to name.
            return _Attribution(None, cue, anchored=True)
        if doc.masked[lo:cue_start].strip() == "":
            nxt = _NEXT_WORD.match(doc.masked, cue_end, hi)
            if nxt is not None and nxt.group(1) in THAT_WORDS:
                return None  # '… the advertisement “…” suggests that Phoenix …': the quotation is the subject
            # Inverted order: "said Trump", "kata Cho", "according to officials".
            after = _object_after(doc, cue_end, hi, roles=True)
            speaker = _speaker_from(doc, after) if after is not None else None
            if speaker is None and cue.lower().endswith("nya") and cue.lower() in doc.post_cues:
                # "ujarnya" carries its own pronoun ("said he/she").
                speaker = _speaker_from(doc, _Candidate(cue_start, cue_end, "pronoun"))
            return _Attribution(speaker, cue, anchored=True)
        if _in_appositive(doc, lo, cue_start, hi):
            continue  # 'Thomas Hanify, the president of the Indiana state firefighters union, said'
        open_aside = _open_aside_subject(doc, lo, cue_start)
        if open_aside is not None:
            return _Attribution(open_aside, cue, anchored=True)
        return None
    return _unknown_verb_after(doc, lo, hi)


def _open_aside_subject(doc: _Doc, lo: int, cue_start: int) -> SpeakerMention | None:
    """A name opening masked[lo:] whose aside runs into the verb with no closing comma: 'Nate Silver, the
    polling guru who founded fivethirtyeight.com tweeted'."""
    names = [m for m in doc.names.mentions_in(lo, cue_start) if m.start == lo and m.tokens]
    if not names or not doc.masked.startswith(",", names[0].end):
        return None
    aside = doc.masked[names[0].end + 1 : cue_start].split()
    if not aside or aside[0] not in _ARTICLES or len(aside) > 12:
        return None
    if _CLAUSE_PUNCT.search(doc.masked, names[0].end + 1, cue_start):
        return None
    resolved = doc.names.resolve(names[0])
    return SpeakerMention(resolved.name, names[0].start, names[0].end, resolved.id)


def _in_appositive(doc: _Doc, lo: int, pos: int, hi: int) -> bool:
    """True if pos lies in a comma-delimited aside that follows a name opening masked[lo:hi]."""
    names = [m for m in doc.names.mentions_in(lo, pos) if m.start == lo and m.tokens]
    if not names or not doc.masked.startswith(",", names[0].end):
        return False
    close = doc.masked.find(",", pos, hi)
    return close > 0 and not _CLAUSE_PUNCT.search(doc.masked, names[0].end + 1, pos)


def _unknown_verb_after(doc: _Doc, lo: int, hi: int) -> _Attribution | None:
    """A verb missing from the cue list, right after a quotation and next to a name: '“…!” beamed Donald
    Hartley', '“…,” remembered Roy Verley', '“…,” Christie gloated.'"""
    m = _ED_THEN_NAME.match(doc.masked, lo, hi)
    if m:
        cand = _object_after(doc, m.end(1), hi, max_words=0, roles=True)
        if cand is not None and cand.kind == "name":
            return _Attribution(_speaker_from(doc, cand), m.group(1), anchored=True)
        return None
    names = [m for m in doc.names.mentions_in(lo, hi) if m.start == lo and m.tokens]
    verb = _NAME_THEN_ED.match(doc.masked, names[0].end, hi) if names else None
    if verb is not None:
        resolved = doc.names.resolve(names[0])
        speaker = SpeakerMention(resolved.name, names[0].start, names[0].end, resolved.id)
        return _Attribution(speaker, verb.group(1), anchored=True)
    return None


def _attribution_before(doc: _Doc, lo: int, hi: int, sent_lo: int | None = None) -> _Attribution | None:
    """An attribution earlier in the sentence: 'Trump said: “…', 'According to Cho, “…'.

    With several speech verbs the first one whose subject is clear wins: in "Flynn said Trump was “right”
    when he said …" the quotation is Flynn's. A verb right before the quotation with a named subject wins
    over earlier ones ("In a Facebook post after the speech, Beck wrote: “…”").
    """
    cues = [c for c in _find_cues(doc, lo, hi) if c[2].lower() not in doc.post_cues]
    if not cues:
        return None
    anchored = bool(_ANCHOR.fullmatch(doc.masked, cues[-1][1], hi))
    if anchored and len(cues) > 1 and cues[-1][2].lower() not in ("according to", "menurut"):
        cue_start, cue_end, cue = cues[-1]
        subject = _subject_before(doc, lo, cue_start)
        if subject is not None and subject.kind == "name":
            return _Attribution(
                _speaker_from(doc, subject), cue, _addressee(doc, cue.lower(), cue_end, hi), anchored
            )
    cue_start, cue_end, cue = cues[-1]
    absolute = _absolute_subject(doc, lo, cue_start)
    if absolute is not None:
        return _Attribution(
            _speaker_from(doc, absolute), cue, _addressee(doc, cue.lower(), cue_end, hi), anchored
        )
    for k, (cue_start, cue_end, cue) in enumerate(cues):
        low = cue.lower()
        if low in ("according to", "menurut"):
            after = _object_after(doc, cue_end, hi, max_words=2, roles=True)
            if after is not None:
                return _Attribution(_speaker_from(doc, after), cue, None, anchored)
            continue
        agent = _PASSIVE_AGENT.match(doc.masked, cue_end, hi)
        if agent is not None:
            # 'Rubio was asked by moderator Gerard Baker whether …': the agent speaks. With a later verb
            # ('Asked by Starnes if …, Carson said that …') the quotation is that verb's.
            if k < len(cues) - 1:
                continue
            asker = _object_after(doc, agent.end(), hi, max_words=1, roles=True)
            speaker = _speaker_from(doc, asker) if asker is not None and asker.kind == "name" else None
            if speaker is not None:
                return _Attribution(speaker, cue, None, anchored)
        subject = _subject_before(doc, lo, cue_start)
        if subject is not None:
            return _Attribution(_speaker_from(doc, subject), cue, _addressee(doc, low, cue_end, hi), anchored)
    cue_start, cue_end, cue = cues[-1]
    low = cue.lower()
    # No verb has a clear subject: take the sentence's subject, the first mention followed by a verb-like
    # word ("Hours later, Trump returned the compliment …, telling Reuters, “…").
    # A participle after a comma (“…, writing “…”) takes the subject of the whole sentence, even one
    # before an earlier quotation.
    participle = sent_lo is not None and low.endswith("ing") and doc.masked[:cue_start].rstrip().endswith(",")
    cands = [c for c in _candidates(doc, sent_lo if participle else lo, cue_start) if c.end <= cue_start]
    cands = [c for c in cands if not _after_preposition(doc, lo, c.start)] or cands
    if cands:
        subject = next(
            (c for c in cands if _followed_by_finite_verb(doc, c.end)),
            next((c for c in cands if _followed_by_verb(doc, c.end)), cands[0]),
        )
        return _Attribution(_speaker_from(doc, subject), cue, _addressee(doc, low, cue_end, hi), anchored)
    after = _object_after(doc, cue_end, hi, max_words=1) if low not in ADDRESSEE_CUES else None
    return _Attribution(_speaker_from(doc, after) if after else None, cue, None, anchored)


def _absolute_subject(doc: _Doc, lo: int, cue_start: int) -> _Candidate | None:
    """The name in a 'with' clause whose -ing verb leads to the speech verb at cue_start: 'Republicans
    chimed in, with Sen. Ann Kerr calling it “…”', '…, dengan Anies menyebutnya “…”'."""
    for cand in reversed(_candidates(doc, lo, cue_start)):
        if cand.kind != "name":
            continue
        verb = _ING_AFTER.match(doc.masked, cand.end, cue_start + 40)
        if verb is None or verb.start(1) > cue_start or _CLAUSE_PUNCT.search(doc.masked, cand.end, cue_start):
            return None
        lead = doc.masked[max(lo, cand.start - 40) : cand.start].split()
        # Capitalised words may stand between 'with' and the name: 'with Republican Senator John McCain'.
        while lead and lead[-1][:1].isupper() and len(lead) > 1:
            lead.pop()
        return cand if lead and lead[-1].lower() in _WITH_WORDS else None
    return None


def _followed_by_finite_verb(doc: _Doc, pos: int) -> bool:
    """True if the word after pos looks like a finite verb: a cue, or an -ed word ("Trump returned"), also
    after an appositive ("Mike Huckabee, the former Arkansas governor, proposed")."""
    aside = _ASIDE.match(doc.masked, pos)
    if aside is not None and aside.end() - pos <= 100:
        pos = aside.end()
    m = _NEXT_WORD.match(doc.masked, pos)
    if m and m.group(1).endswith("ly"):
        m = _NEXT_WORD.match(doc.masked, m.end())  # "Trump openly admires"
    if m and m.group(1) in _PERFECT_AUX:
        m = _NEXT_WORD.match(doc.masked, m.end())  # "Reid has gone after Trump", "Trump has used"
        return bool(m) and (m.group(1).endswith(("ed", "en", "ne")) or m.group(1) in doc.cues)
    if not m or m.group(1) in _NOT_VERBS:
        return False
    word = m.group(1)
    return word in doc.cues or word.endswith("ed")


def _followed_by_verb(doc: _Doc, pos: int) -> bool:
    m = _NEXT_WORD.match(doc.masked, pos)
    return bool(m) and m.group(1) not in _NOT_VERBS and not is_gap_word(m.group(1))


def _addressee(doc: _Doc, low: str, cue_end: int, hi: int) -> SpeakerMention | None:
    if low not in ADDRESSEE_CUES:
        return None
    obj = _object_after(doc, cue_end, hi, max_words=1)
    return _speaker_from(doc, obj) if obj and obj.kind == "name" else None


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _looks_like_speech(text: str) -> bool:
    """Long enough, or a full sentence of its own, to be a quotation without a speech verb nearby."""
    n = _word_count(text)
    if n >= SPEECH_MIN_WORDS:
        return True
    return n >= 3 and text[0].isupper() and text.rstrip()[-1:] in ".?!" and not text.istitle()


def _is_title_like(text: str) -> bool:
    """Short and in Title Case: the name of a show, book or slogan (“Saturday Night Live”), not speech.

    An exclamation or a question ('“Choke!”', '“Mr. D’Souza?”', '“Ted! Ted!”') is someone's words, however
    capitalised.
    """
    words = _WORD.findall(text)
    if not words or len(words) > TITLE_MAX_WORDS or text.rstrip(" ,.")[-1:] in "!?":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words) and any(
        w[0].isupper() for w in words
    )


def _is_quotation(doc: _Doc, span: QuoteSpan, att: _Attribution | None) -> bool:
    """Speech rather than a scare quote, a title or a nickname."""
    quoted = doc.text[span.start : span.end]
    if _names_a_work(doc, span) or _bylined(doc, span) or _glossed(doc, span):
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
        or _named_subject(doc, span) is not None
        or _person_before(doc, span, headline=_in_headline(doc, span))
    )


def _resumes_after_attribution(doc: _Doc, prev: QuoteSpan, span: QuoteSpan, att: _Attribution | None) -> bool:
    """True if only the attribution of the previous quotation, ending its sentence, stands between the two."""
    if prev.close is None or att is None or not att.anchored or att.speaker is None:
        return False
    if not prev.close < att.speaker.start < att.speaker.end <= span.open:
        return False
    gap = doc.masked[prev.close + 1 : span.open]
    return "\n" not in gap and len(gap) <= AFTER_WINDOW_CHARS and gap.rstrip(" \t").endswith(".")


def _single_quoted_paragraph(doc: _Doc, span: QuoteSpan) -> bool:
    """True if span is single-quoted and makes up a whole paragraph other than the first."""
    if not span.single or span.close is None:
        return False
    i = doc.paragraph_index(span.open)
    end = doc.paragraphs[i + 1] if i + 1 < len(doc.paragraphs) else len(doc.text)
    return (
        i > 0
        and not doc.text[doc.paragraphs[i] : span.open].strip()
        and not doc.text[span.close + 1 : end].strip(" \t\n.")
    )


def _in_headline(doc: _Doc, span: QuoteSpan) -> bool:
    """True if the quotation's paragraph is set in Title Case, where capitals say nothing about titles."""
    i = doc.paragraph_index(span.open)
    end = doc.paragraphs[i + 1] if i + 1 < len(doc.paragraphs) else len(doc.text)
    lo = doc.paragraphs[i]
    # Other quotations in the paragraph count too: in 'Perez said on NBC's "Meet the Press." "Listening to
    # him …"' the narrative is short and capitalised, but the speech around the title is not.
    close = span.close if span.close is not None else span.end
    return _title_case(doc.masked[lo:end]) and _title_case(doc.text[lo : span.open] + doc.text[close:end])


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) >= HEADLINE_MIN_CHARS]
    return bool(words) and sum(w[0].isupper() for w in words) >= HEADLINE_CAPITAL_SHARE * len(words)


def _names_a_title(doc: _Doc, span: QuoteSpan) -> bool:
    """True if a determiner, a possessive or a preposition comes right before the opening mark, as before
    the name of a show, a book or a campaign: 'the “Great Game”', 'on “Fox News Sunday”'."""
    m = _PREV_WORD.search(doc.masked, max(0, span.open - 30), span.open)
    if m is None:
        return False
    word = m.group(1).lower()
    return (
        word in _DETERMINERS or word in _PREPOSITIONS or word in _TOLD_WORDS or word[-2:] in _POSSESSIVE_ENDS
    )


def _glossed(doc: _Doc, span: QuoteSpan) -> bool:
    """True if the quotation translates a foreign word: 'brujas, Spanish for “witches”'."""
    m = _GLOSS.search(doc.masked, max(0, span.open - 40), span.open)
    return m is not None and (m.group(1) or m.group(2)) in LANGUAGES


def _names_a_work(doc: _Doc, span: QuoteSpan) -> bool:
    """True if the quotation is in capitals right after a kind of work, as the name of that work: 'in his
    2012 book, “An American Son.”', 'told the television program “Inside Edition”', 'acara “Mata Najwa”'."""
    m = _PREV_WORD_COMMA.search(doc.masked, max(0, span.open - 40), span.open)
    if m is None or m.group(1).lower() not in WORK_NOUNS:
        return False
    words = _WORD.findall(doc.text, span.start, span.end)
    if not words or len(words) > WORK_TITLE_MAX_WORDS or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return sum(w[0].isupper() or w[0].isdigit() for w in big) >= WORK_TITLE_CAPITAL_SHARE * len(big)


def _bylined(doc: _Doc, span: QuoteSpan) -> bool:
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


def _person_before(doc: _Doc, span: QuoteSpan, *, headline: bool = False) -> bool:
    """True if a name or a pronoun comes earlier in the quotation's sentence: the words are most likely
    someone's ('Sanders supporters are crying “fraud”', 'he tossed in a “lyin’ ” Ted Cruz')."""
    lo, _ = doc.sentence(span.open)
    if _SO_CALLED.search(doc.masked, max(lo, span.open - 12), span.open):
        return False  # 'the so-called “alt-right”' is the writer's distance, not someone's words
    return any(
        c.kind == "pronoun"
        or c.kind == "name"
        and c.mention is not None
        and (headline or _surely_a_name(c.mention))
        for c in _candidates(doc, lo, span.open, adjectives=True)
    )


def _surely_a_name(mention: Mention) -> bool:
    """A name for certain: several words, or one word away from the start of a sentence ("Members" is not)."""
    return len(mention.tokens) >= 2 or not mention.sentence_initial


def _named_subject(doc: _Doc, span: QuoteSpan) -> _Candidate | None:
    """A person named before the quotation in its sentence, as the likely subject of a verb missing from
    the cue list: 'Walter Hewlett sniped that Fiorina was “learning on the job”'."""
    lo, _ = doc.sentence(span.open)
    for cand in _candidates(doc, lo, span.open):
        if cand.kind == "name" and _followed_by_finite_verb(doc, cand.end):
            return cand
    return None


def _cue_in_sentence(doc: _Doc, span: QuoteSpan) -> bool:
    """True if the quotation's sentence has a speech verb outside it: quoted words inside a paraphrase."""
    lo, hi = doc.sentence(span.open)
    return any(not (span.start <= c[0] < span.end) for c in _find_cues(doc, lo, hi))


def _name_colon(doc: _Doc, lo: int, hi: int) -> _Attribution | None:
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
    prep = _PREV_WORD.search(doc.masked, max(lo, name.start - 20), name.start)
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
    resolved = doc.names.resolve(name)
    return _Attribution(SpeakerMention(resolved.name, name.start, name.end, resolved.id), None, None, True)


def _colon_gap_ok(gap: str) -> bool:
    """What may stand between a name and the colon introducing its quotation: nothing, or a short verb
    phrase with no punctuation ("Mr. Christie gloated:", "Clinton’s response was:")."""
    words = gap.split()
    if not words:
        return True
    if len(words) > MAX_COLON_GAP_WORDS or any(ch in gap for ch in ',;.░"“”()'):
        return False
    return all(w[0].islower() or w[0] in "’'" for w in words)


def _introduced_by_colon(doc: _Doc, span: QuoteSpan, prev_close: int) -> _Attribution | None:
    """A paragraph-opening quotation introduced by the previous paragraph: 'The Times reports:'."""
    para_start = doc.paragraphs[doc.paragraph_index(span.open)]
    if para_start == 0 or doc.masked[para_start : span.open].strip():
        return None
    end = len(doc.masked[max(0, para_start - MAX_INTRO_CHARS) : para_start].rstrip()) + max(
        0, para_start - MAX_INTRO_CHARS
    )
    if end == 0 or doc.masked[end - 1] != ":":
        return None
    lo, _ = doc.sentence(end - 1)
    return _attribution_before(doc, max(lo, prev_close), end)


def _dash_next_paragraph(doc: _Doc, span: QuoteSpan) -> _Attribution | None:
    """A quotation paragraph signed on the next line: '“…”\n\n- Bernie Sanders.'"""
    if span.close is None:
        return None
    m = _PARAGRAPH_DASH.match(doc.masked, span.close + 1)
    if m is None:
        return None
    names = [n for n in doc.names.mentions_in(m.end(), m.end() + 200) if n.start == m.end() and n.tokens]
    if not names:
        return None
    resolved = doc.names.resolve(names[0])
    speaker = SpeakerMention(resolved.name, names[0].start, names[0].end, resolved.id)
    return _Attribution(speaker, None, None, True)


def _sentence_tail(doc: _Doc, span: QuoteSpan, close_end: int, sent_end: int) -> _Attribution | None:
    """An attribution closing the quotation's sentence after more words: '… more “conversant” …, Ban said.'"""
    if span.close is None:
        return None
    comma = doc.masked.find(",", close_end, sent_end)
    while comma >= 0:
        att = _attribution_after(doc, QuoteSpan(comma, comma + 1, open=comma, close=comma), sent_end)
        if att is not None and att.speaker is not None:
            return _Attribution(att.speaker, att.cue, att.addressee, anchored=False, weak=True)
        comma = doc.masked.find(",", comma + 1, sent_end)
    return None


def _according_to_tail(doc: _Doc, close_end: int, sent_end: int) -> _Attribution | None:
    """A sentence ending in ', according to X.' or ', X reported.' after the quotation reports it
    second-hand, the outlet X being the source: 'Trump said he was “happy to see” that Khan was voted in,
    according to The New York Times', '… “influence peddling,” The Washington Post reported in 1991.'"""
    for cue_start, cue_end, cue in _find_cues(doc, close_end, sent_end):
        low = cue.lower()
        comma = doc.masked.rfind(",", close_end, cue_start)
        if comma < 0 and doc.text[:close_end].rstrip("”\"'’»").endswith(","):
            comma = close_end - 1  # the comma inside the marks: '“influence peddling,” the Post reported'
        if low in ("according to", "menurut") and doc.masked[:cue_start].rstrip().endswith(","):
            source = _object_after(doc, cue_end, sent_end, max_words=2)
        elif low in _REPORT_VERBS and comma >= 0 and _word_count(doc.masked[cue_end:sent_end]) <= 3:
            if doc.masked[comma + 1 : cue_start].strip() == "":
                source = _object_after(doc, cue_end, sent_end, max_words=1)
            else:
                source = _subject_before(doc, comma + 1, cue_start)
                prefix = doc.masked[comma + 1 : source.start].strip() if source is not None else ""
                if prefix not in ("", "the", "The"):
                    source = None
            if source is not None and source.kind != "name":
                source = None
        else:
            continue
        speaker = _speaker_from(doc, source) if source is not None else None
        if speaker is not None:
            return _Attribution(speaker, cue, anchored=False)
    return None


def _headline_speaker(doc: _Doc) -> _Attribution | None:
    """The speaker of the article's first paragraph, read as a headline: the words before a colon ('Paul
    Ryan: FBI Decision … ‘Defies Explanation’'), before or after a speech verb ('Glenn Beck Says Trump …',
    '…, Trevor Noah Says.'), or a leading name the article spells out in full ('Hillary Just Insulted …')."""
    end = doc.paragraphs[1] if len(doc.paragraphs) > 1 else len(doc.text)
    words = [w for w in _words(doc, 0, end) if doc.masked[w.start()] != MASK]
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


def _headline_name(doc: _Doc, words: list[re.Match[str]]) -> bool:
    """True if `words` could be a name: one to four capitalised words, no sentence opener, no speech verb."""
    return (
        0 < len(words) <= MAX_SUBJECT_WORDS
        and all(w.group()[0].isupper() and w.group().lower() not in doc.cues for w in words)
        and words[0].group() not in NON_NAMES
    )


def _headline_attribution(doc: _Doc, words: list[re.Match[str]], cue: str | None) -> _Attribution:
    tokens = [re.sub("[’']s$", "", w.group()) for w in words]
    end = doc.paragraphs[1] if len(doc.paragraphs) > 1 else len(doc.text)
    # The body spells the name out ("Graham" -> "Lindsey Graham"); the headline's capitalised run does not.
    body = (m for m in doc.names.mentions if m.start >= end and len(m.tokens) >= 2)
    full = next((m for m in body if set(tokens) <= set(m.tokens)), None)
    resolved = doc.names.resolve_tokens(full.tokens if full else tokens, full.start if full else end)
    if len(resolved.name.split()) > MAX_SUBJECT_WORDS or not set(tokens) <= set(resolved.name.split()):
        resolved = Resolved(" ".join(tokens), resolved.id, resolved.person)
    speaker = SpeakerMention(resolved.name, words[0].start(), words[-1].end(), resolved.id)
    return _Attribution(speaker, cue, weak=True)


def _direct_quotes(doc: _Doc, spans: list[QuoteSpan]) -> list[ExtractedQuote]:
    attributions: list[_Attribution | None] = []
    # What a possessor's claim displaced, which the sentence's later quotations still share: in 'Fitton
    # called Clinton's “claim of right” “significant and disturbing”' the second quotation is Fitton's.
    displaced: dict[int, _Attribution | None] = {}
    for i, span in enumerate(spans):
        sent_start, sent_end = doc.sentence(span.open)
        next_open = spans[i + 1].open if i + 1 < len(spans) else len(doc.text)
        close_end = span.close + 1 if span.close is not None else span.end
        lead = _LEADING_PUNCT.match(doc.masked, close_end)
        after = None
        ends_sentence = False
        if lead.end() < len(doc.text) and "\n" not in lead.group():
            # The attribution may sit in what the splitter took for a new sentence: '?” Clinton asked.'
            tail_end = doc.sentence(lead.end())[1]
            after_hi = min(tail_end, next_open)
            ends_sentence = doc.text[span.end - 1] in ".?!"
            # '… “unhinged.” Sen. Rubio called the statement “…”' names the next speaker, not this one; but
            # a lowercase word goes on with the same sentence: '“Is he running?” asked Mr. Manafort, …
            # what he calls the “crooked” process.'
            continues = doc.masked[lead.end() : lead.end() + 1].islower()
            if not (ends_sentence and next_open < tail_end) or continues:
                after = _attribution_after(doc, span, after_hi)
        prev_close = -1
        if i > 0:
            prev = spans[i - 1]
            prev_close = (prev.close + 1) if prev.close is not None else prev.end
        lo = max(sent_start, prev_close)
        before = _attribution_before(doc, lo, span.open, sent_start) or _name_colon(doc, lo, span.open)
        if before is None and after is None:
            before = _introduced_by_colon(doc, span, prev_close)
        if (before is None or before.speaker is None) and (after is None or after.speaker is None):
            after = _dash_next_paragraph(doc, span) or _sentence_tail(doc, span, close_end, sent_end) or after
        if after is not None and after.speaker is not None and not (ends_sentence and before is not None):
            attributions.append(after)
        elif before is not None and (before.speaker is not None or after is None):
            attributions.append(before)
        else:
            attributions.append(after)
        outlet = _according_to_tail(doc, close_end, sent_end)
        if outlet is not None:
            attributions[-1] = outlet
        chosen = attributions[-1]
        if chosen is None or chosen.speaker is None or chosen.weak or chosen is before:
            owner = _possessive_source(doc, lo, span)
            # 'said that Ginsburg’s comments “shows bias”': the quotation judges the comments, it is the
            # speech verb's subject who says it.
            last_word = doc.masked[owner.end : span.open].split()[-1:] if owner is not None else []
            judged = chosen is before and bool(last_word) and last_word[0].lower() in SPEECH_NOUNS
            if (
                owner is not None
                and not judged
                and (
                    chosen is None
                    or chosen.speaker is None
                    or chosen.weak
                    or chosen.speaker.start < owner.start
                )
            ):
                displaced[i] = chosen
                attributions[-1] = _Attribution(owner, None)

    keep = [_is_quotation(doc, s, a) for s, a in zip(spans, attributions, strict=True)]
    # '“It’s taxing on resources,” O’Donnell said. “Big time.”': words that follow a quotation and the
    # sentence attributing it, in the same paragraph, go on with the same speech however short they are.
    for i in range(1, len(spans)):
        if (
            not keep[i]
            and keep[i - 1]
            and _resumes_after_attribution(doc, spans[i - 1], spans[i], attributions[i - 1])
        ):
            keep[i] = True
    # A newsletter quotes a piece after its title and byline ('“Met accused of …,” by Post’s Jane Doe: “A
    # Manhattan man is suing …”'): the excerpt is the outlet's text, not anyone's speech.
    for i in range(1, len(spans)):
        prev = spans[i - 1]
        if keep[i] and prev.close is not None and _bylined(doc, prev):
            gap = doc.masked[prev.close + 1 : spans[i].open]
            keep[i] = not _EXCERPT_GAP.fullmatch(gap)
    # Where speech takes double marks, a paragraph of nothing but single-quoted words is a subheading made
    # of a phrase from the story ("\n\n'A fight from start to finish.'\n\n"), not a quotation of its own.
    if any(not s.single for s in spans):
        keep = [k and not _single_quoted_paragraph(doc, s) for s, k in zip(spans, keep, strict=True)]
    # A headline names its speaker in its own way: 'Paul Ryan: … ‘…’', 'Glenn Beck Says …', '…, Noah Says.'
    headline = None
    for i, span in enumerate(spans):
        att = attributions[i]
        if doc.paragraph_index(span.open) != 0 or att is not None and att.speaker and not att.weak:
            continue
        headline = headline or _headline_speaker(doc)
        if headline is not None:
            attributions[i] = headline
    for i, span in enumerate(spans):
        # 'Reid said that Sanders has energized “a lot of people” who “are rabidly involved …”': a later
        # quotation in the sentence of an attributed one is left to share its speaker (below).
        shares = (
            i > 0
            and attributions[i - 1] is not None
            and attributions[i - 1].speaker is not None
            and doc.sentence_index(span.open) == doc.sentence_index(spans[i - 1].open)
        )
        if keep[i] and attributions[i] is None and not shares:
            subject = _named_subject(doc, span)
            if subject is not None:
                attributions[i] = _Attribution(_speaker_from(doc, subject), None, weak=True)
    # A later quotation in the same sentence shares its speaker, even when the first one was a scare quote:
    # 'Bolton thought some of the “Neocons” buzz was … a tribute to “the consummate political skills …”'.
    for i in range(1, len(spans)):
        att, prev = attributions[i], displaced.get(i - 1, attributions[i - 1])
        if (
            (att is None or att.speaker is None)
            and prev is not None
            and prev.speaker is not None
            and doc.sentence_index(spans[i].open) == doc.sentence_index(spans[i - 1].open)
        ):
            attributions[i] = prev
    # Paragraph chains share a speaker both ways; an unattributed quotation inherits from the one before it
    # in the same paragraph, or from the last one of the previous paragraph when it opens its paragraph.
    for i, span in enumerate(spans):
        j = span.continues_from
        if j is not None:
            keep[i] = keep[i] or keep[j]
            if attributions[i] is None or attributions[i].speaker is None:
                attributions[i] = attributions[j]
    for i in range(len(spans) - 1, -1, -1):
        j = spans[i].continues_from
        if (
            j is not None
            and attributions[i] is not None
            and (attributions[j] is None or attributions[j].speaker is None)
        ):
            attributions[j] = attributions[i]
            keep[j] = True
    last: tuple[int, _Attribution] | None = None
    for i, span in enumerate(spans):
        if not keep[i]:
            continue
        att = attributions[i]
        if att is None and last is not None:
            para, prev_att = last
            here = doc.paragraph_index(span.open)
            opens_paragraph = doc.masked[doc.paragraphs[here] : span.open].strip() == ""
            if para == here or (para == here - 1 and opens_paragraph):
                attributions[i] = prev_att
        if attributions[i] is not None and attributions[i].speaker is not None:
            last = (doc.paragraph_index(span.open), attributions[i])
    # A transcript ('PENCE: …', 'MR. TRUMP: …', 'Lopez: …'): the labelled person says the paragraph.
    labels = _transcript_labels(doc)
    for i, span in enumerate(spans):
        label = labels.get(doc.paragraph_index(span.open))
        att = attributions[i]
        if (
            keep[i]
            and label is not None
            and (
                att is None or att.speaker is None or att.weak or label.start <= att.speaker.start < label.end
            )
        ):
            attributions[i] = _Attribution(label, None, anchored=True)
    # News convention: a quotation nobody claims continues the person the story was just quoting or
    # talking about, in the sentences before it (or the previous paragraph, when it opens its own).
    for i, span in enumerate(spans):
        if keep[i] and (attributions[i] is None or attributions[i].speaker is None):
            speaker = _continued_speaker(doc, span)
            if speaker is not None:
                cue = attributions[i].cue if attributions[i] is not None else None
                attributions[i] = _Attribution(speaker, cue, weak=True)
    out = []
    for span, att, kept in zip(spans, attributions, keep, strict=True):
        if not kept or _STAGE_DIRECTION.fullmatch(doc.text, span.start, span.end):
            continue
        out.append(
            ExtractedQuote(
                doc.text[span.start : span.end],
                span.start,
                span.end,
                DIRECT,
                att.speaker if att else None,
                att.cue if att else None,
                att.addressee if att else None,
            )
        )
    return out


def _transcript_labels(doc: _Doc) -> dict[int, SpeakerMention]:
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


def _possessive_source(doc: _Doc, lo: int, span: QuoteSpan) -> SpeakerMention | None:
    """The owner of a speech noun around the quotation: "Trump's claim that Clinton is “…”", "Hillary
    Clinton’s campaign slogan is “…”", "Mitt Romney’s “47 percent” comment" (the noun after the quotation)."""
    after = _words(doc, span.close + 1, span.close + 40)[:1] if span.close is not None else []
    noun_after = bool(after) and after[0].group().lower() in SPEECH_NOUNS
    for m in reversed(doc.names.mentions_in(lo, span.open)):
        if doc.masked[m.start] == MASK or doc.masked[m.end : m.end + 2] not in _POSSESSIVE_ENDS:
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
        if not nouns or _find_cues(doc, m.end, span.open) or len(words) - nouns[0] > 10:
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
    resolved = doc.names.resolve(m)
    return SpeakerMention(resolved.name, m.start, m.end, resolved.id)


def _continued_speaker(doc: _Doc, span: QuoteSpan) -> SpeakerMention | None:
    """The speaker an unattributed quotation continues: the subject of a speech verb, else the named
    subject, of the nearest earlier sentence in its paragraph, or of the previous paragraph's last sentences
    when the quotation opens its paragraph ('Lau said in a statement. “There are no paper ballots …”')."""
    para = doc.paragraph_index(span.open)
    if para == 0:
        return None  # the headline names its speaker in its own way, or not at all
    para_start = doc.paragraphs[para]
    idx = doc.sentence_index(span.open)
    opens = doc.masked[para_start : span.open].strip(" \t\"“‘'«„") == ""
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


def _sentence_speaker(doc: _Doc, lo: int, hi: int) -> SpeakerMention | None:
    """Who masked[lo:hi] is about: the subject of its first speech verb, else its first named subject."""
    for cue_start, _, cue in _find_cues(doc, lo, hi):
        if cue.lower() in doc.post_cues or cue.lower() in ("according to", "menurut"):
            continue
        subject = _subject_before(doc, lo, cue_start)
        if subject is not None:
            speaker = _speaker_from(doc, subject)
            if speaker is not None:
                return speaker
    for cand in _candidates(doc, lo, hi):
        if (
            cand.kind == "name"
            and cand.mention is not None
            and not _after_preposition(doc, lo, cand.start)
            and _followed_by_verb(doc, cand.end)
            and _surely_a_person(doc, cand.mention)
        ):
            return _speaker_from(doc, cand)
    return None


def _surely_a_person(doc: _Doc, mention: Mention) -> bool:
    return doc.names.resolve(mention).person


def _trim_content(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    m = _CONTENT_END.search(doc.text, lo, hi)
    if m and m.start() > lo:
        hi = m.start()
    while lo < hi and doc.text[lo] in " ,:":
        lo += 1
    return lo, hi


def _bare_clause_start(doc: _Doc, cue_end: int, following: list[re.Match[str]]) -> re.Match[str] | None:
    """Where a content clause with no "that" begins: 'said Tuesday the plan …', 'mengatakan, pemerintah …'.

    Returns the match just before the clause (a time word, or the verb's last word), so that the content
    starts at its end, like after a complementiser.
    """
    k = 0
    while k < len(following) and following[k].group().lower() not in _CLAUSE_STARTERS:
        if not is_gap_word(following[k].group()) or following[k].group()[0].isupper() and k == 0:
            break
        k += 1
    if k >= len(following):
        return None
    word = following[k]
    comma_before = "," in doc.masked[cue_end : word.start()]
    if word.group().lower() in _CLAUSE_STARTERS or comma_before or (word.group()[0].isupper() and k == 0):
        return _Span(word.start(), word.start())
    return None


def _reported_in_sentence(doc: _Doc, lo: int, hi: int) -> list[ExtractedQuote]:
    out: list[ExtractedQuote] = []
    for cue_start, cue_end, cue in _find_cues(doc, lo, hi):
        low = cue.lower()
        following = _words(doc, cue_end, min(hi, cue_end + FOLLOWING_CHARS))
        content: tuple[int, int] | None = None
        addressee: SpeakerMention | None = None
        speaker: SpeakerMention | None = None
        if low in ("according to", "menurut"):
            src = _object_after(doc, cue_end, hi, max_words=2)
            comma = doc.masked.find(",", cue_end, hi)
            if src is None or comma < 0:
                continue
            speaker = _speaker_from(doc, src)
            content = (comma + 1, hi)
        elif low in doc.post_cues or (following and following[0].group() in (".",)):
            continue
        else:
            subject = _subject_before(doc, lo, cue_start)
            # "X said that …" / "X menekankan bahwa …": the complementiser opens the content.
            link = next((w for w in following[:5] if w.group().lower() in THAT_WORDS), None)
            if low in ADDRESSEE_CUES:
                req = next((w for w in following[:6] if w.group().lower() in REQUEST_LINKS), None)
                if req is not None and (link is None or req.start() < link.start()):
                    obj = _object_after(doc, cue_end, req.start(), max_words=2)
                    if obj is not None:
                        addressee = _speaker_from(doc, obj)
                    link = req
            if link is None and subject is not None and low in _BARE_CLAUSE_VERBS:
                link = _bare_clause_start(doc, cue_end, following)
            if link is None or subject is None:
                continue
            between = doc.masked[cue_end : link.start()]
            if any(ch in between for ch in ".;\u2591"):
                continue
            speaker = _speaker_from(doc, subject)
            if speaker is None and subject.kind == "nominal":
                speaker = None
            content = (link.end(), hi)
        if content is None:
            continue
        start, end = _trim_content(doc, *content)
        if end <= start or _word_count(doc.text[start:end]) < REPORTED_MIN_WORDS:
            continue
        masked_share = doc.masked[start:end].count(MASK) / (end - start)
        if masked_share > 0.5:
            continue  # the statement is a direct quotation, already reported as such
        out.append(ExtractedQuote(doc.text[start:end], start, end, REPORTED, speaker, cue, addressee))
        break
    return out


def _post_posed(doc: _Doc, lo: int, hi: int) -> list[ExtractedQuote]:
    """'Content, X said.' / 'Isi, kata Cho.': a statement whose attribution closes the sentence."""
    text = doc.masked[lo:hi]
    comma = text.rfind(",")
    if comma <= 0:
        return []
    tail_lo = lo + comma + 1
    cues = _find_cues(doc, tail_lo, hi)
    if not cues:
        return []
    cue_start, cue_end, cue = cues[0]
    subject = _subject_before(doc, tail_lo, cue_start)
    if subject is not None and doc.masked[tail_lo : subject.start].strip():
        subject = None
    if subject is None:
        if doc.masked[tail_lo:cue_start].strip():
            return []
        subject = _object_after(doc, cue_end, hi)
    rest = doc.masked[cue_end:hi]
    if any(ch in rest for ch in ",;\u2591") or len(rest.split()) > 8:
        return []
    start, end = _trim_content(doc, lo, lo + comma)
    if end <= start or _word_count(doc.text[start:end]) < REPORTED_MIN_WORDS:
        return []
    if MASK in doc.masked[start:end]:  # the closing attribution belongs to the quotation
        return []
    speaker = _speaker_from(doc, subject) if subject is not None else None
    return [ExtractedQuote(doc.text[start:end], start, end, REPORTED, speaker, cue)]


def _reported(doc: _Doc) -> list[ExtractedQuote]:
    out: list[ExtractedQuote] = []
    bounds = [*doc.boundaries, len(doc.text)]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if hi - lo < 10 or not _find_cues(doc, lo, hi):
            continue
        found = _reported_in_sentence(doc, lo, hi)
        out.extend(found or _post_posed(doc, lo, hi))
    return out


def extract_quotes(
    text: str, *, known_speakers: Sequence[KnownSpeaker] = (), language: str | None = None
) -> list[ExtractedQuote]:
    """Direct quotations and reported statements in `text`, in text order, with speakers resolved."""
    lang = language.lower()[:2] if language else "any"
    cues: frozenset[str] = frozenset()
    post: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    if lang != "id":
        cues, phrases = cues | EN_CUES, phrases + EN_CUE_PHRASES
    if lang != "en":
        cues, post, phrases = cues | ID_CUES, post | ID_POST_CUES, phrases + ID_CUE_PHRASES
    spans = find_quote_spans(text)
    masked = _mask(text, spans)
    boundaries, paragraphs = _boundaries(masked)
    # A no-break space joins a name like a space ("Gov.\u00a0John Kasich"); same length, same offsets.
    names = NameIndex(text.replace("\u00a0", " "), known_speakers)
    doc = _Doc(text, masked, names, cues, post, phrases, boundaries, paragraphs)
    doc.cue_hits = _all_cues(doc)
    doc.cue_starts = [c[0] for c in doc.cue_hits]
    found = _direct_quotes(doc, spans) + _reported(doc)
    found.sort(key=lambda q: (q.start, q.end))
    return found
