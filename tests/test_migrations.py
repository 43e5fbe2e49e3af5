"""The Alembic history builds exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid

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
