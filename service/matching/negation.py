"""Whether a statement close in meaning says the opposite of the claim: one of the two is negated.

Sentence vectors place a statement and its negation close ("Korea is not an important strategic partner
for the EU" is at 0.82 from Kallas's Indonesian, which says it is), so similarity alone would call a
reversed claim a paraphrase. Words in two languages cannot be compared, but the claim can be compared with
itself reversed: the claim's polarity is flipped in English ("is" ↔ "is not", "cannot" ↔ "can"), both are
embedded, and a quote nearer the reversed claim than the claim says the opposite. Only the claim's side
needs a language's grammar, so this works whatever language the quote is in.

A claim with no auxiliary verb to negate ("Korea needs partners"), or with a negation this cannot undo
("no", "nothing", "neither"), or not in English, is not checked: ``reversed_claim`` gives None.
"""

from __future__ import annotations

import re

__all__ = ["REVERSAL_MARGIN", "reversed_claim", "says_opposite"]

# How much nearer the reversed claim a quote must be than the claim to say the opposite: the model's noise
# between a sentence and its negation is a few hundredths. Chosen on the qv-bench-xling tuning half (every
# other dev claim of each language; the rest only measured), each claim and the claim reversed as the two
# sides: the smallest margin at which the tuning half loses at most one `paraphrased` in five hundred
# (1 of 537 at 0.01, 2 at 0.005, 8 at 0). Of its reversed claims, 0.272 still pass as `paraphrased`
# (0.827 without the check; 0.205 at 0.005, 0.353 at 0.02). Printed by bench/xling.py --tune.
REVERSAL_MARGIN = 0.01

# Verbs "not" follows: "is not", "will not", "has not".
_AUXILIARIES = frozenset(
    "is are was were am will would can could should must may might shall has have had do does did".split()  # noqa: SIM905
)
# An auxiliary contracted onto its subject: "it's", "we're", "they'll", "I've". Of "'s", only after a
# pronoun: "Korea's economy" is a possessive.
_CONTRACTED_AUXILIARY = re.compile(
    r"(?:(?:it|he|she|that|there|here|what|who)['\u2019]s|\w+['\u2019](?:re|ll|m|ve|d))", re.IGNORECASE
)
_CONTRACTED = {
    "isn't": "is",
    "aren't": "are",
    "wasn't": "was",
    "weren't": "were",
    "won't": "will",
    "wouldn't": "would",
    "can't": "can",
    "cannot": "can",
    "couldn't": "could",
    "shouldn't": "should",
    "mustn't": "must",
    "mightn't": "might",
    "shan't": "shall",
    "hasn't": "has",
    "haven't": "have",
    "hadn't": "had",
    "don't": "do",
    "doesn't": "does",
    "didn't": "did",
}
# Negations that removing a word does not undo, or "not" that does not negate the statement.
_UNFLIPPABLE = re.compile(
    r"\b(?:no|nothing|nobody|none|neither|nor|nowhere|without|not only|not just|if not|or not)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


def reversed_claim(text: str) -> str | None:
    """The English claim with its first negation removed, or "not" put after its first auxiliary verb
    ("it's" -> "it's not") when it has none; None when it holds neither, or a negation only rewording
    could undo."""
    if _UNFLIPPABLE.search(text):
        return None
    found = list(_WORD.finditer(text))
    for m in found:
        word = m.group().lower().replace("\u2019", "'")
        if word in _CONTRACTED:
            return text[: m.start()] + _cased(_CONTRACTED[word], m.group()) + text[m.end() :]
        if word in ("not", "never"):
            return (text[: m.start()].rstrip() + " " + text[m.end() :].lstrip()).strip()
        if word == "unable":
            return text[: m.start()] + _cased("able", m.group()) + text[m.end() :]
    for m in found[:-1]:
        if m.group().lower() in _AUXILIARIES or _CONTRACTED_AUXILIARY.fullmatch(m.group()):
            return text[: m.end()] + " not" + text[m.end() :]
    return None


def says_opposite(similarity: float, reversed_similarity: float | None) -> bool:
    """Whether a quote at ``similarity`` from the claim, and ``reversed_similarity`` from the claim
    reversed, says the opposite of it."""
    return reversed_similarity is not None and reversed_similarity > similarity + REVERSAL_MARGIN


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word
