"""A speaker is a person or an organisation: never a sentence-opening adverb or participle, taken whole,
and a role phrase resolves to the person the article (or the index) names for it. Passages written for
these tests."""

from __future__ import annotations

import pytest

from service.extract import DIRECT, KnownSpeaker, extract_quotes


def _speakers(text: str, **kwargs) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in extract_quotes(text, **kwargs) if q.kind == DIRECT]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Perhaps Lena Ortiz put it best. "We build bridges for people who cross them," she said.',
            "Lena Ortiz",
        ),
        ('Perhaps, as the harbour master told the crew, "the tide waits for nobody."', None),
        ('Having said that, "we will keep the ferry running until spring," the operator added.', None),
        ('Clearly, "nobody in this town expected a flood," Mayor Ruth Adeyemi said.', "Ruth Adeyemi"),
        ('Whatever "fairness" means to the board, the vote stands, Paolo Brandt said.', "Paolo Brandt"),
    ],
)
def test_a_sentence_opening_adverb_or_participle_is_never_the_speaker(text, speaker):
    found = _speakers(text)
    assert found
    assert found[0] == speaker
    assert not {"Perhaps", "Having", "Clearly", "Whatever"} & {s for s in found if s}


def test_a_participle_written_as_a_name_elsewhere_stays_a_name():
    text = (
        "Coach Dana Manning arrived late. Manning said the team had trained hard.\n\n"
        '"We were ready," Manning said.'
    )
    assert _speakers(text) == ["Dana Manning"]


def test_an_organisation_with_for_is_taken_whole():
    text = '"This rebate goes to the wealthiest families," said Parents for Fair Schools, a lobby group.'
    assert _speakers(text) == ["Parents for Fair Schools"]
    text = '"The figures do not add up," the Institute for Budget Studies said in a report.'
    assert _speakers(text) == ["Institute for Budget Studies"]


def test_a_preposition_between_two_names_does_not_join_them():
    text = (
        'At a dinner in the Grand Hall for Marta Ruiz, the host raised a glass. "To Marta," Jonas Petit said.'
    )
    assert _speakers(text) == ["Jonas Petit"]


def test_a_state_after_the_name_is_not_part_of_it():
    text = '"We counted every ballot twice," said Representative Jim Haddock of South Carolina.'
    assert _speakers(text) == ["Jim Haddock"]
    text = '"Tuition has doubled," the University of Texas said in a statement.'
    assert _speakers(text) == ["University of Texas"]  # an organisation keeps its "of"


def test_a_role_phrase_resolves_to_the_person_the_article_names_for_it():
    text = (
        "Ines Varga, the bloc's top diplomat, landed in Tallinn on Monday.\n\n"
        '"We will not be divided," the bloc\'s top diplomat told reporters at the airport.'
    )
    assert _speakers(text) == ["Ines Varga"]
    text = (
        "The union's chief negotiator, Omar Haddad, left the talks at midnight. "
        '"There is no deal," the chief negotiator said.'
    )
    assert _speakers(text) == ["Omar Haddad"]


def test_a_role_phrase_resolves_through_a_known_speakers_title():
    varga = KnownSpeaker(9, "Ines Varga", titles=("EU top diplomat",))
    text = 'Talks resumed in Tallinn. "We stand with Estonia," the EU\'s top diplomat told reporters.'
    quote = extract_quotes(text, known_speakers=(varga,))[0]
    assert (quote.speaker.name, quote.speaker.id) == ("Ines Varga", 9)


def test_an_unnamed_role_is_not_credited_to_the_name_inside_it():
    text = 'Talks resumed in Tallinn. "We stand with Estonia," the EU\'s top diplomat told reporters.'
    assert _speakers(text) == [None]
