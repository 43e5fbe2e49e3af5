"""Quote extraction: direct quotations and reported statements, each with its speaker and cue.

The stages, in order: quotation spans (quotes.py), the document (document.py), name mentions (mentions.py)
and the people they stand for (names.py), candidate speakers (candidates.py) and the subjects and objects
of speech verbs among them (verb_roles.py), attributions (attribution.py, context.py), speech or not
(quotation.py), direct quotations (direct.py) with the learned choice of speaker (ranker.py), and reported
speech (reported.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import cjk
from .direct import direct_quotations
from .document import Doc, all_cues, mask_quotations, sentence_boundaries
from .lexicon import (
    EN_CUE_PHRASES,
    EN_CUES,
    ID_CUE_PHRASES,
    ID_CUES,
    ID_POST_CUES,
)
from .model import ExtractedQuote, KnownSpeaker
from .names import NameIndex
from .quotes import find_quote_spans
from .reported import reported_statements

__all__ = ["extract_quotes"]


def extract_quotes(
    text: str, *, known_speakers: Sequence[KnownSpeaker] = (), language: str | None = None
) -> list[ExtractedQuote]:
    """Direct quotations and reported statements in `text`, in text order, with speakers resolved."""
    lang = language.lower()[:2] if language else "any"
    cues: frozenset[str] = frozenset()
    post: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    if lang != "id":
        cues, phrases = cues | EN_CUES, phrases + EN_CUE_PHRASES
    if lang != "en":
        cues, post, phrases = cues | ID_CUES, post | ID_POST_CUES, phrases + ID_CUE_PHRASES
    spans = find_quote_spans(text)
    masked = mask_quotations(text, spans)
    boundaries, paragraphs = sentence_boundaries(masked)
    # A no-break space joins a name like a space ("Gov.\u00a0John Kasich"); same length, same offsets.
    names = NameIndex(text.replace("\u00a0", " "), known_speakers)
    doc = Doc(text, masked, names, cues, post, phrases, boundaries, paragraphs)
    doc.cue_hits = all_cues(doc)
    doc.cue_starts = [c[0] for c in doc.cue_hits]
    found = direct_quotations(doc, spans) + reported_statements(doc)
    found.sort(key=lambda q: (q.start, q.end))
    return cjk.with_speakers(text, found, known_speakers)
