"""The database away: every request gets 503 problem+json with Retry-After; /healthz and /readyz say so.

Nothing is restarted: the app is pointed at a database that refuses connections (a closed port for
PostgreSQL, a file in a folder that does not exist for SQLite). The app starts all the same.
"""

from __future__ import annotations

import socket

import pytest

from service import create_app
from service.errors import PROBLEM_JSON


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: connections to it are refused


@pytest.fixture(params=["postgresql", "sqlite"])
def away(request, tmp_path):
    if request.param == "postgresql":
        url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/quotetrace?connect_timeout=2"
    else:
        url = f"sqlite:///{tmp_path / 'no-such-folder' / 'quotetrace.db'}"
    app = create_app({"DATABASE_URL": url})  # starts without reaching the database
    yield app.test_client()
    app.extensions["quotetrace.engine"].dispose()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/quotes", None),
        ("GET", "/api/v1/speakers/1", None),
        ("POST", "/api/v1/verify", {"claim": "Korea is an important strategic partner"}),
        ("POST", "/api/v1/check", {"text": 'He said: "Korea is an important strategic partner."'}),
        ("POST", "/api/v1/quotes", {"text": "We open the bridge.", "speaker": "Ann Lee"}),
    ],
)
def test_every_request_gets_503_with_retry_after_when_the_database_refuses(away, method, path, body):
    headers = {"Authorization": "Bearer qt_whatever"}
    response = away.open(path, method=method, json=body, headers=headers)
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    assert int(response.headers["Retry-After"]) > 0
    assert "database" in response.get_json()["detail"]


def test_healthz_answers_and_readyz_says_unavailable(away):
    assert away.get("/healthz").status_code == 200
    ready = away.get("/readyz")
    assert ready.status_code == 503
    assert ready.mimetype == PROBLEM_JSON
    assert "Retry-After" in ready.headers


def test_readyz_is_200_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ready"


def test_readyz_is_503_when_the_schema_is_behind(app, client):
    app.extensions["quotetrace.schema_heads"] = {"9999_from_the_future"}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "quotetrace migrate" in response.get_json()["detail"]


def test_the_service_recovers_by_itself_when_the_database_comes_back(tmp_path):
    from service.migrate import upgrade

    folder = tmp_path / "later"
    url = f"sqlite:///{folder / 'quotetrace.db'}"
    app = create_app({"DATABASE_URL": url})
    client = app.test_client()
    assert client.get("/api/v1/quotes").status_code == 503
    folder.mkdir()
    upgrade(url)
    assert client.get("/api/v1/quotes").status_code == 200
    assert client.get("/readyz").status_code == 200
    app.extensions["quotetrace.engine"].dispose()


def test_a_missing_column_is_a_500_logged_not_a_503(app, monkeypatch, caplog):
    """A schema bug is the service's fault: never passed off as 'the database is away, retry'."""
    from sqlalchemy import text

    def broken_query(session, *_args, **_kwargs):
        session.execute(text("SELECT no_such_column FROM quotes"))

    monkeypatch.setattr("service.verification.query_index", broken_query)
    claim = {"claim": "Korea is an important strategic partner"}
    response = app.test_client().post("/api/v1/verify", json=claim)
    assert response.status_code == 500
    assert response.mimetype == PROBLEM_JSON
    assert "Retry-After" not in response.headers
    assert "no_such_column" in caplog.text
