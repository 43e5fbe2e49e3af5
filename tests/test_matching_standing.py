"""Standing and appearances in the engine: an unvetted quote never outranks what a vetted source says."""

from __future__ import annotations

from service.matching import Candidate, Claim, Person, judge

KALLAS = Person(20, "Kaja Kallas")
CHO = Person(21, "Cho Tae-yul")
REAL = "Korea is an important strategic partner for the EU. Cooperation with Korea is important."
ALTERED = "Korea is the most important strategic partner for the EU."


def _cand(quote_id, text, speaker=KALLAS, standing="publication"):
    return Candidate(quote_id=quote_id, text=text, speaker=speaker, standing=standing)


def test_unvetted_exact_copy_of_an_altered_quote_yields_to_the_vetted_quote():
    claim = Claim("Korea is the most important strategic partner", speaker="Kaja Kallas")
    result = judge(claim, [_cand(1, REAL), _cand(2, ALTERED, standing="unvetted")])
    assert result.verdict == "altered"
    top, draft = result.matches
    assert top.candidate.quote_id == 1
    assert (draft.candidate.quote_id, draft.contradicted_by, draft.confidence) == (2, 1, "suggestion")


def test_without_standing_the_exact_copy_wins():
    # The same two quotes, both vetted: the exact words come first, as before standing existed.
    claim = Claim("Korea is the most important strategic partner", speaker="Kaja Kallas")
    result = judge(claim, [_cand(1, REAL), _cand(2, ALTERED)])
    assert (result.verdict, result.matches[0].candidate.quote_id) == ("verified", 2)


def test_unvetted_quote_giving_another_speaker_yields_to_the_vetted_speaker():
    claim = Claim(REAL, speaker="Cho Tae-yul")
    result = judge(claim, [_cand(1, REAL), _cand(2, REAL, speaker=CHO, standing="unvetted")])
    assert result.verdict == "misattributed"
    assert result.matches[-1].contradicted_by == 1


def test_unvetted_quote_alone_still_answers():
    result = judge(Claim(ALTERED, speaker="Kaja Kallas"), [_cand(2, ALTERED, standing="unvetted")])
    assert result.verdict == "verified"
    assert result.matches[0].contradicted_by is None


def test_same_words_from_several_sources_are_one_match_with_appearances():
    fragment = "Korea is an important strategic partner for the EU."
    copy = _cand(5, REAL, standing="unvetted")
    candidates = [_cand(1, REAL), copy, _cand(7, fragment), _cand(9, REAL, CHO)]
    result = judge(Claim("Korea is an important strategic partner", speaker="Kaja Kallas"), candidates)
    first = result.matches[0]
    assert {first.candidate.quote_id, *(c.quote_id for c in first.appearances)} == {1, 5, 7}
    assert [m.candidate.quote_id for m in result.matches[1:]] == [9]  # another speaker: not an appearance
    assert all(m.contradicted_by is None for m in result.matches)


def test_one_statement_under_other_punctuation_as_a_longer_passage_or_a_fragment():
    from service.matching import same_statement

    stored = _cand(1, REAL)
    for other in (
        "KOREA is an important strategic partner for the EU... Cooperation with Korea, is important!",
        "Korea is an important strategic partner for the EU — cooperation with Korea is important.",
        "He said: “Korea is an important strategic partner for the EU. Cooperation with Korea is important.”",
        "Korea is an important strategic partner for the EU.",
        "Koréa is an important strategic partner for the EU",  # not ASCII: folded, accents away
    ):
        assert same_statement(stored, _cand(2, other)), other
    for other in (
        "Korea is a strategic partner for the EU.",
        "Japan is an important strategic partner for the EU.",
        "Korea is an important strategic partner for the EU. Cooperation with Japan is important.",
    ):
        assert not same_statement(stored, _cand(2, other)), other
    assert not same_statement(stored, _cand(2, REAL, speaker=CHO))


def test_curly_and_straight_apostrophes_and_dashes_are_one_statement():
    from service.matching import same_statement

    curly = _cand(1, "We don’t give up on Korea — it’s our partner.")
    assert same_statement(
        curly, _cand(2, "He said: \"We don't give up on Korea - it's our partner.\" Then left.")
    )
    assert same_statement(_cand(2, "We don't give up on Korea"), curly)
    assert not same_statement(curly, _cand(2, "We don’t give up on Japan — it’s our partner."))
