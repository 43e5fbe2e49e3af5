"""Extraction of hostile or degenerate drafts (issue 12's 200,000 characters) still says the right things.

Timing lives in bench/extract_speed.py --worst; these tests check what comes out, so that the bounds that
keep extraction linear never change what a real article gives.
"""

from __future__ import annotations

from service.extract import DIRECT, REPORTED, extract_quotes

LIMIT = 200_000  # the largest draft POST /api/v1/check accepts


def _repeat(unit: str) -> str:
    return (unit * (LIMIT // len(unit) + 1))[:LIMIT]


def test_repeated_word_holds_no_quotation():
    assert extract_quotes(_repeat("a ")) == []


def test_unbalanced_opening_mark_gives_one_open_quotation():
    text = "\u201c" + _repeat("a ")
    found = extract_quotes(text)
    assert [(q.kind, q.start) for q in found] == [(DIRECT, 1)]
    assert found[0].speaker is None


def test_every_repeated_attributed_quotation_keeps_its_speaker():
    unit = "\u201cKorea is an important strategic partner,\u201d said Kallas. "
    text = unit * (LIMIT // len(unit))
    found = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert len(found) == LIMIT // len(unit)
    assert {q.text for q in found} == {"Korea is an important strategic partner,"}
    assert {q.speaker.name for q in found} == {"Kallas"}


def test_one_letter_quotations_in_a_row_are_not_speech():
    for unit in ('"a" ', "\u201ca\u201d ", "'a' "):
        assert [q for q in extract_quotes(_repeat(unit)) if q.kind == DIRECT] == []


def test_a_sentence_of_speech_verbs_reports_nothing():
    assert [q for q in extract_quotes(_repeat("said ")) if q.kind == REPORTED] == []


def test_a_quotation_after_a_very_long_sentence_still_finds_its_speaker():
    filler = "and the committee went on talking about the budget " * 200  # 10,000 characters, no full stop
    text = f"The senators met {filler}. \u201cWe will pass it this week,\u201d said Jane Roe."
    (quote,) = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert quote.text == "We will pass it this week,"
    assert quote.speaker.name == "Jane Roe"
