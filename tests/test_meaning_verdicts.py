"""Verdicts of meaning-only matches from their similarities (matching.judge_meaning, no model involved):
what a journalist sees for a stored quote in another language that is close, but not certainly the same."""

from __future__ import annotations

from service.matching import Candidate, Claim, Person, judge_meaning
from service.matching.meaning import (
    OTHER_LANGUAGE_MIN_SIMILARITY,
    OTHER_LANGUAGE_MISATTRIBUTION_MIN_SIMILARITY,
    SPEAKER_PREFERENCE_MARGIN,
    figures,
    figures_differ,
)
from service.matching.negation import REVERSAL_MARGIN

KALLAS = Person(1, "Kaja Kallas")
CHO = Person(2, "Cho Tae-yul")
CLAIM = "Korea is an important strategic partner for the EU"
# Between the two thresholds: close enough to say the same thing, not enough to accuse anyone.
BETWEEN = (OTHER_LANGUAGE_MIN_SIMILARITY + OTHER_LANGUAGE_MISATTRIBUTION_MIN_SIMILARITY) / 2


def _indonesian(
    quote_id: int, speaker: Person, text: str = "Korea adalah mitra strategis bagi EU."
) -> Candidate:
    return Candidate(quote_id=quote_id, text=text, speaker=speaker, language="id")


def test_other_language_quote_between_the_thresholds_is_a_paraphrase_when_no_speaker_is_claimed():
    matches, related = judge_meaning(
        Claim(CLAIM), [(_indonesian(1, KALLAS), BETWEEN, "id")], claim_language="en"
    )
    assert [(m.verdict, m.reason) for m in matches] == [("paraphrased", "other_language")]
    assert related == []


def test_other_language_quote_between_the_thresholds_by_someone_else_is_only_related():
    # Saying the reporter credited the wrong person needs more than this similarity.
    matches, related = judge_meaning(
        Claim(CLAIM, speaker="Cho Tae-yul"), [(_indonesian(1, KALLAS), BETWEEN, "id")], claim_language="en"
    )
    assert matches == []
    assert [r.candidate.quote_id for r in related] == [1]


def test_other_language_quote_above_both_by_someone_else_is_misattributed():
    similar = OTHER_LANGUAGE_MISATTRIBUTION_MIN_SIMILARITY + 0.05
    matches, _ = judge_meaning(
        Claim(CLAIM, speaker="Cho Tae-yul"), [(_indonesian(1, KALLAS), similar, "id")], claim_language="en"
    )
    assert [m.verdict for m in matches] == ["misattributed"]


def test_claimed_speakers_much_weaker_statement_does_not_come_before_the_best_match():
    best = 0.82
    weaker = best - 2 * SPEAKER_PREFERENCE_MARGIN  # still a match, but another statement on the topic
    assert weaker >= OTHER_LANGUAGE_MIN_SIMILARITY
    ranked = [
        (_indonesian(1, KALLAS), best, "id"),
        (_indonesian(2, CHO, "kemitraan strategis Korea dan EU harus diperkuat"), weaker, "id"),
    ]
    matches, _ = judge_meaning(Claim(CLAIM, speaker="Cho Tae-yul"), ranked, claim_language="en")
    assert [m.candidate.quote_id for m in matches] == [1, 2]
    assert matches[0].verdict == "misattributed"


def test_claimed_speakers_statement_as_close_as_the_best_comes_first():
    best = 0.82
    ranked = [
        (_indonesian(1, KALLAS), best, "id"),
        (_indonesian(2, CHO), best - SPEAKER_PREFERENCE_MARGIN / 2, "id"),
    ]
    matches, _ = judge_meaning(Claim(CLAIM, speaker="Cho Tae-yul"), ranked, claim_language="en")
    assert [(m.candidate.quote_id, m.verdict) for m in matches] == [(2, "paraphrased"), (1, "misattributed")]


def test_figures_are_compared_across_the_ways_languages_write_them():
    assert figures("down $4,300, 23 million") == figures("turun 4.300 dolar, 23 juta") == {"4300", "23"}
    assert figures("4 300 euros") == figures("٤٣٠٠ يورو") == {"4300"}
    assert figures("1,234,567.5 and 12,5") == {"12345675", "125"}
    assert figures("in 2024 300 people") == figures("pada 2024, 300 orang") == {"2024", "300"}
    assert figures_differ("Unemployment fell to 4 percent", "Pengangguran turun menjadi 7 persen")
    # A figure only one side writes is not a change: a clause added, a number left out or spelt out.
    assert not figures_differ("$500 billion with China, $75 billion with Japan", "500 miliar dolar, China")
    assert not figures_differ("ten new schools", "10 sekolah baru")


def test_close_quote_whose_figures_differ_is_related_and_flagged_not_paraphrased():
    claim = Claim("Korea will invest 5 billion euros in the EU next year")
    quote = _indonesian(1, KALLAS, "Korea akan berinvestasi 3 miliar euro di EU tahun depan.")
    matches, related = judge_meaning(claim, [(quote, BETWEEN, "id")], claim_language="en")
    assert matches == []
    assert [(r.candidate.quote_id, r.figures_differ) for r in related] == [(1, True)]
    same = _indonesian(2, KALLAS, "Korea akan berinvestasi 5 miliar euro di EU tahun depan.")
    matches, related = judge_meaning(claim, [(same, BETWEEN, "id")], claim_language="en")
    assert [m.verdict for m in matches] == ["paraphrased"]


def test_close_quote_nearer_the_claim_reversed_says_the_opposite_and_is_only_related():
    # "Korea is not an important partner" against Kallas's "adalah mitra penting": USE puts the pair at
    # 0.82, above the threshold, and the quote at 0.88 from the claim with its "not" taken out.
    claim = Claim("Korea is not an important strategic partner for the EU", speaker="Cho Tae-yul")
    ranked = [(_indonesian(1, KALLAS), 0.82, "id")]
    matches, related = judge_meaning(claim, ranked, claim_language="en", reversed_similarity={1: 0.88})
    assert matches == []
    assert [(r.candidate.quote_id, r.says_opposite, r.figures_differ) for r in related] == [(1, True, False)]


def test_quote_about_as_near_the_claim_reversed_is_still_a_match():
    # A sentence and its negation differ by a few hundredths: within the margin, the claim stands.
    ranked = [(_indonesian(1, KALLAS), 0.82, "id")]
    near = {1: 0.82 + REVERSAL_MARGIN / 2}
    matches, related = judge_meaning(Claim(CLAIM), ranked, claim_language="en", reversed_similarity=near)
    assert [m.verdict for m in matches] == ["paraphrased"]
    assert related == []


def test_related_quote_in_the_claims_language_nearer_the_claim_reversed_is_flagged_too():
    # Below the paraphrase threshold in English, but near enough to be a match across languages: the
    # English rendering of Kallas's words and her Indonesian original must read alike among the related.
    claim = Claim("The EU does not consider Korea an important partner")
    english = Candidate(1, "Korea is an important strategic partner for the EU.", KALLAS, language="en")
    ranked = [(english, 0.75, "en"), (_indonesian(2, KALLAS), 0.72, "id")]
    matches, related = judge_meaning(
        claim, ranked, claim_language="en", reversed_similarity={1: 0.83, 2: 0.79}
    )
    assert matches == []
    assert [(r.candidate.quote_id, r.says_opposite) for r in related] == [(1, True), (2, True)]
    # Nearer the claim than its reversal, the same quote is related and not flagged.
    _, related = judge_meaning(claim, ranked, claim_language="en", reversed_similarity={1: 0.70, 2: 0.79})
    assert [(r.candidate.quote_id, r.says_opposite) for r in related] == [(1, False), (2, True)]
