"""POST/GET /api/v1/verify over the seed article: the four claims a new user tries first."""

from __future__ import annotations

import pytest

CLAIM = "Korea is an important strategic partner"
ORIGINAL = "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting."


def _verify(client, **body):
    response = client.post("/api/v1/verify", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def api(client, seeded):
    return client


def test_right_words_and_speaker_are_verified_with_source_and_original(api):
    result = _verify(api, claim=CLAIM, speaker="Kaja Kallas")
    assert result["verdict"] == "verified"
    top = result["matches"][0]
    assert top["quote"]["speaker"]["name"] == "Kaja Kallas"
    assert top["quote"]["source"]["published_at"] == "2025-01-22"
    assert "korea.kr" in top["quote"]["source"]["publisher"]
    assert top["quote"]["translation_of"]["text"].startswith("Korea adalah mitra strategis")
    assert top["translation"] == {
        "provenance": "editorial",
        "editorial": True,
        "original_text": ORIGINAL,
        "original_language": "id",
    }
    span = top["span"]
    assert top["quote"]["text"][span["start"] : span["end"]].startswith("Korea is an important")


def test_changed_word_is_altered_and_shown_in_diff(api):
    result = _verify(api, claim="Korea is the most important strategic partner", speaker="Kaja Kallas")
    assert result["verdict"] == "altered"
    changed = [op for op in result["matches"][0]["diff"] if op["op"] != "equal"]
    assert any("most" in op["claim"] for op in changed)


def test_wrong_speaker_is_misattributed_and_names_who_said_it(api):
    result = _verify(api, claim=CLAIM, speaker="Cho Tae-yul")
    assert result["verdict"] == "misattributed"
    assert result["matches"][0]["quote"]["speaker"]["name"] == "Kaja Kallas"


def test_unrelated_sentence_is_unverified(api):
    result = _verify(api, claim="The moon is made of green cheese and everyone knows it")
    assert result["verdict"] == "unverified"


def test_get_gives_the_same_result_as_post(api):
    posted = _verify(api, claim=CLAIM, speaker="Kaja Kallas")
    got = api.get("/api/v1/verify", query_string={"claim": CLAIM, "speaker": "Kaja Kallas"})
    assert got.status_code == 200
    assert got.get_json() == posted


def test_indonesian_original_is_verified_in_its_own_words(api):
    result = _verify(api, claim="Korea adalah mitra strategis yang penting bagi EU", speaker="Kallas")
    assert result["verdict"] == "verified"
    assert result["matches"][0]["translation"] is None


def test_reported_statement_is_paraphrased(api):
    result = _verify(
        api,
        claim="hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat",
        speaker="Cho Tae-yul",
    )
    assert result["verdict"] == "paraphrased"


def test_limit_caps_the_matches(api):
    result = _verify(api, claim="Korea", limit=1)
    assert len(result["matches"]) <= 1


@pytest.mark.parametrize(
    "claim",
    [
        'NEAR("a" OR *) -- \' ;',
        "Korea*",
        '"Korea" AND "EU"',
        "(Korea) OR 1=1 --",
        "%_%",
        "\\x00 ' \"",
        "Korea NEAR/3 EU",
    ],
)
def test_query_syntax_in_a_claim_is_only_text(api, claim):
    response = api.post("/api/v1/verify", json={"claim": claim})
    assert response.status_code == 200
    assert response.get_json()["verdict"] in ("unverified", "verified", "altered", "paraphrased")


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_answer_echoes_every_field_that_shaped_it(api, method):
    asked = {"claim": CLAIM, "speaker": "Kaja Kallas", "said_on": "2025-01-22", "limit": 2}
    if method == "get":
        response = api.get("/api/v1/verify", query_string=asked)
    else:
        response = api.post("/api/v1/verify", json=asked)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert {k: result[k] for k in asked} == asked
