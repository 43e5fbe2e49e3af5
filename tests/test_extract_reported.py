"""Reported speech: the content clause after that/bahwa, requests, according to/menurut, post-posed verbs."""

from __future__ import annotations

from service.extract import REPORTED, ExtractedQuote, KnownSpeaker, extract_quotes


def _reported(text: str, **kwargs) -> list[ExtractedQuote]:
    return [q for q in extract_quotes(text, **kwargs) if q.kind == REPORTED]


def test_indonesian_reported_speech_with_bahwa():
    text = "Cho Tae-yul tiba. Cho menekankan bahwa hubungan kedua negara harus diperkuat."
    (quote,) = _reported(text)
    assert quote.text == "hubungan kedua negara harus diperkuat"
    assert (quote.speaker.name, quote.cue) == ("Cho Tae-yul", "menekankan")


def test_english_reported_speech_with_that():
    text = "Angela Merkel met reporters. She said that the alliance was stronger than ever before."
    (quote,) = _reported(text)
    assert quote.text == "the alliance was stronger than ever before"
    assert (quote.speaker.name, quote.cue) == ("Angela Merkel", "said")


def test_reported_speech_without_that():
    text = "Mitt Romney said the recovery was far too slow for working families."
    (quote,) = _reported(text)
    assert quote.text == "the recovery was far too slow for working families"
    assert quote.speaker.name == "Mitt Romney"


def test_indonesian_request_exposes_the_addressee():
    bruson = KnownSpeaker(3, "Xavier Brunson", aliases=("Bruson",))
    text = "Menteri Cho meminta Bruson untuk memperkuat pertahanan gabungan kedua negara."
    (quote,) = _reported(text, known_speakers=(bruson,))
    assert quote.text == "memperkuat pertahanan gabungan kedua negara"
    assert (quote.speaker.name, quote.cue) == ("Cho", "meminta")
    assert (quote.addressee.name, quote.addressee.id) == ("Xavier Brunson", 3)


def test_english_request_with_to():
    text = "Ted Cruz urged voters to support the nominee in November."
    (quote,) = _reported(text)
    assert quote.text == "support the nominee in November"
    assert (quote.speaker.name, quote.cue) == ("Ted Cruz", "urged")


def test_according_to_names_the_source():
    text = "The president spoke. According to Sen. John McCain, the deal is a disaster for everyone."
    (quote,) = _reported(text)
    assert quote.text == "the deal is a disaster for everyone"
    assert quote.speaker.name == "John McCain"


def test_indonesian_menurut_names_the_source():
    text = "Presiden Joko Widodo berbicara. Menurut Widodo, ekonomi Indonesia tumbuh dengan baik tahun ini."
    (quote,) = _reported(text)
    assert quote.text == "ekonomi Indonesia tumbuh dengan baik tahun ini"
    assert quote.speaker.name == "Joko Widodo"


def test_post_posed_attribution_reports_the_preceding_clause():
    text = "Sri Mulyani hadir di Jakarta. Ekonomi nasional tumbuh lima persen tahun ini, kata Sri Mulyani."
    (quote,) = _reported(text)
    assert quote.text == "Ekonomi nasional tumbuh lima persen tahun ini"
    assert (quote.speaker.name, quote.cue) == ("Sri Mulyani", "kata")


def test_sentence_with_a_direct_quotation_is_not_also_reported():
    text = "“We will win the state by a wide margin this year,” Scott Pruitt said on Monday."
    assert _reported(text) == []


def test_reported_offsets_point_into_original_text():
    text = "Barack Obama said that the economy is recovering. Menurut Widodo, ekonomi tumbuh dengan baik."
    for quote in _reported(text):
        assert text[quote.start : quote.end] == quote.text
