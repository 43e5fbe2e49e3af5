"""Candidate speakers: the names, pronouns and nominals ("the senator") that could say a quotation, and the
person each one stands for. Which of them is a speech verb's subject or object is verb_roles.py's business."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import DETERMINERS, MASK, POSSESSIVE_ENDS, Doc, words_in
from .lexicon import (
    PLURAL_PRONOUNS,
    SINGULAR_PRONOUNS,
    is_gap_word,
    word_set,
)
from .mentions import Mention
from .model import SpeakerMention
from .name_words import (
    DEMONYMS,
    FEMALE_NAMES,
    MALE_NAMES,
    ROLE_NOUNS,
)
from .names import Resolved

# How many sentences back a pronoun looks for the person it stands for.
PRONOUN_LOOKBACK_SENTENCES = 3


_NOMINAL_HEADS = word_set(
    """
    official officials spokesman spokeswoman spokesperson aide aides adviser advisers advisor source
    sources statement report critics critic supporters supporter analysts analyst experts expert
    campaign witnesses witness police lawmakers lawmaker voters voter residents resident people person
    man woman group letter memo ad announcer narrator study poll survey release post tweet video email
    committee agency department ministry kementerian pihak juru bicara pejabat warga
    """
) | frozenset(ROLE_NOUNS)


CLAUSE_PUNCT = re.compile('[,;:\u2591"“”]|\\.(?=\\s)(?<![A-Z]\\.)(?<!Mr\\.)(?<!Mrs\\.)(?<!Ms\\.)(?<!Dr\\.)')


PREV_WORD = re.compile(r"([\w’']+)[ \t]+$")


_GENDERS = {"he": "m", "she": "f"}


NEXT_WORD = re.compile(r"[ \t]+([a-z][\w’'-]*)")


NOT_VERBS = word_set(
    """
    of in on at to for with by from as and or but about into over under after before during than who which
    that whose whom where when while if because said dan di ke dari untuk dengan yang pada dalam
    """
)


# Words that open a new clause after a quotation ('” when he said …'), so the verb is not its attribution.
CLAUSE_OPENERS = word_set(
    """
    when as after before because if while and but or since though although until unless where which who
    whom whose that so then even than what how why once whether like about of in on at to for with by from
    into over under during is was are were be been not do does did
    """
)


ARTICLES = word_set("a an the")


# Prepositions before a mention put it in an adjunct ("In a statement, Fallon said"), not the subject.
PREPOSITIONS = word_set(
    """
    in at on with from during after before about for by to into of under over through without via per
    against among between behind near since toward towards until upon within di ke dari pada dalam
    """
)


@dataclass(slots=True)
class Candidate:
    """A possible speaker mention: a name, a pronoun, or a nominal ("the senator")."""

    start: int
    end: int
    kind: str  # "name" | "pronoun" | "nominal"
    mention: Mention | None = None


def candidates_in(doc: Doc, lo: int, hi: int, *, adjectives: bool = False) -> list[Candidate]:
    """Possible speaker mentions in [lo, hi) outside quotations, in text order; with `adjectives`, also
    nationality and party words qualifying a noun ("Syrian refugees"), which are never speakers."""
    out: list[Candidate] = []
    for m in doc.names.mentions_in(lo, hi):
        if doc.masked[m.start] != MASK and doc.names.is_name(m) and (adjectives or not _adjective(doc, m)):
            out.append(Candidate(m.start, m.end, "name", m))
    words = words_in(doc, lo, hi)
    for k, w in enumerate(words):
        word = w.group()
        if word in SINGULAR_PRONOUNS or word in PLURAL_PRONOUNS:
            out.append(Candidate(w.start(), w.end(), "pronoun"))
        elif word.lower() in DETERMINERS:
            # "the senator", "a campaign spokesman", "the EU's top diplomat": a determiner and up to three
            # words ending in a head noun (or a role the article gives someone), a possessive name among them.
            for j in range(k + 1, min(k + 5, len(words))):
                part = words[j].group()
                if part[0].isupper() and not (j == k + 1 and part.endswith(("'s", "’s"))):
                    break
                if part.lower() in _NOMINAL_HEADS or part.lower() in doc.names.role_heads:
                    out.append(Candidate(w.start(), words[j].end(), "nominal"))
                    break
    out.sort(key=lambda c: c.start)
    # A name inside a nominal qualifies it ("the EU's top diplomat"): the nominal is the candidate.
    nominals = [(c.start, c.end) for c in out if c.kind == "nominal"]
    if nominals:
        out = [c for c in out if c.kind != "name" or not any(a < c.start and c.end <= b for a, b in nominals)]
    # A name that only qualifies the next one is not a speaker: "Monmouth University political scientist
    # Patrick Murray", "Judicial Watch president Tom Fitton", "Florida’s Rick Wilson".
    names = [c for c in out if c.kind == "name"]
    drop = {id(a) for a, b in zip(names, names[1:], strict=False) if _qualifies(doc, a.end, b.start)}
    return [c for c in out if id(c) not in drop]


def _adjective(doc: Doc, mention: Mention) -> bool:
    """True for a nationality or party word qualifying a noun: "Syrian refugees", "Republican leaders"."""
    if not mention.tokens or not all(t in DEMONYMS for t in mention.tokens):
        return False
    m = NEXT_WORD.match(doc.masked, mention.end)
    return bool(m) and m.group(1) not in doc.cues


def _qualifies(doc: Doc, lo: int, hi: int) -> bool:
    """True if masked[lo:hi], between two names, is a possessive or a few role nouns ("campaign manager")."""
    gap = doc.masked[lo:hi]
    if gap.strip() in POSSESSIVE_ENDS or gap.strip() in ("’", "'"):
        return True
    words = gap.split()
    if gap[:2] in POSSESSIVE_ENDS and gap[2:3] in (" ", "\t") and 0 < len(words) - 1 <= 4:
        # "Clinton’s top foreign policy aide Jake Sullivan"
        words = words[1:]
    elif not words or len(words) > 3 or gap[:1] not in " \t":
        return False
    if any(ch in gap for ch in ',;:.()\u2591"“”'):
        return False
    return all(is_role_word(doc, w) for w in words)


def is_role_word(doc: Doc, word: str, *, participle: bool = False) -> bool:
    """A lowercase word that can be part of a role before a name ("political scientist", "pollster");
    with `participle`, also an -ed adjective ("retired Army Lt. Gen.")."""
    return (
        word.replace("-", "").isalpha()
        and word.islower()
        and word not in doc.cues
        and word not in NOT_VERBS
        and word not in CLAUSE_OPENERS
        and word not in DETERMINERS
        and not is_gap_word(word)
        and (participle or not word.endswith("ed"))
    )


def name_opening(doc: Doc, pos: int, hi: int) -> Mention | None:
    """The name mention starting exactly at pos and ending by hi: 'Nate Silver' in 'Nate Silver, the …'."""
    return next((m for m in doc.names.mentions_in(pos, hi) if m.start == pos and m.tokens), None)


def mention_speaker(doc: Doc, mention: Mention) -> SpeakerMention:
    """A name mention as a speaker: its full name resolved, its own offsets."""
    resolved = doc.names.resolve(mention)
    return SpeakerMention(resolved.name, mention.start, mention.end, resolved.id)


def speaker_from(doc: Doc, cand: Candidate) -> SpeakerMention | None:
    if cand.kind == "name" and cand.mention is not None:
        return mention_speaker(doc, cand.mention)
    if cand.kind == "pronoun":
        word = doc.text[cand.start : cand.end]
        if word in PLURAL_PRONOUNS or word.lower() in PLURAL_PRONOUNS:
            return None
        antecedent = _antecedent(doc, cand.start, _GENDERS.get(word.lower()))
        if antecedent is None:
            return None
        return SpeakerMention(antecedent.name, cand.start, cand.end, antecedent.id)
    if cand.kind == "nominal":
        words = doc.text[cand.start : cand.end].split()
        head = words[-1]
        role = doc.names.resolve_role_phrase(words, cand.start)
        if role is None and head.lower() in ROLE_NOUNS:
            role = doc.names.resolve_role(head, cand.start)
        if role is not None:
            return SpeakerMention(role.name, cand.start, cand.end, role.id)
    return None


def _gender(doc: Doc, mention: Mention, resolved: Resolved) -> str | None:
    """'m' or 'f' from a courtesy title ("Mrs. Clinton") or a common given name, else None."""
    title = doc.text[max(0, mention.start - 5) : mention.start + 5]
    if re.search(r"\b(?:Mrs|Ms)\.", title):
        return "f"
    if re.search(r"\bMr\.", title):
        return "m"
    first = resolved.name.split()[0] if resolved.name else ""
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None


def _antecedent(doc: Doc, pos: int, gender: str | None = None) -> Resolved | None:
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


def surely_a_name(mention: Mention) -> bool:
    """A name for certain: several words, or one word away from the start of a sentence ("Members" is not)."""
    return len(mention.tokens) >= 2 or not mention.sentence_initial


def surely_a_person(doc: Doc, mention: Mention) -> bool:
    return doc.names.resolve(mention).person
