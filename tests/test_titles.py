"""Source titles in meaning retrieval: a tweet that repeats a fact-checked claim in the words of the
fact-check's headline finds the claim, once `quotetrace embed` has written the titles file."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from service import create_app, meaning_verification
from service.cli import main
from service.db import session_scope
from service.models import Quote
from service.search import plan, titles, vectors
from service.store import delete_quote

VACCINE = "Injections of the new shots rewrite the genetic code of those who receive them."
ROWS = [
    {
        "text": VACCINE,
        "speaker": "Snopes",
        "source": {"title": "Fact check: do mRNA vaccines alter your DNA?"},
    },
    {
        "text": "The city will close every public swimming pool for the rest of the summer.",
        "speaker": "Snopes",
        "source": {"title": "Fact check: are pools closing in Phoenix?"},
    },
    {
        "text": "A photograph shows a shark swimming on a flooded highway after the hurricane.",
        "speaker": "Snopes",
        "source": {"title": "Fact check: shark on the freeway"},
    },
    {
        "text": "The senator voted against funding for veterans' hospitals eleven times.",
        "speaker": "Snopes",
        "source": {"title": "Fact check: veterans and the senate budget"},
    },
]
TWEET = "Wake up people, mRNA vaccines alter your DNA forever"


@pytest.fixture
def run(empty_db, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("QUOTETRACE_VECTOR_INDEX", str(tmp_path / "vectors.usearch"))
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    assert "4 quotes added" in invoke("import", str(path)).output
    return invoke


def _id_of(engine, text: str) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(Quote.id).where(Quote.text == text))


def test_embed_writes_the_titles_file_and_the_headlines_words_find_its_quote(run, empty_db):
    with session_scope(empty_db) as s:
        assert meaning_verification.meaning_pool(s, TWEET)[2] == []  # no vectors, no titles file yet
    run("embed")
    with session_scope(empty_db) as s:
        similarity, _, titled = meaning_verification.meaning_pool(s, TWEET)
    vaccine = _id_of(empty_db, VACCINE)
    assert titled[0][0] == vaccine
    assert vaccine in similarity


def test_words_every_title_holds_are_not_looked_up(run, empty_db):
    run("embed")
    path = vectors.index_path("unused")  # QUOTETRACE_VECTOR_INDEX decides
    assert titles.title_scores(path, "fact check", limit=5) == []
    with np.load(titles.title_path(path)) as held:  # nor kept: no worker holds postings it never reads
        assert not set(plan.quote_keys("fact check")) & set(held["terms"].tolist())
    assert [q for q, _ in titles.title_scores(path, "sharks on a freeway", limit=5)] == [
        _id_of(empty_db, ROWS[2]["text"])
    ]


def test_tweet_in_the_headlines_words_ranks_its_claim_first(run, empty_db, database_url):
    run("embed")
    client = create_app({"DATABASE_URL": database_url, "TESTING": True}).test_client()
    result = client.post("/api/v1/verify", json={"claim": TWEET}).get_json()
    ranked = [m["quote"]["text"] for m in result["matches"]] + [r["quote"]["text"] for r in result["related"]]
    assert ranked[0] == VACCINE
    # Titles only bring candidates: the verdict still rests on the quote, which the tweet only resembles.
    assert result["verdict"] == "unverified"


def test_a_deleted_quote_the_titles_file_still_holds_is_not_shown(run, empty_db, database_url):
    run("embed")
    client = create_app({"DATABASE_URL": database_url, "TESTING": True}).test_client()
    vaccine = _id_of(empty_db, VACCINE)
    with session_scope(empty_db) as s:
        delete_quote(s, vaccine)
    with session_scope(empty_db) as s:
        assert vaccine in [q for q, _ in meaning_verification.meaning_pool(s, TWEET)[2]]  # the file is older
    result = client.post("/api/v1/verify", json={"claim": TWEET}).get_json()
    shown = [m["quote"]["id"] for m in result["matches"]] + [r["quote"]["id"] for r in result["related"]]
    assert vaccine not in shown
