"""Reading and writing speakers, sources and quotes: SQLAlchemy only, no Flask.

Every write keeps the search index current in the caller's transaction and flushes, so ids are
assigned; the caller commits (or rolls back, and then nothing of the write is stored).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from service.embedding import embed_quotes
from service.matching import identity
from service.matching.names import surname_key
from service.models import Quote, Source, Speaker, SpeakerAlias
from service.search import add_to_index, remove_from_index
from service.search.plan import quote_keys

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# Everything QuoteSchema shows, loaded in one round of queries.
_QUOTE_LOAD = (
    selectinload(Quote.speaker),
    selectinload(Quote.source),
    selectinload(Quote.translation_of).selectinload(Quote.speaker),
    selectinload(Quote.translation_of).selectinload(Quote.source),
    selectinload(Quote.translations).selectinload(Quote.speaker),
    selectinload(Quote.translations).selectinload(Quote.source),
)


class StoreError(Exception):
    """A write that cannot be done as asked."""


class NotFound(StoreError):
    """Something the write refers to is not stored."""


class Conflict(StoreError):
    """The write would duplicate something already stored."""


class Invalid(StoreError):
    """The request is well-formed but names something that cannot be used; ``errors`` by field."""

    def __init__(self, errors: dict[str, Any]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class TranslationDraft:
    """A translation of a quote to store with it."""

    text: str
    language: str
    provenance: str


@dataclass(frozen=True)
class QuoteDraft:
    """A quote to store: its words and who said them, and what else is known."""

    text: str
    speaker: str
    kind: str = "direct"
    language: str | None = None
    said_on: date | None = None
    context: str | None = None
    translations: Sequence[TranslationDraft] = field(default_factory=tuple)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> QuoteDraft:
        """A draft from loaded request fields (translations as mappings)."""
        translations = tuple(TranslationDraft(**t) for t in fields.get("translations") or ())
        return cls(**{**fields, "translations": translations})


# --- speakers -------------------------------------------------------------------------------------


def find_speaker(session: Session, name: str) -> Speaker | None:
    """The speaker called ``name``, by name first and then by alias, case-insensitively."""
    wanted = name.strip().lower()
    by_name = session.scalar(select(Speaker).where(func.lower(Speaker.name) == wanted))
    if by_name is not None:
        return by_name
    aliased = session.scalars(
        select(Speaker)
        .join(SpeakerAlias)
        .where(func.lower(SpeakerAlias.alias) == wanted)
        .distinct()
        .order_by(Speaker.id)
    ).all()
    if len(aliased) > 1:
        names = ", ".join(s.name for s in aliased)
        raise Invalid({"speaker": [f"{name!r} is an alias of several speakers ({names}); give a full name."]})
    return aliased[0] if aliased else None


def resolve_speaker(session: Session, name: str) -> Speaker | None:
    """The stored speaker ``name`` surely is under another form (identity.resolve), else None."""
    key = surname_key(name)
    if not key:
        return None
    stored = session.scalars(select(Speaker).where(Speaker.surname_key == key).order_by(Speaker.id)).all()
    hit = identity.resolve(name, [(s.id, [s.name]) for s in stored])
    return next((s for s in stored if s.id == hit), None)


def get_or_create_speaker(session: Session, name: str, *, aliases: Iterable[str] = ()) -> Speaker:
    """The speaker called ``name`` (by name or alias), created if new, with any new ``aliases`` added."""
    name = name.strip()
    if not name:
        raise Invalid({"speaker": ["The speaker's name is blank."]})
    speaker = find_speaker(session, name)
    if speaker is None:
        speaker = resolve_speaker(session, name)
        if speaker is not None:
            speaker.aliases.append(SpeakerAlias(alias=name))  # the form it came as, kept
    if speaker is None:
        speaker = Speaker(name=name)
        session.add(speaker)
    known = {speaker.name.lower(), *(a.alias.lower() for a in speaker.aliases)}
    for alias in aliases:
        alias = alias.strip()
        if alias and alias.lower() not in known:
            speaker.aliases.append(SpeakerAlias(alias=alias))
            known.add(alias.lower())
    session.flush()
    return speaker


# --- sources --------------------------------------------------------------------------------------


def find_source(session: Session, *, url: str | None, key: str) -> Source | None:
    """The stored source with this URL or this key."""
    match = Source.key == key if not url else or_(Source.url == url, Source.key == key)
    return session.scalar(select(Source).where(match))


def get_or_create_source(
    session: Session,
    *,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    published_at: date | None = None,
    language: str | None = None,
    body: str | None = None,
    standing: str | None = None,
) -> Source:
    """The source with this URL (or, without one, this publisher, title and date), created if new."""
    key = Source.make_key(url, publisher, title, published_at)
    source = find_source(session, url=url, key=key)
    if source is None:
        source = Source(
            url=url or None,
            key=key,
            title=title,
            publisher=publisher,
            author=author,
            published_at=published_at,
            language=language,
            body=body,
            standing=standing or "unvetted",
        )
        session.add(source)
        session.flush()
    return source


# --- quotes ---------------------------------------------------------------------------------------


def _fingerprint(text: str, speaker: Speaker, source: Source | None) -> str:
    return Quote.make_fingerprint(text, speaker.name, source.key if source is not None else None)


def _refuse_duplicate(session: Session, fingerprint: str, *, not_id: int | None = None) -> None:
    same = select(Quote.id).where(Quote.fingerprint == fingerprint, Quote.id != (not_id or 0))
    stored = session.scalar(same)
    if stored is not None:
        raise Conflict(f"This quote, by this speaker, from this source, is stored already (quote {stored}).")


NO_WORD = "The text has no word (only punctuation, symbols or emoji): nothing could ever find it."


def _refuse_wordless(text: str, field: str = "text") -> None:
    # The index finds quotes by their words: a quote without one could never be found.
    if not quote_keys(text):
        raise Invalid({field: [NO_WORD]})


def _add_quote(session: Session, **fields: Any) -> Quote:
    fingerprint = _fingerprint(fields["text"], fields["speaker"], fields["source"])
    _refuse_duplicate(session, fingerprint)
    quote = Quote(fingerprint=fingerprint, **fields)
    session.add(quote)
    session.flush()
    add_to_index(session, [(quote.id, quote.text)])
    # Its meaning too, in the same transaction: the next verification of any worker finds it by vector.
    embed_quotes(session, [(quote.id, quote.text)])
    return quote


def create_quote(
    session: Session,
    draft: QuoteDraft,
    *,
    source: Source | None = None,
    source_id: int | None = None,
    ref: str | None = None,
) -> Quote:
    """Store ``draft`` and its translations, indexed for search; a duplicate is a Conflict."""
    if source is None and source_id is not None:
        source = session.get(Source, source_id)
        if source is None:
            raise Invalid({"source_id": [f"No source {source_id} is stored."]})
    _refuse_wordless(draft.text)
    for translation in draft.translations:
        _refuse_wordless(translation.text, "translations")
    speaker = get_or_create_speaker(session, draft.speaker)
    language = draft.language or (source.language if source is not None else None)
    quote = _add_quote(
        session,
        text=draft.text,
        speaker=speaker,
        source=source,
        kind=draft.kind,
        language=language,
        said_on=draft.said_on,
        context=draft.context,
        ref=ref,
    )
    for translation in draft.translations:
        _add_quote(
            session,
            text=translation.text,
            speaker=speaker,
            source=source,
            kind=quote.kind,
            language=translation.language,
            said_on=quote.said_on,
            context=quote.context,
            translation_of=quote,
            translation_provenance=translation.provenance,
        )
    return quote


def _stored_quote(session: Session, quote_id: int) -> Quote:
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise NotFound(f"No quote {quote_id} is stored.")
    return quote


def update_quote(session: Session, quote_id: int, changes: Mapping[str, Any]) -> Quote:
    """Change a quote's words, speaker, kind, language, date or context, re-indexing changed words."""
    quote = _stored_quote(session, quote_id)
    old_text = quote.text
    changes = dict(changes)
    if "text" in changes:
        _refuse_wordless(changes["text"])
    if "speaker" in changes:
        speaker = get_or_create_speaker(session, changes.pop("speaker"))
        for q in (quote, *quote.translations):
            q.speaker = speaker
    for name, value in changes.items():
        setattr(quote, name, value)
    for q in (quote, *quote.translations):
        fingerprint = _fingerprint(q.text, q.speaker, q.source)
        if fingerprint != q.fingerprint:
            _refuse_duplicate(session, fingerprint, not_id=q.id)
            q.fingerprint = fingerprint
    if quote.text != old_text:
        session.flush()  # the quote's row before the index's (see delete_quote)
        remove_from_index(session, [(quote.id, old_text)])
        add_to_index(session, [(quote.id, quote.text)])
        embed_quotes(session, [(quote.id, quote.text)])
    session.flush()
    return quote


def delete_quote(session: Session, quote_id: int) -> None:
    """Delete a quote and its translations, and forget them in the search index.

    The rows go first, then the index: every write changes quotes (whose trigger takes the one
    index_generation row, migration 0007) before the index's rows, as import does. The other way round, a
    delete holding index_terms rows waited for the generation an import held while the import waited for
    those rows: PostgreSQL's deadlock, a 503 (bench/http_load.py --with-writes).
    """
    quote = _stored_quote(session, quote_id)
    doomed = [*quote.translations, quote]
    indexed = [(q.id, q.text) for q in doomed]
    for q in doomed:
        session.delete(q)
    session.flush()
    remove_from_index(session, indexed)


SOURCE_FIELDS = ("url", "title", "publisher", "author", "published_at", "language", "body", "standing")


def create_source_with_quotes(
    session: Session, source_fields: Mapping[str, Any], drafts: Sequence[QuoteDraft]
) -> Source:
    """Store a new source and its quotes; a source already stored (same URL or key) is a Conflict."""
    fields = {k: source_fields.get(k) for k in SOURCE_FIELDS}
    key = Source.make_key(fields["url"], fields["publisher"], fields["title"], fields["published_at"])
    stored = find_source(session, url=fields["url"], key=key)
    if stored is not None:
        what = "URL" if fields["url"] and stored.url == fields["url"] else "publisher, title and date"
        raise Conflict(f"A source with this {what} is stored already (source {stored.id}).")
    source = get_or_create_source(session, **fields)
    for i, draft in enumerate(drafts):
        try:
            create_quote(session, draft, source=source)
        except Invalid as exc:
            raise Invalid({"quotes": {i: exc.errors}}) from exc
        except Conflict as exc:
            raise Conflict(f"Quote {i}: {exc}") from exc
    return source


def drafts_from_extraction(extracted: Iterable[Any], *, language: str | None = None) -> list[QuoteDraft]:
    """Drafts from extracted quotes (``text``, ``kind``, ``speaker.name``), leaving out those with no speaker.

    The seam for extraction: an extractor's output goes through here into ``create_source_with_quotes``.
    """
    return [
        QuoteDraft(text=q.text, speaker=q.speaker.name, kind=q.kind, language=language)
        for q in extracted
        if q.speaker is not None and q.text.strip()
    ]


# --- reads ----------------------------------------------------------------------------------------


def _page(session: Session, stmt: Select, page: int, size: int, item=lambda row: row[0]) -> dict[str, Any]:
    """One page of ``stmt``'s rows as ``item``s, with how many rows there are on all pages."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = session.execute(stmt.limit(size).offset((page - 1) * size)).all()
    return {"items": [item(r) for r in rows], "page": page, "page_size": size, "total": total or 0}


def _named(name: str):
    """Speakers called ``name``, by name or alias, case-insensitively (a WHERE clause on Speaker)."""
    wanted = name.strip().lower()
    aliased = select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias) == wanted)
    return or_(func.lower(Speaker.name) == wanted, Speaker.id.in_(aliased))


def get_quote(session: Session, quote_id: int) -> Quote | None:
    """One quote with its speaker, source and translations."""
    return session.scalar(select(Quote).where(Quote.id == quote_id).options(*_QUOTE_LOAD))


def list_quotes(
    session: Session,
    *,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    speaker_id: int | None = None,
    speaker: str | None = None,
    source_id: int | None = None,
    language: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """A page of quotes, oldest first, filtered by speaker (id or name/alias), source, language, kind."""
    stmt = select(Quote).options(*_QUOTE_LOAD).order_by(Quote.id)
    if speaker_id is not None:
        stmt = stmt.where(Quote.speaker_id == speaker_id)
    if speaker:
        stmt = stmt.where(Quote.speaker_id.in_(select(Speaker.id).where(_named(speaker))))
    if source_id is not None:
        stmt = stmt.where(Quote.source_id == source_id)
    if language:
        stmt = stmt.where(Quote.language == language)
    if kind:
        stmt = stmt.where(Quote.kind == kind)
    return _page(session, stmt, page, page_size)


def _speaker_stmt() -> Select:
    quote_count = select(func.count(Quote.id)).where(Quote.speaker_id == Speaker.id).scalar_subquery()
    return select(Speaker, quote_count.label("quote_count")).options(
        selectinload(Speaker.aliases), selectinload(Speaker.roles)
    )


def _speaker_summary(speaker: Speaker, quote_count: int) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "wikidata_qid": speaker.wikidata_qid,
        "description": speaker.description,
        "aliases": [a.alias for a in speaker.aliases],
        "roles": speaker.roles,
        "quote_count": quote_count,
    }


def get_speaker(session: Session, speaker_id: int) -> dict[str, Any] | None:
    """One speaker with aliases, roles and how many quotes are stored from them."""
    row = session.execute(_speaker_stmt().where(Speaker.id == speaker_id)).first()
    return _speaker_summary(*row) if row is not None else None


def list_speakers(
    session: Session, *, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE, q: str | None = None
) -> dict[str, Any]:
    """A page of speakers by name, optionally those whose name or an alias contains ``q``."""
    stmt = _speaker_stmt().order_by(Speaker.name, Speaker.id)
    if q:
        needle = q.strip().lower()
        alias = func.lower(SpeakerAlias.alias).contains(needle, autoescape=True)
        name = func.lower(Speaker.name).contains(needle, autoescape=True)
        stmt = stmt.where(or_(name, Speaker.id.in_(select(SpeakerAlias.speaker_id).where(alias))))
    return _page(session, stmt, page, page_size, lambda row: _speaker_summary(*row))


def list_sources(session: Session, *, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """A page of sources, oldest stored first."""
    return _page(session, select(Source).order_by(Source.id), page, page_size)


def get_source(session: Session, source_id: int) -> dict[str, Any] | None:
    """One source with its quotes (originals, each with its translations)."""
    source = session.get(Source, source_id)
    if source is None:
        return None
    quotes = session.scalars(
        select(Quote)
        .where(Quote.source_id == source_id, Quote.translation_of_id.is_(None))
        .options(*_QUOTE_LOAD)
        .order_by(Quote.id)
    ).all()
    columns = ("id", "url", "title", "publisher", "author", "published_at", "language", "body", "standing")
    return {**{c: getattr(source, c) for c in columns}, "quotes": quotes}


# --- one person, one speaker ------------------------------------------------------------------------


def suggest_duplicates(session: Session) -> list[identity.Duplicate]:
    """Stored speakers that look like one person, with the evidence (nothing is changed).

    Speakers of one surname (identity.duplicates), then pairs of the same given names whose surnames
    are one slip apart (identity.slip_duplicates: as often two people as one), then names spaced
    differently inside (identity.spacing_duplicates: 'Lailah GiftyAkita').
    """
    counts = dict(session.execute(select(Quote.speaker_id, func.count()).group_by(Quote.speaker_id)).all())
    groups: dict[str, list[tuple[int, str, int]]] = {}
    rows = session.execute(
        select(Speaker.id, Speaker.name, Speaker.surname_key).where(Speaker.surname_key.is_not(None))
    ).all()
    for sid, name, key in rows:
        groups.setdefault(key, []).append((sid, name, counts.get(sid, 0)))
    found: list[identity.Duplicate] = []
    for key in sorted(groups):
        if len(groups[key]) > 1:
            found.extend(identity.duplicates(groups[key]))
    found += identity.slip_duplicates(groups)
    every = [(sid, name, counts.get(sid, 0)) for sid, name, _key in rows]
    return found + identity.spacing_duplicates(every, known=found)


def merge_speakers(session: Session, source_id: int, target_id: int) -> Speaker:
    """Fold speaker ``source_id`` into ``target_id``: its quotes, aliases and roles; its name an alias.

    Nothing is lost: every quote keeps its words and source under the merged speaker, and the folded
    name stays findable (and exported) as an alias.
    """
    if source_id == target_id:
        raise Invalid({"source": ["A speaker cannot be merged into itself."]})
    source = session.get(Speaker, source_id)
    target = session.get(Speaker, target_id)
    for wanted, found in ((source_id, source), (target_id, target)):
        if found is None:
            raise NotFound(f"No speaker {wanted} is stored.")
    known = {target.name.lower(), *(a.alias.lower() for a in target.aliases)}
    for alias in [source.name, *(a.alias for a in source.aliases)]:
        if alias.lower() not in known:
            target.aliases.append(SpeakerAlias(alias=alias))
            known.add(alias.lower())
    held = {(r.title, r.organisation, r.start_date) for r in target.roles}
    for role in list(source.roles):
        if (role.title, role.organisation, role.start_date) not in held:
            source.roles.remove(role)
            target.roles.append(role)
    target.wikidata_qid = target.wikidata_qid or source.wikidata_qid
    target.description = target.description or source.description
    session.execute(update(Quote).where(Quote.speaker_id == source_id).values(speaker_id=target_id))
    session.flush()
    session.expire(source)
    session.delete(session.get(Speaker, source_id))
    session.flush()
    return target


def find_speaker_for_merge(session: Session, ref: str) -> Speaker:
    """The speaker a merge names: an id, or a stored name or alias."""
    speaker = session.get(Speaker, int(ref)) if ref.strip().isdigit() else find_speaker(session, ref)
    if speaker is None:
        raise NotFound(f"No speaker {ref!r} is stored.")
    return speaker
