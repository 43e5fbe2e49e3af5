"""The Alembic history builds exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from service.db import make_engine
from service.migrate import alembic_config, upgrade
from service.models import Base

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _schema_drift(url: str) -> list:
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()


def test_sqlite_migrated_from_empty_matches_models(tmp_path):
    assert _schema_drift(f"sqlite:///{tmp_path / 'm.db'}") == []


@pytest.fixture
def empty_postgres():
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = f"qt_migrate_{uuid.uuid4().hex[:10]}"
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means: no server here
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432 ({type(exc).__name__})")
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def test_postgres_migrated_from_empty_matches_models(empty_postgres):
    assert _schema_drift(empty_postgres) == []


def test_migrating_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade(url)
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine.dispose()


def test_surname_keys_written_by_an_older_reading_are_read_again(tmp_path):
    # An archive keyed before "al-Assad" read as "Assad": after the upgrade, a claimed "Assad" finds him.
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0009_key_scopes")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO speakers (name, surname_key) "
                "VALUES ('Bashar al-Assad', 'alassad'), ('Kaja Kallas', 'kallas')"
            )
        )
    upgrade(url)
    with engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT name, surname_key FROM speakers")).all())
    engine.dispose()
    assert keys == {"Bashar al-Assad": "assad", "Kaja Kallas": "kallas"}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_empty_database(request, tmp_path):
    """An empty database of each kind the service runs on: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'any.db'}"
    return request.getfixturevalue("empty_postgres")


def test_a_chinese_quote_indexed_as_one_long_word_is_found_by_its_characters_after_the_upgrade(
    any_empty_database,
):
    # Before 0012 a run of ideographs was one word: the quote's only index term was its whole sentence.
    from alembic import command
    from sqlalchemy.orm import Session

    from service import create_app
    from service.search import add_postings, plan, remove_from_index
    from service.store import QuoteDraft, create_quote

    url = any_empty_database
    upgrade(url)
    quote = "韩国是欧盟重要的战略伙伴。"
    old_key = plan.term_key("韩国是欧盟重要的战略伙伴")
    engine = make_engine(url)
    with Session(engine) as s, s.begin():  # the postings as the old reading wrote them
        qid = create_quote(s, QuoteDraft(text=quote, speaker="王毅", language="zh")).id
        remove_from_index(s, [(qid, quote)])
        add_postings(s, np.array([qid]), np.array([1]), np.array([old_key]))
    command.downgrade(alembic_config(url), "0011_quote_rerank_vectors")

    def verdict(claim: str) -> str:
        app = create_app({"DATABASE_URL": url, "TESTING": True})
        try:
            return app.test_client().post("/api/v1/verify", json={"claim": claim}).get_json()["verdict"]
        finally:
            app.extensions["quotetrace.engine"].dispose()

    assert verdict(quote) != "verified"  # its words are not found (its meaning may be)
    upgrade(url)
    assert verdict(quote) == verdict("韩国是欧盟重要的战略伙伴") == "verified"
    with engine.connect() as conn:  # the old word is gone from the index, and the quote counted once
        old = conn.execute(text("SELECT count(*) FROM postings WHERE term_key = :k"), {"k": old_key}).scalar()
        docs = conn.execute(text("SELECT df FROM index_terms WHERE term_key = 0")).scalar()
    engine.dispose()
    assert (old, docs) == (0, 1)
