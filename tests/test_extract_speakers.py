"""Who said it: speech verbs and their position, name resolution, titles, pronouns, known speakers."""

from __future__ import annotations

from service.extract import DIRECT, ExtractedQuote, KnownSpeaker, extract_quotes

CHO = KnownSpeaker(1, "Cho Tae-yul", titles=("Minister of Foreign Affairs", "Menteri Luar Negeri"))
BRUNSON = KnownSpeaker(3, "Xavier Brunson", aliases=("Bruson",))


def _only(text: str, **kwargs) -> ExtractedQuote:
    found = extract_quotes(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def _mention(text: str, quote: ExtractedQuote) -> str:
    assert quote.speaker is not None
    return text[quote.speaker.start : quote.speaker.end]


def test_subject_before_speech_verb_is_the_speaker():
    text = "“We will build it,” Donald Trump said on Monday."
    quote = _only(text)
    assert (quote.speaker.name, quote.cue) == ("Donald Trump", "said")


def test_inverted_speech_verb_takes_the_name_after_it():
    text = "“We will never surrender,” said Winston Churchill, the prime minister."
    assert _only(text).speaker.name == "Winston Churchill"


def test_speaker_before_quotation_with_colon():
    text = 'Hillary Clinton spoke in Ohio. Later, Clinton said: "We will win. Believe me."'
    assert _only(text).speaker.name == "Hillary Clinton"


def test_surname_resolves_to_full_name_used_earlier():
    text = "Elizabeth Warren questioned the bank chief on Tuesday.\n\n“You should resign,” Warren said."
    quote = _only(text)
    assert quote.speaker.name == "Elizabeth Warren"
    assert _mention(text, quote) == "Warren"


def test_title_and_surname_resolve_to_full_name():
    text = "Donald Trump spoke in Ohio on Monday. “We will win,” Mr. Trump said."
    quote = _only(text)
    assert quote.speaker.name == "Donald Trump"
    assert _mention(text, quote) == "Mr. Trump"


def test_indonesian_title_and_surname_resolve_to_known_speaker():
    text = "Menteri Cho mengatakan bahwa kerja sama kedua negara harus terus diperkuat."
    quote = _only(text, known_speakers=(CHO,))
    assert (quote.speaker.name, quote.speaker.id) == ("Cho Tae-yul", 1)
    assert _mention(text, quote) == "Menteri Cho"


def test_known_speaker_title_alone_resolves_to_the_speaker():
    text = "Menteri Luar Negeri menegaskan bahwa kerja sama kedua negara harus terus diperkuat."
    quote = _only(text, known_speakers=(CHO,))
    assert (quote.speaker.name, quote.speaker.id) == ("Cho Tae-yul", 1)


def test_role_noun_resolves_to_the_titled_person_named_earlier():
    text = 'Sen. Claire McCaskill questioned the doctor. "This is a disaster for patients," said the senator.'
    quote = _only(text)
    assert quote.speaker.name == "Claire McCaskill"
    assert _mention(text, quote) == "the senator"


def test_pronoun_resolves_to_last_named_person():
    text = "Barack Obama toured the museum on Saturday.\n\n“It tells an American story,” he said."
    quote = _only(text)
    assert quote.speaker.name == "Barack Obama"
    assert _mention(text, quote) == "he"


def test_indonesian_pronoun_resolves_to_last_named_person():
    text = (
        "Presiden Joko Widodo tiba di Bandung. "
        "Dia mengatakan, pemerintah akan membangun jalan baru tahun ini."
    )
    quote = _only(text)
    assert quote.speaker.name == "Joko Widodo"
    assert _mention(text, quote) == "Dia"


def test_indonesian_verb_with_nya_suffix_resolves_like_a_pronoun():
    text = 'Presiden Joko Widodo tiba di Bandung. "Kami siap membantu seluruh warga," ujarnya.'
    quote = _only(text)
    assert (quote.speaker.name, quote.cue) == ("Joko Widodo", "ujarnya")


def test_plural_pronoun_is_left_unresolved():
    text = 'Donald Trump and his aides arrived. "We are ready for this fight," they said.'
    quote = _only(text)
    assert quote.speaker is None
    assert quote.cue == "said"


def test_indonesian_post_posed_kata_names_the_speaker():
    text = "Prabowo Subianto berkunjung ke Jakarta. «Kami siap bekerja keras», kata Prabowo."
    quote = _only(text)
    assert (quote.kind, quote.speaker.name, quote.cue) == (DIRECT, "Prabowo Subianto", "kata")


def test_appositives_between_speaker_and_verb_are_skipped():
    text = (
        "“We will win,” Scott Pruitt, the attorney general of Oklahoma, "
        "one of the states suing, said on Monday."
    )
    assert _only(text).speaker.name == "Scott Pruitt"


def test_first_speech_verb_with_a_clear_subject_wins():
    text = "Michael Flynn said Donald Trump was “absolutely right” when he said the generals were weak."
    direct = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [q.speaker.name for q in direct] == ["Michael Flynn"]


def test_misspelt_alias_resolves_to_known_speaker():
    text = "Gen. Xavier Brunson arrived.\n\n“The alliance is strong,” Bruson said."
    quote = _only(text, known_speakers=(BRUNSON,))
    assert (quote.speaker.name, quote.speaker.id) == ("Xavier Brunson", 3)
    assert _mention(text, quote) == "Bruson"


def test_misspelt_surname_resolves_to_known_speaker_by_similarity():
    text = "“The alliance is strong,” Brunsen said."
    quote = _only(text, known_speakers=(KnownSpeaker(7, "Xavier Brunson"),))
    assert (quote.speaker.name, quote.speaker.id) == ("Xavier Brunson", 7)


def test_dash_names_the_speaker_of_a_testimonial():
    text = (
        "Readers wrote in.\n\n"
        "“The most unqualified candidate ever to run for the office.” ― Francisco Herrero"
    )
    assert _only(text).speaker.name == "Francisco Herrero"


def test_name_and_colon_in_a_headline_attribute_the_quotation():
    text = "Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’\n\nThe rally went on."
    quote = _only(text)
    assert quote.text == "I’m the Worst Thing That Ever Happened to the Establishment."
    assert quote.speaker.name == "Trump"


def test_unattributed_follow_up_quotation_keeps_the_previous_speaker():
    text = (
        "Bernie Sanders spoke in Iowa.\n\n"
        "“The system is rigged,” Sanders said. “And we are going to change it.”"
    )
    found = extract_quotes(text)
    assert [q.speaker.name for q in found] == ["Bernie Sanders", "Bernie Sanders"]


def test_quotation_introduced_by_a_colon_paragraph():
    text = (
        "The New York Times reports:\n\n"
        "“Just 24 percent of the contributors to the campaign gave $200 or less.”"
    )
    assert _only(text).speaker.name == "New York Times"
