"""Verify a claim against the stored quotes: search (candidates) → matching (verdict) → plain dicts.

This is the one path every caller takes: the API, the CLI, the benchmarks. The words go first (the
word index's candidates, judged by matching.judge); a claim they find nothing for goes on to its
meaning (meaning_verification). Candidates are read as plain rows (candidates.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from service import deadline, matching
from service.candidates import BY_ORIGINAL, candidate_texts, load_candidates, quote_rows
from service.filters import NO_FILTERS, Filters
from service.match_view import brief, match_dict, meaning_match_dict
from service.matching.explain import explanation
from service.meaning_verification import by_meaning
from service.models import Quote, Speaker
from service.search import plan, query_index

# With filters, retrieval ranks this many quotes and the filtered query keeps the best plan.CANDIDATES
# of those that pass: a filter leaving one quote in twenty still leaves the engine its usual hundred.
FILTERED_CANDIDATES = 2_000


# At most this many quotes of the claimed speaker are looked at when retrieval found none of theirs that
# matches: a prolific Goodreads author has a few thousand in Quotes-500K; their texts are only shortlisted
# (substring tests), so a few thousand cost a few milliseconds, paid only by claims about to be called
# misattributed or unverified.
OWN_QUOTES_MAX = 5_000
# Speakers of one surname read to count its people: beyond this many, the surname is plainly shared.
SURNAME_PEOPLE_MAX = 200

_OF_SURNAMES = select(Speaker.id, Speaker.name, Speaker.surname_key).where(
    Speaker.surname_key.in_(bindparam("keys", expanding=True))
)
_QUOTES_OF = (
    select(Quote.id)
    .where(Quote.speaker_id.in_(bindparam("ids", expanding=True)))
    .order_by(Quote.id)
    .limit(bindparam("limit"))
)


def claimed_speakers(
    session: Session, speaker: str | None
) -> tuple[dict[str, int], list[matching.Person], frozenset[int]]:
    """For a claimed speaker: how many people bear each of its surnames, the stored speakers it may be,
    and the ids of those it is exactly (``Claim.speaker_named``)."""
    if not speaker or not speaker.strip():
        return {}, [], frozenset()
    keys = sorted({r.surname for r in matching.read_name(speaker) if r.surname})
    if not keys:
        return {}, [], frozenset()
    stmt = _OF_SURNAMES.limit(SURNAME_PEOPLE_MAX * len(keys))
    found = session.connection().execute(stmt, {"keys": keys}).all()
    by_key: dict[str, list[str]] = defaultdict(list)
    for _, name, key in found:
        by_key[key].append(name)
    people = {key: matching.count_people(by_key[key]) for key in keys}
    persons = [matching.Person(id=sid, name=name, surname=key) for sid, name, key in found]
    found_as = [(p, matching.speaker_match(speaker, p, people_of_surname=people)) for p in persons]
    agreeing = [p for p, m in found_as if m.agrees]
    return people, agreeing, frozenset(p.id for p, m in found_as if m.level == "exact")


def verify(
    session: Session,
    claim: str,
    *,
    speaker: str | None = None,
    said_on: date | None = None,
    limit: int = 5,
    filters: Filters = NO_FILTERS,
) -> dict:
    """The verification of one claim, as a plain dict in the shape of the API's response.

    ``filters`` leave quotes out of the candidates (in the query that reads them) and, with
    ``min_score``, weak matches out of the answer.
    """
    deadline.check()
    subject = matching.Claim(text=claim, speaker=speaker, said_on=said_on)
    narrowed = filters.narrows_candidates()
    pool = FILTERED_CANDIDATES if narrowed else plan.CANDIDATES
    people, claimed, named = claimed_speakers(session, speaker)
    subject = dataclasses.replace(subject, speaker_named=named)
    judgement, rows = _judge(
        session, subject, query_index(session, claim, limit=pool), limit, filters, people=people
    )
    if not judgement.matches and len(matching.words(claim)) >= matching.MIN_CONFIRM_WORDS:
        # Nothing the rare words found is the quote: a claim of common words whose rarest word is the
        # writer's own. A wider look, paid only by claims that match nothing (plan.WIDE_TERMS).
        deadline.check()
        wide_pool = max(pool, plan.WIDE_CANDIDATES)
        wide = query_index(session, claim, limit=wide_pool, wide=True)
        if wide:
            judgement, rows = _judge(
                session, subject, wide, limit, filters, keep=plan.WIDE_CANDIDATES, people=people
            )
    top_agrees = bool(judgement.matches) and judgement.matches[0].speaker_matches
    if claimed and not top_agrees:
        # Before saying someone else said it (or nothing did): the claimed speaker's own quotes. Common
        # words may hide them from retrieval ("The more we do, the more we can do", William Hazlitt).
        own = [
            qid
            for (qid,) in session.connection().execute(
                _QUOTES_OF, {"ids": [p.id for p in claimed], "limit": OWN_QUOTES_MAX}
            )
        ]
        if own:
            retrieved = [m.candidate.quote_id for m in judgement.matches]
            pool_ids = list(dict.fromkeys([*own, *retrieved]))
            again, again_rows = _judge(
                session, subject, pool_ids, limit, filters, keep=len(pool_ids), people=people
            )
            if again.matches and again.matches[0].speaker_matches:
                judgement, rows = again, again_rows
    # Words that found the claim's quote keep the answer, even when min_score then leaves it out.
    found_by_words = bool(judgement.matches)
    if filters.min_score is not None:
        kept = tuple(m for m in judgement.matches if m.score >= filters.min_score)
        judgement = matching.Judgement(
            kept[0].verdict if kept else "unverified", kept, kept[0].reasons if kept else ("no_match",)
        )
    if judgement.matches:
        first = _every_appearance(session, judgement.matches[0], rows, filters)
        judgement = dataclasses.replace(judgement, matches=(first, *judgement.matches[1:]))
    translated = [
        m.candidate.quote_id for m in judgement.matches if rows[m.candidate.quote_id]["has_translations"]
    ]
    translations = _translations(session, translated)
    matches = [match_dict(m, rows, translations) for m in judgement.matches]
    verdict = judgement.verdict
    reasons = list(judgement.reasons)
    related: list[dict] = []
    if not found_by_words:
        # The words found nothing the claim comes from: what it means may still be stored, in other words
        # or in another language. A claim the words answer is judged as before, at no extra cost.
        meant, related, meaning_rows = by_meaning(
            session, subject, limit=limit, filters=filters, people=people
        )
        if meant:
            matches = [meaning_match_dict(m, meaning_rows) for m in meant]
            verdict = meant[0].verdict
            reasons = [r for r in reasons if r != "no_match"] + matches[0]["reasons"]
        elif any(r["figures_differ"] for r in related):
            reasons.append("figures_differ")
        elif any(r["says_opposite"] for r in related):
            reasons.append("says_opposite")
    top = matches[0] if matches else None
    # The person the claimed name is, when the archive knows them and they are not the quote's speaker.
    others = [p for p in claimed if top is None or p.id != top["quote"]["speaker"]["id"]]
    claimed_person = others[0].name if len(others) == 1 else None
    for m in matches:
        m["explanation"] = explanation(
            m["verdict"], m["reasons"], m, claimed=speaker, said_on=said_on, claimed_person=claimed_person
        )
    return {
        # What was asked, echoed: every request field that shaped the answer.
        "claim": claim,
        "speaker": speaker,
        "said_on": said_on,
        "limit": limit,
        "verdict": verdict,
        # Why, machine-readable (a plain list: later stages append theirs), and in one sentence.
        "reasons": reasons,
        "explanation": explanation(
            verdict, reasons, top, claimed=speaker, said_on=said_on, claimed_person=claimed_person
        ),
        "speaker_match": top["speaker_match"] if top else None,
        # What the verdict rests on: its match's best source standing, and where that statement appeared.
        "evidence_standing": top["standing"] if top else None,
        "first_appearance": top["first_appearance"] if top else None,
        "appearances": top["appearances"] if top else [],
        "matches": matches,
        "related": related,
    }


_TEXTS_OF_SPEAKER = (
    select(Quote.id, Quote.text)
    .where(Quote.speaker_id == bindparam("speaker"))
    .order_by(Quote.id)
    .limit(bindparam("limit"))
)


def _every_appearance(
    session: Session, match: matching.Match, rows: dict[int, dict], filters: Filters = NO_FILTERS
) -> matching.Match:
    """The match with every stored copy of its statement as an appearance, not only those retrieved.

    The engine groups the candidates retrieval brought (plan.CANDIDATES of them, best words first): a
    copy stored under other punctuation or as a longer passage may rank below them. The chosen
    statement's speaker's quotes (at most OWN_QUOTES_MAX, their texts only) are read and each one that is
    the same statement (matching.same_statement) and passes ``filters`` (as candidates must) joins;
    ``rows`` gains their rows.
    """
    top = match.candidate
    known = {c.quote_id for c in (top, *match.appearances)}
    texts = (
        session.connection()
        .execute(_TEXTS_OF_SPEAKER, {"speaker": top.speaker.id, "limit": OWN_QUOTES_MAX})
        .all()
    )
    found = matching.copies_of(top, ((quote_id, text) for quote_id, text in texts if quote_id not in known))
    if found and filters.narrows_candidates():
        found = candidate_texts(session, found, filters, len(found))[0]
    if not found:
        return match
    copies, copy_rows = load_candidates(session, found, speakers=False)
    rows.update(copy_rows)
    return dataclasses.replace(match, appearances=(*match.appearances, *copies))


def verify_many(
    session: Session, claims: Sequence[dict], *, limit: int = 3, filters: Filters = NO_FILTERS
) -> list[dict]:
    """The verification of each claim (``claim``, ``speaker``, ``said_on``), in order.

    A claim asked twice (same words, speaker and date) is verified once.
    """
    done: dict[tuple, dict] = {}
    results = []
    for fields in claims:
        asked = (fields["claim"], fields.get("speaker"), fields.get("said_on"))
        if asked not in done:
            done[asked] = verify(
                session, asked[0], speaker=asked[1], said_on=asked[2], limit=limit, filters=filters
            )
        results.append(done[asked])
    return results


def _judge(
    session: Session,
    claim: matching.Claim,
    ids: list[int],
    limit: int,
    filters: Filters = NO_FILTERS,
    *,
    keep: int = plan.CANDIDATES,
    people: dict[str, int] | None = None,
) -> tuple[matching.Judgement, dict[int, dict]]:
    """The engine's judgement of the claim on these retrieved quotes, and the rows of its candidates."""
    ids, texts = candidate_texts(session, ids, filters, keep)
    shortlisted = matching.shortlist(claim.text, (texts[i] for i in ids if i in texts))
    worth = set(shortlisted)
    # Full rows (speaker, source, originals of translations) for the texts the engine will look at.
    candidates, rows = load_candidates(
        session,
        [i for i in ids if i in texts and texts[i] in worth],
        speakers=bool(claim.speaker and claim.speaker.strip()),
    )
    judgement = matching.judge(
        claim, candidates, limit=limit, shortlisted=shortlisted, people_of_surname=people
    )
    return judgement, rows


def _translations(session: Session, quote_ids: Sequence[int]) -> dict[int, list[dict]]:
    if not quote_ids:
        return {}
    by_original: dict[int, list[dict]] = defaultdict(list)
    for row in sorted(quote_rows(session, BY_ORIGINAL, quote_ids).values(), key=lambda r: r["id"]):
        by_original[row["translation_of_id"]].append(brief(row))
    return by_original
