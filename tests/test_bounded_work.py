"""Bounded work per request: repeats verified once, quotations capped, a deadline answering 503."""

from __future__ import annotations

import pytest

from service import create_app
from service.errors import PROBLEM_JSON

CLAIM = "Korea is an important strategic partner for the European Union"


@pytest.fixture
def hurried(seeded, database_url):
    """An app whose requests have (next to) no time at all."""
    app = create_app({"DATABASE_URL": database_url, "REQUEST_DEADLINE": 1e-9})
    yield app.test_client()
    app.extensions["quotetrace.engine"].dispose()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/verify/batch", {"claims": [{"claim": CLAIM}] * 3}),
        ("/api/v1/verify", {"claim": CLAIM}),
        ("/api/v1/check", {"text": f"\u201c{CLAIM},\u201d said Kallas."}),
    ],
)
def test_a_request_past_the_deadline_is_503_and_the_next_one_is_served(hurried, path, body):
    response = hurried.post(path, json=body)
    assert response.status_code == 503
    assert response.mimetype == PROBLEM_JSON
    assert "deadline" in response.get_json()["detail"]
    assert int(response.headers["Retry-After"]) > 0
    assert hurried.get("/healthz").status_code == 200


def test_a_batch_repeating_a_claim_gets_the_same_result_for_each(client, seeded):
    claims = [{"claim": CLAIM, "speaker": "Kaja Kallas"}] * 5 + [{"claim": CLAIM, "speaker": "Cho Tae-yul"}]
    results = client.post("/api/v1/verify/batch", json={"claims": claims}).get_json()["results"]
    assert len(results) == 6
    assert {r["verdict"] for r in results[:5]} == {results[0]["verdict"]}
    assert results[5]["verdict"] == "misattributed"


def test_a_draft_repeating_one_quotation_has_each_listed_and_verified(client, seeded):
    draft = " ".join([f"\u201c{CLAIM},\u201d said Kallas."] * 300)
    result = client.post("/api/v1/check", json={"text": draft}).get_json()
    assert len(result["quotes"]) == 300
    assert result["not_verified"] == 0
    assert all(
        q["verification"]["verdict"] == result["quotes"][0]["verification"]["verdict"]
        for q in result["quotes"]
    )


def test_quotations_past_the_cap_are_listed_unverified_and_counted(client, seeded, monkeypatch):
    from service import checking

    monkeypatch.setattr(checking, "MAX_VERIFIED_QUOTATIONS", 5)
    draft = " ".join(f"\u201cThe bridge number {i} opens in May,\u201d said Kallas." for i in range(25))
    result = client.post("/api/v1/check", json={"text": draft}).get_json()
    assert len(result["quotes"]) == 25
    assert result["not_verified"] == 20
    assert sum(q["verification"] is None for q in result["quotes"]) == 20
    assert sum(result["summary"].values()) == 5
    assert {q["not_verified_reason"] for q in result["quotes"][5:]} == {"over_cap"}
    assert all(q["not_verified_reason"] is None for q in result["quotes"][:5])


def test_a_quotation_mark_left_open_is_listed_not_verified_as_too_long(client, seeded):
    draft = "“" + " ".join(["the talks went on and on"] * 1_000)
    result = client.post("/api/v1/check", json={"text": draft}).get_json()
    (quote,) = result["quotes"]
    assert len(quote["text"]) > result["limits"]["max_verified_chars"]
    assert quote["verification"] is None
    assert quote["not_verified_reason"] == "too_long"
    assert result["not_verified"] == 1


def test_quotations_left_when_the_drafts_time_is_spent_are_listed_out_of_time(seeded, database_url):
    app = create_app({"DATABASE_URL": database_url, "CHECK_VERIFY_SECONDS": 1e-9})
    draft = " ".join(f"\u201cThe bridge number {i} opens in May,\u201d said Kallas." for i in range(3))
    result = app.test_client().post("/api/v1/check", json={"text": draft}).get_json()
    app.extensions["quotetrace.engine"].dispose()
    assert [q["not_verified_reason"] for q in result["quotes"]] == ["out_of_time"] * 3
    assert result["not_verified"] == 3
    assert result["limits"]["verify_seconds"] == 1e-9


def test_a_draft_page_lists_unchecked_quotations_with_why_and_a_link_to_verify_each(seeded, database_url):
    app = create_app({"DATABASE_URL": database_url, "CHECK_VERIFY_SECONDS": 1e-9})
    page = app.test_client().post("/draft", data={"draft": f"\u201c{CLAIM},\u201d said Kallas."})
    app.extensions["quotetrace.engine"].dispose()
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Not checked" in html
    assert "Verify this one on its own" in html


def _speech(words: int, *, seed: int) -> str:
    import random

    rng = random.Random(seed)
    vocabulary = ("we", "will", "build", "the", "bridge", "and", "road", "for", "every", "family")
    return " ".join(rng.choice(vocabulary) for _ in range(words)) + "."


def test_a_long_claim_is_judged_like_a_short_one_exact_verified_and_a_changed_word_shown():
    from service.matching import Candidate, Claim, Person, judge
    from service.matching.align import MAX_DP_CELLS

    speech = _speech(400, seed=5)
    assert MAX_DP_CELLS < 400 * 400  # past what the word-by-word programme aligns
    mayor = Person(1, "Ann Lee")
    candidates = [Candidate(1, speech, mayor), Candidate(2, _speech(400, seed=6), mayor)]
    exact = judge(Claim(speech), candidates)
    assert exact.verdict == "verified"
    assert exact.matches[0].candidate.quote_id == 1
    words = speech.split()
    words[200] = "never"
    altered = judge(Claim(" ".join(words)), candidates)
    assert altered.verdict == "altered"
    assert [d.claim for d in altered.matches[0].diff if d.op != "equal"] == ["never"]


def test_a_long_text_holding_a_short_quote_among_its_words_is_not_that_quote():
    from service.matching import Candidate, Claim, Person, judge

    quote = "We will open the new bridge over the river in May next year."
    claim = _speech(300, seed=7) + " " + quote + " " + _speech(300, seed=8)
    assert judge(Claim(claim), [Candidate(1, quote, Person(1, "Ann Lee"))]).verdict == "unverified"
