"""Attribution rules tuned on PolNeAR train: roles before names, unknown verbs, signatures, sharing."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes


def _speakers(text: str, **kwargs) -> list[tuple[str, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None)
        for q in extract_quotes(text, **kwargs)
        if q.kind == DIRECT
    ]


def test_role_words_between_subject_prefix_and_name_after_quotation():
    text = "“The administration is constrained,” White House press secretary Josh Earnest said Tuesday."
    assert _speakers(text)[0][1] == "Josh Earnest"


def test_quantified_nominal_after_quotation_keeps_its_name():
    text = "“The campaign has been reluctant to jump in,” one senior Democrat said."
    assert _speakers(text)[0][1] == "Democrat"


def test_new_clause_after_quotation_is_not_an_attribution():
    text = "The count ran late. “We won the vote,” when he said the count was over."
    assert _speakers(text)[0][1] is None


def test_straight_opening_mark_closed_by_curly_mark():
    text = '"There are two people with the knowledge,” said Rick Wilson, a strategist. Then Bush left.'
    assert _speakers(text) == [("There are two people with the knowledge,", "Rick Wilson")]


def test_capitalised_said_opening_a_sentence_takes_the_name_after_it():
    text = 'Roof bought a gun. Said Comey, "The thought that an error on our part is connected is painful."'
    assert _speakers(text)[0][1] == "Comey"


def test_article_before_inverted_name():
    text = "“She is too far behind,” said an Iowa Democrat, “and Iowa was not a decisive win.”"
    assert [s for _, s in _speakers(text)] == ["Iowa Democrat", "Iowa Democrat"]


def test_prepositional_phrase_is_not_the_subject():
    text = 'In a statement, Brian Fallon, a spokesman for the campaign, said: "We have cooperated fully."'
    assert _speakers(text)[0][1] == "Brian Fallon"


def test_long_appositive_after_exclamation_still_attributes():
    text = '"We are vetting!" said Arturo Vargas, the head of the National Association of Latino Officials.'
    assert _speakers(text)[0][1] == "Arturo Vargas"


def test_later_quotation_in_sentence_shares_the_speaker_of_a_scare_quote():
    text = (
        "Bolton thought some of the “Neocons For Hillary” buzz was artificially nourished, "
        "a tribute to “the consummate political skills of her husband.”"
    )
    assert _speakers(text)[-1] == ("the consummate political skills of her husband.", "Bolton")


def test_name_and_unknown_verb_before_colon():
    text = "And Mr. Christie gloated: “I told you he wouldn’t be ready.”"
    assert _speakers(text)[0][1] == "Christie"


def test_verb_right_before_quotation_wins_over_earlier_noun_like_cue():
    text = "In a Facebook post after the speech, Beck wrote: “I couldn’t disagree with her more.”"
    assert _speakers(text)[0][1] == "Beck"


def test_participle_after_comma_takes_the_sentence_subject():
    text = (
        "Later, Carson shared a syllabus for a class called “Perception” on his Facebook page, "
        "writing “Allow me to do the research for the reporter.”"
    )
    assert _speakers(text)[-1][1] == "Carson"


def test_qualifying_name_and_role_before_the_speaker():
    text = '"It just was never meant to be," said Marquette pollster Charles Franklin.'
    assert _speakers(text)[0][1] == "Charles Franklin"
    text = "“We will have a wipeout,” said Florida’s Rick Wilson, a Republican consultant."
    assert _speakers(text)[0][1] == "Rick Wilson"


def test_lowercase_role_before_inverted_name():
    text = '"He has had no support from his colleagues," said former Massachusetts congressman Barney Frank.'
    assert _speakers(text)[0][1] == "Barney Frank"
    text = '"I fundamentally disagree," said retired Army Lt. Gen. Mick Bednarek, who served in Iraq.'
    assert _speakers(text)[0][1] == "Mick Bednarek"


def test_unknown_ed_verb_next_to_name_after_quotation():
    # The state is not part of the name.
    assert _speakers("“This is fantastic!” beamed Donald Hartley of Ohio.")[0][1] == "Donald Hartley"
    assert _speakers("“I told you so,” Christie gloated.")[0][1] == "Christie"


def test_signature_line_in_next_paragraph():
    text = 'The claims.\n\n"Boeing and GE and others pay zero taxes."\n\n- Bernie Sanders.\n\nNext.'
    assert _speakers(text)[0][1] == "Bernie Sanders"


def test_attribution_closing_the_sentence_names_an_inner_quotation():
    text = "Many leaders became more “conversant” about climate change and more willing, Ban said. Then more."
    assert _speakers(text) == [("conversant", "Ban")]


def test_short_phrase_after_named_subject_with_unknown_verb_is_kept():
    text = "Walter Hewlett sniped that Fiorina was “learning on the job” at the company."
    assert _speakers(text) == [("learning on the job", "Walter Hewlett")]


def test_short_phrase_without_speaker_is_still_a_scare_quote():
    assert _speakers("The so-called “closed” primaries are where only registered voters vote.") == []


def test_indonesian_role_words_before_name_after_quotation():
    text = "“Kami akan membuka pelabuhan itu pada hari Senin,” kata juru bicara kementerian Budi Santoso."
    assert _speakers(text, language="id")[0][1] == "Budi Santoso"


def test_indonesian_prepositional_phrase_is_not_the_subject():
    text = "Dalam pernyataan Kementerian, Budi Santoso mengatakan: “Kami akan membuka pelabuhan itu.”"
    assert _speakers(text, language="id")[0][1] == "Budi Santoso"


def test_a_speech_verb_after_a_quoted_phrase_is_a_verb_even_after_a_determiner():
    # 'a “raw time,” said': the determiner belongs to the quoted phrase, not to "said".
    text = "The mayor spoke on Monday.\n\nThis is a “raw time,” said Democratic strategist David Axelrod."
    quotes = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("raw time,", "David Axelrod")
    ]
