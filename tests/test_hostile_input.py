"""Input found by fuzzing the API: each answered with a 4xx problem that names what is wrong, never a 500.

Every test here runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (where NUL was a 500).
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from service import create_app
from service.db import session_scope
from service.errors import PROBLEM_JSON
from service.models import Quote


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    body = response.get_json(force=True)
    assert body["detail"]
    return body


def _quote_count(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(Quote))


@pytest.mark.parametrize("text", ["...", "[", "😀😀", "?!"])
def test_a_quote_with_no_word_is_422_and_not_stored(client, auth, empty_db, text):
    body = _problem(
        client.post("/api/v1/quotes", json={"text": text, "speaker": "Ann Lee"}, headers=auth), 422
    )
    assert "text" in body["errors"]
    assert _quote_count(empty_db) == 0


def test_a_translation_with_no_word_is_422_naming_it(client, auth, empty_db):
    quote = {
        "text": "We will open the bridge in May.",
        "speaker": "Ann Lee",
        "translations": [{"text": "[", "language": "fr", "provenance": "editorial"}],
    }
    body = _problem(client.post("/api/v1/quotes", json=quote, headers=auth), 422)
    assert "text" in body["errors"]["translations"]["0"]
    assert _quote_count(empty_db) == 0


def test_patching_a_quote_to_no_word_is_422_and_keeps_its_words(client, auth):
    created = client.post(
        "/api/v1/quotes", json={"text": "The bridge opens in May.", "speaker": "Ann Lee"}, headers=auth
    )
    quote_id = created.get_json()["id"]
    _problem(client.patch(f"/api/v1/quotes/{quote_id}", json={"text": "?"}, headers=auth), 422)
    assert client.get(f"/api/v1/quotes/{quote_id}").get_json()["text"] == "The bridge opens in May."
    found = client.post("/api/v1/verify", json={"claim": "The bridge opens in May."}).get_json()
    assert found["matches"][0]["quote"]["id"] == quote_id


@pytest.mark.parametrize("body", [None, {}])
def test_a_patch_that_changes_nothing_is_422(client, auth, body):
    created = client.post(
        "/api/v1/quotes", json={"text": "The bridge opens in May.", "speaker": "Ann Lee"}, headers=auth
    )
    quote_id = created.get_json()["id"]
    kwargs = {"json": body} if body is not None else {}
    problem = _problem(client.patch(f"/api/v1/quotes/{quote_id}", headers=auth, **kwargs), 422)
    assert "at least one field" in problem["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/quotes/9223372036854775808",
        "/api/v1/quotes/2147483648",
        "/api/v1/speakers/99999999999999999999",
        "/api/v1/sources/2147483648",
    ],
)
def test_an_id_past_the_columns_range_is_404(client, path):
    _problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=999999999999999999", "page"),
        ("speaker_id=9223372036854775808", "speaker_id"),
        ("source_id=2147483648", "source_id"),
        ("speaker_id=0", "speaker_id"),
    ],
)
def test_a_query_number_past_the_columns_range_is_422_naming_it(client, query, field):
    body = _problem(client.get(f"/api/v1/quotes?{query}"), 422)
    assert field in body["errors"]


def test_a_source_id_past_the_range_in_a_body_is_422(client, auth):
    quote = {"text": "We will open the bridge.", "speaker": "Ann Lee", "source_id": 2**63}
    body = _problem(client.post("/api/v1/quotes", json=quote, headers=auth), 422)
    assert "source_id" in body["errors"]


def test_a_nul_in_a_query_is_422_naming_the_field(client):
    body = _problem(client.get("/api/v1/speakers?q=a%00b"), 422)
    assert "q" in body["errors"]


@pytest.mark.parametrize(
    "raw",
    [
        '{"text": "We open \\u0000 the bridge.", "speaker": "Ann Lee"}',
        '{"text": "We open \\udc00 the bridge.", "speaker": "Ann Lee"}',
    ],
)
def test_nul_and_lone_surrogates_in_a_write_are_422_naming_the_field(client, auth, empty_db, raw):
    response = client.post("/api/v1/quotes", data=raw, content_type="application/json", headers=auth)
    body = _problem(response, 422)
    assert "text" in body["errors"]
    assert _quote_count(empty_db) == 0


def test_a_lone_surrogate_in_a_nested_field_is_named_with_its_path(client, auth):
    raw = (
        '{"title": "T", "quotes": [{"text": "We open the bridge.", "speaker": "Ann Lee"},'
        ' {"text": "ok words here", "speaker": "B \\ud800"}]}'
    )
    body = _problem(
        client.post("/api/v1/sources", data=raw, content_type="application/json", headers=auth), 422
    )
    assert "speaker" in body["errors"]["quotes"]["1"]


def test_a_claim_with_a_nul_is_422(client):
    _problem(
        client.post("/api/v1/verify", data='{"claim": "a\\u0000b c d"}', content_type="application/json"), 422
    )


@pytest.mark.parametrize("depth", [40, 100_000])
def test_json_nested_too_deep_is_400(client, depth):
    raw = '{"claim": ' + "[" * depth + "]" * depth + "}"
    body = _problem(client.post("/api/v1/verify", data=raw, content_type="application/json"), 400)
    assert "nested" in body["detail"]


def test_a_double_slash_is_never_redirected_to_the_clients_host(client):
    for path in ("//api/v1/quotes", "/api/v1//quotes"):
        response = client.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 404
        assert "Location" not in response.headers


def test_a_chunked_body_over_the_limit_is_413(database_url, empty_db):
    app = create_app({"DATABASE_URL": database_url, "MAX_CONTENT_LENGTH": 1000})
    body = b'{"claim": "' + b"a " * 2000 + b'"}'
    response = app.test_client().post(
        "/api/v1/verify",
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
    )
    _problem(response, 413)
    app.extensions["quotetrace.engine"].dispose()
