"""Pure quote extraction: direct quotations and reported statements with resolved speakers.

No web framework, no database, no network: text in, `ExtractedQuote`s out.
"""

from .extractor import extract_quotes
from .model import DIRECT, REPORTED, ExtractedQuote, KnownSpeaker, SpeakerMention

__all__ = [
    "DIRECT",
    "REPORTED",
    "ExtractedQuote",
    "KnownSpeaker",
    "SpeakerMention",
    "extract_quotes",
]
