"""Drafts and articles: extract their quotations (pure) and verify each against the index.

Extraction knows only the text; the newsroom's speakers come from the database, but only those the
text can mean: names and aliases that appear in it as runs of capitalised words.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping

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
# At most this many stored people are read for the Chinese and Japanese surnames beside a draft's
# quotations (extract.cjk.titled_surnames): enough to tell one bearer from two, bounded for a common one.
MAX_SURNAME_BEARERS = 200
# At most this many distinct quotations of one draft are verified (~5-20 ms each when the words find
# the quote): a long feature (30,000 words) has ~200; a 200,000-character draft of nothing but quotation
# marks has thousands, and would hold a worker for a minute.
MAX_VERIFIED_QUOTATIONS = 200
# A quotation longer than a claim may be (the verify API takes 5,000 characters) is not verified: it is a
# quotation mark left open, running to the end of its paragraph or of the draft, which no stored quote is.
# Verifying the 200,000 characters of a draft with one unbalanced "“" took 20 s (bench/worst_case.py).
MAX_VERIFIED_CHARS = 5_000
# Wall-clock seconds the verifications of one draft may take together; the quotations left when they are
# spent are listed, not verified. A quotation the words do not find costs ~0.1-0.5 s here (its meaning is
# looked up too), so 200 such quotations took 54 s. Issue 12's target for a 200,000-character check is
# 3 s; extraction of the worst such draft takes ~1-2 s of it on this machine (bench/worst_case.py), which
# leaves this much for verifying. Deployments change it with QUOTETRACE_CHECK_SECONDS.
VERIFY_SECONDS = 1.5

# Why a listed quotation has no verification (``not_verified_reason``).
OVER_CAP, TOO_LONG, OUT_OF_TIME = "over_cap", "too_long", "out_of_time"


def budget_of(config: Mapping) -> float | None:
    """The seconds of verification a draft gets under an app's ``config`` (its 0 means no limit)."""
    seconds = config.get("CHECK_VERIFY_SECONDS", VERIFY_SECONDS)
    return float(seconds) if seconds else None


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
    names = _name_strings(text)
    # Chinese and Japanese do not space their names off: runs of characters beside quotation marks.
    names |= extract.cjk.name_strings(text, MAX_NAME_LOOKUPS - len(names))
    names = sorted(names)
    if not names:
        return []
    speakers: dict[int, Speaker] = {}
    # A Chinese or Japanese surname with a title (岸田首相): every stored person it may be, in one query,
    # so that extract.cjk reads it as the one person of the archive who bears it, and as nobody when two do.
    surnames = sorted(extract.cjk.titled_surnames(text))
    if surnames:
        stmt = (
            select(Speaker)
            .where(or_(*(Speaker.name.like(f"{s}%") for s in surnames)))
            .options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
            .limit(MAX_SURNAME_BEARERS)
        )
        speakers.update((s.id, s) for s in session.scalars(stmt))
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
    verify_seconds: float | None = VERIFY_SECONDS,
) -> dict:
    """Every quotation of a draft, where it stands, who it is attributed to, and its verification.

    The same words attributed to the same speaker are verified once. The work is bounded: a quotation
    longer than MAX_VERIFIED_CHARS, those past MAX_VERIFIED_QUOTATIONS distinct ones, and those left once
    ``verify_seconds`` are spent (None: no limit) are listed with ``verification`` null and a
    ``not_verified_reason``, and counted in ``not_verified``.
    """
    quotes = []
    summary: Counter[str] = Counter()
    results: dict[tuple[str, str | None], dict] = {}
    not_verified = 0
    extracted = extract_from(session, text, language=language)
    budget_end = None if verify_seconds is None else time.monotonic() + verify_seconds
    out_of_time = False
    for q in extracted:
        deadline.check()
        speaker = q.speaker
        asked = (q.text, speaker.name if speaker else None)
        reason = None
        if asked not in results:
            out_of_time = out_of_time or (budget_end is not None and time.monotonic() >= budget_end)
            if len(q.text) > MAX_VERIFIED_CHARS:
                reason = TOO_LONG
            elif len(results) >= MAX_VERIFIED_QUOTATIONS:
                reason = OVER_CAP
            elif out_of_time:
                reason = OUT_OF_TIME
            else:
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
                else {
                    "verdict": result["verdict"],
                    "reasons": result["reasons"],
                    "explanation": result["explanation"],
                    "matches": result["matches"],
                    "related": result["related"],
                },
                "not_verified_reason": reason,
            }
        )
    return {
        "quotes": quotes,
        "summary": dict(summary),
        "not_verified": not_verified,
        "limits": {
            "max_verified_quotations": MAX_VERIFIED_QUOTATIONS,
            "max_verified_chars": MAX_VERIFIED_CHARS,
            "verify_seconds": verify_seconds,
        },
    }


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
