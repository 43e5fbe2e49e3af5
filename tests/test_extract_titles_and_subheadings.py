"""Names of books and shows, subheadings and markup are not quotations; quotations beside them are."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes


def _speakers(text: str, **kwargs) -> list[tuple[str, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None)
        for q in extract_quotes(text, **kwargs)
        if q.kind == DIRECT
    ]


def _quoted(text: str, **kwargs) -> list[str]:
    return [text for text, _ in _speakers(text, **kwargs)]


def test_book_title_after_a_speech_verb_is_not_a_quotation():
    text = "The senator wrote in his 2012 memoir, “Leaving Home Again.” His family stayed in Ohio."
    assert _quoted(text) == []


def test_show_title_after_its_kind_is_not_a_quotation_but_the_speech_beside_it_is():
    text = (
        "The party spoke to reporters.\n\n"
        "“We will win this state,” Senator Mark Ellis said on the Sunday program “Face the Voters.” "
        "“Nobody should doubt it.”"
    )
    assert _speakers(text) == [
        ("We will win this state,", "Mark Ellis"),
        ("Nobody should doubt it.", "Mark Ellis"),
    ]


def test_long_book_title_with_a_subtitle_is_not_a_quotation():
    text = "Critics are reading Walker’s new book, “Broken Promises: How the Party Lost Its Way,” closely."
    assert _quoted(text) == []


def test_speech_after_the_word_show_is_still_a_quotation():
    text = "The network executive called the show “the most honest news program on the air.”"
    assert _quoted(text) == ["the most honest news program on the air."]


def test_indonesian_show_and_book_titles_are_not_quotations():
    text = (
        "Menteri Cho Tae-yul mengatakan dalam acara “Sapa Indonesia Malam” bahwa kerja sama harus diperkuat. "
        "Ia menulis buku “Jalan Panjang Diplomasi” pada tahun 2020."
    )
    assert _quoted(text, language="id") == []


def test_indonesian_quotation_next_to_a_show_title_is_kept():
    text = (
        "Kallas berbicara di acara “Dialog Eropa” pada hari Senin.\n\n"
        "Kallas menjawab, “Korea adalah mitra strategis yang penting bagi kami.”"
    )
    assert _speakers(text, language="id") == [
        ("Korea adalah mitra strategis yang penting bagi kami.", "Kallas")
    ]


def test_show_on_a_network_in_a_paragraph_of_speech_is_not_a_quotation():
    # The narrative words around the show's name are few and capitalised; the speech around them is not.
    text = (
        "Voters were divided.\n\n"
        '"The governor is a fraud," Perez said Sunday on NBC\'s "Face the Nation." '
        '"Listening to him talk about jobs is hard to bear."'
    )
    assert _quoted(text) == ["The governor is a fraud,", "Listening to him talk about jobs is hard to bear."]


def test_single_quoted_paragraph_between_double_quoted_speech_is_a_subheading():
    text = (
        'Workers at the plant were angry. "We built this town," said Ana Ruiz.\n\n'
        "'A really tough decision.'\n\n"
        'The company said the move was necessary. "We had no choice," said Tom Hale.'
    )
    assert _speakers(text) == [("We built this town,", "Ana Ruiz"), ("We had no choice,", "Tom Hale")]


def test_indonesian_single_quoted_subheading_is_not_a_quotation():
    text = (
        'Kallas menjawab, "Korea adalah mitra strategis yang penting bagi EU."\n\n'
        "'Kerja sama yang kokoh.'\n\n"
        'Cho menegaskan, "Hubungan kita harus semakin diperkuat."'
    )
    assert _quoted(text, language="id") == [
        "Korea adalah mitra strategis yang penting bagi EU.",
        "Hubungan kita harus semakin diperkuat.",
    ]


def test_single_quoted_speech_inside_a_paragraph_is_still_a_quotation():
    text = (
        'Workers at the plant were angry. "We built this town," said Ana Ruiz.\n\n'
        "Her colleague Tom Hale said, 'We had no choice at all.'"
    )
    assert _quoted(text) == ["We built this town,", "We had no choice at all."]


def test_markup_attributes_broken_over_lines_are_not_quotations():
    text = (
        "Cruz took the news in stride.\n\n"
        '<tweet tweet-author="@tedcruz" tweet-date="January 19, 2016\n">I love my supporters<tweet/>.\n\n'
        "He spoke later."
    )
    assert _quoted(text) == []


def test_headline_followed_by_a_byline_is_not_a_quotation():
    text = (
        "Today’s pick: “The senator who changed how this state votes,” by Times’ Jane Doe. "
        "“It changed my mind,” Doe said."
    )
    assert _quoted(text) == ["It changed my mind,"]


def test_indonesian_title_followed_by_karya_is_not_a_quotation():
    text = "Kallas mengutip “Jalan panjang menuju perdamaian di semenanjung” karya Cho Tae-yul."
    assert _quoted(text, language="id") == []


def test_quoted_slogans_dated_in_parentheses_are_not_quotations():
    text = (
        "The party printed posters: “Stop the flood of migrants right now” (2005), “Our jobs belong to "
        "our own people” (2009). Its leader said, “We will keep fighting.”"
    )
    assert _quoted(text) == ["We will keep fighting."]


def test_indonesian_dated_slogan_is_not_a_quotation():
    text = (
        "Partai itu memasang poster “Tolak impor beras dari negara tetangga” (2018) di seluruh kota. "
        "Ketua partai mengatakan, “Kami akan terus berjuang.”"
    )
    assert _quoted(text, language="id") == ["Kami akan terus berjuang."]


def test_capitalised_chant_is_a_quotation_not_a_title():
    text = "The crowd answered the senator with chants of “Marco! Marco!” as he walked in."
    assert _quoted(text) == ["Marco! Marco!"]


def test_indonesian_capitalised_shout_is_a_quotation():
    text = "Massa menyambut Menteri Cho dengan teriakan “Hidup Korea!” di bandara."
    assert _quoted(text, language="id") == ["Hidup Korea!"]


def test_capitalised_words_introduced_by_a_colon_are_a_quotation():
    assert _quoted("Protesters outside the hall had one message: “Dump Trump.”") == ["Dump Trump."]


def test_indonesian_capitalised_words_introduced_by_a_colon_are_a_quotation():
    text = "Para demonstran di depan gedung membawa satu pesan: “Tolak Kenaikan Harga.”"
    assert _quoted(text, language="id") == ["Tolak Kenaikan Harga."]


def test_writers_own_words_before_i_said_are_a_quotation():
    text = "The judge looked at me. “Your Honor,” I said, “I would like to explain.”"
    assert _speakers(text) == [("Your Honor,", None), ("I would like to explain.", None)]


def test_indonesian_writers_own_words_before_saya_are_a_quotation():
    assert _quoted("Hakim menatap saya. “Yang Mulia,” saya menjawab.", language="id") == ["Yang Mulia,"]


def test_short_words_after_the_attribution_go_on_with_the_same_speech():
    text = (
        "The senator was upbeat.\n\n“I feel very good about our chances in November,” Tester said. "
        "“Very good.”"
    )
    assert _speakers(text) == [
        ("I feel very good about our chances in November,", "Tester"),
        ("Very good.", "Tester"),
    ]


def test_indonesian_short_words_after_the_attribution_go_on_with_the_same_speech():
    text = (
        "Menteri itu optimistis.\n\n“Kerja sama ini sangat penting bagi kedua negara,” kata Cho. "
        "“Sangat penting.”"
    )
    assert _speakers(text, language="id") == [
        ("Kerja sama ini sangat penting bagi kedua negara,", "Cho"),
        ("Sangat penting.", "Cho"),
    ]


def test_scare_quote_in_the_next_paragraph_does_not_go_on_with_the_speech():
    text = "Tester spoke first. “We will win,” Tester said.\n\nThe “establishment” candidate lost."
    assert _quoted(text) == ["We will win,"]


def test_markup_with_a_whole_tweet_in_an_attribute_is_not_a_quotation():
    pasted = "we looked at the figures again and the claim holds up, so we call it mostly right " * 8
    text = (
        "The fact-checkers weighed in.\n\n"
        f'<tweet tweet-author="{pasted}" tweet-date="{pasted}.">Lee said jobs were “scarce for the young.”'
        "<tweet/>.\n\nThe debate went on."
    )
    assert _quoted(text) == ["scarce for the young."]


def test_transcript_stage_directions_are_not_quotations():
    text = (
        '"HOST: Will you answer the question, Governor?\n\n'
        '"(CROSSTALK.)\n\n'
        '"PARKER: I answered it twice already, and I will answer it again tonight.\n\n'
        '"(LAUGHTER)\n\n'
        '"HOST: Then we will move on to the economy and jobs."'
    )
    quoted = _quoted(text)
    assert "(CROSSTALK.)" not in quoted
    assert "(LAUGHTER)" not in quoted
    assert any(q.startswith("PARKER: I answered it twice") for q in quoted)


def test_indonesian_stage_direction_in_brackets_is_not_a_quotation():
    text = "Anies menjawab pertanyaan wartawan. “[Tepuk tangan]” “Kami akan bekerja keras,” kata Anies."
    assert _quoted(text) == ["Kami akan bekerja keras,"]


def test_show_named_right_after_told_is_not_a_quotation():
    text = "Senator Ann Tully told “Good Morning Ohio” on Tuesday that she would run again."
    assert _quoted(text) == []


def test_indonesian_show_named_after_kepada_is_not_a_quotation():
    text = "Gubernur Anies Baswedan mengatakan kepada “Suara Pagi” bahwa ia akan maju lagi."
    assert _quoted(text) == []


def test_language_gloss_is_not_a_quotation():
    text = "Crowds chanted “brujas” — Spanish for “witches” — as the senator said “we will not back down.”"
    assert _quoted(text) == ["brujas", "we will not back down."]


def test_indonesian_language_gloss_is_not_a_quotation():
    text = "Warga menyebutnya “lurah”, bahasa Jawa yang berarti “kepala desa”, kata Budi Santoso kepada kami."
    assert "kepala desa" not in _quoted(text, language="id")


def test_excerpt_after_a_bylined_title_is_not_a_quotation():
    text = (
        "CITY NEWS.\n\n"
        "“Old diner closes after forty years,” by Times’ Jane Doe: “The diner that fed three generations of "
        "night-shift workers will close on Friday.” http://example.com/x.\n\n"
        "“We will miss it,” Mayor Tom Hale said."
    )
    assert _speakers(text) == [("We will miss it,", "Tom Hale")]


def test_indonesian_excerpt_after_a_bylined_title_is_not_a_quotation():
    text = (
        "KABAR KOTA.\n\n"
        "“Warung tua tutup setelah empat puluh tahun,” oleh Rina Sari: “Warung yang memberi makan tiga "
        "generasi pekerja malam akan tutup pada hari Jumat.”\n\n"
        "“Kami akan merindukannya,” kata Wali Kota Budi Santoso."
    )
    assert _speakers(text, language="id") == [("Kami akan merindukannya,", "Budi Santoso")]
