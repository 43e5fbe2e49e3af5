"""What quotetrace stores: speakers and their roles, sources, quotes, the search index, API keys."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from service.matching.names import surname_key

# Explicit constraint names so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

QUOTE_KINDS = ("direct", "reported")
# What a source is worth as evidence: the speaker's own channel or an official record, published
# journalism, or anything else (stored by hand, imported in bulk, a draft): see service.matching.standing.
STANDINGS = ("primary", "publication", "unvetted")  # the same as service.matching.standing.STANDINGS
TRANSLATION_PROVENANCES = ("editorial", "official")


def utcnow() -> datetime:
    """Now, in UTC (a callable default, evaluated per row)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    # The folded surname (names.surname_key): the people of one surname are found by it, not by a scan.
    # Kept by the ORM whenever the name is set (validates below); bulk import writes it itself.
    surname_key: Mapped[str | None] = mapped_column(String(300), index=True)
    wikidata_qid: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.id"
    )
    roles: Mapped[list[SpeakerRole]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerRole.start_date"
    )
    quotes: Mapped[list[Quote]] = relationship(back_populates="speaker")

    @validates("name")
    def _keep_surname_key(self, _key: str, name: str) -> str:
        self.surname_key = surname_key(name)
        return name


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300), index=True)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class SpeakerRole(Base):
    __tablename__ = "speaker_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str | None] = mapped_column(String(300))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # Other ways the press names the office ("EU foreign policy chief"), for resolving a claimed role.
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)

    speaker: Mapped[Speaker] = relationship(back_populates="roles")


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (CheckConstraint("standing IN ('primary', 'publication', 'unvetted')", name="standing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    # What makes two sources the same: the URL when there is one, else publisher, title and date.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str | None] = mapped_column(Text)
    standing: Mapped[str] = mapped_column(String(12), default="unvetted", server_default="unvetted")
    # The API key that stored it; None for the CLI, the seed, and what was stored before keys were recorded.
    # No ON DELETE: keys are revoked, never deleted, so who wrote what stays known (migration 0009).
    created_by_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))

    quotes: Mapped[list[Quote]] = relationship(back_populates="source", order_by="Quote.id")

    @staticmethod
    def make_key(url: str | None, publisher: str | None, title: str | None, published_at: date | None) -> str:
        """The identity of a source, stable across imports."""
        basis = (
            f"url\x1f{url}" if url else f"meta\x1f{publisher or ''}\x1f{title or ''}\x1f{published_at or ''}"
        )
        return hashlib.sha256(basis.encode()).hexdigest()


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint("kind IN ('direct', 'reported')", name="kind"),
        CheckConstraint(
            "translation_provenance IS NULL OR translation_provenance IN ('editorial', 'official')",
            name="translation_provenance",
        ),
        Index("ix_quotes_speaker_id", "speaker_id"),
        Index("ix_quotes_source_id", "source_id"),
        # Partial: nearly every quote translates nothing (migration 0003 says why that matters).
        Index(
            "ix_quotes_translation_of_id",
            "translation_of_id",
            sqlite_where=text("translation_of_id IS NOT NULL"),
            postgresql_where=text("translation_of_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10), default="direct")
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="RESTRICT"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    said_on: Mapped[date | None] = mapped_column(Date)
    context: Mapped[str | None] = mapped_column(Text)
    translation_of_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"))
    translation_provenance: Mapped[str | None] = mapped_column(String(10))
    # An external identifier from the file the quote was imported from (qv-bench's "ref").
    ref: Mapped[str | None] = mapped_column(String(100))
    # Text, speaker and source hashed: the same quote imported twice is stored once.
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The API key that stored it (as on Source).
    created_by_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))

    speaker: Mapped[Speaker] = relationship(back_populates="quotes")
    source: Mapped[Source | None] = relationship(back_populates="quotes")
    translation_of: Mapped[Quote | None] = relationship(remote_side="Quote.id", back_populates="translations")
    translations: Mapped[list[Quote]] = relationship(back_populates="translation_of", order_by="Quote.id")

    @staticmethod
    def make_fingerprint(text: str, speaker_name: str, source_key: str | None) -> str:
        """The identity of a quote: its exact words, who said them, where."""
        return hashlib.sha256(f"{text}\x1f{speaker_name}\x1f{source_key or ''}".encode()).hexdigest()


class IndexTerm(Base):
    """How many quotes contain a word: retrieval looks up a claim's rarest words first."""

    __tablename__ = "index_terms"
    __table_args__ = {"sqlite_with_rowid": False}

    term_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    df: Mapped[int] = mapped_column(Integer)


class Posting(Base):
    """The quotes containing one word, as a run of ids written together (one row a word a write).

    Import writes a few thousand quotes at once: a run per word is some 6x fewer rows than a row
    per word per quote, and reading a word's quotes is reading its runs.
    """

    __tablename__ = "postings"
    __table_args__ = {"sqlite_with_rowid": False}

    term_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The run's smallest quote id: with term_key, it names the run, and finds the run holding a quote.
    first_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Ascending quote ids, little-endian 32-bit integers.
    quote_ids: Mapped[bytes] = mapped_column(LargeBinary)


class QuoteVector(Base):
    """A quote's meaning as a sentence vector, from one embedding model (see service/search/vectors.py).

    ``id`` only grows: the vector index file records the last id it holds, and a search reads the rows
    written after it from here, so no worker misses a vector another one has just stored.
    """

    __tablename__ = "quote_vectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), unique=True)
    # The model's name and version: vectors of another model are missing ones, recomputed by `embed`.
    model: Mapped[str] = mapped_column(String(100))
    # float16, little-endian: half the bytes of float32, no measurable change in ranking.
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class QuoteRerankVector(Base):
    """A quote's meaning from the second model, which re-scores the shortlist the first one finds
    (service/search/rerank.py). Read by quote id only: no index file is built of them."""

    __tablename__ = "quote_rerank_vectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), unique=True)
    model: Mapped[str] = mapped_column(String(100))
    vector: Mapped[bytes] = mapped_column(LargeBinary)


# What a key may do, each scope implying the ones before it: verify < write < admin (service.keys).
KEY_SCOPES = ("verify", "write", "admin")


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint("scope IN ('verify', 'write', 'admin')", name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Who holds the key (a person, a desk, a CMS): shown by 'keys list', recorded on what it writes.
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # sha256 of the key; the key itself is shown once, at creation, and never stored.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The highest scope the key holds; keys made before scopes existed are 'write' (migration 0009).
    scope: Mapped[str] = mapped_column(String(10), default="write", server_default="write")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Kept to the minute (service.keys.LAST_USED_RESOLUTION), so a busy key does not write on every request.
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


FEEDBACK_RATINGS = ("right", "wrong_match", "wrong_verdict", "none_of_these")


class Feedback(Base):
    """A reader's word on one verification: the claim, the answer given, and whether it was right."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint(
            "rating IN ('right', 'wrong_match', 'wrong_verdict', 'none_of_these')", name="rating"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(300))
    # The answer given: its verdict, and the quotes it showed (ids, best first).
    verdict: Mapped[str] = mapped_column(String(15))
    shown_quote_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    rating: Mapped[str] = mapped_column(String(15))
    reason: Mapped[str | None] = mapped_column(Text)
    # The match the feedback is about; a plain id, so deleting the quote keeps the feedback.
    quote_id: Mapped[int | None] = mapped_column(Integer)
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class IndexGeneration(Base):
    """One row: a number the database bumps on every write to what verification reads.

    Triggers keep it (migration 0007_index_generation), so no writer can forget; ``epoch`` is random,
    set when the row is (re)created. Together they make the ETag of ``GET /api/v1/verify``.
    """

    __tablename__ = "index_generation"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    epoch: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(BigInteger)
