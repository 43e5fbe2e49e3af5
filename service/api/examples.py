"""Examples in the OpenAPI document, from the seed article: Kaja Kallas on Korea (korea.kr, 22 January 2025).

What ``POST /api/v1/verify`` answers on the seeded database (``quotetrace seed``), cut to the fields a
reader looks at first; tests/test_openapi.py checks that the service still gives these verdicts.
"""

from __future__ import annotations

CLAIM = "Korea is an important strategic partner"
ALTERED_CLAIM = "Korea is the most important strategic partner"
SPEAKER = "Kaja Kallas"

_SOURCE = {
    "title": "Menteri Luar Negeri Cho Tae-yul melakukan panggilan telepon dengan Perwakilan Tinggi Uni Eropa "
    "Kaja Kallas",
    "publisher": "Korea.net (korea.kr)",
    "published_at": "2025-01-22",
    "standing": "publication",
}
_QUOTE = {
    "id": 3,
    "text": "Korea is an important strategic partner for the EU. Cooperation with Korea is important.",
    "language": "en",
    "speaker": {"id": 2, "name": SPEAKER},
    "source": _SOURCE,
}
_SAID = "Said by Kaja Kallas on 22 January 2025 (Korea.net (korea.kr))"

VERIFY_REQUESTS = {
    "verified": {"summary": "Kallas's words, as said", "value": {"claim": CLAIM, "speaker": SPEAKER}},
    "altered": {
        "summary": "Kallas's quote with a word changed",
        "value": {"claim": ALTERED_CLAIM, "speaker": SPEAKER},
    },
    "misattributed": {
        "summary": "Kallas's words given to Cho Tae-yul",
        "value": {"claim": CLAIM, "speaker": "Cho Tae-yul"},
    },
}

VERIFY_ANSWERS = {
    "verified": {
        "summary": "verified: the words and the speaker are right",
        "value": {
            "claim": CLAIM,
            "speaker": SPEAKER,
            "verdict": "verified",
            "speaker_match": "exact",
            "explanation": f"{_SAID}.",
            "matches": [
                {
                    "quote": _QUOTE,
                    "score": 100.0,
                    "verdict": "verified",
                    "speaker_match": "exact",
                    "diff": [{"op": "equal", "claim": CLAIM, "quote": CLAIM}],
                    "explanation": f"{_SAID}.",
                }
            ],
        },
    },
    "altered": {
        "summary": "altered: 'the most' where she said 'an'",
        "value": {
            "claim": ALTERED_CLAIM,
            "speaker": SPEAKER,
            "verdict": "altered",
            "speaker_match": "exact",
            "explanation": f"{_SAID}, in other words: your wording differs in 1 place(s).",
            "matches": [
                {
                    "quote": _QUOTE,
                    "score": 71.4,
                    "verdict": "altered",
                    "speaker_match": "exact",
                    "diff": [
                        {"op": "equal", "claim": "Korea is", "quote": "Korea is"},
                        {"op": "replace", "claim": "the most", "quote": "an"},
                        {
                            "op": "equal",
                            "claim": "important strategic partner",
                            "quote": "important strategic partner",
                        },
                    ],
                    "explanation": f"{_SAID}, in other words: your wording differs in 1 place(s).",
                }
            ],
        },
    },
}
