"""Stored quotes as the engine's candidates: the rows retrieval's quote ids are read into, and the
speakers (names, aliases, dated roles) they are judged with.

Plain SQL rows on the session's connection (Core, not the ORM's execution path): a claim brings up to a
hundred candidates, and building mapped objects for them cost more than search and engine together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.orm import Session, aliased

from service import matching
from service.filters import Filters
from service.models import Quote, Source, Speaker, SpeakerAlias, SpeakerRole
from service.reads import InQuery

__all__ = [
    "BY_ID",
    "BY_ORIGINAL",
    "TEXTS",
    "candidate_texts",
    "candidate_texts_query",
    "load_candidates",
    "quote_rows",
]

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
BY_ID = InQuery(_QUOTES.where(Quote.id.in_(bindparam("ids", expanding=True))))
BY_ORIGINAL = InQuery(_QUOTES.where(Quote.translation_of_id.in_(bindparam("ids", expanding=True))))
# Retrieval brings a hundred candidates; the engine looks closely at a couple of dozen. Only their texts
# are read for all hundred: no joins, no translation check, a fraction of the bytes.
TEXTS = InQuery(select(Quote.id, Quote.text).where(Quote.id.in_(bindparam("ids", expanding=True))))
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


def quote_rows(session: Session, query: InQuery, ids: Iterable[int]) -> dict[int, dict]:
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
    rows = quote_rows(session, BY_ID, ids)
    missing = {r["translation_of_id"] for r in rows.values() if r["translation_of_id"]} - rows.keys()
    if missing:
        rows.update(quote_rows(session, BY_ID, missing))
    people = _people(
        session,
        (r["speaker_id"] for r in rows.values()),
        {r["speaker_id"]: r["speaker_name"] for r in rows.values()},
        details=speakers,
        surnames={r["speaker_id"]: r["speaker_surname"] for r in rows.values()},
    )
    return [_candidate(rows[i], people, rows) for i in ids if i in rows], rows


def candidate_texts_query(ids: Sequence[int], filters: Filters) -> Select:
    """The query reading the texts of the retrieved quotes that pass ``filters``."""
    return (
        select(Quote.id, Quote.text)
        .outerjoin(Source, Quote.source_id == Source.id)
        .where(Quote.id.in_(ids), *filters.clauses())
    )


def candidate_texts(
    session: Session, ids: list[int], filters: Filters, keep: int
) -> tuple[list[int], dict[int, str]]:
    """The retrieved ids that pass ``filters`` (the best ``keep``, in retrieval order) and their texts."""
    if not filters.narrows_candidates():
        return ids, dict(TEXTS.rows(session.connection(), ids))
    texts = dict(session.execute(candidate_texts_query(ids, filters)).all()) if ids else {}
    kept = [i for i in ids if i in texts][:keep]
    return kept, {i: texts[i] for i in kept}
