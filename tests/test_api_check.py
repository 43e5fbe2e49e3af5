"""The newsroom workflow over HTTP: check a draft, verify a batch, ingest an article by extraction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from service.db import session_scope
from service.models import Quote, Source, Speaker
from tests.conftest import SEED_ARTICLE

ARTICLE = SEED_ARTICLE.read_text(encoding="utf-8") if SEED_ARTICLE.exists() else None
needs_article = pytest.mark.skipif(ARTICLE is None, reason="the seed article (../shared/seeds) is not here")

DRAFT = (
    "Brussels — The EU foreign policy chief spoke to Seoul on Wednesday. Kaja Kallas said: "
    "\u201cKorea is the most important strategic partner for the EU.\u201d\n\n"
    "Cho Tae-yul replied that the moon is made of green cheese."
)


def _counts(engine):
    with session_scope(engine) as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in (Quote, Speaker, Source)}


@needs_article
def test_checked_seed_article_is_all_verified_or_paraphrased(client, seeded):
    response = client.post("/api/v1/check", json={"text": ARTICLE})
    assert response.status_code == 200
    result = response.get_json()
    verdicts = {q["verification"]["verdict"] for q in result["quotes"]}
    assert verdicts <= {"verified", "paraphrased"}, result["summary"]
    kallas = [q for q in result["quotes"] if q["kind"] == "direct"]
    assert [q["speaker"]["name"] for q in kallas] == ["Kaja Kallas"]
    assert kallas[0]["verification"]["verdict"] == "verified"
    for q in result["quotes"]:
        assert ARTICLE[q["start"] : q["end"]] == q["text"]
        if q["speaker"]:
            assert q["speaker"]["end"] > q["speaker"]["start"]
    assert sum(result["summary"].values()) == len(result["quotes"])


def test_check_underlines_an_altered_quote_in_place(client, seeded):
    result = client.post("/api/v1/check", json={"text": DRAFT, "language": "en"}).get_json()
    direct = [q for q in result["quotes"] if q["kind"] == "direct"][0]
    assert DRAFT[direct["start"] : direct["end"]] == direct["text"]
    assert direct["speaker"]["name"] == "Kaja Kallas"
    assert direct["verification"]["verdict"] == "altered"
    assert result["summary"]["altered"] >= 1


def test_draft_over_the_limit_is_422(client):
    response = client.post("/api/v1/check", json={"text": "x" * 200_001})
    assert response.status_code == 422
    assert "text" in response.get_json()["errors"]


def test_batch_gives_one_result_per_claim_in_order(client, seeded):
    claims = [
        {"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"},
        {"claim": "The moon is made of green cheese and everyone knows it"},
        {"claim": "Korea is an important strategic partner", "speaker": "Cho Tae-yul"},
    ]
    response = client.post("/api/v1/verify/batch", json={"claims": claims})
    assert response.status_code == 200
    assert [r["verdict"] for r in response.get_json()["results"]] == [
        "verified",
        "unverified",
        "misattributed",
    ]


def test_batch_of_more_than_100_is_422(client):
    response = client.post("/api/v1/verify/batch", json={"claims": [{"claim": "x"}] * 101})
    assert response.status_code == 422
    assert "claims" in response.get_json()["errors"]


def test_bad_claim_in_a_batch_is_named_by_position(client):
    response = client.post("/api/v1/verify/batch", json={"claims": [{"claim": "ok"}, {"claim": ""}]})
    assert response.status_code == 422
    assert "1" in response.get_json()["errors"]["claims"]


@needs_article
def test_dry_run_ingest_stores_nothing_and_shows_what_would_be(client, auth, seeded):
    before = _counts(seeded)
    body = {
        "title": "Draft copy of the seed article",
        "body": ARTICLE,
        "language": "id",
        "extract": True,
        "dry_run": True,
    }
    response = client.post("/api/v1/sources", json=body, headers=auth)
    assert response.status_code == 200
    preview = response.get_json()
    assert preview["stored"] is False
    speakers = {q["speaker"] for q in preview["quotes"]}
    assert {"Kaja Kallas", "Cho Tae-yul"} <= speakers
    for q in preview["quotes"]:
        assert ARTICLE[q["start"] : q["end"]] == q["text"]
    assert _counts(seeded) == before


def test_ingest_stores_extracted_quotes_with_known_and_new_speakers(client, auth, seeded):
    body = {
        "title": "Seoul talks",
        "language": "en",
        "extract": True,
        "body": 'Kaja Kallas said: "Our partnership with Korea will only grow stronger this year." '
        'Hana Park, a trade analyst, added: "Both sides need each other more than ever before."',
    }
    response = client.post("/api/v1/sources", json=body, headers=auth)
    assert response.status_code == 201, response.get_json()
    stored = {(q["speaker"]["name"], q["text"]) for q in response.get_json()["quotes"]}
    assert ("Kaja Kallas", "Our partnership with Korea will only grow stronger this year.") in stored
    assert any(name == "Hana Park" for name, _ in stored)
    with session_scope(seeded) as s:
        assert s.scalar(select(func.count()).select_from(Speaker).where(Speaker.name == "Kaja Kallas")) == 1
    found = client.post("/api/v1/verify", json={"claim": "partnership with Korea will only grow stronger"})
    assert found.get_json()["matches"][0]["quote"]["speaker"]["name"] == "Kaja Kallas"


def test_extract_without_body_is_422(client, auth):
    response = client.post("/api/v1/sources", json={"title": "T", "extract": True}, headers=auth)
    assert response.status_code == 422
    assert "body" in response.get_json()["errors"]
