"""The word index in the database: found after insert, gone after delete, current after an edit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.db import session_scope
from service.matching.text import index_terms, words
from service.models import IndexTerm, Quote, Speaker
from service.search import add_to_index, plan, query_index, remove_from_index
from service.search.memory import MemoryIndex

QUOTES = [
    "The harbour will reopen on Monday for every fishing boat.",
    "Our schools need more teachers, not more paperwork.",
    "The harbour master resigned after the storm flooded the docks.",
    "Nobody expected the lighthouse keeper to win the election.",
]


@pytest.fixture
def stored(session):
    speaker = Speaker(name="Ana Lima")
    session.add(speaker)
    session.flush()
    ids = []
    for i, text in enumerate(QUOTES):
        quote = Quote(text=text, speaker=speaker, fingerprint=f"fp{i}")
        session.add(quote)
        session.flush()
        ids.append(quote.id)
    add_to_index(session, list(zip(ids, QUOTES, strict=True)))
    session.commit()
    return ids


def _df(session, word):
    return session.scalar(select(IndexTerm.df).where(IndexTerm.term_key == plan.term_key(word))) or 0


def test_a_fragment_finds_its_quote_first(session, stored):
    assert query_index(session, "will reopen on Monday")[0] == stored[0]
    assert query_index(session, "lighthouse keeper")[0] == stored[3]


def test_words_no_quote_has_find_nothing(session, stored):
    assert query_index(session, "zeppelin quasar marmalade") == []


def test_removed_quote_is_no_longer_found_and_counts_drop(session, stored):
    assert _df(session, "harbour") == 2
    remove_from_index(session, [(stored[0], QUOTES[0])])
    assert stored[0] not in query_index(session, "harbour will reopen on Monday")
    assert query_index(session, "harbour master resigned")[0] == stored[2]
    assert _df(session, "harbour") == 1
    assert _df(session, "reopen") == 0


@pytest.mark.parametrize("position", [0, 1, 3])
def test_removal_from_any_place_in_a_run_keeps_the_others(session, stored, position):
    # "the" is in quotes 0, 2 and 3: one run of three ids written together.
    remove_from_index(session, [(stored[position], QUOTES[position])])
    remaining = {
        i for i, text in zip(stored, QUOTES, strict=True) if "the " in text.lower() and i != stored[position]
    }
    found = set(query_index(session, "the the the", limit=10))
    assert remaining <= found
    assert stored[position] not in found


def test_an_edit_is_found_by_its_new_words_only(session, stored):
    new = "The ferry will reopen on Tuesday for every passenger."
    remove_from_index(session, [(stored[0], QUOTES[0])])
    add_to_index(session, [(stored[0], new)])
    assert query_index(session, "ferry will reopen on Tuesday")[0] == stored[0]
    assert query_index(session, "fishing boat Monday") == []


def test_the_index_lives_in_the_database_for_every_session(empty_db, stored):
    with session_scope(empty_db) as other:
        assert query_index(other, "more teachers not more paperwork")[0] == stored[1]


@pytest.mark.parametrize("wide", [False, True])
def test_memory_index_ranks_like_the_database(session, stored, wide):
    memory = MemoryIndex()
    for quote_id, text in zip(stored, QUOTES, strict=True):
        memory.add(quote_id, text)
    for claim in ("harbour master resigned", "will reopen on Monday", "teachers paperwork"):
        assert memory.query(claim, wide=wide)[0] == query_index(session, claim, wide=wide)[0]


def test_the_wide_look_ranks_by_shared_words_common_ones_too(session, stored):
    # Five shared words, then two ("the", "lighthouse"), then one ("the"); quotes sharing none are not found.
    claim = "the lighthouse will reopen on the Monday"
    assert query_index(session, claim, wide=True) == [stored[0], stored[3], stored[2]]


def test_the_wide_look_is_not_taken_for_a_claim_of_several_rare_words(session, stored):
    # Words no quote holds are as rare as words get: one may be the writer's change, two say the claim
    # is something else (news text, a tweet) and the wide look would read common words for nothing.
    assert set(query_index(session, "the harbour zeppelin", wide=True)) == {stored[0], stored[2], stored[3]}
    assert query_index(session, "the harbour zeppelin quasar", wide=True) == []


def test_a_rare_word_is_one_held_by_under_a_thousandth_of_the_quotes():
    common, rare = 11, 12
    dfs = {plan.DOC_COUNT_KEY: 1_000_000, 1: 300_000, 2: 20_000, common: 1_000, rare: 999}
    assert set(plan.weighted_terms(dfs, wide=True)) == {1, 2, common, rare}
    assert plan.weighted_terms({**dfs, 13: 0}, wide=True) == {}
    assert plan.weighted_terms({**dfs, common: 999}, wide=True) == {}


@pytest.mark.parametrize(
    "text",
    [
        "inter-\nnational don't [F]eminism rock 'n' roll 1.3M `quoted` \u2019tis",
        "\u201cCurly\u201d \u2018single\u2019 caf\u00e9 na\u00efve \ufb01ne",
        "word[note]next a-\n b x -\ny",
        "soft\u00adhyphen zero\u200bwidth",
        "a''b ''quoted'' O'Neil's 80's 'tis' snake_case 3,000 and 2.5% of it",
        "I don`t believe on them\u2026but Allaah\u2019s law \u2014 so\u2013so",
        "tab\tseparated, new\nline - and -- dashes; (parenthesised) <b>tags</b>",
    ],
)
def test_index_terms_are_the_claim_words(text):
    # The index folds quotes on a fast path; claims go through tokens(): they must agree exactly.
    assert index_terms(text) == set(words(text))
