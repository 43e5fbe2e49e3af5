"""Verify a claim against the stored quotes: search (candidates) → matching (verdict) → plain dicts.

This is the one path every caller takes: the API, the CLI, the benchmarks. It reads plain SQL
rows on the session's connection (Core, not the ORM's execution path): a claim brings up to a
hundred candidates, and building mapped objects for them cost more than search and engine together.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.orm import Session, aliased

from service import deadline, matching
from service.filters import NO_FILTERS, Filters
from service.language import detect_language
from service.match_view import brief, match_dict, meaning_match_dict
from service.matching.explain import explanation
from service.models import Quote, Source, Speaker, SpeakerAlias, SpeakerRole
from service.reads import InQuery
from service.search import plan, query_index, rerank, scored_index, titles, vectors
from service.search.meaning_text import meaning_text

_TRANSLATION = aliased(Quote)
_QUOTE_COLUMNS = (
    Quote.id,
    Quote.text,
    Quote.language,
    Quote.kind,
    Quote.said_on,
    Quote.context,
    Quote.translation_of_id,
    Quote.translation_provenance,
    Quote.speaker_id,
    Speaker.name.label("speaker_name"),
    Speaker.surname_key.label("speaker_surname"),
    Quote.source_id,
    Source.url.label("source_url"),
    Source.title.label("source_title"),
    Source.publisher.label("source_publisher"),
    Source.published_at.label("source_published_at"),
    Source.language.label("source_language"),
    Source.standing.label("source_standing"),
    # Whether any stored quote translates this one: the translations query runs only when one does.
    exists().where(_TRANSLATION.translation_of_id == Quote.id).label("has_translations"),
)


_QUOTES = select(*_QUOTE_COLUMNS).join(Speaker, Quote.speaker_id == Speaker.id).outerjoin(Source)
# Statements built once, with an expanding parameter, run as plain SQL (service.reads).
_BY_ID = InQuery(_QUOTES.where(Quote.id.in_(bindparam("ids", expanding=True))))
_BY_ORIGINAL = InQuery(_QUOTES.where(Quote.translation_of_id.in_(bindparam("ids", expanding=True))))
_LANGUAGES = InQuery(select(Quote.id, Quote.language).where(Quote.id.in_(bindparam("ids", expanding=True))))
# Retrieval brings a hundred candidates; the engine looks closely at a couple of dozen. Only their texts
# are read for all hundred: no joins, no translation check, a fraction of the bytes.
_TEXTS = InQuery(select(Quote.id, Quote.text).where(Quote.id.in_(bindparam("ids", expanding=True))))
_ALIASES = select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(
    SpeakerAlias.speaker_id.in_(bindparam("ids", expanding=True))
)
_ROLES = select(
    SpeakerRole.speaker_id,
    SpeakerRole.title,
    SpeakerRole.organisation,
    SpeakerRole.start_date,
    SpeakerRole.end_date,
    SpeakerRole.aliases,
).where(SpeakerRole.speaker_id.in_(bindparam("ids", expanding=True)))


def _quote_rows(session: Session, query: InQuery, ids: Iterable[int]) -> dict[int, dict]:
    return {row["id"]: row for row in query.dicts(session.connection(), list(ids))}


def _people(
    session: Session,
    speaker_ids: Iterable[int],
    names: dict[int, str],
    *,
    details: bool = True,
    surnames: dict[int, str | None] | None = None,
) -> dict[int, matching.Person]:
    """The engine's view of these speakers: names (with ``surnames``, their stored surname keys), and
    with ``details`` aliases and dated roles."""
    ids = sorted(set(speaker_ids))
    aliases: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[matching.Role]] = defaultdict(list)
    if ids and details:
        for sid, alias in session.connection().execute(_ALIASES, {"ids": ids}):
            aliases[sid].append(alias)
        for sid, title, organisation, start, end, role_aliases in session.connection().execute(
            _ROLES, {"ids": ids}
        ):
            roles[sid].append(
                matching.Role(
                    title=title,
                    organisation=organisation,
                    start=start,
                    end=end,
                    aliases=tuple(role_aliases or ()),
                )
            )
    return {
        sid: matching.Person(
            id=sid,
            name=names[sid],
            aliases=tuple(aliases[sid]),
            roles=tuple(roles[sid]),
            surname=(surnames or {}).get(sid),
        )
        for sid in ids
    }


def _candidate(row: dict, people: dict[int, matching.Person], rows: dict[int, dict]) -> matching.Candidate:
    original = rows.get(row["translation_of_id"]) if row["translation_of_id"] else None
    return matching.Candidate(
        quote_id=row["id"],
        text=row["text"],
        speaker=people[row["speaker_id"]],
        kind=row["kind"],
        said_on=row["said_on"] or row["source_published_at"],
        language=row["language"],
        translation_of=_candidate(original, people, rows) if original else None,
        translation_provenance=row["translation_provenance"],
        standing=row["source_standing"] or matching.UNVETTED,
    )


def load_candidates(
    session: Session, ids: Sequence[int], *, speakers: bool = True
) -> tuple[list[matching.Candidate], dict[int, dict]]:
    """Candidates for these quote ids, in the given order, and the rows they were made from.

    Without ``speakers`` the candidates' speakers carry only their names: enough to judge a claim
    that names no speaker, and two queries fewer.
    """
    if not ids:
        return [], {}
    rows = _quote_rows(session, _BY_ID, ids)
    missing = {r["translation_of_id"] for r in rows.values() if r["translation_of_id"]} - rows.keys()
    if missing:
        rows.update(_quote_rows(session, _BY_ID, missing))
    people = _people(
        session,
        (r["speaker_id"] for r in rows.values()),
        {r["speaker_id"]: r["speaker_name"] for r in rows.values()},
        details=speakers,
        surnames={r["speaker_id"]: r["speaker_surname"] for r in rows.values()},
    )
    return [_candidate(rows[i], people, rows) for i in ids if i in rows], rows


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
        meant, related, meaning_rows = _by_meaning(
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


# Nearest quotes by meaning brought to the fusion with the word index's candidates.
VECTOR_CANDIDATES = 30
# With filters, this many nearest quotes are looked at, and those close enough to be related are filtered
# in SQL: a filter leaving one quote in thirty still leaves the fusion its usual thirty.
FILTERED_VECTOR_CANDIDATES = 1_000
# Weight of the words' score (the claim's words in the quote and in its source title, scaled to the best
# candidate's; lexical_scores) added to the cosine similarity in the fused ranking. Chosen with TITLE_WEIGHT
# on CheckThat! 2021 2A and 2B *train*, never on dev (bench/claim_retrieval.py --split train --sweep
# --lexical-weight W ... --title-weight T ...), at RELATED_MIN_SIMILARITY. MAP@5 2A/2B: 0.813/0.510 at
# 0.30 with titles at 0.5 (the best sum), 0.799/0.512 at 0.15, 0.801/0.514 at 0.15 with titles at 1.0,
# 0.783/0.505 at 0.15 without titles (the weight chosen before the titles were looked at).
LEXICAL_WEIGHT = 0.30
# Lexical candidates (the topical look) brought into the fusion: their vectors are read by id. CheckThat!
# 2A train MAP@5 0.767 with 30, 0.772 with 100; 100 nearest vectors instead of 30 added nothing.
LEXICAL_CANDIDATES = 100


# Weight of the source titles' words against the quote's own (each scaled to its best candidate) in the
# words' score the fusion adds: chosen with LEXICAL_WEIGHT, above (0.5 of 0, 0.5, 1 and 2).
TITLE_WEIGHT = 0.5
# Quotes the source titles bring into the fusion (as many as the topical look).
TITLE_CANDIDATES = 100


def lexical_scores(
    words: Sequence[tuple[int, float]],
    titled: Sequence[tuple[int, float]],
    *,
    title_weight: float = TITLE_WEIGHT,
) -> list[tuple[int, float]]:
    """The words' score of each candidate: its quote's words, plus ``title_weight`` × its source title's."""
    best_words = max((v for _, v in words), default=0.0) or 1.0
    best_title = max((v for _, v in titled), default=0.0) or 1.0
    score = {q: v / best_words for q, v in words}
    for q, v in titled:
        score[q] = score.get(q, 0.0) + title_weight * v / best_title
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))


# Weight of the second model's similarity (rerank.py: multilingual-e5-small, which orders statements in
# other words better than the first) in the fused ranking. Chosen on CheckThat! 2021 2A and 2B *train*,
# the other weights kept (bench/claim_retrieval.py --split train --sweep --rerank-weight W ...
# --rerank-related-min R ...), MAP@5 2A/2B with a floor of 0.85: 0.820/0.513 at 0 (the first model
# alone), 0.846/0.530 at 2, 0.856/0.536 at 4 (the best sum), 0.860/0.530 at 8. Asked only for a claim
# nothing matches (_by_meaning), so that no verdict can change with it, and with the floors below:
# 0.870/0.539 on train.
RERANK_WEIGHT = 4.0
# The second model's similarity from which a quote in the claim's language is related although the first
# model finds it below RELATED_MIN_SIMILARITY. Chosen on CheckThat! 2021 2A and 2B *train* (sweep with
# --rerank-related-min, the claims nothing matches): MAP@5 0.873/0.542 at 0.80, 0.870/0.539 at 0.82,
# 0.868/0.538 at 0.83, 0.856/0.535 at 0.85; without it 0.847/0.533. The lower 0.80 gains 0.003 a task
# more and lists more statements a reader must read through.
RERANK_RELATED_MIN_SIMILARITY = 0.82
# The same for a quote in another language: e5's similarities across languages are bunched high, an
# unrelated statement reaching 0.79-0.82 (tests/test_meaning.py's archive), so the floor is above them.
RERANK_RELATED_MIN_SIMILARITY_OTHER_LANGUAGE = 0.85


def ranked_by_meaning(
    similarity: dict[int, float],
    closeness: dict[int, float] | None,
    lexical: Sequence[tuple[int, float]],
    *,
    lexical_weight: float = LEXICAL_WEIGHT,
    rerank_weight: float = RERANK_WEIGHT,
    related_min: float = matching.RELATED_MIN_SIMILARITY,
    rerank_related_min: float = RERANK_RELATED_MIN_SIMILARITY,
    other_language: Collection[int] = (),
) -> list[int]:
    """The pool's quotes close enough to be related, best first: the first model's similarity fused with
    the words' score and, when the second model's similarities are given (``closeness``), theirs.
    ``other_language``: the quotes in another language than the claim, which need the second model's
    higher floor for that."""
    fused = vectors.fuse(
        similarity, lexical, lexical_weight=lexical_weight, closeness=closeness, rerank_weight=rerank_weight
    )
    if closeness is None:
        return [q for q in fused if similarity[q] >= related_min]
    foreign = set(other_language)
    foreign_min = max(rerank_related_min, RERANK_RELATED_MIN_SIMILARITY_OTHER_LANGUAGE)
    return [
        q
        for q in fused
        if similarity[q] >= related_min
        or closeness[q] >= (foreign_min if q in foreign else rerank_related_min)
    ]


def _in_other_language(session: Session, ids: Collection[int], claim_language: str | None) -> set[int]:
    """Which of these quotes are in another language than the claim (one of unknown language is not)."""
    rows = _LANGUAGES.rows(session.connection(), list(ids))
    return {q for q, language in rows if matching.same_language(claim_language, language) is False}


def meaning_pool(
    session: Session, claim_text: str, *, k: int = VECTOR_CANDIDATES
) -> tuple[dict[int, float], list[tuple[int, float]], list[tuple[int, float]]]:
    """The claim's ``k`` nearest quotes, and the candidates of its words and of the source titles: the
    similarity of each, the words' scores, the titles' scores."""
    read = meaning_text(claim_text)
    vector = vectors.embed([read])[0]
    similarity = dict(vectors.nearest(session, vector, k=k))
    if not similarity:
        return {}, [], []
    words = scored_index(session, read, limit=LEXICAL_CANDIDATES, topic=True)
    url = session.get_bind().url.render_as_string(hide_password=False)
    titled = titles.title_scores(vectors.index_path(url), read, limit=TITLE_CANDIDATES)
    unseen = list(dict.fromkeys(q for q, _ in (*words, *titled) if q not in similarity))
    similarity.update(vectors.similarities(session, vector, unseen))
    return similarity, words, titled


def _by_meaning(
    session: Session,
    claim: matching.Claim,
    *,
    limit: int,
    filters: Filters = NO_FILTERS,
    people: dict[str, int] | None = None,
) -> tuple[list[matching.MeaningMatch], list[dict], dict[int, dict]]:
    """Quotes that say what the claim says (vectors fused with the words' candidates), and related ones.

    ``filters`` leave quotes out as they do for the words; ``min_score`` applies to 100 × the similarity.
    """
    narrowed = filters.narrows_candidates()
    k = FILTERED_VECTOR_CANDIDATES if narrowed else VECTOR_CANDIDATES
    similarity, words, titled = meaning_pool(session, claim.text, k=k)
    lexical = lexical_scores(words, titled)
    speakers = bool(claim.speaker and claim.speaker.strip())
    claim_language = detect_language(claim.text)
    reversed_similarity = _reversed_similarity(session, claim.text, claim_language, similarity)

    # Candidates loaded once: a claim nothing matches is judged a second time, mostly on the same quotes.
    loaded: dict[int, matching.Candidate] = {}
    rows: dict[int, dict] = {}
    languages: dict[int, str | None] = {}

    def judged(closeness: dict[int, float] | None, other_language: Collection[int] = ()):
        fused = ranked_by_meaning(similarity, closeness, lexical, other_language=other_language)
        if narrowed:
            fused = _candidate_texts(session, fused, filters, len(fused))[0][:VECTOR_CANDIDATES]
        new, more = load_candidates(session, [q for q in fused if q not in loaded], speakers=speakers)
        rows.update(more)
        for c in new:
            loaded[c.quote_id] = c
            languages[c.quote_id] = _language(rows[c.quote_id])
        ranked = [(loaded[q], similarity[q], languages[q]) for q in fused if q in loaded]
        matches, related = matching.judge_meaning(
            claim,
            ranked,
            claim_language=claim_language,
            limit=limit,
            people_of_surname=people,
            reversed_similarity=reversed_similarity,
        )
        return matches, related

    matches, related = judged(None)
    if not matches and similarity:
        # Nothing says what the claim says: the related list is the answer (a tweet's fact-checks), and
        # the second model orders it. Matches are judged on the first model's similarity whatever the
        # order, so only the related list changes (unless filters cut the shortlist after the order and
        # so bring in a quote the first order had cut: it is then judged as any other).
        closeness = rerank.similarities(session, meaning_text(claim.text), list(similarity))
        if closeness is not None:
            matches, related = judged(closeness, _in_other_language(session, closeness, claim_language))
    if filters.min_score is not None:
        matches = [m for m in matches if 100 * m.similarity >= filters.min_score]
    shown_related = [
        {
            "quote": brief(rows[r.candidate.quote_id]),
            "similarity": round(r.similarity, 3),
            "reason": r.reason,
            "figures_differ": r.figures_differ,
            "says_opposite": r.says_opposite,
        }
        for r in related
    ]
    return matches, shown_related, rows


def _reversed_similarity(
    session: Session, claim_text: str, claim_language: str | None, similarity: dict[int, float]
) -> dict[int, float] | None:
    """The similarity of each quote close enough to be a match to the claim reversed ("is" for "is
    not", negation.reversed_claim): an English claim's only, and only when some quote is that close, so a
    claim nothing is close to pays no second embedding."""
    least = min(matching.OTHER_LANGUAGE_MIN_SIMILARITY, matching.PARAPHRASE_MIN_SIMILARITY)
    close = [q for q, s in similarity.items() if s >= least]
    if not close or claim_language not in (None, "en"):
        return None
    flipped = matching.reversed_claim(meaning_text(claim_text))
    if flipped is None:
        return None
    return vectors.similarities(session, vectors.embed([flipped])[0], close)


def _language(row: dict) -> str | None:
    """A stored quote's language: as stored, else detected from its words."""
    return row["language"] or detect_language(row["text"])


def candidate_texts_query(ids: Sequence[int], filters: Filters) -> Select:
    """The query reading the texts of the retrieved quotes that pass ``filters``."""
    return (
        select(Quote.id, Quote.text)
        .outerjoin(Source, Quote.source_id == Source.id)
        .where(Quote.id.in_(ids), *filters.clauses())
    )


def _candidate_texts(
    session: Session, ids: list[int], filters: Filters, keep: int
) -> tuple[list[int], dict[int, str]]:
    """The retrieved ids that pass ``filters`` (the best ``keep``, in retrieval order) and their texts."""
    if not filters.narrows_candidates():
        return ids, dict(_TEXTS.rows(session.connection(), ids))
    texts = dict(session.execute(candidate_texts_query(ids, filters)).all()) if ids else {}
    kept = [i for i in ids if i in texts][:keep]
    return kept, {i: texts[i] for i in kept}


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
        found = _candidate_texts(session, found, filters, len(found))[0]
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
    ids, texts = _candidate_texts(session, ids, filters, keep)
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
    for row in sorted(_quote_rows(session, _BY_ORIGINAL, quote_ids).values(), key=lambda r: r["id"]):
        by_original[row["translation_of_id"]].append(brief(row))
    return by_original
