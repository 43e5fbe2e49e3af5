"""What meaning retrieval reads of a claim: no pasted links, the topic words rather than the rarest."""

from __future__ import annotations

from service.search import plan
from service.search.meaning_text import MEANING_CLAIM_CHARACTERS, meaning_text


def test_a_pasted_posts_links_are_not_read_but_who_posted_it_is():
    post = (
        "Fact check: The U.S. Army is NOT contacting anyone regarding the draft. "
        "pic.twitter.com/3S32De8ekP https://t.co/abc123 — U.S. Army CGSC (@USACGSC) January 8, 2020"
    )
    read = meaning_text(post)
    assert "pic.twitter.com" not in read
    assert "https" not in read
    assert read.startswith("Fact check: The U.S. Army is NOT contacting anyone regarding the draft.")
    assert "(@USACGSC) January 8, 2020" in read


def test_a_claim_that_is_only_a_link_is_read_as_it_is():
    assert meaning_text("https://example.org/page") == "https://example.org/page"


def test_a_long_claim_is_cut_at_a_word_end():
    read = meaning_text("strategic partner " * 200)
    assert len(read) <= MEANING_CLAIM_CHARACTERS
    assert read.endswith("partner") or read.endswith("strategic")


def test_the_topical_look_reads_topic_words_and_skips_function_words():
    total = 100_000
    dfs = {plan.DOC_COUNT_KEY: total, 1: 40_000, 2: 30_000, 3: 120, 4: 3_000, 5: 9, 6: 0}  # 6: nowhere
    chosen = plan.choose_topic_terms(dfs)
    assert chosen == [5, 3, 4]  # rarest first; "the" (40%) and "is" (30%) left out; an absent word too
