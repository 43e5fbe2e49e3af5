"""Value types returned by quote extraction; plain frozen dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

DIRECT = "direct"
REPORTED = "reported"


@dataclass(frozen=True)
class KnownSpeaker:
    """A person the newsroom already knows, with the other names and titles they go by."""

    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # e.g. "Minister of Foreign Affairs", "Menteri Luar Negeri"


@dataclass(frozen=True)
class SpeakerMention:
    """A speaker as mentioned in the text: `name` is the resolved full name, start/end the mention itself."""

    name: str
    start: int
    end: int
    id: int | None = None


@dataclass(frozen=True)
class ExtractedQuote:
    """A quotation (`direct`) or reported statement (`reported`); text == article[start:end]."""

    text: str
    start: int
    end: int
    kind: str  # DIRECT | REPORTED
    speaker: SpeakerMention | None
    cue: str | None = None  # the speech verb, e.g. "said", "menjawab"
    addressee: SpeakerMention | None = None  # who was told/asked ("Cho meminta Bruson untuk ...")
