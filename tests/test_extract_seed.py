"""The seed article (Indonesian, korea.kr): Kallas's quotation, Cho's reported statements, the Bruson typo."""

# ruff: noqa: E501  (the article is copied verbatim, one paragraph per line)

from __future__ import annotations

import pytest

from service.extract import DIRECT, REPORTED, ExtractedQuote, KnownSpeaker, extract_quotes

SEED_ARTICLE = """\
Menteri Luar Negeri Cho Tae-yul terlihat sedang melakukan panggilan telepon dengan Perwakilan Tinggi Uni Eropa Urusan Luar Negeri dan Kebijakan Keamanan Kaja Kallas pada tanggal 22 Januari 2025.
Penulis:Aisylu Akhmetzianova
Foto: Kementerian Luar Negeri
Menteri Luar Negeri Cho Tae-yul melakukan panggilan telepon dengan Perwakilan Tinggi Uni Eropa untuk Urusan Luar Negeri dan Kebijakan Keamanan Kaja Kallas pada tanggal 22 Januari 2025.
Kallas dilantik pada tanggal 1 Desember 2024. Mereka berjanji untuk mengadakan pertemuan dalam waktu yang dekat.
Kementerian Luar Negeri mengungkapkan pada hari itu bahwa mereka membahas hubungan Korea dengan Uni Eropa (EU), kerja sama antara Rusia dengan Korea Utara, situasi Semenanjung Korea, dan situasi internasional.
Cho menekankan bahwa hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat.
Kallas menjawab, "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting."
Cho dan Kallas sepakat bahwa hubungan Korea dan EU harus semakin diperkuat dalam berbagai bidang, seperti politik, ekonomi, dan keamanan. Korea dan EU memperingati 15 tahun hubungan kemitraan strategis komprehensif pada tahun 2025.
Selain itu, keduanya sepakat untuk membentuk badan konsultatif bilateral, seperti Dialog Strategis Antara Korea dan EU Kedua serta Dialog Politik Tingkat Tinggi. Mereka juga sepakat melanjutkan komunikasi untuk melaksanakan Kemitraan Keamanan dan Pertahanan Korea-EU yang ditandatangani pada Dialog Strategis pertama.
Kedua belah pihak mengkritik kerja sama militer Rusia dan Korea Utara yang mendukung Invasi Rusia ke Ukraina. Mereka mengatakan bahwa hal tersebut mengancam keamanan dunia termasuk Korea dan EU. Mereka juga akan melanjutkan usaha kerja sama untuk menghentikan kerja sama Rusia dan Korea Utara.
Menteri Luar Negeri Cho Tae-yul (kanan) terlihat sedang berbicara dengan Komandan baru Pasukan Amerika Serikat Korea Xavier Brunson pada tanggal 22 Januari 2025 di gedung Kementerian Luar Negeri.
Cho juga bertemu dengan komandan baru Pasukan Amerika Serikat di Korea pada hari itu di gedung Kementerian Luar Negeri, Jongno-gu, Seoul. Xavier Brunson tak hanya menjabat sebagai komandan pasukan AS di Korea, tetapi juga sebagai komandan Komando Pasukan Gabungan Korea-AS serta Komando Pasukan PBB (Perserikatan Bangsa-bangsa).
Mereka membahas aliansi Korea-AS dan isu Korea Utara. Menteri Cho meminta Bruson untuk berkontribusi dalam mempertahankan dan memperkuat pertahanan gabungan Korea dan AS yang kokoh.
Cho juga meminta Brunson untuk meneruskan kerja sama aliansi Korea-AS melalui nonprofilerasi dan kerja sama trilateral antara Korea, AS, dan Jepang.
aisylu@korea.kr
"""

CHO = KnownSpeaker(1, "Cho Tae-yul", titles=("Minister of Foreign Affairs", "Menteri Luar Negeri"))
KALLAS = KnownSpeaker(
    2, "Kaja Kallas", titles=("High Representative of the EU for Foreign Affairs and Security Policy",)
)
BRUNSON = KnownSpeaker(
    3, "Xavier Brunson", aliases=("Bruson",), titles=("Commander", "United States Forces Korea")
)


@pytest.fixture(scope="module")
def quotes() -> list[ExtractedQuote]:
    return extract_quotes(SEED_ARTICLE, known_speakers=(CHO, KALLAS, BRUNSON))


def _containing(quotes: list[ExtractedQuote], words: str) -> ExtractedQuote:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, f"expected one statement containing {words!r}, got {found}"
    return found[0]


def test_kallas_direct_quotation_is_attributed_to_kaja_kallas(quotes):
    quote = _containing(quotes, "mitra strategis")
    assert quote.kind == DIRECT
    assert quote.text == "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting."
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.id) == ("Kaja Kallas", 2)
    assert SEED_ARTICLE[quote.speaker.start : quote.speaker.end] == "Kallas"
    assert quote.cue == "menjawab"


def test_the_only_direct_quotation_is_kallas(quotes):
    assert [q.speaker.name for q in quotes if q.kind == DIRECT] == ["Kaja Kallas"]


def test_cho_stresses_partnership_as_reported_speech(quotes):
    quote = _containing(quotes, "kemitraan strategis komprehensif Korea dan EU harus diperkuat")
    assert quote.kind == REPORTED
    assert quote.text == "hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat"
    assert (quote.speaker.name, quote.speaker.id, quote.cue) == ("Cho Tae-yul", 1, "menekankan")


def test_minister_cho_asks_misspelt_bruson_resolved_to_xavier_brunson(quotes):
    quote = _containing(quotes, "berkontribusi dalam mempertahankan")
    assert quote.kind == REPORTED
    assert (quote.speaker.name, quote.speaker.id, quote.cue) == ("Cho Tae-yul", 1, "meminta")
    assert SEED_ARTICLE[quote.speaker.start : quote.speaker.end] == "Menteri Cho"
    assert quote.addressee is not None
    assert (quote.addressee.name, quote.addressee.id) == ("Xavier Brunson", 3)
    assert SEED_ARTICLE[quote.addressee.start : quote.addressee.end] == "Bruson"


def test_cho_asks_brunson_again(quotes):
    quote = _containing(quotes, "meneruskan kerja sama aliansi")
    assert (quote.kind, quote.speaker.name, quote.cue) == (REPORTED, "Cho Tae-yul", "meminta")
    assert (quote.addressee.name, quote.addressee.id) == ("Xavier Brunson", 3)


def test_seed_offsets_point_into_article(quotes):
    for quote in quotes:
        assert SEED_ARTICLE[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert quote.speaker.end > quote.speaker.start


def test_misspelt_surname_resolves_without_alias_by_similarity():
    brunson = KnownSpeaker(3, "Xavier Brunson")
    found = extract_quotes(SEED_ARTICLE, known_speakers=(CHO, brunson))
    quote = _containing(found, "berkontribusi dalam mempertahankan")
    assert quote.addressee is not None
    assert quote.addressee.name == "Xavier Brunson"
