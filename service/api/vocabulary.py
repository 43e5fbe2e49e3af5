"""What each value of each closed vocabulary means, said once and written into the OpenAPI document.

Every schema property (and query parameter) whose values are an enum gets, after its own description, one
line per value from VOCABULARIES: the set of values picks the vocabulary, so a field only has to name its
values (``metadata={"enum": VERDICTS}`` or ``validate.OneOf(...)``). A new enum with no entry here fails
tests/test_openapi.py's walk of the document.
"""

from __future__ import annotations

VERDICT = {
    "verified": "The words are the ones said, by the speaker claimed (or no speaker was claimed).",
    "altered": "The quote exists, but the claim changes its words: see the match's diff.",
    "paraphrased": "The claim matches a reported statement, or the quote's meaning in other words or "
    "another language: the words cannot be compared word for word.",
    "misattributed": "The words are someone else's: the match names who said them.",
    "unverified": "Nothing in the index says this; it may still be true.",
}
CONFIDENCE = {
    "strong": "The claim is plainly this quote: six words or more (or a short claim verified word for "
    "word), at most one word in five edited, and the quote not an editorial translation.",
    "suggestion": "Possibly this quote: shown to be checked by a person, not concluded.",
}
SPEAKER_MATCH = {
    "exact": "The quote's speaker's stored name, however written (case, titles, roles, order).",
    "alias": "One of the speaker's stored aliases, or an office they held on the date.",
    "probable": "The same person as far as the names tell: a variant, a one-letter slip, a surname alone, "
    "one of their names alone, or their name in another script.",
    "unchecked": "A name in another script than the speaker's stored names that agrees with none of them "
    "once transliterated: not compared, so neither confirmed nor called another person.",
    "different": "Another person than the quote's speaker.",
}
STANDING = {
    "primary": "The speaker's own channel, an official transcript or statement.",
    "publication": "Published journalism.",
    "unvetted": "Anything else (the default for imports, ingests, new sources): never outranks the others.",
}
DIFF_OP = {
    "equal": "The same words in the claim and the quote.",
    "insert": "Words of the claim that the quote does not have.",
    "delete": "Words of the quote that the claim leaves out.",
    "replace": "Words of the claim in place of the quote's.",
}
GAP = {
    "omission": "An ellipsis in the claim ('...', '…', '[...]') standing for quote words left out.",
    "insertion": "An editorial bracket in the claim ('[the president]') standing for quote words.",
    "sic": "'[sic]' in the claim: the quote's wording kept as it was, error and all.",
}
PROVENANCE = {
    "editorial": "Translated by the source or the newsroom: the original is what was said.",
    "official": "An official translation, issued by the speaker's side.",
}
MEANING_REASON = {
    "other_language": "The quote is stored in another language than the claim's.",
    "paraphrase": "The same language, other words.",
}
QUOTE_KIND = {
    "direct": "The words as said (a quotation).",
    "reported": "Reported speech: what was said, in the writer's words.",
}
FEEDBACK_RATING = {
    "right": "The answer was right.",
    "wrong_match": "The quote matched is not the one meant: another stored quote is.",
    "wrong_verdict": "The right quote, the wrong verdict.",
    "none_of_these": "None of the matches is the quote meant.",
}
NOT_VERIFIED_REASON = {
    "too_long": "Longer than limits.max_verified_chars: most likely a quotation mark left open.",
    "over_cap": "Past the draft's first limits.max_verified_quotations distinct quotations.",
    "out_of_time": "The draft's limits.verify_seconds of verification were spent on the quotations before.",
}
ANSWER_FORM = {
    "full": "Every match, with its quote, translations, diff and appearances.",
    "summary": "The compact form: verdict, explanation, speaker, source and the top match's diff.",
}

VOCABULARIES: dict[frozenset[str], dict[str, str]] = {
    frozenset(meanings): meanings
    for meanings in (
        VERDICT,
        CONFIDENCE,
        SPEAKER_MATCH,
        STANDING,
        DIFF_OP,
        GAP,
        PROVENANCE,
        MEANING_REASON,
        QUOTE_KIND,
        FEEDBACK_RATING,
        NOT_VERIFIED_REASON,
        ANSWER_FORM,
    )
}


def meanings_of(values) -> dict[str, str] | None:
    """The meaning of each of ``values`` (an enum, ``None`` aside), or None for an unknown vocabulary."""
    known = VOCABULARIES.get(frozenset(v for v in values if v is not None))
    return None if known is None else {v: known[v] for v in values if v is not None}


def describe_values(description: str | None, values) -> str | None:
    """``description`` followed by one Markdown line per value; None when the vocabulary is unknown."""
    meanings = meanings_of(values)
    if meanings is None:
        return None
    lines = "\n".join(f"- `{value}`: {meaning}" for value, meaning in meanings.items())
    return f"{description}\n\n{lines}" if description else lines


def enum_descriptions(self, field, ret=None, **_kwargs) -> dict:
    """apispec attribute function: an enum property's description lists what each value means."""
    ret = ret or {}
    values = ret.get("enum") or (ret.get("items") or {}).get("enum")
    if not values:
        return {}
    described = describe_values(ret.get("description"), values)
    return {"description": described} if described else {}
