"""Speakers of Chinese and Japanese quotations: a known person named beside a speech verb (extract.cjk)."""

from __future__ import annotations

import pytest

from service.extract import KnownSpeaker, extract_quotes
from service.extract.cjk import name_strings, titled_surnames

KNOWN = [KnownSpeaker(1, "王毅"), KnownSpeaker(2, "岸田文雄"), KnownSpeaker(3, "Kaja Kallas")]
ZH = "韩国是欧盟重要的战略伙伴。"
JA = "韓国はEUにとって重要な戦略的パートナーです"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (f"外交部长王毅表示：“{ZH}”", "王毅"),  # a title before the name
        (f"王毅外长指出，“{ZH}”", "王毅"),  # a title between the name and the verb
        (f"“{ZH}”外交部长王毅说。", "王毅"),  # the speaker after the quotation
        (f"岸田文雄首相は「{JA}」と述べた。", "岸田文雄"),
        (f"李强表示：“{ZH}”", None),  # a name the archive does not hold is not guessed
        (f"王毅访问了首尔。“{ZH}”", None),  # a known name with no speech verb beside the quotation
        (f"王毅到访。张伟表示：“{ZH}”", None),  # a known name in the sentence before, not the speaker's
        # The name of the one whose words are discussed, not the speaker's (林 is not known).
        (f"岸田文雄首相の発言について、林官房長官は「{JA}」と述べた。", None),
    ],
)
def test_a_known_name_beside_a_speech_verb_is_the_quotations_speaker(text, speaker):
    found = extract_quotes(text, known_speakers=KNOWN)
    assert len(found) == 1
    assert (found[0].speaker.name if found[0].speaker else None) == speaker
    if found[0].speaker:
        mention = found[0].speaker
        assert text[mention.start : mention.end] == speaker


def test_the_names_looked_up_are_short_runs_beside_quotation_marks():
    names = name_strings(f"外交部长王毅表示：“{ZH}”", 100)
    assert {"王毅", "王毅表", "长王毅"} <= names
    assert all(2 <= len(n) <= 4 for n in names)
    assert name_strings("No quotation marks here at all.", 100) == set()


def test_a_scare_quoted_chinese_term_is_not_a_quotation():
    # Eight characters, four words ("socialism with Chinese characteristics"): a term, not speech.
    assert extract_quotes("他再次提到“中国特色社会主义”这一概念。", known_speakers=KNOWN) == []
    assert len(extract_quotes(f"王毅表示：“{ZH}”", known_speakers=KNOWN)) == 1


def test_a_known_surname_with_a_title_is_its_one_bearer_and_no_one_when_two_bear_it():
    assert extract_quotes(f"岸田首相は「{JA}」と述べた。", known_speakers=KNOWN)[0].speaker.name == "岸田文雄"
    assert extract_quotes(f"王外长表示：“{ZH}”", known_speakers=KNOWN)[0].speaker.name == "王毅"
    two = [*KNOWN, KnownSpeaker(4, "王沪宁")]
    assert extract_quotes(f"王外长表示：“{ZH}”", known_speakers=two)[0].speaker is None
    assert titled_surnames(f"岸田首相は「{JA}」と述べた。") >= {"岸田", "田"}
