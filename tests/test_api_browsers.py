"""The API as browsers use it: cacheable GET /verify (ETag, 304), compression, CORS, the summary form."""

from __future__ import annotations

import gzip
import json

import pytest

from service import create_app, verification

CLAIM = "Korea is an important strategic partner"
VERIFY = "/api/v1/verify"
NEWSROOM = "https://newsroom.example"


@pytest.fixture
def api(client, seeded):
    return client


def _get(client, headers=None, **query):
    query = {"claim": CLAIM, "speaker": "Kaja Kallas", **query}
    return client.get(VERIFY, query_string=query, headers=headers)


def test_second_get_with_the_etag_is_304_without_a_body(api):
    first = _get(api)
    assert first.status_code == 200
    assert first.get_json()["verdict"] == "verified"
    etag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    second = _get(api, headers={"If-None-Match": etag})
    assert second.status_code == 304
    assert second.data == b""
    assert second.headers["ETag"] == etag


def test_a_304_does_not_verify_again(api, monkeypatch):
    etag = _get(api).headers["ETag"]

    def must_not_run(*_a, **_k):
        raise AssertionError("verified although the client's copy is current")

    monkeypatch.setattr(verification, "verify", must_not_run)
    assert _get(api, headers={"If-None-Match": etag}).status_code == 304


def test_etag_changes_when_a_quote_is_added(api, auth):
    etag = _get(api).headers["ETag"]
    added = api.post(
        "/api/v1/quotes",
        json={"text": "Korea is an important strategic partner in Asia.", "speaker": "Kaja Kallas"},
        headers=auth,
    )
    assert added.status_code == 201, added.get_json()
    after = _get(api, headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert after.headers["ETag"] != etag


def test_etag_changes_when_a_quote_is_deleted(api, auth):
    added = api.post("/api/v1/quotes", json={"text": "Said once.", "speaker": "Ana Lima"}, headers=auth)
    etag = _get(api).headers["ETag"]
    assert api.delete(f"/api/v1/quotes/{added.get_json()['id']}", headers=auth).status_code == 204
    assert _get(api, headers={"If-None-Match": etag}).status_code == 200


def test_every_worker_gives_the_same_etag_and_sees_another_workers_write(seeded, database_url, auth):
    """Two apps stand for two gunicorn workers: the ETag lives in the database, not in a process."""
    workers = [create_app({"DATABASE_URL": database_url, "TESTING": True}) for _ in range(2)]
    try:
        one, two = (w.test_client() for w in workers)
        etag = _get(one).headers["ETag"]
        assert _get(two, headers={"If-None-Match": etag}).status_code == 304
        one.post("/api/v1/quotes", json={"text": "Said in worker one.", "speaker": "Ana Lima"}, headers=auth)
        assert _get(two, headers={"If-None-Match": etag}).status_code == 200
    finally:
        for w in workers:
            w.extensions["quotetrace.engine"].dispose()


def test_a_claim_filtered_by_age_has_an_etag_of_its_own_day(api):
    undated = _get(api).headers["ETag"]
    dated = _get(api, max_age_days=36500)
    assert dated.status_code == 200
    assert dated.get_json()["verdict"] == "verified"
    assert dated.headers["ETag"] != undated
    assert _get(api, max_age_days=36500, headers={"If-None-Match": dated.headers["ETag"]}).status_code == 304


def test_answer_is_gzipped_when_the_client_accepts_it(api):
    plain = _get(api)
    zipped = _get(api, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert json.loads(gzip.decompress(zipped.data)) == plain.get_json()
    assert len(zipped.data) < len(plain.data)
    # The same verification in either encoding: a gzip copy revalidates with a plain request's ETag.
    assert _get(api, headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304


def test_summary_names_verdict_speaker_source_and_diff(api):
    verified = _get(api, fields="summary").get_json()
    assert verified["verdict"] == "verified"
    assert verified["match"]["speaker"] == "Kaja Kallas"
    assert "korea.kr" in verified["match"]["source"]["publisher"]
    assert verified["match"]["original_text"].startswith("Korea adalah mitra strategis")
    assert "explanation" in verified
    assert "matches" not in verified
    altered = _get(api, fields="summary", claim="Korea is the most important strategic partner").get_json()
    assert altered["verdict"] == "altered"
    changed = [d for d in altered["match"]["diff"] if d["op"] != "equal"]
    assert any("most" in d["claim"] for d in changed)
    misattributed = _get(api, fields="summary", speaker="Cho Tae-yul").get_json()
    assert misattributed["verdict"] == "misattributed"
    assert misattributed["speaker"] == "Cho Tae-yul"
    assert misattributed["match"]["speaker"] == "Kaja Kallas"


def test_summary_says_whether_the_speaker_is_certain(api):
    assert _get(api, fields="summary").get_json()["speaker_certain"] is True
    one_name = _get(api, fields="summary", speaker="Kaja").get_json()
    assert one_name["verdict"] == "verified"
    assert one_name["speaker_certain"] is False
    assert _get(api, fields="summary", speaker="").get_json()["speaker_certain"] is None


CHO_IN_ENGLISH = "The comprehensive strategic partnership between Korea and the EU must be strengthened"


def test_summary_of_a_match_by_meaning_says_so_and_lists_the_related_quotes(api):
    """A panel must not paint an Indonesian statement as the English claim's matched words."""
    body = _get(api, fields="summary", claim=CHO_IN_ENGLISH, speaker="Cho Tae-yul").get_json()
    assert body["verdict"] == "paraphrased"
    assert "kemitraan strategis komprehensif" in body["match"]["text"]
    meaning = body["match"]["meaning"]
    assert meaning["reason"] == "other_language"
    assert meaning["quote_language"] == "id"
    assert 0 < meaning["similarity"] <= 1
    full = _get(api, claim=CHO_IN_ENGLISH, speaker="Cho Tae-yul").get_json()
    assert [r["text"] for r in body["related"]] == [r["quote"]["text"] for r in full["related"]]
    assert body["related"]
    assert all(0 < r["similarity"] < 1 for r in body["related"])
    assert _get(api, fields="summary").get_json()["match"]["meaning"] is None


def test_summary_of_nothing_found_has_no_match(api):
    body = _get(api, fields="summary", claim="The committee will meet again on Thursday afternoon").get_json()
    assert body["verdict"] == "unverified"
    assert body["match"] is None


def test_unknown_fields_value_is_a_422_problem(api):
    response = _get(api, fields="everything")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "fields" in response.get_json()["errors"]


@pytest.fixture
def newsroom_api(seeded, database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "CORS_ORIGINS": [NEWSROOM]})
    yield app.test_client()
    app.extensions["quotetrace.engine"].dispose()


def test_configured_origin_may_read_the_answer_and_its_etag(newsroom_api):
    response = _get(newsroom_api, headers={"Origin": NEWSROOM})
    assert response.headers["Access-Control-Allow-Origin"] == NEWSROOM
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Origin" in response.headers["Vary"]


def test_preflight_of_a_configured_origin_is_answered(newsroom_api):
    response = newsroom_api.options(
        VERIFY,
        headers={
            "Origin": NEWSROOM,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type, Authorization",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == NEWSROOM
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


def test_other_origins_get_no_cors_permission(newsroom_api, api):
    other = _get(newsroom_api, headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    # Without QUOTETRACE_CORS_ORIGINS no page on another origin may read the API.
    assert "Access-Control-Allow-Origin" not in _get(api, headers={"Origin": NEWSROOM}).headers
