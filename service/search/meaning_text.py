"""What of a claim meaning retrieval reads: its words, without the links pasted with it.

A claim is often pasted from social media, with a post's links (``https://…``, ``pic.twitter.com/…``).
A link says nothing of what the claim means, and its random letters pull the sentence vector toward other
posts. The rest stays: the handles, hashtags and an embedded post's signature ("— Ilhan Omar (@Ilhan)
January 8, 2020") name who and what the claim is about. Measured on CheckThat! 2021 2A *train*
(bench/claim_retrieval.py): MAP@5 0.772 with the claim as pasted, 0.784 without its links, 0.762 without
its handles, hashtag signs and signature as well. Pure.
"""

from __future__ import annotations

import re

# Characters of a claim the model reads for its meaning. The model's cost is linear in the text (0.09 s
# of CPU for 5,000 characters, 0.016 s for 600, measured here): past this, a claim is no quote's
# paraphrase, and its opening carries what it means. 99.9% of qv-bench's stored quotes are shorter than
# 490 characters, and no claim of qv-bench, qv-bench-xling or CheckThat! 2021 is longer than 510.
MEANING_CLAIM_CHARACTERS = 1_000

_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def meaning_text(claim_text: str) -> str:
    """The claim as meaning retrieval reads it: no links, and at most MEANING_CLAIM_CHARACTERS, cut at a
    word's end. The claim itself when nothing else is left."""
    text = _SPACES.sub(" ", _LINK.sub(" ", claim_text)).strip() or claim_text
    if len(text) <= MEANING_CLAIM_CHARACTERS:
        return text
    cut = text[:MEANING_CLAIM_CHARACTERS]
    space = cut.rfind(" ")
    return cut[:space] if space > MEANING_CLAIM_CHARACTERS // 2 else cut
