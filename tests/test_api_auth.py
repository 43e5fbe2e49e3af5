"""Writes need a live API key; reads need none; the OpenAPI document says so."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.db import session_scope
from service.keys import create_key, revoke_key
from service.models import Quote

QUOTE = {"text": "We will build the bridge by spring.", "speaker": "Ana Lima"}


def _quote_count(engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(Quote))


def _assert_unauthorized(response) -> None:
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json["status"] == 401


def test_write_without_key_is_401(client, empty_db):
    response = client.post("/api/v1/quotes", json=QUOTE)
    _assert_unauthorized(response)
    assert "API key" in response.json["detail"]
    assert _quote_count(empty_db) == 0


@pytest.mark.parametrize("header", ["Bearer qt_not-a-key", "Basic dXNlcjpwYXNz", "Bearer ", "qt_bare"])
def test_unknown_or_malformed_key_is_401(client, empty_db, header):
    _assert_unauthorized(client.post("/api/v1/quotes", json=QUOTE, headers={"Authorization": header}))
    assert _quote_count(empty_db) == 0


def test_revoked_key_is_refused(client, empty_db):
    with session_scope(empty_db) as s:
        key = create_key(s, "desk")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.post("/api/v1/quotes", json=QUOTE, headers=headers).status_code == 201
    with session_scope(empty_db) as s:
        revoke_key(s, "desk")
    response = client.post("/api/v1/quotes", json={**QUOTE, "text": "Another thing."}, headers=headers)
    _assert_unauthorized(response)
    assert "revoked" in response.json["detail"]
    assert _quote_count(empty_db) == 1


def test_key_is_checked_before_the_body(client):
    _assert_unauthorized(client.post("/api/v1/sources", json={"quotes": "not a list"}))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/quotes"),
        ("patch", "/api/v1/quotes/1"),
        ("delete", "/api/v1/quotes/1"),
        ("post", "/api/v1/sources"),
    ],
)
def test_every_write_needs_a_key(client, method, path):
    _assert_unauthorized(getattr(client, method)(path, json={}))


def test_bearer_scheme_is_case_insensitive(client, api_key):
    response = client.post("/api/v1/quotes", json=QUOTE, headers={"Authorization": f"bearer {api_key}"})
    assert response.status_code == 201


@pytest.mark.parametrize("path", ["/api/v1/quotes", "/api/v1/speakers", "/api/v1/sources"])
def test_reads_need_no_key(client, path):
    assert client.get(path).status_code == 200


def test_openapi_documents_bearer_security_on_writes_only(client):
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    ours = ("quotes", "speakers", "sources")
    paths = {p: ops for p, ops in spec["paths"].items() if p.split("/")[3] in ours}
    assert paths, "the read and write API is documented"
    for path, ops in paths.items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            if method == "get":
                assert "security" not in op, path
            else:
                assert op["security"] == [{"bearerAuth": []}], (method, path)
                assert "401" in op["responses"], (method, path)
