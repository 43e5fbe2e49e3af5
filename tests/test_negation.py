"""The claim reversed, which a quote saying the opposite is nearer than the claim (matching.negation)."""

from __future__ import annotations

import pytest

from service.matching.negation import REVERSAL_MARGIN, reversed_claim, says_opposite


@pytest.mark.parametrize(
    ("claim", "reversed_"),
    [
        (
            "Korea is an important strategic partner for the EU",
            "Korea is not an important strategic partner for the EU",
        ),
        ("The government will not build new schools", "The government will build new schools"),
        ("The talks did not fail", "The talks did fail"),
        ("It's a good agreement for both sides", "It's not a good agreement for both sides"),
        ("We\u2019ll sign the treaty in March", "We\u2019ll not sign the treaty in March"),
        ("Korea's economy will grow", "Korea's economy will not grow"),  # a possessive, not "is"
    ],
)
def test_claim_reversed_by_its_first_negation_or_auxiliary(claim, reversed_):
    assert reversed_claim(claim) == reversed_
    # Reversing twice gives the claim back, so a reversed claim is tested against the one it reverses.
    assert reversed_claim(reversed_) == claim


@pytest.mark.parametrize(
    ("claim", "reversed_"),
    [
        ("We can't accept this agreement", "We can accept this agreement"),
        ("We can\u2019t accept this agreement", "We can accept this agreement"),
        ("Cannot open the file", "Can open the file"),
        ("This has never happened before", "This has happened before"),
        ("Unable to reach the server", "Able to reach the server"),
    ],
)
def test_contracted_and_other_negations_are_taken_out(claim, reversed_):
    assert reversed_claim(claim) == reversed_


@pytest.mark.parametrize(
    "claim",
    [
        "Korea needs strong partners",  # no auxiliary to put "not" after
        "There is no evidence of fraud",  # "no" is not undone by removing a word
        "Nobody expected the result",
        "It is not only a trade partner but a friend",  # "not only" does not negate the statement
        "Korea",
    ],
)
def test_claim_with_nothing_to_reverse_is_not_checked(claim):
    assert reversed_claim(claim) is None


def test_a_quote_says_the_opposite_only_when_clearly_nearer_the_claim_reversed():
    assert says_opposite(0.82, 0.88)
    assert not says_opposite(0.82, 0.82 + REVERSAL_MARGIN / 2)
    assert not says_opposite(0.88, 0.82)
    assert not says_opposite(0.82, None)
