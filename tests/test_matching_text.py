"""Folding (rule 1): what is compared is folded, what is shown is never touched."""

from __future__ import annotations

import pytest

from service.matching import Candidate, Claim, Person, fold, index_terms, judge, tokens, words
from service.matching.text import word_length, words_per_token

QUOTE = "Korea is an important strategic partner for the EU. Cooperation with Korea is important."


def _verdict(claim_text: str, quote: str = QUOTE) -> str:
    return judge(Claim(claim_text), [Candidate(1, quote, Person(1, "Kaja Kallas"))]).verdict


def test_case_accents_and_compatibility_forms_are_folded():
    assert fold("CAFÉ ﬁne Ｋｏｒｅａ") == "cafe fine korea"


def test_curly_quotes_and_case_are_folded():
    assert words("“Don’t” STOP") == words('"don\'t" stop') == ["dont", "stop"]


def test_dashes_are_folded():
    assert fold("a—b–c") == "a-b-c"


def test_word_hyphenated_across_a_line_break_is_one_word():
    assert words("inter-\nnational co-\n  operation") == ["international", "cooperation"]


def test_soft_hyphen_and_zero_width_space_do_not_split_a_word():
    text = "inter\u00adnational zero\u200bwidth"
    toks = tokens(text)
    assert [t.folded for t in toks] == ["international", "zerowidth"]
    assert text[toks[0].start : toks[0].end] == "inter\u00adnational"


def test_token_spans_point_into_the_original_text():
    text = "Le “Café” est fermé."
    assert [text[t.start : t.end] for t in tokens(text)] == ["Le", "Café", "est", "fermé"]


def test_numbers_keep_their_inner_dots():
    assert words("$1.3M and 2,000 people.") == ["1.3m", "and", "2,000", "people"]


def test_bracket_glued_to_a_word_is_a_letter_change_not_a_word():
    assert words("[F]eminism wasn't") == words("Feminism wasn't") == ["feminism", "wasnt"]


def test_index_terms_are_the_distinct_words():
    assert index_terms("Korea, Korea and the EU") == {"korea", "and", "the", "eu"}


@pytest.mark.parametrize(
    "claim_text",
    [
        "“KOREA IS AN IMPORTANT STRATEGIC PARTNER FOR THE EU.”",
        '"korea is an important strategic partner for the eu"',
        "Korea is an important strategic partner  for the EU; cooperation with Korea is important!",
        "Korea is an important strategic part-\nner for the EU",
        "  Korea   is an important\tstrategic partner for the EU  ",
    ],
)
def test_styling_changes_are_not_alterations(claim_text):
    assert _verdict(claim_text) == "verified"


def test_words_joined_by_dropped_punctuation_still_match():
    quote = 'She was trying to say."Pack pack" she whispered into the night air.'
    assert _verdict("She was trying to sayPack pack she whispered into the night", quote) == "verified"


def test_the_shown_quote_keeps_its_original_typography():
    quote = "“Cooperation with Korea is important,” she said — and meant it."
    match = judge(
        Claim('"cooperation with korea is important" she said and meant it'),
        [Candidate(1, quote, Person(1, "Kaja Kallas"))],
    ).matches[0]
    assert (
        quote[match.span[0] : match.span[1]]
        == "Cooperation with Korea is important,” she said — and meant it"
    )


def test_marks_of_every_script_are_folded_away():
    assert fold("Ångström café naïve") == "angstrom cafe naive"
    assert fold("ע\u05b4ב\u05b0ר\u05b4ית") == "עברית"  # Hebrew vowel points
    assert fold("x\U0001d165y") == "xy"  # a combining mark beyond U+FFFF


def test_words_in_long_quotes_with_odd_spacing_and_marks_still_match():
    quote = "Tout\u00a0est   perdu\u2026 fors l\u2019honneur,\tsaid the king\u2028after the battle of Pavia."
    claim = "Tout est perdu... fors l'honneur, said the king after the battle of Pavia"
    assert judge(Claim(claim), [Candidate(1, quote, Person(1, "Francis I"))]).verdict == "verified"


def test_chinese_and_japanese_are_read_a_character_a_word():
    # No spaces between their words: each ideograph or kana is one, with its span; Latin letters among
    # them stay a word, and Hangul, written with spaces, is read by its spaces.
    assert words("韩国是欧盟的伙伴。") == ["韩", "国", "是", "欧", "盟", "的", "伙", "伴"]
    text = "韓国はEUにとって"
    assert [(t.folded, text[t.start : t.end]) for t in tokens(text)][:5] == [
        ("韓", "韓"),
        ("国", "国"),
        ("は", "は"),
        ("eu", "EU"),
        ("に", "に"),
    ]
    hangul = "한국은 EU의 파트너"
    assert [hangul[t.start : t.end] for t in tokens(hangul)] == ["한국은", "EU의", "파트너"]
    assert index_terms("韩国是韩国") == {"韩", "国", "是"}


def test_kana_voicing_marks_are_letters_not_accents():
    # "ぶた" (pig) is not "ふた" (lid); the same kana composed or decomposed is the same word.
    assert words("ぶた") != words("ふた")
    assert words("パン") == words("ハ\u309aン")
    assert _verdict("パートナー", "ハートナー") != "verified"


def test_a_chinese_claim_is_verified_in_its_own_words_and_a_character_added_is_shown():
    quote = "韩国是欧盟重要的战略伙伴，与韩国的合作非常重要。"
    assert _verdict(quote, quote) == "verified"
    assert _verdict("韩国是欧盟重要的战略伙伴", quote) == "verified"
    added = judge(Claim("韩国是欧盟非常重要的战略伙伴。"), [Candidate(1, quote, Person(1, "王毅"))])
    assert added.verdict == "altered"
    assert [(d.op, d.claim) for d in added.matches[0].diff if d.op != "equal"] == [("insert", "非常")]


def test_a_chinese_character_counts_half_a_word_for_the_length_rules():
    assert words_per_token("Korea is an important partner") == 1.0
    assert words_per_token("韩国是欧盟的伙伴") == 0.5
    assert words_per_token("韓国はEUにとって") == (1 + 7 / 2) / 8  # "EU" a word, seven kana and kanji
    assert word_length("与韩国的合作非常重要") == 5  # ten characters: under the six words a claim needs
