"""The issue's user cases: who said it, as a reporter writes the name (verdict and reason each)."""

from __future__ import annotations

import pytest

KOREA = "Korea is an important strategic partner"


def verify(client, claim, speaker=None, **extra):
    response = client.post("/api/v1/verify", json={"claim": claim, "speaker": speaker, **extra})
    assert response.status_code == 200, response.json
    return response.json


def test_one_letter_slip_in_the_surname_is_verified_and_explained(client, seeded):
    result = verify(client, KOREA, "Kaja Kalas")
    assert result["verdict"] == "verified"
    assert "speaker_typo" in result["reasons"]
    assert result["speaker_match"] == "probable"
    assert "Said by Kaja Kallas on 22 January 2025" in result["explanation"]
    assert "'Kaja Kalas' is a misspelling" in result["explanation"]


@pytest.mark.parametrize(
    "speaker",
    [
        "EU foreign policy chief Kaja Kallas",
        "Kaja Kallas, the EU foreign policy chief",
        "Kallas, Kaja",
        "High Representative Kaja Kallas",
        "Perwakilan Tinggi Uni Eropa Urusan Luar Negeri dan Kebijakan Keamanan Kaja Kallas",
    ],
)
def test_roles_titles_and_reversed_names_are_the_speaker(client, seeded, speaker):
    result = verify(client, KOREA, speaker)
    assert result["verdict"] == "verified"
    assert result["speaker_match"] == "exact"
    assert "speaker_differs" not in result["reasons"]


def test_short_claim_held_by_one_quote_of_the_speaker_is_verified(client, seeded):
    result = verify(client, "Cooperation with Korea is important.", "Kaja Kallas")
    assert result["verdict"] == "verified"
    assert "short_claim" in result["reasons"]


def test_short_claim_with_a_wrong_word_is_not_verified(client, seeded):
    result = verify(client, "Cooperation with Korea is very important.", "Kaja Kallas")
    assert result["verdict"] == "altered"


def test_short_claim_without_a_speaker_stays_a_suggestion(client, seeded):
    result = verify(client, "Cooperation with Korea is important.")
    assert result["verdict"] == "unverified"
    assert {"too_short", "no_speaker"} <= set(result["reasons"])
    assert result["matches"], "the match is still shown"


def test_another_known_person_is_misattributed_and_named(client, seeded):
    result = verify(client, "Korea is an important strategic partner for the EU", "Cho Tae-yul")
    assert result["verdict"] == "misattributed"
    assert result["speaker_match"] == "different"
    assert "Said by Kaja Kallas" in result["explanation"]
    assert "not by 'Cho Tae-yul'" in result["explanation"]


def test_a_stored_date_other_than_the_claimed_one_is_a_reason(client, seeded):
    result = verify(client, KOREA, "Kaja Kallas", said_on="2024-03-01")
    assert result["verdict"] == "verified"
    assert "date_mismatch" in result["reasons"]
    assert "not on 1 March 2024" in result["explanation"]


# A made-up archive in the shape of the 64k corpus: short and decorated speaker forms, a common phrase.
ROWS = [
    ("We are going to build the wall and the other side is going to pay for it.", "Trump"),
    ("The polls are rigged by the people who own the networks, believe me.", "Mr. Trump"),
    ("I will bring the steel mills back to every town in the valley.", "Republican candidate Donald Trump"),
    (
        "Farmers in this state deserve a farm bill that passes on time, every time.",
        "Sen. Claire McCaskill (D-Mo.)",
    ),
    ("How we feel is not who we are, and what we do is who we become.", "Ilona Varga"),
    (
        "The more we do, the more we can do; the more busy we are, the more leisure we have.",
        "William Hazlitt",
    ),
    ("The more things you do, the more you can do, and the better you get at all of them.", "Lucille Ball"),
]


@pytest.fixture
def archive(import_quotes):
    return import_quotes(ROWS)


@pytest.mark.parametrize("text", [t for t, s in ROWS[:3]])
def test_full_name_for_quotes_stored_under_short_forms_is_verified(client, archive, text):
    result = verify(client, text, "Donald Trump")
    assert result["verdict"] == "verified"
    assert result["matches"][0]["confidence"] == "strong"
    assert "speaker_differs" not in result["reasons"]


def test_full_name_for_a_senator_stored_with_title_and_tag_is_verified(client, archive):
    result = verify(client, ROWS[3][0], "Claire McCaskill")
    assert result["verdict"] == "verified"
    assert result["speaker_match"] == "exact"


def test_a_common_phrase_partly_matched_is_no_evidence_of_misattribution(client, archive):
    result = verify(client, "this is not who we are.", "Tim Kaine")
    assert result["verdict"] != "misattributed"
    if result["matches"]:
        assert "weak_evidence" in result["reasons"]


def test_the_claimed_speakers_own_words_win_over_another_persons(client, archive):
    result = verify(client, "The more we do, the more we can do.", "William Hazlitt")
    assert result["verdict"] == "verified"
    assert result["matches"][0]["quote"]["speaker"]["name"] == "William Hazlitt"


def test_a_different_given_name_is_a_different_person(client, archive):
    result = verify(client, ROWS[3][0], "Claire McCaskell")  # one letter, same given name: the same
    assert result["verdict"] == "verified"
    result = verify(client, ROWS[3][0], "Robert McCaskill")
    assert result["verdict"] == "misattributed"
    assert "speaker_differs" in result["reasons"]
