"""Chinese and Japanese claims, which write no spaces between words, through POST /api/v1/verify.

A run of ideographs and kana used to be read as one word: a Chinese or Japanese quote was found only by
its whole sentence, and a claim in either language was too short to be matched by its meaning.
"""

from __future__ import annotations

import pytest

from service.db import session_scope
from service.store import QuoteDraft, create_quote

WANG_ZH = "韩国是欧盟重要的战略伙伴，与韩国的合作非常重要。"
KISHIDA_JA = "韓国はEUにとって重要な戦略的パートナーであり、韓国との協力は重要です。"
BRIDGE_EN = "The new bridge over the river will open to traffic in the spring of next year."


@pytest.fixture
def api(client, empty_db):
    with session_scope(empty_db) as s:
        create_quote(s, QuoteDraft(text=WANG_ZH, speaker="王毅", language="zh"))
        create_quote(s, QuoteDraft(text=KISHIDA_JA, speaker="岸田文雄", language="ja"))
        create_quote(s, QuoteDraft(text=BRIDGE_EN, speaker="Jane Doe", language="en"))
    return client


def _verify(client, **body):
    response = client.post("/api/v1/verify", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    ("claim", "speaker", "stored"),
    [
        (WANG_ZH, "王毅", WANG_ZH),
        ("韩国是欧盟重要的战略伙伴", "王毅", WANG_ZH),
        (KISHIDA_JA, "岸田文雄", KISHIDA_JA),
    ],
    ids=["chinese", "chinese-first-clause", "japanese"],
)
def test_a_chinese_or_japanese_quote_is_verified_in_its_own_words(api, claim, speaker, stored):
    result = _verify(api, claim=claim, speaker=speaker)
    assert result["verdict"] == "verified"
    assert result["matches"][0]["quote"]["text"] == stored


def test_characters_added_or_left_out_are_altered_and_shown(api):
    added = _verify(api, claim="韩国是欧盟非常重要的战略伙伴，与韩国的合作非常重要。", speaker="王毅")
    assert added["verdict"] == "altered"
    assert [(d["op"], d["claim"]) for d in added["matches"][0]["diff"] if d["op"] != "equal"] == [
        ("insert", "非常")
    ]
    left_out = _verify(api, claim=KISHIDA_JA.replace("戦略的", ""))
    assert left_out["verdict"] == "altered"
    assert [(d["op"], d["quote"]) for d in left_out["matches"][0]["diff"] if d["op"] != "equal"] == [
        ("delete", "戦略的")
    ]


def test_wang_yis_words_credited_to_someone_else_are_misattributed(api):
    result = _verify(api, claim=WANG_ZH, speaker="李强")
    assert result["verdict"] == "misattributed"
    assert result["matches"][0]["quote"]["speaker"]["name"] == "王毅"


def test_a_japanese_claim_finds_an_english_statement_by_its_meaning(api):
    result = _verify(api, claim="川に架かる新しい橋は来年の春に開通します。")
    assert result["verdict"] == "paraphrased"
    top = result["matches"][0]
    assert top["quote"]["text"] == BRIDGE_EN
    assert top["meaning"]["reason"] == "other_language"


@pytest.mark.parametrize(
    ("draft", "quoted"),
    [
        (f"外交部长王毅表示：“{WANG_ZH}”", WANG_ZH),
        (f"“{WANG_ZH}”外交部长王毅说。", WANG_ZH),
        (f"岸田文雄首相は「{KISHIDA_JA[:-1]}」と述べた。", KISHIDA_JA[:-1]),
    ],
    ids=["chinese-before", "chinese-after", "japanese"],
)
def test_a_quotation_in_a_chinese_or_japanese_draft_is_found_with_its_known_speaker(api, draft, quoted):
    response = api.post("/api/v1/check", json={"text": draft})
    assert response.status_code == 200, response.get_json()
    quotes = response.get_json()["quotes"]
    assert [q["text"] for q in quotes] == [quoted]
    assert quotes[0]["speaker"]["name"] in ("王毅", "岸田文雄")
    assert quotes[0]["verification"]["verdict"] == "verified"


def test_wang_yis_words_put_in_another_known_persons_mouth_in_a_chinese_draft_are_misattributed(
    api, empty_db
):
    with session_scope(empty_db) as s:
        create_quote(s, QuoteDraft(text="我们将继续推进高质量发展。", speaker="李强", language="zh"))
    quotes = api.post("/api/v1/check", json={"text": f"李强表示：“{WANG_ZH}”"}).get_json()["quotes"]
    assert quotes[0]["speaker"]["name"] == "李强"
    assert quotes[0]["verification"]["verdict"] == "misattributed"
    # A name the archive does not hold is not guessed from the characters before the verb.
    quotes = api.post("/api/v1/check", json={"text": f"张伟表示：“{WANG_ZH}”"}).get_json()["quotes"]
    assert quotes[0]["speaker"] is None
    assert quotes[0]["verification"]["verdict"] == "verified"


def test_an_english_claim_credited_to_wang_yi_in_pinyin_finds_his_chinese_words(api):
    claim = "Korea is an important strategic partner of the EU, and cooperation with Korea is important."
    result = _verify(api, claim=claim, speaker="Wang Yi")
    assert result["verdict"] == "paraphrased"
    top = result["matches"][0]
    assert (top["quote"]["text"], top["speaker_match"]) == (WANG_ZH, "probable")
    assert "speaker_other_script" in top["reasons"]
    # Another Wang is not him, nor is anyone accused on a name that could not be compared.
    assert _verify(api, claim=claim, speaker="Wang Qishan")["verdict"] == "unverified"


def test_a_few_chinese_characters_are_a_few_words_not_a_sentence_to_accuse_anyone_on(api):
    # "与韩国的合作非常重要" is ten characters, five words ("cooperation with Korea is very important"):
    # too few to say that someone else's claim is Wang Yi's, as five English words would be.
    phrase = "与韩国的合作非常重要"
    other = _verify(api, claim=phrase, speaker="李强")
    assert other["verdict"] == "unverified"
    assert "weak_evidence" in other["matches"][0]["reasons"]
    # Credited to him, word for word in one statement of his: verified, as a short claim.
    own = _verify(api, claim=phrase, speaker="王毅")
    assert own["verdict"] == "verified"
    assert "short_claim" in own["matches"][0]["reasons"]


def test_a_surname_with_a_title_is_the_one_person_of_the_archive_who_bears_it(api, empty_db):
    # Japanese and Chinese news name a person in full once, then by surname and title: 岸田首相, 王外长.
    draft = f"岸田首相は「{KISHIDA_JA[:-1]}」と述べた。王外长表示：“{WANG_ZH}”"
    quotes = api.post("/api/v1/check", json={"text": draft}).get_json()["quotes"]
    assert [(q["speaker"] or {}).get("name") for q in quotes] == ["岸田文雄", "王毅"]
    assert [q["verification"]["verdict"] for q in quotes] == ["verified", "verified"]
    # Two people of the archive bear the surname: neither is guessed.
    with session_scope(empty_db) as s:
        create_quote(
            s, QuoteDraft(text="今日は良い天気ですね、本当に。", speaker="岸田翔太郎", language="ja")
        )
    quotes = api.post("/api/v1/check", json={"text": draft}).get_json()["quotes"]
    assert [(q["speaker"] or {}).get("name") for q in quotes] == [None, "王毅"]
