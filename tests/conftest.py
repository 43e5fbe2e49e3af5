"""Fixtures: one migrated database a run (SQLite, or PostgreSQL from TEST_DATABASE_URL), emptied per test."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pytest
from sqlalchemy import text

import service.db
from service import create_app
from service.config import normalise_url
from service.db import make_engine, session_scope
from service.migrate import upgrade
from service.models import Base

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = Path(os.environ.get("QUOTETRACE_DATA", SHARED / "data"))
# The article the project began from (../shared/seeds/000_f1a04e3732eb41d0.txt), as the repository keeps it
# beside the seed's quotes: a clone anywhere has it, with or without ../shared.
SEED_ARTICLE = Path(__file__).resolve().parents[1] / "seed" / "korea-kr-2025-01-22-cho-kallas-brunson.txt"

# A draft's verification is bounded in wall time (service.checking.VERIFY_SECONDS): how many quotations a
# loaded machine verifies within it varies from run to run, so tests run without that bound (and so do
# the CLI and the gunicorn they start); the bound's own tests set one.
os.environ.setdefault("QUOTETRACE_CHECK_SECONDS", "0")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The database this run tests against, migrated from empty by the Alembic history."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = normalise_url(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _apps_close_their_connections(monkeypatch):
    """Every engine an app makes during a test is disposed at its end.

    Tests build extra apps (a second worker, other settings); left to the garbage collector, their pooled
    psycopg connections are deleted while open, and the ResourceWarning fails whichever test runs then.
    """
    made = []

    def tracked(*args, **kwargs):
        made.append(make_engine(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(service.db, "make_engine", tracked)
    yield
    for engine in made:
        engine.dispose()


@pytest.fixture
def empty_db(engine):
    """Every table emptied: each test starts from a fresh, migrated database."""
    empty_database(engine)
    return engine


def empty_database(engine) -> None:
    """Delete every row of every table, and restart the ids."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            if _has_sqlite_sequence(conn):
                conn.execute(text("DELETE FROM sqlite_sequence"))


def _has_sqlite_sequence(conn) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first())


@pytest.fixture
def session(empty_db):
    """A session on the emptied database, committed when the test ends."""
    with session_scope(empty_db) as s:
        yield s


@pytest.fixture
def app(empty_db, database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True})
    yield app
    app.extensions["quotetrace.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def seeded(empty_db):
    """The seed article, its speakers and statements, stored as ``quotetrace seed`` stores them."""
    from service.seeding import seed

    with session_scope(empty_db) as s:
        seed(s)
    return empty_db


def make_key(engine, scope: str = "write") -> str:
    """A fresh API key of ``scope``, as ``quotetrace keys create NAME --scope SCOPE`` makes it."""
    from service.keys import create_key

    with session_scope(engine) as s:
        return create_key(s, f"test-{scope}-{secrets.token_hex(4)}", scope=scope)


@pytest.fixture
def api_key(empty_db) -> str:
    """A fresh ``write`` key (the default scope of ``quotetrace keys create``)."""
    return make_key(empty_db)


@pytest.fixture
def auth(api_key) -> dict[str, str]:
    """Headers with a ``write`` key."""
    return {"Authorization": f"Bearer {api_key}"}


@pytest.fixture
def admin_auth(empty_db) -> dict[str, str]:
    """Headers with an ``admin`` key (merging speakers, reading feedback)."""
    return {"Authorization": f"Bearer {make_key(empty_db, 'admin')}"}


@pytest.fixture
def verify_auth(empty_db) -> dict[str, str]:
    """Headers with a ``verify`` key (verification, feedback; reads when keys are required)."""
    return {"Authorization": f"Bearer {make_key(empty_db, 'verify')}"}


@pytest.fixture
def import_quotes(empty_db, tmp_path):
    """Store ``(text, speaker)`` pairs as ``quotetrace import`` stores a corpus file of them."""
    from service.corpus import import_file

    def store(pairs):
        path = tmp_path / "corpus.jsonl"
        rows = [{"ref": f"r{i}", "text": t, "speaker": s} for i, (t, s) in enumerate(pairs)]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        import_file(empty_db, path)
        return empty_db

    return store
