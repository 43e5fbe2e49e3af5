"""Finding quotations: mark styles, apostrophes, multi-sentence and multi-paragraph quotations, offsets."""

from __future__ import annotations

import pytest

from service.extract import DIRECT, extract_quotes


def _direct(text: str, **kwargs) -> list[str]:
    return [q.text for q in extract_quotes(text, **kwargs) if q.kind == DIRECT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win this election,” Trump said.", "We will win this election,"),
        ('"We will win this election," Trump said.', "We will win this election,"),
        ("«Kami akan menang dalam pemilu ini», kata Prabowo.", "Kami akan menang dalam pemilu ini"),
        ("„Kami akan menang dalam pemilu ini“, kata Prabowo.", "Kami akan menang dalam pemilu ini"),
        ("‘We will win this election,’ Trump said.", "We will win this election,"),
        ("「我们会赢」 Trump said yesterday.", "我们会赢"),
        ("''We will win this election,'' Mr. Trump said.", "We will win this election,"),
    ],
)
def test_every_quotation_mark_style_is_recognised(text, expected):
    assert _direct(text) == [expected]


def test_apostrophes_are_not_quotation_marks():
    text = "Trump said he doesn't like Korea's '90s policies, and the students' union agreed it's ’tis odd."
    assert _direct(text) == []


def test_nested_single_quotes_stay_inside_the_double_quotation():
    text = "“He told me, ‘Never give up,’ and I never did,” Obama said."
    assert _direct(text) == ["He told me, ‘Never give up,’ and I never did,"]


def test_quotation_spanning_several_sentences_is_one_quote():
    text = 'Hillary Clinton spoke in Ohio. She said: "We will win. We will not give up. Believe me."'
    assert _direct(text) == ["We will win. We will not give up. Believe me."]


def test_quotation_continued_in_next_paragraph_keeps_speaker():
    text = (
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        "“We will fight for every single vote in this state,” Clinton said. “We will not give up.\n\n"
        "“And we will win in November.”"
    )
    found = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [q.text for q in found] == [
        "We will fight for every single vote in this state,",
        "We will not give up.",
        "And we will win in November.",
    ]
    assert {q.speaker.name for q in found} == {"Hillary Clinton"}


def test_interrupted_quotation_keeps_one_speaker():
    text = "Kaja Kallas called Seoul on Wednesday. “Korea,” she said, “is an important partner for Europe.”"
    found = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [q.text for q in found] == ["Korea,", "is an important partner for Europe."]
    assert [q.speaker.name for q in found] == ["Kaja Kallas", "Kaja Kallas"]
    assert [q.cue for q in found] == ["said", "said"]


def test_scare_quotes_are_not_quotations():
    text = "Members of the so-called “alt-right” gathered in a “safe space” near the capitol on Friday."
    assert _direct(text) == []


def test_titles_and_nicknames_are_not_quotations():
    text = "He appeared on “Saturday Night Live” and on Fox News’s “Fox and Friends” after the debate."
    assert _direct(text) == []


def test_short_quotation_with_speech_verb_is_kept():
    text = "Trump called the deal “a disaster” on Tuesday."
    assert _direct(text) == ["a disaster"]


def test_markup_attributes_are_not_quotations():
    text = 'Pence won the night.\n\n<tweet tweet-id="783499116076687360"><tweet/>.\n\nThe end.'
    assert _direct(text) == []


def test_right_mark_used_as_opening_still_opens():
    text = "Voters spoke to us.\n\n”I am truly afraid that he will win the election this year.” ― Ana Diaz"
    found = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [q.text for q in found] == ["I am truly afraid that he will win the election this year."]
    assert found[0].speaker.name == "Ana Diaz"


def test_offsets_point_into_original_text():
    text = (
        "Menteri Luar Negeri Retno Marsudi tiba. «Indonesia siap membantu», ujar Retno.\n"
        "Trump said: “We’re going to win so much.” Clinton replied that the plan would fail badly."
    )
    found = extract_quotes(text)
    assert len(found) == 3
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is not None
        assert text[quote.speaker.start : quote.speaker.end].split()[-1] in quote.speaker.name.split()


def test_quotes_come_out_in_text_order():
    text = (
        "Barack Obama said that the economy is recovering at a steady pace. "
        "“We have more to do,” he said. Mitt Romney said the recovery was far too slow for families."
    )
    starts = [q.start for q in extract_quotes(text)]
    assert starts == sorted(starts)
    assert len(starts) == 3


def test_unclosed_quotation_runs_to_end_of_paragraph():
    text = "Trump said: “We will build the wall and we will make them pay\n\nThe crowd cheered."
    assert _direct(text) == ["We will build the wall and we will make them pay"]


def test_nyt_double_apostrophes_closing_a_nested_single_quotation():
    text = "''I would use the word 'old-school,''' said Gregory W. Slayton, a former diplomat."
    found = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == ["I would use the word 'old-school,'"]
    assert found[0].speaker.name == "Gregory W. Slayton"


def test_invisible_direction_marks_read_as_spaces_around_quotation_marks():
    text = "Jane Doe said \u202a“We will win this race, no doubt about it.”\u202c and left."
    found = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == ["We will win this race, no doubt about it."]
