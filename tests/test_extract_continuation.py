"""Speakers carried over: quotation-only paragraphs, second-hand reports, asides, NYT-style marks."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes


def _direct(text: str):
    found = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert len(found) == 1, found
    return found[0]


def test_quotation_only_paragraph_continues_the_person_the_previous_paragraph_was_about():
    text = (
        "Senator Jane Doe spoke to reporters on Monday.\n\n"
        "“We will keep fighting for every family in this state, no matter what.”"
    )
    assert _direct(text).speaker.name == "Jane Doe"


def test_quotation_after_a_said_sentence_continues_its_speaker():
    text = (
        "Iowa votes today.\n\n"
        "Jane Doe said in a statement. “There are no paper ballots to recount in this state.”"
    )
    assert _direct(text).speaker.name == "Jane Doe"


def test_headline_quotation_is_not_continued():
    text = "The Latest: Trump delivers defense of ‘New York values.’\n\nThe Latest on the campaign."
    assert _direct(text).speaker is None


def test_unattributed_quotation_does_not_borrow_a_place_or_organisation():
    text = (
        "The Iowa Democratic Party met on Monday.\n\n"
        "“There are no paper ballots to recount in this state, none at all.”"
    )
    speaker = _direct(text).speaker
    assert speaker is None or "Party" not in speaker.name


def test_indonesian_quotation_only_paragraph_continues_the_last_named_person():
    text = (
        "Cho Tae-yul berbicara di Seoul pada hari Senin.\n\n"
        "“Kami akan terus bekerja sama dengan semua pihak untuk menjaga perdamaian.”"
    )
    assert _direct(text).speaker.name == "Cho Tae-yul"


def test_indonesian_kata_dia_resolves_to_the_last_named_person():
    text = (
        "Cho Tae-yul berbicara di Seoul pada hari Senin.\n\n"
        "“Kami akan terus bekerja sama dengan semua pihak untuk menjaga perdamaian,” kata dia."
    )
    assert _direct(text).speaker.name == "Cho Tae-yul"


def test_according_to_after_the_attribution_names_the_outlet_as_source():
    text = "“I ask you not to protest on the floor,” Bernie Sanders said, according to CNN."
    assert _direct(text).speaker.name == "CNN"


def test_speech_verb_inside_an_appositive_does_not_hide_the_attribution():
    text = (
        "“They feel he is the one guy,” Thomas Hanify, the president of the Indiana state "
        "firefighters union, said."
    )
    assert _direct(text).speaker.name == "Thomas Hanify"


def test_role_with_of_before_an_inverted_speaker():
    text = "“Thanks for welcoming these refugees,” said master of ceremonies Asab Al-Tabchi, an engineer."
    assert _direct(text).speaker.name == "Asab Al-Tabchi"


def test_newly_listed_speech_verbs_attribute():
    text = "“If they were serious, they would have gone to the bipartisan bill,” Pat Toomey fumed on Tuesday."
    assert _direct(text).speaker.name == "Pat Toomey"
    text = "“Jeb wants to be a tough guy tonight,” Donald Trump shot back."
    assert _direct(text).speaker.name == "Donald Trump"
