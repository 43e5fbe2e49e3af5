"""Drafts and articles: extract their quotations (pure) and verify each against the index.

Extraction knows only the text; the newsroom's speakers come from the database, but only those the
text can mean: names and aliases that appear in it as runs of capitalised words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from service import deadline, extract, store
from service.filters import NO_FILTERS, Filters
from service.language import detect_language
from service.models import Speaker, SpeakerAlias
from service.verification import verify

# Runs of up to five capitalised words (names, titles), allowing particles such as "van", "bin", "de".
_NAME_RUN = re.compile(
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:(?:van|von|de|da|del|der|bin|binti|al|la|le)\s+)?[A-Z][\w'’.-]*){0,4}"
)
# At most this many distinct name strings are looked up for one text: a 200k-character draft has
# a few thousand capitalised runs; beyond this the lookup costs more than the resolution gains.
MAX_NAME_LOOKUPS = 5_000
# At most this many distinct quotations of one draft are verified (~5-20 ms each here): a long feature
# (30,000 words) has ~200; a 200,000-character draft of nothing but quotation marks has thousands, and
# would hold a worker for a minute. The rest are listed, unverified, and counted.
MAX_VERIFIED_QUOTATIONS = 200


def _name_strings(text: str) -> set[str]:
    """Every run of capitalised words in ``text``, and each of its contiguous sub-runs."""
    found: set[str] = set()
    for m in _NAME_RUN.finditer(text):
        parts = m.group().rstrip(".").split()
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                found.add(" ".join(parts[i:j]).rstrip(".,"))
                if len(found) >= MAX_NAME_LOOKUPS:
                    return found
    return found


def known_speakers(session: Session, text: str) -> list[extract.KnownSpeaker]:
    """The stored speakers whose name or an alias appears in ``text``, as extraction knows them."""
    names = sorted(_name_strings(text))
    if not names:
        return []
    speakers: dict[int, Speaker] = {}
    for chunk in (names[i : i + 500] for i in range(0, len(names), 500)):
        stmt = (
            select(Speaker)
            .outerjoin(SpeakerAlias)
            .where(or_(Speaker.name.in_(chunk), SpeakerAlias.alias.in_(chunk)))
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
        )
        speakers.update((s.id, s) for s in session.scalars(stmt).unique())
    return [
        extract.KnownSpeaker(
            id=s.id,
            name=s.name,
            aliases=tuple(a.alias for a in s.aliases),
            titles=tuple(t for r in s.roles for t in (r.title, *(r.aliases or ()))),
        )
        for s in speakers.values()
    ]


def extract_from(session: Session, text: str, *, language: str | None = None) -> list[extract.ExtractedQuote]:
    """The quotations and reported statements of ``text``, speakers resolved against the stored ones.

    Without a ``language``, the text's own (detected) chooses the speech verbs looked for.
    """
    return extract.extract_quotes(
        text, known_speakers=known_speakers(session, text), language=language or detect_language(text)
    )


def check_draft(
    session: Session,
    text: str,
    *,
    language: str | None = None,
    limit: int = 3,
    filters: Filters = NO_FILTERS,
) -> dict:
    """Every quotation of a draft, where it stands, who it is attributed to, and its verification.

    The same words attributed to the same speaker are verified once. Past MAX_VERIFIED_QUOTATIONS
    distinct ones, quotations are listed with ``verification`` null (and counted in ``not_verified``).
    """
    quotes = []
    summary: Counter[str] = Counter()
    results: dict[tuple[str, str | None], dict] = {}
    not_verified = 0
    for q in extract_from(session, text, language=language):
        deadline.check()
        speaker = q.speaker
        asked = (q.text, speaker.name if speaker else None)
        if asked not in results and len(results) < MAX_VERIFIED_QUOTATIONS:
            results[asked] = verify(session, asked[0], speaker=asked[1], limit=limit, filters=filters)
        result = results.get(asked)
        if result is None:
            not_verified += 1
        else:
            summary[result["verdict"]] += 1
        quotes.append(
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": None
                if speaker is None
                else {"name": speaker.name, "id": speaker.id, "start": speaker.start, "end": speaker.end},
                "verification": None
                if result is None
                else {"verdict": result["verdict"], "matches": result["matches"]},
            }
        )
    return {"quotes": quotes, "summary": dict(summary), "not_verified": not_verified}


def drafts_for_source(
    session: Session, body: str, *, language: str | None = None, given: Iterable[store.QuoteDraft] = ()
) -> list[store.QuoteDraft]:
    """The quotes to store with an ingested article: those given, then those extracted from its body.

    Extracted quotes are in the article's language: the one given, else the one detected in ``body``.
    """
    language = language or detect_language(body)
    extracted = store.drafts_from_extraction(
        extract_from(session, body, language=language), language=language
    )
    given = list(given)
    seen = {(d.text, d.speaker) for d in given}
    return given + [d for d in extracted if (d.text, d.speaker) not in seen]


def preview_source(session: Session, fields: dict) -> dict:
    """What ``POST /sources`` would store for ``fields``, without storing anything."""
    given = [store.QuoteDraft.from_fields(q) for q in fields["quotes"]]
    quotes = [
        {"text": d.text, "kind": d.kind, "speaker": d.speaker, "start": None, "end": None, "extracted": False}
        for d in given
    ]
    seen = {(d.text, d.speaker) for d in given}
    if fields.get("extract") and fields.get("body"):
        for q in extract_from(session, fields["body"], language=fields.get("language")):
            if q.speaker is None or (q.text, q.speaker.name) in seen:
                continue
            seen.add((q.text, q.speaker.name))
            quotes.append(
                {
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker.name,
                    "start": q.start,
                    "end": q.end,
                    "extracted": True,
                }
            )
    for q in quotes:
        speaker = store.find_speaker(session, q["speaker"])
        q["speaker_id"] = speaker.id if speaker else None
    source = {k: fields.get(k) for k in ("url", "title", "publisher", "author", "published_at", "language")}
    return {"stored": False, "source": source, "quotes": quotes}
