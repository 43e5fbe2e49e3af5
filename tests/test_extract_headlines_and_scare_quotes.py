"""Rules tuned on PolNeAR train: short quotations kept unless marked as names; headline speakers."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes


def _speakers(text: str, **kwargs) -> list[tuple[str, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None)
        for q in extract_quotes(text, **kwargs)
        if q.kind == DIRECT
    ]


def _quoted(text: str) -> list[str]:
    return [text for text, _ in _speakers(text)]


def test_short_quotation_after_a_person_in_its_sentence_is_kept():
    text = 'Perhaps young voters prefer Bernie Sanders\' call for "revolution" over pragmatism.'
    assert _quoted(text) == ["revolution"]


def test_short_quotation_after_so_called_is_a_scare_quote():
    assert _quoted("Perhaps Bernie Sanders is the so-called “outsider” of the race.") == []


def test_short_quotation_with_no_person_or_verb_is_dropped():
    assert _quoted("The results also showed the weakness of “establishment” as a label.") == []


def test_title_case_phrase_claimed_by_a_speech_verb_is_kept():
    text = "Trump said Cruz should drop out, and he called Rubio “Little Marco” multiple times."
    assert _quoted(text) == ["Little Marco"]


def test_title_case_phrase_after_a_preposition_is_a_show_not_a_quotation():
    assert _quoted("Clinton said it in an interview on “Fox News Sunday” last week.") == []


def test_title_case_phrase_after_a_determiner_is_a_name_not_a_quotation():
    assert _quoted('Trump was not at the "Three Amigos" summit of North American leaders.') == []


def test_title_case_headline_quotation_is_kept_with_the_colon_speaker():
    text = (
        "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance.\n\n"
        "Sen. Lindsey Graham spoke on Thursday."
    )
    assert _speakers(text) == [("Incredibly Hateful Rhetoric", "Lindsey Graham")]


def test_headline_speaker_before_a_capitalised_speech_verb():
    text = "Francois Hollande Says Donald Trump ‘Makes You Want To Retch.’\n\nFrench President spoke."
    assert _speakers(text)[0][1] == "Francois Hollande"


def test_headline_speaker_after_a_closing_speech_verb():
    text = "‘ISIS Truther’ Donald Trump Is Like A Dumb Client, Trevor Noah Says.\n\nThe host spoke."
    assert _speakers(text)[0][1] == "Trevor Noah"


def test_headline_leading_name_spelt_out_in_the_body():
    text = (
        "Hillary Just Insulted The Victims In The Worst Way — ‘Didn’t Lose A Single American.’\n\n"
        "Democratic candidate Hillary Clinton boasted Monday night."
    )
    assert _speakers(text)[0][1] == "Hillary Clinton"


def test_headline_capitalised_run_that_is_no_name_gives_no_speaker():
    text = "The Latest: Trump delivers defense of ‘New York values.’\n\nThe Latest on the campaign."
    assert _speakers(text) == [("New York values.", None)]


def test_indonesian_headline_colon_speaker_resolved_from_the_body():
    text = (
        "Kallas: Eropa ‘Tidak Akan Mundur’ dari Ukraina\n\n"
        "Kepala diplomasi Uni Eropa Kaja Kallas mengatakan hal itu di Brussel."
    )
    assert _speakers(text, language="id") == [("Tidak Akan Mundur", "Kaja Kallas")]


def test_long_attribution_clause_after_a_question_names_the_speaker():
    text = (
        "“It looks like we’re not going to have a very good relationship, who knows?” Trump told "
        "Britain’s ITV television station in an interview aired on Monday."
    )
    assert _speakers(text)[0][1] == "Trump"


def test_sentence_after_a_quotation_with_a_content_clause_is_not_its_attribution():
    assert _speakers("“We won.” He said the vote was fair.")[0] == ("We won.", None)


def test_attribution_closing_a_sentence_is_found_past_an_earlier_comma():
    text = (
        '"He can assert it, but it seems extremely unlikely" that Sanders can catch Clinton, '
        "said Steve Elmendorf, deputy campaign manager for Kerry."
    )
    assert _speakers(text)[0][1] == "Steve Elmendorf"
