"""The seed article (Indonesian) stored *without* its editorial English translation: English claims find
the Indonesian statements by meaning, and the speaker is checked as for any match."""

from __future__ import annotations

import json
import shutil

import pytest

from service.db import session_scope
from service.seeding import SEED_DIR, seed

KALLAS_ID = "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting."
CHO_PARTNERSHIP = "hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat"
CHO_DEFENCE = "pertahanan gabungan Korea dan AS"
CHO_TRILATERAL = "kerja sama trilateral antara Korea, AS, dan Jepang"


@pytest.fixture
def api(empty_db, client, tmp_path):
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    articles = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    for article in articles:
        for quote in article["quotes"]:
            quote.pop("translations", None)
    (folder / "articles.json").write_text(json.dumps(articles), encoding="utf-8")
    with session_scope(empty_db) as s:
        seed(s, folder)
    return client


def _verify(client, **body):
    response = client.post("/api/v1/verify", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_english_claim_finds_kallas_indonesian_words_first(api):
    result = _verify(api, claim="Korea is an important strategic partner for the EU")
    assert result["verdict"] == "paraphrased"
    top = result["matches"][0]
    assert top["quote"]["text"] == KALLAS_ID
    assert top["quote"]["speaker"]["name"] == "Kaja Kallas"
    assert top["meaning"]["reason"] == "other_language"
    assert top["meaning"]["original_language"] == "id"
    # The article's other statements come after it.
    others = [m["meaning"]["similarity"] for m in result["matches"][1:]] + [
        r["similarity"] for r in result["related"]
    ]
    assert all(s < top["meaning"]["similarity"] for s in others)


def test_kallas_words_credited_to_cho_are_misattributed(api):
    result = _verify(api, claim="Korea is an important strategic partner for the EU", speaker="Cho Tae-yul")
    assert result["verdict"] == "misattributed"
    assert result["matches"][0]["quote"]["text"] == KALLAS_ID
    assert "speaker_differs" in result["reasons"]


def test_kallas_words_reversed_are_not_her_words_in_other_words(api):
    # USE puts the reversed claim at 0.82 from her Indonesian, above the threshold; nearer the claim
    # without its "not". Not a paraphrase, and not an accusation of anyone either.
    for speaker in (None, "Kaja Kallas", "Cho Tae-yul"):
        result = _verify(api, claim="Korea is not an important strategic partner for the EU", speaker=speaker)
        assert result["verdict"] == "unverified", speaker
        assert [(r["quote"]["text"], r["says_opposite"]) for r in result["related"]][:1] == [
            (KALLAS_ID, True)
        ]


@pytest.mark.parametrize(
    ("claim", "stored"),
    [
        (
            "The comprehensive strategic partnership between Korea and the EU must be strengthened",
            CHO_PARTNERSHIP,
        ),
        ("Korea and the EU must strengthen their comprehensive strategic partnership", CHO_PARTNERSHIP),
        (
            "Minister Cho asked Brunson to help maintain and strengthen the robust combined defence of Korea "
            "and the US",
            CHO_DEFENCE,
        ),
        (
            "Cho also asked Brunson to continue the Korea-US alliance cooperation through non-proliferation "
            "and trilateral cooperation between Korea, the US and Japan",
            CHO_TRILATERAL,
        ),
    ],
)
def test_english_renderings_of_cho_find_his_statements(api, claim, stored):
    result = _verify(api, claim=claim, speaker="Cho Tae-yul")
    assert result["verdict"] == "paraphrased", result["matches"][:1]
    top = result["matches"][0]
    assert stored in top["quote"]["text"]
    assert top["quote"]["speaker"]["name"] == "Cho Tae-yul"
    assert top["speaker_match"] == "exact"


def test_a_reversal_is_flagged_on_kallas_words_in_both_their_languages(seeded, client):
    # The seed as stored, with its editorial English rendering: in English, in other words, it is below
    # the paraphrase threshold, and its Indonesian original is a match across languages; both are nearer
    # the claim with its "not" taken out, and a reader must see both flagged, not one.
    result = _verify(client, claim="The EU does not consider Korea an important partner")
    assert result["verdict"] == "unverified"
    assert "says_opposite" in result["reasons"]
    kallas = [r for r in result["related"] if r["quote"]["speaker"]["name"] == "Kaja Kallas"]
    assert sorted((r["quote"]["language"], r["says_opposite"]) for r in kallas) == [
        ("en", True),
        ("id", True),
    ]
