"""The pure verification engine: fold, align, match speakers, judge. No web, no database, no I/O.

The service layer calls ``judge(claim, candidates)`` with the quotes retrieval found, and
``speaker_matches`` to resolve a claimed speaker; everything else here is how they decide.
"""

from service.matching.align import DiffOp, Gap
from service.matching.judge import (
    MIN_CONFIRM_WORDS,
    SHORT_CLAIM_MIN_WORDS,
    Candidate,
    Claim,
    Judgement,
    Match,
    judge,
    shortlist,
)
from service.matching.meaning import (
    OTHER_LANGUAGE_MIN_SIMILARITY,
    PARAPHRASE_MIN_SIMILARITY,
    RELATED_MIN_SIMILARITY,
    REVERSAL_CHECK_MIN_SIMILARITY,
    MeaningMatch,
    Related,
    judge_meaning,
    same_language,
)
from service.matching.names import count_people, read_name, surname_key
from service.matching.negation import reversed_claim
from service.matching.speakers import Person, Role, SpeakerMatch, speaker_match, speaker_matches
from service.matching.standing import STANDINGS, UNVETTED, copies_of, is_vetted, same_statement
from service.matching.text import Token, fold, index_terms, tokens, word_length, words

__all__ = [
    "MIN_CONFIRM_WORDS",
    "SHORT_CLAIM_MIN_WORDS",
    "SpeakerMatch",
    "count_people",
    "read_name",
    "surname_key",
    "speaker_match",
    "STANDINGS",
    "UNVETTED",
    "Candidate",
    "Claim",
    "DiffOp",
    "Gap",
    "Judgement",
    "Match",
    "MeaningMatch",
    "OTHER_LANGUAGE_MIN_SIMILARITY",
    "PARAPHRASE_MIN_SIMILARITY",
    "REVERSAL_CHECK_MIN_SIMILARITY",
    "RELATED_MIN_SIMILARITY",
    "Related",
    "judge_meaning",
    "same_language",
    "reversed_claim",
    "Person",
    "Role",
    "Token",
    "fold",
    "index_terms",
    "is_vetted",
    "judge",
    "copies_of",
    "same_statement",
    "shortlist",
    "speaker_matches",
    "tokens",
    "word_length",
    "words",
]
