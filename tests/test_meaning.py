"""Matches of meaning: the same statement in another language, or in other words, found by sentence vectors.

A small made-up archive: an Indonesian and a German statement, an English one, two speakers each.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from service.db import session_scope
from service.models import QuoteRerankVector
from service.search import rerank
from service.store import QuoteDraft, create_quote

SCHOOLS_ID = "Pemerintah akan membangun sepuluh sekolah baru di desa-desa terpencil tahun depan."
BRIDGE_DE = "Die Brücke über den Fluss wird im Frühjahr für den Verkehr geöffnet."
FUEL_EN = "We will cut the tax on fuel by half before the winter begins."
INVEST_ID = "Korea akan berinvestasi 3 miliar euro di pabrik-pabrik Eropa selama dekade mendatang."


@pytest.fixture
def archive(empty_db):
    with session_scope(empty_db) as s:
        create_quote(s, QuoteDraft(text=SCHOOLS_ID, speaker="Sari Wulandari", language="id"))
        create_quote(s, QuoteDraft(text=BRIDGE_DE, speaker="Jonas Berger", language="de"))
        create_quote(s, QuoteDraft(text=FUEL_EN, speaker="Budi Santoso", language="en"))
    return empty_db


@pytest.fixture
def api(client, archive):
    return client


def _verify(client, **body):
    response = client.post("/api/v1/verify", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_english_claim_finds_indonesian_quote_as_paraphrased_in_another_language(api):
    result = _verify(api, claim="The government will build ten new schools in remote villages next year.")
    assert result["verdict"] == "paraphrased"
    top = result["matches"][0]
    assert top["quote"]["text"] == SCHOOLS_ID
    assert top["meaning"]["reason"] == "other_language"
    assert top["meaning"]["original_text"] == SCHOOLS_ID
    assert top["meaning"]["original_language"] == "id"
    assert top["meaning"]["claim_language"] == "en"
    assert 0 < top["meaning"]["similarity"] <= 1
    assert top["diff"] == []


def test_meaning_only_match_credited_to_someone_else_is_misattributed(api):
    claim = "The government will build ten new schools in remote villages next year."
    assert _verify(api, claim=claim, speaker="Sari Wulandari")["verdict"] == "paraphrased"
    wrong = _verify(api, claim=claim, speaker="Budi Santoso")
    assert wrong["verdict"] == "misattributed"
    assert wrong["matches"][0]["quote"]["speaker"]["name"] == "Sari Wulandari"


def test_same_language_in_other_words_is_a_paraphrase_never_verified(api):
    result = _verify(api, claim="Before winter starts, the fuel tax is going to be halved.")
    assert result["verdict"] == "paraphrased"
    top = result["matches"][0]
    assert top["quote"]["text"] == FUEL_EN
    assert top["meaning"]["reason"] == "paraphrase"
    assert top["confidence"] == "suggestion"


def test_same_language_paraphrase_credited_to_someone_else_is_related_never_misattributed(api):
    # The words were compared and are not the quote's: another person may have said something like it.
    claim = "Before winter starts, the fuel tax is going to be halved."
    result = _verify(api, claim=claim, speaker="Jonas Berger")
    assert result["verdict"] == "unverified"
    assert result["matches"] == []
    assert [r["quote"]["text"] for r in result["related"]] == [FUEL_EN]
    assert result["related"][0]["reason"] == "paraphrase"
    assert _verify(api, claim=claim, speaker="Budi Santoso")["verdict"] == "paraphrased"


def test_statement_only_close_in_meaning_is_related_not_a_match(api):
    result = _verify(api, claim="The government will spend more on rural schools.")
    assert result["verdict"] == "unverified"
    assert result["matches"] == []
    assert [r["quote"]["text"] for r in result["related"]] == [SCHOOLS_ID]
    assert result["related"][0]["reason"] == "other_language"


def test_a_figure_changed_in_translation_is_not_a_paraphrase(api, archive):
    # The Indonesian says 3 billion; the English claim says 5, and means the rest (similarity ~0.80).
    # Words in two languages cannot be compared, figures can.
    with session_scope(archive) as s:
        create_quote(s, QuoteDraft(text=INVEST_ID, speaker="Sari Wulandari", language="id"))
    claim = "Korea will invest {} billion euros in European factories over the next decade."
    right = _verify(api, claim=claim.format(3))
    assert right["verdict"] == "paraphrased"
    assert right["matches"][0]["quote"]["text"] == INVEST_ID
    assert "figures_differ" not in right["reasons"]
    wrong = _verify(api, claim=claim.format(5))
    assert wrong["verdict"] == "unverified"
    assert wrong["matches"] == []
    first = wrong["related"][0]
    assert (first["quote"]["text"], first["figures_differ"]) == (INVEST_ID, True)
    assert "figures_differ" in wrong["reasons"]
    assert "other figures" in wrong["explanation"]
    # Credited to someone else, a changed figure is not an accusation either.
    assert _verify(api, claim=wrong["claim"], speaker="Budi Santoso")["verdict"] == "unverified"


def test_a_claim_reversed_in_translation_is_not_a_paraphrase(api):
    # "will not build" is 0.81 from the Indonesian "akan membangun" (will build), above the threshold:
    # close in meaning, but nearer the claim with its "not" taken out (0.84). It says the opposite.
    claim = "The government will not build ten new schools in remote villages next year."
    result = _verify(api, claim=claim)
    assert result["verdict"] == "unverified"
    assert result["matches"] == []
    first = result["related"][0]
    assert (first["quote"]["text"], first["says_opposite"], first["figures_differ"]) == (
        SCHOOLS_ID,
        True,
        False,
    )
    assert "says_opposite" in result["reasons"]
    assert "opposite" in result["explanation"]
    # Credited to someone else, a reversed statement is no accusation either.
    assert _verify(api, claim=claim, speaker="Budi Santoso")["verdict"] == "unverified"
    # The same statement in other words, reversed, in the claim's language.
    reversed_en = _verify(api, claim="Before winter starts, the fuel tax is not going to be halved.")
    assert reversed_en["verdict"] == "unverified"
    assert [(r["quote"]["text"], r["says_opposite"]) for r in reversed_en["related"]][:1] == [(FUEL_EN, True)]


def test_unrelated_claim_has_neither_matches_nor_related(api):
    result = _verify(api, claim="Our orchestra will tour three continents during the coming season.")
    assert result["verdict"] == "unverified"
    assert result["matches"] == []
    assert result["related"] == []


def test_exact_words_are_judged_by_the_words_as_before(api):
    result = _verify(api, claim=FUEL_EN, speaker="Budi Santoso")
    assert result["verdict"] == "verified"
    assert result["matches"][0]["meaning"] is None


SCHOOLS_EN = "The government will build ten new schools in remote villages next year."


@pytest.mark.parametrize(
    ("written", "level"),
    [("Wulandari, Sari", "exact"), ("Sari Wulandary", "probable"), ("Wulandari", "probable")],
)
def test_speaker_of_meaning_match_is_read_as_names_are_for_word_matches(api, written, level):
    result = _verify(api, claim=SCHOOLS_EN, speaker=written)
    assert result["verdict"] == "paraphrased"
    assert result["speaker_match"] == level
    assert result["matches"][0]["speaker_matched"] == "Sari Wulandari"


def test_quote_language_filter_applies_to_meaning_matches(api):
    assert _verify(api, claim=SCHOOLS_EN, language="id")["verdict"] == "paraphrased"
    other = _verify(api, claim=SCHOOLS_EN, language="de")
    assert other["verdict"] == "unverified"
    assert SCHOOLS_ID not in [m["quote"]["text"] for m in other["matches"] + other["related"]]


def test_period_filter_leaves_undated_quotes_out_of_meaning_matches(api):
    result = _verify(api, claim=SCHOOLS_EN, since="2020-01-01")
    assert result["verdict"] == "unverified"
    assert result["matches"] == []
    assert result["related"] == []


def test_min_score_applies_to_the_similarity_of_meaning_matches(api):
    found = _verify(api, claim=SCHOOLS_EN)
    score = found["matches"][0]["score"]
    assert _verify(api, claim=SCHOOLS_EN, min_score=score - 1)["verdict"] == "paraphrased"
    assert _verify(api, claim=SCHOOLS_EN, min_score=min(score + 1, 100))["verdict"] == "unverified"


def test_a_quote_lacking_the_second_models_vector_is_still_found_and_judged(api, archive):
    # Imported quotes get their vectors from `quotetrace embed`, the second model's last: until then the
    # first model's ranking stands, and the answer is the same.
    claim = "The government will build ten new schools in remote villages next year."
    before = _verify(api, claim=claim)
    with session_scope(archive) as s:
        s.execute(delete(QuoteRerankVector))
    after = _verify(api, claim=claim)
    assert after["verdict"] == before["verdict"] == "paraphrased"
    assert after["matches"][0]["quote"]["text"] == SCHOOLS_ID
    assert after["matches"][0]["meaning"]["similarity"] == before["matches"][0]["meaning"]["similarity"]


def test_a_match_of_meaning_is_found_without_asking_the_second_model(api, monkeypatch):
    # The second model orders the related list of a claim nothing matches; a match costs it nothing.
    asked = []
    monkeypatch.setattr(rerank, "embed_query", lambda text: asked.append(text))
    claim = "The government will build ten new schools in remote villages next year."
    assert _verify(api, claim=claim)["verdict"] == "paraphrased"
    assert asked == []


def test_the_related_list_of_a_claim_nothing_matches_is_ordered_by_the_second_model(api, monkeypatch):
    asked = []
    real = rerank.embed_query
    monkeypatch.setattr(rerank, "embed_query", lambda text: asked.append(text) or real(text))
    result = _verify(api, claim="The government will spend more on rural schools.")
    assert result["matches"] == []
    assert [r["quote"]["text"] for r in result["related"]] == [SCHOOLS_ID]
    assert asked == ["The government will spend more on rural schools."]
