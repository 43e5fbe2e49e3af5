"""The seed article, its speakers and statements, stored once however often it is seeded."""

from __future__ import annotations

from sqlalchemy import func, select

from service.db import session_scope
from service.models import Quote, Source, Speaker
from service.seeding import seed


def test_seed_stores_the_article_speakers_and_statements(seeded):
    with session_scope(seeded) as s:
        kallas = s.scalar(select(Speaker).where(Speaker.name == "Kaja Kallas"))
        role = kallas.roles[0]
        assert role.start_date.isoformat() == "2024-12-01"
        assert "European Union" in role.organisation
        brunson = s.scalar(select(Speaker).where(Speaker.name == "Xavier Brunson"))
        assert "Bruson" in [a.alias for a in brunson.aliases]
        source = s.scalar(select(Source))
        assert source.published_at.isoformat() == "2025-01-22"
        assert "korea.kr" in source.publisher
        assert "Kallas menjawab" in source.body


def test_kallas_quote_is_direct_and_its_english_rendering_is_an_editorial_translation(seeded):
    with session_scope(seeded) as s:
        english = s.scalar(select(Quote).where(Quote.language == "en"))
        assert english.translation_provenance == "editorial"
        assert english.translation_of.text.startswith("Korea adalah mitra strategis")
        assert english.translation_of.kind == "direct"
        assert english.speaker.name == "Kaja Kallas"


def test_cho_statements_are_reported(seeded):
    with session_scope(seeded) as s:
        kinds = set(s.scalars(select(Quote.kind).join(Speaker).where(Speaker.name == "Cho Tae-yul")))
        assert kinds == {"reported"}


def test_seeding_twice_changes_nothing(seeded):
    def counts():
        with session_scope(seeded) as s:
            return [s.scalar(select(func.count()).select_from(m)) for m in (Quote, Speaker, Source)]

    before = counts()
    with session_scope(seeded) as s:
        added = seed(s)
    assert added == {"speakers": 0, "sources": 0, "quotes": 0}
    assert counts() == before
