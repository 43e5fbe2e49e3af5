"""Feedback: readers rate verifications with a key; editors list it and read agreement per verdict."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from service.cli import main

ALTERED = {"claim": "Korea is the most important strategic partner", "speaker": "Kaja Kallas"}


def _feedback_on(client, claim: dict, rating: str, **extra) -> dict:
    """Verify ``claim`` and rate the answer as a reader would, from what the answer showed."""
    answer = client.post("/api/v1/verify", json=claim).json
    return {
        **claim,
        "verdict": answer["verdict"],
        "shown_quote_ids": [m["quote"]["id"] for m in answer["matches"]],
        "quote_id": answer["matches"][0]["quote"]["id"] if answer["matches"] else None,
        "rating": rating,
        **extra,
    }


def test_feedback_is_stored_with_the_claim_and_the_answer(client, auth, admin_auth, seeded):
    body = _feedback_on(client, ALTERED, "wrong_verdict", reason="She said 'an important', not 'the most'.")
    response = client.post("/api/v1/feedback", json=body, headers=auth)
    assert response.status_code == 201, response.json
    stored = response.json
    assert (stored["claim"], stored["verdict"]) == (ALTERED["claim"], "altered")
    assert stored["rating"] == "wrong_verdict"
    assert stored["quote_id"] == body["shown_quote_ids"][0]
    listed = client.get("/api/v1/feedback", headers=admin_auth).json
    assert listed["total"] == 1
    assert listed["items"][0]["id"] == stored["id"]


def test_feedback_needs_a_key_to_give_and_to_read(client, seeded):
    body = _feedback_on(client, ALTERED, "right")
    assert client.post("/api/v1/feedback", json=body).status_code == 401
    assert client.get("/api/v1/feedback").status_code == 401


def test_feedback_is_given_with_a_verify_key_and_read_with_an_admin_key(client, verify_auth, auth, seeded):
    body = _feedback_on(client, ALTERED, "right")
    assert client.post("/api/v1/feedback", json=body, headers=verify_auth).status_code == 201
    for headers in (verify_auth, auth):
        refused = client.get("/api/v1/feedback", headers=headers)
        assert refused.status_code == 403
        assert refused.mimetype == "application/problem+json"
        assert "'admin' scope" in refused.json["detail"]


@pytest.mark.parametrize(
    "change",
    [{"rating": "meh"}, {"verdict": "maybe"}, {"claim": ""}, {"quote_id": 0}, {"reason": "x" * 2001}],
)
def test_bad_feedback_is_422_and_stores_nothing(client, auth, admin_auth, seeded, change):
    body = {**_feedback_on(client, ALTERED, "right"), **change}
    response = client.post("/api/v1/feedback", json=body, headers=auth)
    assert response.status_code == 422
    assert client.get("/api/v1/feedback", headers=admin_auth).json["total"] == 0


def test_feedback_list_filters_by_rating(client, auth, admin_auth, seeded):
    for rating in ("right", "wrong_match", "right"):
        client.post("/api/v1/feedback", json=_feedback_on(client, ALTERED, rating), headers=auth)
    page = client.get("/api/v1/feedback?rating=right", headers=admin_auth).json
    assert page["total"] == 2
    assert {f["rating"] for f in page["items"]} == {"right"}


def test_report_gives_agreement_per_verdict_and_the_wrong_answers(client, auth, seeded, database_url, monkeypatch):  # noqa: E501
    verified = {"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"}
    ratings = [(verified, "right"), (verified, "right"), (verified, "wrong_match"), (ALTERED, "right")]
    for claim, rating in ratings:
        reason = "It is the ministry's summary." if rating != "right" else None
        client.post("/api/v1/feedback", json=_feedback_on(client, claim, rating, reason=reason), headers=auth)
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["feedback", "report"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split() == ["verified", "3", "2", "67%"] for line in lines), result.output
    assert any(line.split() == ["altered", "1", "1", "100%"] for line in lines), result.output
    wrong = "verified rated wrong_match: \u201cKorea is an important strategic partner\u201d (Kaja Kallas)"
    assert wrong in result.output
    assert "It is the ministry's summary." in result.output


def test_report_with_no_feedback_says_so(empty_db, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert "no feedback yet" in CliRunner().invoke(main, ["feedback", "report"]).output
