"""Speaker names as people write them, compared as a fact-checker would (service.matching.names/speakers)."""

from __future__ import annotations

import pytest

from service.matching import names
from service.matching.names import compare_names, count_people, read_name, surname_key
from service.matching.speakers import ALIAS, DIFFERENT, EXACT, PROBABLE, Person, speaker_match


def agreement(claimed: str, stored: str) -> str:
    found = {compare_names(c, s) for c in read_name(claimed) for s in read_name(stored)[:1]}
    order = (names.SAME, names.VARIANT, names.TYPO, names.SURNAME_ONLY, names.STORED_SHORT, names.ONE_NAME)
    return next((a for a in order if a in found), names.DIFFERENT)


KALLAS = Person(1, "Kaja Kallas")


@pytest.mark.parametrize(
    "claimed",
    [
        "EU foreign policy chief Kaja Kallas",
        "Kaja Kallas, the EU foreign policy chief",
        "Kallas, Kaja",
        "High Representative Kaja Kallas",
        "Perwakilan Tinggi Uni Eropa Urusan Luar Negeri dan Kebijakan Keamanan Kaja Kallas",
        "KAJA  KALLAS",
        "Kaja Kallas's",
        "Ms. Kaja Kallas",
    ],
)
def test_titles_roles_order_case_and_possessives_leave_the_name(claimed):
    assert speaker_match(claimed, KALLAS).level == EXACT


def test_party_and_state_tags_are_not_part_of_the_name():
    stored = Person(2, "Sen. Claire McCaskill (D-Mo.)")
    assert speaker_match("Claire McCaskill", stored).level == EXACT


def test_indonesian_office_before_a_korean_name():
    cho = Person(3, "Cho Tae-yul")
    assert speaker_match("Menteri Luar Negeri Korea Cho Tae-yul", cho).agrees
    assert speaker_match("Menteri Cho", cho).agrees
    assert not speaker_match("Menteri Kim", cho).agrees


def test_one_letter_slip_in_a_long_surname_with_the_same_given_name():
    match = speaker_match("Kaja Kalas", KALLAS)
    assert match.level == PROBABLE
    assert "speaker_typo" in match.reasons
    assert agreement("Tom Kneeally", "Tom Keneally") == names.TYPO  # two letters swapped
    assert agreement("Winna Efnedi", "Winna Efendi") == names.TYPO


def test_a_slip_needs_agreeing_given_names_and_a_long_surname():
    assert agreement("Nick Arnette", "Jennifer Arnett") == names.DIFFERENT
    assert agreement("John Warner", "Alisa Hope Wagner") == names.DIFFERENT
    assert agreement("Kalas", "Kaja Kallas") == names.DIFFERENT  # no given name to agree
    assert agreement("Tom Bush", "Tom Rush") == names.DIFFERENT  # four letters: another name


def test_a_different_given_name_is_a_different_person_however_close_the_surname():
    assert speaker_match("William Obrien", Person(4, "Soledad O'Brien")).level == DIFFERENT
    assert speaker_match("Bill Clinton", Person(5, "Hillary Clinton")).level == DIFFERENT


@pytest.mark.parametrize(
    ("claimed", "stored"),
    [
        ("Lyndon Johnson", "Lyndon B. Johnson"),
        ("Donald J. Trump", "Donald Trump"),
        ("L. B. Johnson", "Lyndon Baines Johnson"),
        ("Ludwig Beethoven", "Ludwig van Beethoven"),
    ],
)
def test_initials_and_dropped_middle_names_agree(claimed, stored):
    match = speaker_match(claimed, Person(6, stored))
    assert match.level in (EXACT, PROBABLE)
    assert match.agrees


def test_middle_names_given_on_both_sides_must_be_the_same():
    assert agreement("George W. Bush", "George H. W. Bush") == names.DIFFERENT


def test_full_name_for_a_quote_stored_under_a_surname_depends_on_the_archive():
    trump = Person(7, "Mr. Trump")
    sure = speaker_match("Donald Trump", trump, people_of_surname={"trump": 1})
    assert sure.level == PROBABLE
    assert "speaker_stored_short" in sure.reasons
    assert "speaker_surname_shared" not in sure.reasons
    unsure = speaker_match("Donald Trump", trump, people_of_surname={"trump": 3})
    assert unsure.agrees  # not a misattribution: nothing says it is someone else
    assert "speaker_surname_shared" in unsure.reasons


@pytest.mark.parametrize(
    ("claimed", "stored"),
    [
        ("Nicholas Nassim Taleb", "Nassim Nicholas Taleb"),
        ("Jinping Xi", "Xi Jinping"),
        ("Cho Taeyul", "Cho Tae-yul"),
    ],
)
def test_the_same_names_in_another_order_are_the_same_name(claimed, stored):
    assert agreement(claimed, stored) == names.SAME


def test_initials_in_another_order_are_another_person():
    assert agreement("S.R. Grey", "R.S. Grey") == names.DIFFERENT


def test_one_name_alone_is_the_surname_when_it_is_the_surname():
    assert agreement("Jerome", "Jerome K. Jerome") == names.SURNAME_ONLY
    assert agreement("Jerome", "Jerome Corsi") == names.ONE_NAME


def test_surname_alone_agrees_with_a_full_name():
    match = speaker_match("Clinton", Person(8, "Hillary Clinton"))
    assert match.level == PROBABLE
    assert "speaker_surname_only" in match.reasons


def test_alias_is_its_own_level():
    brunson = Person(9, "Xavier Brunson", aliases=("Bruson",))
    assert speaker_match("Bruson", brunson).level == ALIAS
    assert speaker_match("Xavier Brunson", brunson).level == EXACT


def test_a_name_that_is_nobody_the_person_is_known_as():
    match = speaker_match("Cho Tae-yul", KALLAS)
    assert match.level == DIFFERENT
    assert match.reasons == ("speaker_differs",)


def test_surname_key_is_what_the_archive_counts_people_by():
    assert surname_key("Sen. Claire McCaskill (D-Mo.)") == "mccaskill"
    assert surname_key("Mr. Trump") == surname_key("Donald J. Trump") == "trump"
    assert surname_key("Soledad O'Brien") == "obrien"
    assert surname_key("  ") is None


def test_people_are_counted_by_their_given_names():
    assert count_people(["Donald Trump", "Donald J. Trump", "Trump", "Mr. Trump"]) == 1
    assert count_people(["Donald Trump", "Ivanka Trump", "Mr. Trump"]) == 2
    assert count_people(["Mr. Weingarten"]) == 0


@pytest.mark.parametrize(
    "name",
    [
        "Kaja Kallas",
        "John Fitzgerald Kennedy",
        "Claire McCaskill",
        "Ben Carson",
        "Mark Van Doren",
        "Martin Luther King Jr",
        "Sir Elton John",
        "Anna De Luca",
        "Mary Ann Evans",
        "Abu Bakar Bashir",
        "Jean La Fontaine",
        "Peter C. O'Brien",
        "N. T. Wright",
        "Colleen McMahon",
        "Jean-Jacques Rousseau",
        "Carlos Ruiz Zafón",
        "Francis de Sales",
        "John Smith J.",
    ],
)
def test_plain_names_read_as_nameparser_reads_them(name, monkeypatch):
    """The shortcut for two or three capitalised words or initials gives what nameparser gives; any word
    nameparser has a rule for (a prefix, a title, a suffix, a bound first name) goes to nameparser."""
    quick = read_name.__wrapped__(name)
    monkeypatch.setattr(names, "_plain_parts", lambda words: None)
    assert quick == read_name.__wrapped__(name)
