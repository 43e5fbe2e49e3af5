"""The page's reading of a match: the stored wording in order, with what the claim changed marked."""

from __future__ import annotations

from service.matching.align import align, parse_claim
from service.web.answers import draft_pieces, draft_summary, found_by_meaning, stored_wording

QUOTE = (
    "We will not stand by while our neighbours are attacked, and we will defend every inch of our territory."
)


def _match(claim: str, quote: str = QUOTE) -> dict:
    """A match as verification returns it, from the engine's alignment of the claim with the quote."""
    a = align(parse_claim(claim), claim, quote)
    return {
        "quote": {"text": quote},
        "span": {"start": a.span[0], "end": a.span[1]},
        "diff": [{"op": d.op, "claim": d.claim, "quote": d.quote} for d in a.diff],
        "gaps": [{"kind": g.kind, "claim": g.claim, "quote": g.quote} for g in a.gaps],
    }


def _kinds(claim: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in stored_wording(_match(claim))]


def test_stored_wording_is_the_whole_quote_in_order():
    for claim in (
        "we will defend every single inch of territory",
        "We will not stand by ... and we will defend every inch of our territory",
        "[The government] will defend every inch of our territory",
    ):
        pieces = stored_wording(_match(claim))
        assert "".join(p.text for p in pieces if p.kind != "inserted") == QUOTE


def test_changed_words_are_the_quotes_deleted_and_the_claims_inserted():
    kinds = _kinds("we will defend every single inch of territory")
    assert ("inserted", "single") in kinds
    assert ("deleted", "our") in kinds
    assert kinds[0] == ("outside", "We will not stand by while our neighbours are attacked, and ")
    assert kinds[-1] == ("outside", ".")


def test_replaced_word_shows_the_quotes_word_then_the_claims():
    kinds = _kinds("we will defend every metre of our territory")
    at = kinds.index(("deleted", "inch"))
    assert kinds[at + 1] == ("inserted", "metre")


def test_words_an_ellipsis_stands_for_are_marked_omitted_with_the_marker():
    pieces = stored_wording(_match("We will not stand by ... and we will defend every inch of our territory"))
    omitted = [p for p in pieces if p.kind == "omitted"]
    assert [(p.text, p.note) for p in omitted] == [("while our neighbours are attacked", "...")]
    assert not any(p.kind in ("deleted", "inserted") for p in pieces)


def test_words_an_editorial_bracket_replaces_are_marked_bracketed():
    pieces = stored_wording(_match("[The government] will defend every inch of our territory"))
    bracketed = [p for p in pieces if p.kind == "bracketed"]
    assert [(p.text, p.note) for p in bracketed] == [("we", "[The government]")]


def test_draft_is_cut_at_its_quotations_and_overlaps_are_not_marked_twice():
    text = 'She said "one two" and "three".'
    quotes = [{"start": 10, "end": 17}, {"start": 24, "end": 29}, {"start": 11, "end": 14}]
    pieces = draft_pieces(text, quotes)
    assert "".join(p.text + p.closing for p in pieces) == text
    assert [(p.text, p.index) for p in pieces if p.index is not None] == [("one two", 0), ("three", 1)]
    # The closing quotation mark stays with its quotation, so the speaker shown after it follows the mark.
    assert [p.closing for p in pieces if p.index is not None] == ['"', '"']


def test_draft_summary_counts_each_verdict():
    quotes = [{"verification": {"verdict": v}} for v in ("paraphrased", "verified", "paraphrased", "altered")]
    assert draft_summary(quotes) == "4 quotations: 1 verified, 2 paraphrased, 1 altered"
    assert draft_summary([]) == "No quotations found in this draft."


def test_a_match_by_meaning_says_how_close_and_why_no_word_is_marked():
    other = {"reason": "other_language", "similarity": 0.7771, "quote_language": "id"}
    assert found_by_meaning(other) == (
        "Found by its meaning (similarity 0.78 of 1), in Indonesian: words in two languages are not compared."
    )
    same = {"reason": "paraphrase", "similarity": 0.85, "quote_language": "en"}
    assert "in other words: the claim's words are not the quote's" in found_by_meaning(same)
