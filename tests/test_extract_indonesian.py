"""Indonesian articles: speech verbs after the quotation (kata, ujar, ungkap, jelas, tambah), menurut, titles
(Menteri, Presiden, Wakil) and reported speech with bahwa. Passages written for these tests."""

from __future__ import annotations

import pytest

from service.extract import DIRECT, REPORTED, KnownSpeaker, extract_quotes


def _found(text: str, **kwargs) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, first words, speaker, cue) of each statement."""
    return [
        (q.kind, " ".join(q.text.split()[:3]), q.speaker.name if q.speaker else None, q.cue)
        for q in extract_quotes(text, language="id", **kwargs)
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            '"Kami sudah menyiapkan anggaran perbaikan jalan," kata Gubernur Budi Santoso di Bandung.',
            "Budi Santoso",
            "kata",
        ),
        (
            '"Semua sekolah dibuka kembali pekan depan," ujar Wakil Wali Kota Rina Hartati.',
            "Rina Hartati",
            "ujar",
        ),
        (
            '"Harga beras sudah stabil di semua pasar," jelas Menteri Perdagangan Dewi Lestari.',
            "Dewi Lestari",
            "jelas",
        ),
        (
            '"Kita tidak boleh lengah menghadapi banjir," ungkap Kepala Dinas Andi Pratama.',
            "Andi Pratama",
            "ungkap",
        ),
    ],
)
def test_a_speech_verb_after_the_quotation_names_its_speaker(text, speaker, cue):
    assert _found(text)[0][2:] == (speaker, cue)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Kata Menteri Cho, "Kemitraan strategis komprehensif harus diperkuat."', "Cho", "Kata"),
        (
            'Ujar Gubernur Budi Santoso: "Kami sudah menyiapkan anggaran perbaikan jalan."',
            "Budi Santoso",
            "Ujar",
        ),
    ],
)
def test_a_post_verb_opening_the_sentence_names_the_speaker_before_the_quotation(text, speaker, cue):
    assert _found(text)[0][2:] == (speaker, cue)


def test_an_opening_post_verb_needs_a_name_right_before_the_quotation():
    # "Kata dia": a pronoun, no one named; "Kata ... bahwa": not an attribution of the quotation.
    assert _found('Kata dia, "Kami sudah menyiapkan dananya."')[0][2] is None
    assert _found('Kata Budi Santoso kemarin bahwa "anggaran sudah siap."')[0][3] != "Kata"


def test_a_pronoun_suffix_on_the_verb_refers_to_the_person_just_named():
    text = (
        "Presiden Joko Widodo meninjau pelabuhan itu pada Selasa. "
        '"Pelabuhan ini harus selesai tahun depan," ungkapnya. '
        '"Kami sudah menyiapkan dananya," tambahnya.'
    )
    assert [(k, s, c) for k, _, s, c in _found(text)] == [
        (DIRECT, "Joko Widodo", "ungkapnya"),
        (DIRECT, "Joko Widodo", "tambahnya"),
    ]


def test_menurut_attributes_the_statement_that_follows():
    text = "Menurut Menteri Keuangan Sri Wahyuni, inflasi akan turun pada akhir tahun ini."
    assert _found(text) == [(REPORTED, "inflasi akan turun", "Sri Wahyuni", "Menurut")]


def test_reported_speech_with_bahwa_and_a_title():
    text = "Wakil Presiden Ahmad Fauzi menegaskan bahwa pemerintah tidak akan menaikkan harga bahan bakar."
    assert _found(text) == [(REPORTED, "pemerintah tidak akan", "Ahmad Fauzi", "menegaskan")]


def test_a_bare_title_resolves_to_the_known_speaker_who_holds_it():
    menteri = KnownSpeaker(4, "Dewi Lestari", titles=("Menteri Perdagangan",))
    text = "Menteri Perdagangan mengatakan bahwa stok beras cukup sampai akhir tahun."
    quote = extract_quotes(text, known_speakers=(menteri,), language="id")[0]
    assert (quote.kind, quote.speaker.name, quote.speaker.id) == (REPORTED, "Dewi Lestari", 4)


def test_a_sentence_opening_adverb_is_not_an_indonesian_speaker():
    text = '"Kami akan menunggu hasil rapat," kata Rudi Hartono. Mungkin, "semua sudah terlambat," tambahnya.'
    assert [s for _, _, s, _ in _found(text)] == ["Rudi Hartono", "Rudi Hartono"]
