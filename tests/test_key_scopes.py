"""Keys have scopes (verify < write < admin); what a key wrote is recorded; REQUIRE_KEYS closes reads too."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from sqlalchemy import select

from service import create_app
from service.db import session_scope
from service.keys import check_key
from service.models import ApiKey, Quote, Source, utcnow

QUOTE = {"text": "We will build the bridge by spring.", "speaker": "Ana Lima"}
SOURCE = {
    "title": "Council meeting",
    "publisher": "The Gazette",
    "quotes": [{"text": "The budget is balanced this year.", "speaker": "Ana Lima"}],
}


def _assert_forbidden(response, scope: str) -> None:
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert f"'{scope}' scope" in response.json["detail"]


def test_a_verify_key_verifies_but_may_not_write(client, verify_auth):
    assert client.post("/api/v1/verify", json={"claim": "anything"}, headers=verify_auth).status_code == 200
    _assert_forbidden(client.post("/api/v1/quotes", json=QUOTE, headers=verify_auth), "write")


def test_a_write_key_writes_but_may_not_merge_speakers(client, auth):
    created = client.post("/api/v1/quotes", json=QUOTE, headers=auth)
    assert created.status_code == 201
    speaker = created.json["speaker"]["id"]
    merge = client.post(f"/api/v1/speakers/{speaker}/merge", json={"into": speaker}, headers=auth)
    _assert_forbidden(merge, "admin")


def test_an_admin_key_may_do_what_a_write_key_does(client, admin_auth):
    assert client.post("/api/v1/quotes", json=QUOTE, headers=admin_auth).status_code == 201
    assert client.get("/api/v1/feedback", headers=admin_auth).status_code == 200


def test_the_403_is_given_before_the_body_is_read(client, verify_auth):
    response = client.post("/api/v1/sources", json={"quotes": "not a list"}, headers=verify_auth)
    _assert_forbidden(response, "write")


def test_quotes_and_sources_record_the_key_that_wrote_them(client, auth, admin_auth, empty_db):
    client.post("/api/v1/quotes", json=QUOTE, headers=auth)
    client.post("/api/v1/sources", json=SOURCE, headers=admin_auth)
    with session_scope(empty_db) as s:
        wrote = select(Quote.text, ApiKey.name).join(ApiKey, Quote.created_by_key_id == ApiKey.id)
        writers = {text: name for text, name in s.execute(wrote)}
        source_writer = s.scalar(select(ApiKey.name).join(Source, Source.created_by_key_id == ApiKey.id))
    assert writers[QUOTE["text"]].startswith("test-write-")
    assert writers[SOURCE["quotes"][0]["text"]].startswith("test-admin-")
    assert source_writer.startswith("test-admin-")


def test_what_the_cli_stores_records_no_key(seeded):
    with session_scope(seeded) as s:
        assert s.scalar(select(Quote).where(Quote.created_by_key_id.is_not(None))) is None


def test_last_use_is_written_at_most_once_a_minute(empty_db, api_key):
    start = utcnow()
    for seconds, expected in ((0, 0), (30, 0), (61, 61)):
        with session_scope(empty_db) as s:
            assert check_key(s, api_key, now=start + timedelta(seconds=seconds)) is not None
        with session_scope(empty_db) as s:
            stored = s.scalar(select(ApiKey.last_used_at))
        assert stored.replace(tzinfo=None) == (start + timedelta(seconds=expected)).replace(tzinfo=None)


def test_a_request_with_a_key_records_its_last_use(client, auth, empty_db):
    client.post("/api/v1/quotes", json=QUOTE, headers=auth)
    with session_scope(empty_db) as s:
        assert s.scalar(select(ApiKey.last_used_at)) is not None


def test_openapi_declares_401_and_403_where_a_key_is_needed(client):
    spec = client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/quotes", "post"),
        ("/api/v1/speakers/{speaker_id}/merge", "post"),
        ("/api/v1/feedback", "get"),
        ("/api/v1/feedback", "post"),
    ]:
        responses = paths[path][method]["responses"]
        assert {"401", "403"} <= set(responses), (method, path)
        forbidden = responses["403"]
        forbidden = spec["components"]["responses"][forbidden["$ref"].rpartition("/")[2]]
        assert "application/problem+json" in forbidden["content"], (method, path)


@pytest.fixture
def private_app(empty_db, database_url):
    """The app of a newsroom's private deployment: QUOTETRACE_REQUIRE_KEYS=1."""
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "REQUIRE_KEYS": True})
    yield app
    app.extensions["quotetrace.engine"].dispose()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/v1/quotes", None),
        ("get", "/api/v1/speakers", None),
        ("get", "/api/v1/sources", None),
        ("get", "/api/v1/verify?claim=bridge", None),
        ("post", "/api/v1/verify", {"claim": "bridge"}),
        ("post", "/api/v1/verify/batch", {"claims": [{"claim": "bridge"}]}),
        ("post", "/api/v1/check", {"text": "“We will build it,” said Ana Lima."}),
    ],
)
def test_with_required_keys_reads_and_verification_need_a_verify_key(
    private_app, verify_auth, method, path, body
):
    client = private_app.test_client()
    refused = getattr(client, method)(path, json=body)
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert getattr(client, method)(path, json=body, headers=verify_auth).status_code == 200


def test_with_required_keys_probes_and_docs_stay_open(private_app):
    client = private_app.test_client()
    assert client.get("/healthz").status_code == 200
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    reads = spec.json["paths"]["/api/v1/quotes"]["get"]
    assert reads["security"] == [{"bearerAuth": []}]
    assert {"401", "403"} <= set(reads["responses"])


def test_with_required_keys_the_page_asks_the_browser_for_the_key(private_app, api_key):
    client = private_app.test_client()
    refused = client.get("/")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].lower().startswith("basic")
    basic = base64.b64encode(f"reporter:{api_key}".encode()).decode()
    assert client.get("/", headers={"Authorization": f"Basic {basic}"}).status_code == 200


def test_without_required_keys_reads_need_no_key(client):
    assert client.get("/api/v1/quotes").status_code == 200
    assert client.post("/api/v1/verify", json={"claim": "bridge"}).status_code == 200
