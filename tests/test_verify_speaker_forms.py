"""Names as readers write them, through the API and the page: one name alone, another order, a Korean name
spaced, a Czech feminine surname, another script. None of them is another person; only another name is."""

from __future__ import annotations

import pytest

KOREA = "Korea is an important strategic partner"
# Cho's statement in the seed, reported in Indonesian.
CHO_SAID = "hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat"


def verify(client, claim, speaker=None):
    response = client.post("/api/v1/verify", json={"claim": claim, "speaker": speaker})
    assert response.status_code == 200, response.json
    return response.json


def test_the_given_name_alone_is_probable_and_said_so(client, seeded):
    result = verify(client, KOREA, "Kaja")
    assert result["verdict"] == "verified"
    assert result["speaker_match"] == "probable"
    assert "speaker_one_name" in result["reasons"]
    assert result["matches"][0]["confidence"] == "suggestion"
    assert "'Kaja' gives one of the names of Kaja Kallas alone" in result["explanation"]


def test_a_short_claim_is_not_verified_on_one_name_alone(client, seeded):
    result = verify(client, "Cooperation with Korea is important.", "Kaja")
    assert result["verdict"] == "unverified"
    assert "too_short" in result["reasons"]
    assert verify(client, "Cooperation with Korea is important.", "Kaja Kallas")["verdict"] == "verified"


def test_another_given_name_alone_is_another_person(client, seeded):
    assert verify(client, KOREA, "Maja")["verdict"] == "misattributed"


@pytest.mark.parametrize("speaker", ["KALLAS Kaja", "Kallas Kaja", "Kaja Kallasová"])
def test_the_name_in_another_order_or_the_czech_feminine_form_is_verified(client, seeded, speaker):
    result = verify(client, KOREA, speaker)
    assert result["verdict"] == "verified"
    assert result["speaker_match"] in ("exact", "probable")


def test_a_korean_name_written_without_its_hyphen_is_the_person(client, seeded):
    result = verify(client, CHO_SAID, "Cho Tae Yul")
    assert result["verdict"] == "paraphrased"  # reported speech
    assert result["speaker_match"] == "exact"
    # And it is still another person than Kallas.
    assert verify(client, KOREA, "Cho Tae Yul")["verdict"] == "misattributed"


def test_a_name_in_cyrillic_that_agrees_in_latin_letters_is_probable(client, seeded):
    result = verify(client, KOREA, "Кая Каллас")
    assert result["verdict"] == "verified"
    assert result["speaker_match"] == "probable"
    assert "speaker_other_script" in result["reasons"]
    assert result["matches"][0]["confidence"] == "suggestion"


@pytest.mark.parametrize(("claim", "stored"), [(CHO_SAID, "Cho Tae-yul"), (KOREA, "Kaja Kallas")])
def test_a_name_in_hangul_is_neither_confirmed_nor_an_accusation(client, seeded, claim, stored):
    # "조태열" is Cho Tae-yul; the archive has him in Latin letters only.
    result = verify(client, claim, "조태열")
    assert result["verdict"] == "unverified"
    assert result["speaker_match"] == "unchecked"
    assert "speaker_other_script" in result["reasons"]
    top = result["matches"][0]
    assert top["quote"]["speaker"]["name"] == stored
    assert top["speaker_matches"] is None
    assert "could not be compared: check who said it" in result["explanation"]


def test_the_page_says_a_name_in_another_script_was_not_compared(client, seeded):
    page = client.get("/", query_string={"claim": KOREA, "speaker": "조태열"}).get_data(as_text=True)
    assert "is written in another script, and could not be compared with this name" in page
    assert "The claim names 조태열" not in page  # what the page says of another person


ROWS = [
    ("Common prosperity is an essential requirement of socialism with our characteristics.", "Xi Jinping"),
    ("Our nuclear deterrent is a treasured sword that guarantees peace on the peninsula.", "Kim Jong Un"),
    ("The wind does not break a tree that bends, and we have learned to bend.", "Ilona Varga"),
    ("Our patience has limits, and the war on terror will be fought on our own soil.", "Bashar al-Assad"),
    ("Europe must be able to defend itself, and that begins with a defence union.", "Ursula von der Leyen"),
    ("The budget is not a list of figures but a choice about the country we want.", "Olaf Scholz"),
    ("Unity of the people is the only road to the future of the republic.", "Joseph R. Biden Jr."),
]


@pytest.fixture
def archive(import_quotes):
    return import_quotes(ROWS)


@pytest.mark.parametrize(
    ("row", "speaker", "level"),
    [
        (0, "President Xi", "probable"),
        (0, "Jinping Xi", "exact"),
        (1, "Mr. Kim", "probable"),
        (1, "Kim Jong-un", "exact"),
        (2, "Varga Ilona", "exact"),  # Hungarian order
        (3, "President Assad", "probable"),  # the Arabic article left out
        (3, "Bashar Assad", "exact"),
        (4, "von der Leyen", "probable"),  # a surname with particles alone
        (4, "Présidente von der Leyen", "probable"),
        (5, "Bundeskanzler Olaf Scholz", "exact"),  # a German office before the name
        (6, "Joe Biden", "probable"),  # a nickname
    ],
)
def test_a_family_name_written_first_or_alone_is_verified(client, archive, row, speaker, level):
    result = verify(client, ROWS[row][0], speaker)
    assert result["verdict"] == "verified"
    assert result["speaker_match"] == level


def test_a_surname_that_is_nowhere_in_the_stored_name_is_still_another_person(client, archive):
    result = verify(client, ROWS[0][0], "President Biden")
    assert result["verdict"] == "misattributed"
    assert result["speaker_match"] == "different"


def test_a_nickname_is_the_person_unless_the_archive_holds_the_name_itself(client, import_quotes):
    import_quotes(
        [
            (
                "Pennsylvania families deserve a tax credit for every child, and they will get one.",
                "Bob Casey",
            ),
            ("The commonwealth will balance its books without closing a single state park.", "Robert Casey"),
        ]
    )
    claim = "Pennsylvania families deserve a tax credit for every child, and they will get one."
    assert verify(client, claim, "Bob Casey")["verdict"] == "verified"
    result = verify(client, claim, "Robert Casey")
    assert result["verdict"] == "misattributed"
    assert "another person in the archive (Robert Casey)" in result["explanation"]
