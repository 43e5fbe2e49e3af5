"""Verification by meaning: a claim the words found no match for, looked for by its sentence vectors.

The claim's nearest quotes (vectors.nearest) are fused with the candidates of its words and of the
source titles, ordered by the second model when nothing is close enough to be a match, and judged by
matching.judge_meaning: the same statement in another language or in other words is `paraphrased` (or
`misattributed`), a statement only close is `related`. Called by verification.verify only when the
words found nothing, so a claim the words answer pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from service import matching
from service.candidates import candidate_texts, load_candidates
from service.filters import NO_FILTERS, Filters
from service.language import detect_language
from service.match_view import brief
from service.models import Quote
from service.reads import InQuery
from service.search import rerank, scored_index, titles, vectors
from service.search.meaning_text import meaning_text

__all__ = [
    "LEXICAL_WEIGHT",
    "RERANK_RELATED_MIN_SIMILARITY",
    "RERANK_RELATED_MIN_SIMILARITY_OTHER_LANGUAGE",
    "RERANK_WEIGHT",
    "TITLE_WEIGHT",
    "VECTOR_CANDIDATES",
    "by_meaning",
    "lexical_scores",
    "meaning_pool",
    "ranked_by_meaning",
    "reversed_similarity",
]

_LANGUAGES = InQuery(select(Quote.id, Quote.language).where(Quote.id.in_(bindparam("ids", expanding=True))))


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


def by_meaning(
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
    reversal = reversed_similarity(session, claim.text, claim_language, similarity)

    # Candidates loaded once: a claim nothing matches is judged a second time, mostly on the same quotes.
    loaded: dict[int, matching.Candidate] = {}
    rows: dict[int, dict] = {}
    languages: dict[int, str | None] = {}

    def judged(closeness: dict[int, float] | None, other_language: Collection[int] = ()):
        fused = ranked_by_meaning(similarity, closeness, lexical, other_language=other_language)
        if narrowed:
            fused = candidate_texts(session, fused, filters, len(fused))[0][:VECTOR_CANDIDATES]
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
            reversed_similarity=reversal,
        )
        return matches, related

    matches, related = judged(None)
    read = meaning_text(claim.text)
    if not matches and similarity and len(read) <= rerank.QUERY_CHARACTERS:
        # Nothing says what the claim says: the related list is the answer (a tweet's fact-checks), and
        # the second model orders it. Matches are judged on the first model's similarity whatever the
        # order, so only the related list changes (unless filters cut the shortlist after the order and
        # so bring in a quote the first order had cut: it is then judged as any other). A claim longer
        # than any tweet or debate sentence (rerank.QUERY_CHARACTERS) keeps the first model's order.
        closeness = rerank.similarities(session, read, list(similarity))
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


def reversed_similarity(
    session: Session, claim_text: str, claim_language: str | None, similarity: dict[int, float]
) -> dict[int, float] | None:
    """The similarity of each quote near enough to be a match in some language to the claim reversed
    ("is" for "is not", negation.reversed_claim): an English claim's only, and only when some quote is
    that near, so a claim nothing is near pays no second embedding."""
    close = [q for q, s in similarity.items() if s >= matching.REVERSAL_CHECK_MIN_SIMILARITY]
    if not close or claim_language not in (None, "en"):
        return None
    flipped = matching.reversed_claim(meaning_text(claim_text))
    if flipped is None:
        return None
    return vectors.similarities(session, vectors.embed([flipped])[0], close)


def _language(row: dict) -> str | None:
    """A stored quote's language: as stored, else detected from its words."""
    return row["language"] or detect_language(row["text"])
