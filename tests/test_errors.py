"""Every error is application/problem+json with a detail a person can act on; bad input is never a 500."""

from __future__ import annotations

import pytest

from service import create_app
from service.errors import PROBLEM_JSON


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["detail"]
    return body


def test_body_that_is_not_json_is_400(client):
    body = _problem(client.post("/api/v1/verify", data="{nope", content_type="application/json"), 400)
    assert "JSON" in body["detail"]


def test_body_in_another_media_type_is_415(client):
    _problem(
        client.post("/api/v1/verify", data="claim=x", content_type="application/x-www-form-urlencoded"), 415
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"claim": ""}, "claim"),
        ({"claim": 42}, "claim"),
        ({}, "claim"),
        ({"claim": "   "}, "claim"),
        ({"claim": "x" * 5001}, "claim"),
        ({"claim": "ok", "limit": 0}, "limit"),
        ({"claim": "ok", "limit": 21}, "limit"),
        ({"claim": "ok", "bogus": 1}, "bogus"),
    ],
)
def test_invalid_fields_are_422_with_field_errors(client, body, field):
    body = _problem(client.post("/api/v1/verify", json=body), 422)
    assert field in body["errors"]
    assert field in body["detail"]


def test_json_that_is_not_an_object_is_422(client):
    _problem(client.post("/api/v1/verify", json=["claim"]), 422)


def test_missing_query_claim_is_422(client):
    body = _problem(client.get("/api/v1/verify"), 422)
    assert "claim" in body["errors"]


def test_unknown_address_is_404(client):
    _problem(client.get("/api/v1/nothing-here"), 404)


def test_wrong_method_is_405_and_says_what_is_allowed(client):
    response = client.delete("/api/v1/verify")
    body = _problem(response, 405)
    assert "POST" in body["detail"]
    assert "POST" in response.headers["Allow"]


def test_oversized_body_is_413(database_url, empty_db):
    app = create_app({"DATABASE_URL": database_url, "MAX_CONTENT_LENGTH": 1000})
    response = app.test_client().post("/api/v1/verify", json={"claim": "x" * 2000})
    _problem(response, 413)


def test_unexpected_failure_is_500_without_internals(database_url, empty_db, monkeypatch):
    app = create_app({"DATABASE_URL": database_url})

    def explode(*_a, **_kw):
        raise RuntimeError("secret connection string postgresql://user:pw@host")

    monkeypatch.setattr("service.verification.query_index", explode)
    response = app.test_client().post("/api/v1/verify", json={"claim": "anything at all"})
    body = _problem(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert "RuntimeError" not in body["detail"]
