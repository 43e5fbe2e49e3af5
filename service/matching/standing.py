"""What a match is worth as evidence: the standing of its source, and one statement's several appearances.

A quote stored from an unvetted source (a draft, a hand entry, a bulk import without a standing) says
only that someone stored those words. When a primary or publication source gives the same passage in
other words, or from another speaker, the vetted source is the evidence: the unvetted quote is shown
after it, marked as contradicted, and can never give the claim its verdict. Pure: no SQL, no Flask.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from service.matching.text import words

if TYPE_CHECKING:
    from service.matching.judge import Candidate, Match

PRIMARY = "primary"
PUBLICATION = "publication"
UNVETTED = "unvetted"
STANDINGS = (PRIMARY, PUBLICATION, UNVETTED)


def is_vetted(candidate: Candidate) -> bool:
    """True unless the quote's source is unvetted (a candidate of no stated standing counts as vetted)."""
    return candidate.standing != UNVETTED


# Every stored quote of the matched speaker is compared with the match (verification._every_appearance):
# up to OWN_QUOTES_MAX (5,000) texts, so the next claim about the same person finds them folded already.
@lru_cache(maxsize=8192)
def _padded(text: str) -> str:
    return " " + " ".join(words(text)) + " "


# ASCII bytes that are neither letters nor digits: deleted by one bytes.translate, in C.
_NOT_LETTER_OR_DIGIT = bytes(c for c in range(128) if not chr(c).isalnum())
# Characters outside ASCII that are not part of any word (curly quotes, dashes, ellipses, odd spaces):
# text.words splits at them or deletes them, so they carry no letters.
_NON_ASCII_SEPARATORS = re.compile(r"[^\x00-\x7f\w]+")


def _letters(text: str) -> bytes | None:
    """The letters and digits of a text whose words are ASCII, lower case, in a microsecond or less
    (no cache); None for a text with a word outside ASCII, whose folding may change its letters."""
    if not text.isascii():
        text = _NON_ASCII_SEPARATORS.sub("", text)
        if not text.isascii():
            return None
    return text.encode("ascii").lower().translate(None, _NOT_LETTER_OR_DIGIT)


def same_statement(a: Candidate, b: Candidate) -> bool:
    """True when two stored quotes are one statement: one speaker, one's folded words within the other's."""
    if a.speaker.id != b.speaker.id:
        return False
    return bool(copies_of(a, [(b.quote_id, b.text)]))


def copies_of(statement: Candidate, texts: Iterable[tuple[int, str]]) -> list[int]:
    """The ids of ``texts`` (``(quote_id, text)`` of the statement's own speaker) that are the statement:
    one's folded words within the other's."""
    mine = _padded(statement.text)
    if not mine.strip():
        return []
    # For texts whose words are ASCII, the letters and digits of the folded words are the text's own
    # (checked on all 914,631 texts of the 1M benchmark archive), so one's words cannot lie within the
    # other's unless one's letters lie within the other's: a check a hundred times cheaper than folding,
    # for the many that fail it.
    letters = _letters(statement.text)
    found = []
    for quote_id, text in texts:
        theirs = _letters(text) if letters is not None else None
        if theirs is not None and theirs not in letters and letters not in theirs:
            continue
        padded = _padded(text)
        if mine in padded or padded in mine:
            found.append(quote_id)
    return found


def weigh_standing(matches: Sequence[Match]) -> list[Match]:
    """The matches with every unvetted one that a vetted match contradicts moved below the vetted ones.

    Two matches of one claim quote the same passage; if a vetted one is not the same statement as an
    unvetted one (other words, or another speaker), the unvetted one is ``contradicted_by`` it and is
    shown as a suggestion at most.
    """
    vetted = [m for m in matches if is_vetted(m.candidate)]
    kept: list[Match] = []
    demoted: list[Match] = []
    for m in matches:
        against = None if is_vetted(m.candidate) else _contradiction(m, vetted)
        if against is None:
            kept.append(m)
        else:
            demoted.append(
                dataclasses.replace(m, contradicted_by=against.candidate.quote_id, confidence="suggestion")
            )
    return kept + demoted


def _contradiction(match: Match, vetted: Sequence[Match]) -> Match | None:
    if any(same_statement(match.candidate, v.candidate) for v in vetted):
        return None
    return vetted[0] if vetted else None


def group_appearances(matches: Sequence[Match]) -> list[Match]:
    """One match a statement: a later match that is the same statement becomes an appearance of the first."""
    grouped: list[Match] = []
    for m in matches:
        for i, kept in enumerate(grouped):
            if same_statement(kept.candidate, m.candidate):
                grouped[i] = dataclasses.replace(kept, appearances=(*kept.appearances, m.candidate))
                break
        else:
            grouped.append(m)
    return grouped
