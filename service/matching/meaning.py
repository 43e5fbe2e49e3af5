"""Verdicts for matches of meaning alone: a stored quote that says what the claim says, in other words
or in another language, found by sentence vectors rather than by its words.

Words in two languages cannot be compared word for word, nor a paraphrase with its source: such a match
is never ``verified`` nor ``altered``. It is ``paraphrased`` (with the reason: ``other_language`` or
``paraphrase``), or ``misattributed`` when the claim names someone other than the speaker of a quote in
another language. A paraphrase in the claim's own language by someone else is only ``related``: its words
were compared and are not the quote's, so it may be another person's statement like it.
Quotes only close in meaning are ``related``: shown after the matches, ranked, never concluded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.matching.judge import MIN_CONFIRM_WORDS, Candidate, Claim
from service.matching.negation import says_opposite
from service.matching.speakers import UNCHECKED, SpeakerMatch, speaker_match
from service.matching.text import word_length

__all__ = ["MeaningMatch", "Related", "figures", "figures_differ", "judge_meaning", "same_language"]

# Cosine similarity (USE multilingual v3) from which a quote stored in *another language* says what the
# claim says. Chosen on the qv-bench-xling tuning half (every other dev claim of each language, the rest
# only measured) against hard negatives: English messages of the translators' catalogues this machine
# installs whose translations are *not* stored (bench/xling.py --tune): claims whose nearest foreign quote
# is their translation and reaches it, less negatives whose nearest foreign quote does, peaks at 0.63-0.64
# (0.808 against 0.081 at 0.64; 0.734 against 0.046 at 0.70; 0.832 against 0.114 at 0.60). The higher.
OTHER_LANGUAGE_MIN_SIMILARITY = 0.64
# Saying the claimed speaker is wrong accuses the writer, so across languages it needs more: below this,
# a quote by someone else in another language is only `related`. The threshold this product used for
# every other-language match before the one above was chosen: 0.046 of the hard negatives reach it.
OTHER_LANGUAGE_MISATTRIBUTION_MIN_SIMILARITY = 0.70
# The claimed speaker's own meaning match comes first only when it is about as close as the best one:
# within this much similarity. Beyond it, it is another statement on the topic, not the claim's (the seed's
# Cho on the partnership, 0.65, against Kallas's "an important strategic partner", 0.8). Half the median
# gap between two translations of one sentence (0.11, qv-bench-xling tuning half), the model's noise.
SPEAKER_PREFERENCE_MARGIN = 0.05
# The same, for a quote in the claim's own language (or of unknown language) in other words: stricter,
# since the nearest quote of a claim that is not stored is one in its language. Chosen on CheckThat! 2021
# 2A+2B *train* (bench/claim_retrieval.py --split train --sweep): the lowest similarity that no more than
# one query in a thousand reaches with a claim other than its fact-checked one (1 of 1,362).
PARAPHRASE_MIN_SIMILARITY = 0.80
# A quote from here is compared with the claim reversed (negation.reversed_claim): the lower of the two
# thresholds above, so every quote that could be a match in some language is asked the same question.
REVERSAL_CHECK_MIN_SIMILARITY = min(OTHER_LANGUAGE_MIN_SIMILARITY, PARAPHRASE_MIN_SIMILARITY)
# From here a quote is `related`: close in meaning, not the same statement, listed after the matches.
# Chosen on CheckThat! 2021 2A and 2B *train* (bench/claim_retrieval.py --split train --sweep; the ranking
# a browser extension shows, `matches` then `related`): MAP@5 rises as it falls, by 0.11 (2A) and 0.03
# (2B) from 0.45 to 0.30 and by at most 0.014 more down to 0.20, where nearly every quote would be listed.
RELATED_MIN_SIMILARITY = 0.30
# How many related quotes a result lists at most: what a browser extension shows under a tweet.
RELATED_LIMIT = 5


# A number written in digits (any script's), with its groups and decimals: "4,300", "4.300", "4 300", "2,5".
# Only a group of one to three digits starts a grouped number: "in 2024 300 people" holds two numbers.
_FIGURE = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


def figures(text: str) -> set[str]:
    """The numbers a text writes in digits, as their digits alone: separators differ between languages
    ("4,300" in English is "4.300" in Indonesian, "4 300" in French), digits do not (٤ is 4)."""
    return {
        "".join(str(unicodedata.digit(ch)) for ch in found if ch.isdigit()).lstrip("0") or "0"
        for found in _FIGURE.findall(text)
    }


def figures_differ(claim: str, quote: str) -> bool:
    """Whether claim and quote each write a number in digits the other does not: a figure changed.

    Numbers are the one part of a statement in another language, or in other words, that can be
    compared: a claim of "4 percent" is not what a quote of "7 persen" says, however close in meaning.
    A figure only one side writes is not a change (a claim that adds a clause with its own number, or
    leaves one out), nor is a number spelt out ("four", "empat") or scaled otherwise ("23 million",
    "23.000.000"): those are left to the similarity."""
    ours, theirs = figures(claim), figures(quote)
    return bool(ours - theirs and theirs - ours)


@dataclass(frozen=True)
class MeaningMatch:
    """A quote that says what the claim says, with its similarity and why the words are not checked."""

    candidate: Candidate
    similarity: float
    verdict: str  # "paraphrased" | "misattributed"
    reason: str  # "other_language" | "paraphrase"
    # How the claimed speaker agrees with the quote's (the same reading of names as word matches: a
    # typo, a reversed name, a title, an alias, an office held on the date); None when none is claimed.
    speaker: SpeakerMatch | None
    claim_language: str | None
    quote_language: str | None

    @property
    def speaker_matches(self) -> bool | None:
        """Whether the claimed speaker may be the quote's; None when the claim names nobody."""
        return None if self.speaker is None or self.speaker.level == UNCHECKED else self.speaker.agrees


@dataclass(frozen=True)
class Related:
    """A quote close in meaning to the claim, not the same statement."""

    candidate: Candidate
    similarity: float
    reason: str
    quote_language: str | None
    # Close enough to say what the claim says, but each writes a figure the other does not (figures_differ).
    figures_differ: bool = False
    # Close enough to say what the claim says, but nearer the claim reversed: it says the opposite.
    says_opposite: bool = False


def same_language(a: str | None, b: str | None) -> bool | None:
    """Whether two language tags name one language (``zh_CN`` and ``zh`` do); None when one is unknown."""
    if not a or not b:
        return None
    return a.replace("_", "-").split("-")[0].lower() == b.replace("_", "-").split("-")[0].lower()


def judge_meaning(
    claim: Claim,
    ranked: Sequence[tuple[Candidate, float, str | None]],
    *,
    claim_language: str | None,
    limit: int = 5,
    related_limit: int = RELATED_LIMIT,
    people_of_surname: Mapping[str, int] | None = None,
    reversed_similarity: Mapping[int, float] | None = None,
) -> tuple[list[MeaningMatch], list[Related]]:
    """Matches and related quotes among ``(candidate, similarity, quote language)``, best first.

    ``ranked`` is in the order retrieval fused vectors and words, and holds only quotes it found close
    enough to be related (RELATED_MIN_SIMILARITY, or the second model's floor); similarities decide which
    are matches.
    ``people_of_surname``: how many people of the archive bear a surname (speakers.speaker_match).
    ``reversed_similarity``: each quote's similarity to the claim reversed (negation.reversed_claim), for
    the quotes from REVERSAL_CHECK_MIN_SIMILARITY; a quote nearer it than the claim says the opposite.
    """
    matches: list[MeaningMatch] = []
    related: list[Related] = []
    short = word_length(claim.text) < MIN_CONFIRM_WORDS
    for candidate, similarity, quote_language in ranked:
        other = same_language(claim_language, quote_language) is False
        reason = "other_language" if other else "paraphrase"
        least = OTHER_LANGUAGE_MIN_SIMILARITY if other else PARAPHRASE_MIN_SIMILARITY
        close = similarity >= least and not short
        # A claim whose figures differ from the quote's is another statement on its subject: related.
        changed = close and figures_differ(claim.text, candidate.text)
        # So is one nearer the claim reversed than the claim: it says the opposite ("is not" for "is").
        # Any quote near enough to be a match in some language is asked, whatever its own: an English
        # rendering and its Indonesian original then read alike among the related quotes.
        opposite = (
            similarity >= REVERSAL_CHECK_MIN_SIMILARITY
            and not short
            and not changed
            and says_opposite(similarity, (reversed_similarity or {}).get(candidate.quote_id))
        )
        if close and not changed and not opposite and len(matches) < limit:
            on = claim.said_on or candidate.said_on
            sm = None
            if claim.speaker and claim.speaker.strip():
                sm = speaker_match(
                    claim.speaker,
                    candidate.speaker,
                    on=on,
                    people_of_surname=people_of_surname,
                    named_elsewhere=bool(claim.speaker_named - {candidate.speaker.id}),
                )
            if sm is not None and not sm.agrees and (not other or sm.level == UNCHECKED):
                # The same language in other words, by someone else: the words were compared and are not
                # the quote's, so this is a statement like it, no evidence that the claim misattributes
                # it ("absolute power attracts", Herbert, is not Acton's "absolute power corrupts"). So is
                # a statement by someone whose name the claim writes in another script, uncompared.
                if len(related) < related_limit:
                    related.append(Related(candidate, similarity, reason, quote_language))
                continue
            disagrees = sm is not None and sm.differs
            if disagrees and similarity < OTHER_LANGUAGE_MISATTRIBUTION_MIN_SIMILARITY:
                if len(related) < related_limit:
                    related.append(Related(candidate, similarity, reason, quote_language))
                continue
            verdict = "misattributed" if disagrees else "paraphrased"
            matches.append(
                MeaningMatch(candidate, similarity, verdict, reason, sm, claim_language, quote_language)
            )
        elif len(related) < related_limit:
            related.append(
                Related(
                    candidate,
                    similarity,
                    reason,
                    quote_language,
                    figures_differ=changed,
                    says_opposite=opposite,
                )
            )
    # Matches by similarity: the words and titles that brought candidates do not order statements of meaning.
    matches.sort(key=lambda m: -m.similarity)
    # Then the claimed speaker's own statement, as for word matches, when it is about as close as the best.
    if matches:
        near = max(m.similarity for m in matches) - SPEAKER_PREFERENCE_MARGIN
        matches.sort(key=lambda m: not (m.speaker_matches and m.similarity >= near))
    return matches, related
