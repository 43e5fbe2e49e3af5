"""Verify a claim against the stored quotes: search (candidates) → matching (verdict) → plain dicts.

This is the one path every caller takes: the API, the CLI, the benchmarks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from service import matching
from service.models import Quote, Speaker
from service.search import query_index

_LOAD = (
    selectinload(Quote.speaker).selectinload(Speaker.aliases),
    selectinload(Quote.speaker).selectinload(Speaker.roles),
    selectinload(Quote.source),
    selectinload(Quote.translation_of).selectinload(Quote.speaker),
    selectinload(Quote.translation_of).selectinload(Quote.source),
    selectinload(Quote.translations).selectinload(Quote.speaker),
    selectinload(Quote.translations).selectinload(Quote.source),
)


def person(speaker: Speaker) -> matching.Person:
    """The engine's view of a stored speaker."""
    return matching.Person(
        id=speaker.id,
        name=speaker.name,
        aliases=tuple(a.alias for a in speaker.aliases),
        roles=tuple(
            matching.Role(
                title=r.title,
                organisation=r.organisation,
                start=r.start_date,
                end=r.end_date,
                aliases=tuple(r.aliases or ()),
            )
            for r in speaker.roles
        ),
    )


def candidate(quote: Quote) -> matching.Candidate:
    """The engine's view of a stored quote (and of its original, when it is a translation)."""
    original = quote.translation_of
    return matching.Candidate(
        quote_id=quote.id,
        text=quote.text,
        speaker=person(quote.speaker),
        kind=quote.kind,
        said_on=quote.said_on or (quote.source.published_at if quote.source else None),
        language=quote.language,
        translation_of=candidate(original) if original is not None else None,
        translation_provenance=quote.translation_provenance,
    )


def load_quotes(session: Session, ids: Sequence[int]) -> dict[int, Quote]:
    """The quotes with these ids, with all the engine and the response need, in one round of queries."""
    if not ids:
        return {}
    rows = session.scalars(select(Quote).where(Quote.id.in_(ids)).options(*_LOAD))
    return {q.id: q for q in rows}


def verify(
    session: Session, claim: str, *, speaker: str | None = None, said_on: date | None = None, limit: int = 5
) -> dict:
    """The verification of one claim, as a plain dict in the shape of the API's response."""
    ids = query_index(session, claim)
    quotes = load_quotes(session, ids)
    judgement = matching.judge(
        matching.Claim(text=claim, speaker=speaker, said_on=said_on),
        [candidate(quotes[i]) for i in ids if i in quotes],
        limit=limit,
    )
    return {
        "claim": claim,
        "speaker": speaker,
        "verdict": judgement.verdict,
        "matches": [match_dict(m, quotes[m.candidate.quote_id]) for m in judgement.matches],
    }


def match_dict(match: matching.Match, quote: Quote) -> dict:
    """One match as the API shows it."""
    original = quote.translation_of
    return {
        "quote": quote,
        "score": round(match.score, 1),
        "verdict": match.verdict,
        "confidence": match.confidence,
        "speaker_matches": match.speaker_matches,
        "span": {"start": match.span[0], "end": match.span[1]},
        "diff": [{"op": d.op, "claim": d.claim, "quote": d.quote} for d in match.diff],
        "gaps": [{"kind": g.kind, "claim": g.claim, "quote": g.quote} for g in match.gaps],
        "translation": None
        if original is None
        else {
            "provenance": quote.translation_provenance,
            "editorial": quote.translation_provenance != "official",
            "original_text": original.text,
            "original_language": original.language,
        },
    }
