"""judge(): alignment, conventions, diffs, speakers, reported statements, translations and confidence.

A small archive written for these tests (no shared data): a few well-known quotes, the same words
stored for two speakers, two people sharing a surname, and the seed article's statements.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from service.matching import Candidate, Claim, Person, Role, judge

ROOSEVELT = Person(1, "Franklin D. Roosevelt")
KENNEDY = Person(2, "John F. Kennedy")
EINSTEIN = Person(3, "Albert Einstein")
WILDE = Person(4, "Oscar Wilde")
AUSTEN = Person(5, "Jane Austen")
TWAIN = Person(6, "Mark Twain", aliases=("Samuel Clemens",))
DURANT = Person(7, "Will Durant")
CHURCHILL = Person(8, "Winston Churchill")
CARNEGIE = Person(9, "Dale Carnegie")
RITA_BROWN = Person(10, "Rita Mae Brown")
DAN_BROWN = Person(11, "Dan Brown")
SENATOR = Person(12, "Margaret Hale")
KALLAS = Person(
    20,
    "Kaja Kallas",
    roles=(
        Role(
            "High Representative of the Union for Foreign Affairs and Security Policy",
            "European Union",
            start=date(2024, 12, 1),
            aliases=("EU foreign policy chief", "EU's top diplomat"),
        ),
    ),
)
CHO = Person(21, "Cho Tae-yul", roles=(Role("Minister of Foreign Affairs", "Republic of Korea"),))
BRUNSON = Person(22, "Xavier Brunson", aliases=("Bruson",))

SEED_DAY = date(2025, 1, 22)
KALLAS_ORIGINAL = Candidate(
    101,
    "Korea adalah mitra strategis yang penting bagi EU. Kerja sama dengan Korea penting.",
    KALLAS,
    said_on=SEED_DAY,
    language="id",
)
KALLAS_ENGLISH = Candidate(
    102,
    "Korea is an important strategic partner for the EU. Cooperation with Korea is important.",
    KALLAS,
    said_on=SEED_DAY,
    language="en",
    translation_of=KALLAS_ORIGINAL,
    translation_provenance="editorial",
)
CHO_REPORTED = Candidate(
    103,
    "Cho menekankan bahwa hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat.",
    CHO,
    kind="reported",
    said_on=SEED_DAY,
    language="id",
)
CHO_REPORTED_EN = Candidate(
    104,
    "Cho stressed that the comprehensive strategic partnership of Korea and the EU must be strengthened.",
    CHO,
    kind="reported",
    said_on=SEED_DAY,
    language="en",
    translation_of=CHO_REPORTED,
    translation_provenance="editorial",
)
SEED = [KALLAS_ORIGINAL, KALLAS_ENGLISH, CHO_REPORTED, CHO_REPORTED_EN]

ARCHIVE = [
    Candidate(1, "The only thing we have to fear is fear itself.", ROOSEVELT),
    Candidate(2, "Ask not what your country can do for you; ask what you can do for your country.", KENNEDY),
    Candidate(
        3,
        "Two things are infinite: the universe and human stupidity; and I'm not sure about the universe.",
        EINSTEIN,
    ),
    Candidate(4, "Be yourself; everyone else is already taken.", WILDE),
    Candidate(
        5,
        "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
        "must be in want of a wife.",
        AUSTEN,
    ),
    Candidate(
        6, "Whenever you find yourself on the side of the majority, it is time to pause and reflect.", TWAIN
    ),
    Candidate(7, "[W]e are what we repeatedly do. Excellence, then, is not an act, but a habit.", DURANT),
    Candidate(
        8, "Success is not final, failure is not fatal: it is the courage to continue that counts.", CHURCHILL
    ),
    Candidate(
        9, "Success is not final, failure is not fatal: it is the courage to continue that counts.", CARNEGIE
    ),
    Candidate(
        10, "I think the reward for conformity is that everyone likes you except yourself.", RITA_BROWN
    ),
    Candidate(11, "Everything is possible. The impossible just takes longer.", DAN_BROWN),
    Candidate(
        12,
        "She said that it was the hardest decision of her career, and that she would make it again tomorrow.",
        SENATOR,
    ),
    Candidate(
        13,
        "I mean to disparage these authorities [who criticize the play], I reply, pointedly, that I do.",
        SENATOR,
    ),
    Candidate(
        14, "I am not unmindful of the fact that violence often brings about momentary results.", SENATOR
    ),
    *SEED,
]


def check(text: str, speaker: str | None = None, *, said_on: date | None = None, candidates=None):
    """Judge a claim against the archive, in shuffled order (retrieval order means nothing)."""
    pool = list(ARCHIVE if candidates is None else candidates)
    random.Random(len(text)).shuffle(pool)
    return judge(Claim(text, speaker=speaker, said_on=said_on), pool)


def edits(match) -> list[tuple[str, str, str]]:
    return [(d.op, d.claim, d.quote) for d in match.diff if d.op != "equal"]


# --- The seed article -------------------------------------------------------------------------------------


def test_seed_translation_claim_is_verified_for_kallas():
    result = check("Korea is an important strategic partner", "Kaja Kallas")
    assert result.verdict == "verified"
    top = result.matches[0]
    assert top.candidate.speaker.name == "Kaja Kallas"
    assert top.speaker_matches is True
    assert top.candidate.translation_of is KALLAS_ORIGINAL  # the service shows the original


def test_seed_most_important_is_altered_with_most_in_the_diff():
    result = check("Korea is the most important strategic partner")
    assert result.verdict == "altered"
    assert any("most" in claim for _, claim, _ in edits(result.matches[0]))


def test_seed_altered_claim_credited_to_cho_is_no_evidence_against_him():
    # Five words shared, two changed: like Kallas's words, too loosely to say Cho did not say it.
    result = check("Korea is the most important strategic partner", "Cho Tae-yul")
    assert result.verdict == "unverified"
    top = result.matches[0]
    assert top.candidate.speaker.name == "Kaja Kallas"
    assert top.speaker_matches is False
    assert top.speaker_match == "different"
    assert {"speaker_differs", "weak_evidence"} <= set(top.reasons)


def test_seed_exact_claim_credited_to_cho_is_misattributed_to_kallas():
    result = check("Korea is an important strategic partner for the EU", "Cho Tae-yul")
    assert result.verdict == "misattributed"
    assert result.matches[0].candidate.speaker.name == "Kaja Kallas"


def test_seed_green_cheese_is_unverified():
    result = check("The moon is made of green cheese and everyone knows it")
    assert result.verdict == "unverified"
    assert result.matches == ()


def test_seed_role_on_the_day_is_kallas():
    result = check(
        "Korea is an important strategic partner for the EU", "the EU foreign policy chief", said_on=SEED_DAY
    )
    assert result.verdict == "verified"
    assert result.matches[0].speaker_matches is True


def test_seed_original_wording_is_verified_too():
    result = check("bagi EU. Kerja sama dengan Korea penting.", "Kallas")
    assert result.verdict == "verified"
    assert result.matches[0].candidate.quote_id == 101


def test_reported_statement_is_paraphrased():
    result = check("the comprehensive strategic partnership of Korea and the EU must be strengthened", "Cho")
    assert result.verdict == "paraphrased"
    assert result.matches[0].candidate.quote_id == 104


def test_reported_statement_in_the_original_language_is_paraphrased():
    result = check("hubungan kemitraan strategis komprehensif Korea dan EU harus diperkuat", "Cho Tae-yul")
    assert result.verdict == "paraphrased"
    assert result.matches[0].candidate.kind == "reported"


def test_alias_of_the_seed_commander_matches():
    commander = Candidate(105, "We will keep the alliance strong and ready to fight tonight.", BRUNSON)
    result = check("keep the alliance strong and ready to fight tonight", "Bruson", candidates=[commander])
    assert result.verdict == "verified"


# --- One fixture case per dev category ---------------------------------------------------------------------

CASES = [
    # (category, claim, speaker, expected verdict, expected quote id or None)
    ("exact", "find yourself on the side of the majority, it is time to pause", None, "verified", 6),
    ("exact", "It is the courage to continue that counts.", None, "verified", 8),
    (
        "styled",
        "“WHENEVER you find yourself on the side of the majority — it is time to pause and reflect!”",
        None,
        "verified",
        6,
    ),
    (
        "styled",
        "ask not what your country can do for you, ask what you can do for your country",
        None,
        "verified",
        2,
    ),
    (
        "ellipsis",
        "It is a truth universally acknowledged ... must be in want of a wife.",
        None,
        "verified",
        5,
    ),
    (
        "ellipsis",
        "Two things are infinite: the universe […] and I'm not sure about the universe.",
        None,
        "verified",
        3,
    ),
    ("ellipsis", "Ask not what your country can do for you … for your country", None, "verified", 2),
    ("bracketed", "[The senator] said that it was the hardest decision of her career", None, "verified", 12),
    (
        "bracketed",
        "it was the hardest decision of her career, and that [sic] she would make it",
        None,
        "verified",
        12,
    ),
    ("attributed", "Be yourself; everyone else is already taken.", "Wilde", "verified", 4),
    (
        "attributed",
        "the side of the majority, it is time to pause and reflect",
        "Samuel Clemens",
        "verified",
        6,
    ),
    ("substituted", "The only thing we have to fear is hope itself.", None, "altered", 1),
    (
        "negated",
        "Whenever you find yourself on the side of the majority, it is not time to pause",
        None,
        "altered",
        6,
    ),
    (
        "negated",
        "I am unmindful of the fact that violence often brings about momentary results.",
        None,
        "altered",
        14,
    ),
    ("inserted", "Two things are truly infinite: the universe and human stupidity", None, "altered", 3),
    (
        "deleted",
        "Ask not what country can do for you; ask what you can do for your country",
        None,
        "altered",
        2,
    ),
    (
        "multi_edit",
        "It is a truth widely acknowledged, that a single man in possession of a large fortune must be",
        None,
        "altered",
        5,
    ),
    ("edge_edit", "Be yourself; everyone else is already gone.", None, "altered", 4),
    (
        "edge_edit",
        "Maybe you find yourself on the side of the majority, it is time to pause",
        None,
        "altered",
        6,
    ),
    (
        "misattributed",
        "Two things are infinite: the universe and human stupidity",
        "Mark Twain",
        "misattributed",
        3,
    ),
    (
        "same_surname",
        "the reward for conformity is that everyone likes you except yourself",
        "Dan Brown",
        "misattributed",
        10,
    ),
    (
        "fabricated",
        "A journey of a thousand miles begins with a single step into the unknown.",
        None,
        "unverified",
        None,
    ),
    (
        "fabricated",
        "Courage is grace under pressure, and the universe rewards the brave who continue.",
        None,
        "unverified",
        None,
    ),
]


@pytest.mark.parametrize(
    ("category", "claim", "speaker", "verdict", "quote_id"), CASES, ids=[c[0] for c in CASES]
)
def test_fixture_case_gets_its_category_verdict(category, claim, speaker, verdict, quote_id):
    result = check(claim, speaker)
    assert result.verdict == verdict
    if quote_id is not None:
        assert result.matches[0].candidate.quote_id == quote_id


# --- Rule 2: alignment ------------------------------------------------------------------------------------


def test_fragment_span_points_at_the_words_in_the_quote():
    match = check("find yourself on the side of the majority").matches[0]
    text = match.candidate.text
    assert text[match.span[0] : match.span[1]] == "find yourself on the side of the majority"


def test_whole_quote_span_covers_the_quote():
    match = check("Be yourself; everyone else is already taken.").matches[0]
    assert match.span == (0, len("Be yourself; everyone else is already taken"))


def test_words_wrapped_around_a_whole_quote_are_not_alterations():
    result = check('Wow. "Be yourself; everyone else is already taken." — so true, Oscar!')
    assert result.verdict == "verified"
    assert edits(result.matches[0]) == []


def test_word_inserted_inside_a_wrapped_quote_is_an_alteration():
    result = check('Wow. "Be yourself; everyone else is truly already taken." — so true')
    assert result.verdict == "altered"
    assert ("insert", "truly", "") in edits(result.matches[0])


def test_words_added_next_to_a_fragment_are_alterations():
    # The quote goes on after "pause": an extra word there is a change to the quote, not a wrapper.
    result = check('"on the side of the majority, it is time to pause" forever, they say')
    assert result.verdict == "altered"


def test_scare_quotes_inside_a_claim_are_part_of_the_quote():
    result = check('Ask not what your country can do for you; ask what "you" can do for', "Kennedy")
    assert result.verdict == "verified"


# --- Rule 3: journalistic conventions ----------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["...", "…", "[...]", "[…]", ". . ."])
def test_ellipsis_is_a_gap_not_an_alteration(mark):
    match = check(f"It is a truth universally acknowledged {mark} must be in want of a wife.").matches[0]
    assert match.verdict == "verified"
    assert edits(match) == []
    assert [(g.kind, g.claim) for g in match.gaps] == [("omission", mark)]
    assert match.gaps[0].quote == "that a single man in possession of a good fortune"


def test_ellipsis_may_not_hide_a_negation():
    result = check("I am ... unmindful of the fact that violence often brings about momentary results.")
    assert result.verdict == "altered"
    assert ("delete", "", "not") in edits(result.matches[0])


def test_editorial_bracket_replaces_a_pronoun():
    match = check("[The senator] said that it was the hardest decision of her career").matches[0]
    assert match.verdict == "verified"
    assert [(g.kind, g.claim, g.quote) for g in match.gaps] == [("insertion", "[The senator]", "She")]
    assert edits(match) == []


def test_sic_is_allowed_and_covers_nothing():
    match = check("it was the hardest decision of her career, and that [sic] she would make it").matches[0]
    assert [(g.kind, g.claim, g.quote) for g in match.gaps] == [("sic", "[sic]", "")]


def test_brackets_in_the_stored_quote_match_literally():
    match = check(
        "I mean to disparage these authorities [who criticize the play], I reply, pointedly"
    ).matches[0]
    assert match.verdict == "verified"
    assert match.gaps == ()


def test_bracketed_letter_in_the_quote_matches_plain_letter():
    assert check("We are what we repeatedly do. Excellence, then, is not an act").verdict == "verified"


def test_bracket_may_stand_for_a_short_phrase():
    result = check("[The senator] that it was the hardest decision of her career, and that she would")
    assert result.verdict == "verified"
    assert result.matches[0].gaps[0].kind == "insertion"
    assert result.matches[0].gaps[0].quote.endswith("said")


def test_bracket_may_not_slip_in_a_negation():
    result = check("Be yourself; everyone else is [not] already taken.")
    assert result.verdict == "altered"
    assert edits(result.matches[0]) == [("insert", "[not]", "")]


def test_bracket_may_not_hide_a_negation():
    result = check("I am [well] unmindful of the fact that violence often brings about momentary results.")
    assert result.verdict == "altered"


# --- Rule 4: word diff -------------------------------------------------------------------------------------


def test_altered_word_is_shown_in_diff():
    match = check("The only thing we have to fear is hope itself.").matches[0]
    assert match.verdict == "altered"
    assert edits(match) == [("replace", "hope", "fear")]


def test_added_negation_is_altered():
    match = check("Be yourself; everyone else is not already taken.").matches[0]
    assert match.verdict == "altered"
    assert edits(match) == [("insert", "not", "")]


def test_dropped_word_is_a_delete():
    match = check("Ask not what country can do for you; ask what you can do for your country").matches[0]
    assert edits(match) == [("delete", "", "your")]


def test_change_in_the_first_word_is_altered():
    assert (
        check("Whatever you find yourself on the side of the majority, it is time to pause").verdict
        == "altered"
    )


def test_too_different_is_not_a_match():
    assert (
        check("The only thing we should truly fear is the fear of the unknown itself").verdict == "unverified"
    )


def test_score_is_100_only_for_exact_words():
    assert check("Be yourself; everyone else is already taken.").matches[0].score == 100.0
    assert check("Be yourself; everyone else is already gone.").matches[0].score < 100.0


# --- Rule 5: speakers in judge -----------------------------------------------------------------------------


def test_same_words_from_several_speakers_rank_the_claimed_one_first():
    result = check("Success is not final, failure is not fatal", "Dale Carnegie")
    assert result.verdict == "verified"
    assert [m.candidate.speaker.name for m in result.matches[:2]] == ["Dale Carnegie", "Winston Churchill"]
    assert [m.speaker_matches for m in result.matches[:2]] == [True, False]


def test_same_words_from_several_speakers_are_all_returned():
    result = check("Success is not final, failure is not fatal")
    assert {m.candidate.quote_id for m in result.matches} >= {8, 9}
    assert all(m.speaker_matches is None for m in result.matches)


def test_wrong_speaker_is_misattributed_and_shows_who_said_it():
    result = check("Be yourself; everyone else is already taken.", "Bill Clinton")
    assert result.verdict == "misattributed"
    assert result.matches[0].candidate.speaker.name == "Oscar Wilde"


def test_role_out_of_office_is_misattributed():
    result = check(
        "Korea is an important strategic partner for the EU",
        "the EU foreign policy chief",
        said_on=date(2024, 6, 1),
    )
    assert result.verdict == "misattributed"


# --- Rule 7: confidence ------------------------------------------------------------------------------------


def test_short_claim_is_never_strong():
    result = check("everyone else is already taken")
    assert result.matches
    assert all(m.confidence == "suggestion" for m in result.matches)


def test_short_claim_in_one_quote_of_the_claimed_speaker_is_verified():
    result = check("everyone else is already taken", "Oscar Wilde")
    assert result.verdict == "verified"
    assert result.matches[0].candidate.quote_id == 4
    assert "short_claim" in result.reasons


def test_short_claim_without_a_speaker_is_a_suggestion():
    result = check("everyone else is already taken")
    assert result.verdict == "unverified"
    assert result.matches[0].candidate.quote_id == 4
    assert {"too_short", "no_speaker"} <= set(result.reasons)


def test_short_claim_held_by_several_quotes_is_a_suggestion():
    twice = [*ARCHIVE, Candidate(90, "They say everyone else is already taken, and they are right.", KENNEDY)]
    result = check("everyone else is already taken", "Oscar Wilde", candidates=twice)
    assert result.verdict == "unverified"
    assert {"too_short", "several_quotes"} <= set(result.reasons)


def test_short_claim_credited_to_someone_else_is_no_misattribution():
    result = check("everyone else is already taken", "Jane Austen")
    assert result.verdict == "unverified"
    assert "weak_evidence" in result.reasons


def test_six_word_exact_claim_can_be_verified():
    assert check("Be yourself; everyone else is already").verdict == "verified"


def test_exact_claim_is_strong():
    assert check("it is time to pause and reflect", "Mark Twain").matches[0].confidence == "strong"


def test_editorial_translation_is_only_a_suggestion():
    result = check("Korea is an important strategic partner for the EU", "Kaja Kallas")
    assert result.verdict == "verified"
    assert result.matches[0].confidence == "suggestion"


def test_heavily_edited_match_is_only_a_suggestion():
    result = check(
        "Two things are infinite: the cosmos and human folly; and I'm quite sure about the whole universe."
    )
    assert result.verdict == "altered"
    assert result.matches[0].confidence == "suggestion"


# --- Interface ---------------------------------------------------------------------------------------------


def test_limit_caps_the_matches():
    assert len(check("Success is not final, failure is not fatal").matches) == 2
    result = judge(Claim("Success is not final, failure is not fatal"), ARCHIVE, limit=1)
    assert len(result.matches) == 1


def test_no_candidates_is_unverified():
    assert judge(Claim("Be yourself; everyone else is already taken."), []).verdict == "unverified"


def test_claim_without_words_is_unverified():
    assert judge(Claim("… [sic] ..."), ARCHIVE).verdict == "unverified"


def test_candidate_order_does_not_change_the_judgement():
    claim = Claim("Success is not final, failure is not fatal", speaker="Churchill")
    forward = judge(claim, ARCHIVE)
    backward = judge(claim, list(reversed(ARCHIVE)))
    assert forward == backward


def test_a_fragment_of_two_stored_versions_of_a_passage_goes_to_the_one_stored_first():
    original = (
        "Peace is a daily, a weekly, a monthly process, gradually changing opinions, slowly eroding old "
        "barriers, quietly building new structures."
    )
    truncated = "Peace is a daily, a weekly, a monthly process, gradually changing opinions."
    jfk = Person(1, "John F. Kennedy")
    candidates = [Candidate(7, truncated, jfk), Candidate(3, original, jfk)]

    fragment = judge(Claim("a daily, a weekly, a monthly process, gradually changing opinions"), candidates)
    whole_short = judge(Claim(truncated), candidates)

    assert fragment.matches[0].candidate.quote_id == 3  # covering more of the short copy is no reason
    assert whole_short.matches[0].candidate.quote_id == 7  # a whole quote beats a longer one holding it
