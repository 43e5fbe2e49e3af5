"""The order of quotes found by meaning (meaning_verification.ranked_by_meaning): the first model's
similarity and the words find and order them; the second model's similarity, once every candidate has
one, reorders them. No model runs here: the similarities are given."""

from __future__ import annotations

from service.matching import RELATED_MIN_SIMILARITY
from service.meaning_verification import (
    RERANK_RELATED_MIN_SIMILARITY,
    RERANK_RELATED_MIN_SIMILARITY_OTHER_LANGUAGE,
    RERANK_WEIGHT,
    ranked_by_meaning,
)

# Three statements the first model finds about equally close to a claim.
FIRST = {1: 0.62, 2: 0.60, 3: 0.58}
NO_WORDS: list[tuple[int, float]] = []


def test_without_the_second_model_the_first_models_order_stands():
    assert ranked_by_meaning(FIRST, None, NO_WORDS) == [1, 2, 3]


def test_the_words_lift_a_statement_sharing_them():
    assert ranked_by_meaning(FIRST, None, [(3, 5.0)])[0] == 3


def test_the_second_model_reorders_what_the_first_found():
    second = {1: 0.80, 2: 0.80, 3: 0.80 + 0.1}
    assert ranked_by_meaning(FIRST, second, NO_WORDS)[0] == 3
    # A slight edge by the second model does not outweigh a clear one by the first.
    close = {1: 0.80, 2: 0.80, 3: 0.80 + 0.01}
    assert ranked_by_meaning({1: 0.62 + RERANK_WEIGHT * 0.02, 3: 0.58}, close, NO_WORDS)[0] == 1


def test_a_statement_below_the_first_models_floor_is_left_out():
    below = {**FIRST, 4: RELATED_MIN_SIMILARITY - 0.05}
    assert 4 not in ranked_by_meaning(below, None, NO_WORDS)
    second = {1: 0.8, 2: 0.8, 3: 0.8, 4: RERANK_RELATED_MIN_SIMILARITY - 0.01}
    assert 4 not in ranked_by_meaning(below, second, NO_WORDS)


def test_the_second_model_keeps_a_statement_it_finds_close_though_the_first_does_not():
    below = {**FIRST, 4: RELATED_MIN_SIMILARITY - 0.05}
    second = {1: 0.8, 2: 0.8, 3: 0.8, 4: RERANK_RELATED_MIN_SIMILARITY + 0.01}
    assert 4 in ranked_by_meaning(below, second, NO_WORDS)


def test_a_statement_in_another_language_needs_the_second_models_higher_floor():
    # e5 puts unrelated statements in two languages close together: what is enough in the claim's language
    # is not enough across languages.
    below = {**FIRST, 4: RELATED_MIN_SIMILARITY - 0.05}
    between = (RERANK_RELATED_MIN_SIMILARITY + RERANK_RELATED_MIN_SIMILARITY_OTHER_LANGUAGE) / 2
    second = {1: 0.8, 2: 0.8, 3: 0.8, 4: between}
    assert 4 in ranked_by_meaning(below, second, NO_WORDS)
    assert 4 not in ranked_by_meaning(below, second, NO_WORDS, other_language={4})
