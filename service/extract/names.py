"""Name mentions resolved to full names: earlier mentions, known speakers, roles in apposition, typos."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .mentions import Mention, find_mentions
from .model import KnownSpeaker
from .name_words import (
    ORG_WORDS,
    PLACE_ABBREVIATIONS,
    PLACES,
    ROLE_NOUNS,
    TITLES,
)

_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


# A role in apposition to a full name: ", the EU's top diplomat," after it, or "the EU's top diplomat, "
# before it. A determiner or a possessive name, then up to five words ending in a lowercase noun.
_ROLE_WORDS = r"(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*[’']s)(?:[ ][\w’'.-]+){1,5}?[ ][a-z][a-z-]+"
_ROLE_AFTER = re.compile(rf",[ ]({_ROLE_WORDS})[ ]?(?=[,.;])")
_ROLE_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))({_ROLE_WORDS}),[ ]$")
_ROLE_DETERMINERS = frozenset({"the", "a", "an"})  # compared folded
# How far before a full name a role in apposition may start.
ROLE_BEFORE_CHARS = 80
# Fuzzy matching floor for misspelt surnames ("Bruson" for "Brunson"), and the shortest token it applies to.
FUZZY_MIN_RATIO = 85.0
FUZZY_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention resolved to a full name, possibly a known speaker's id."""

    name: str
    id: int | None
    person: bool


def _fold(word: str) -> str:
    return word.casefold().rstrip(".")


class NameIndex:
    """All name mentions of one article, resolving short or misspelt mentions to full names."""

    def __init__(self, text: str, known_speakers: Sequence[KnownSpeaker] = ()) -> None:
        self.text = text
        self.mentions = find_mentions(text)
        self._starts = [m.start for m in self.mentions]
        self.known = tuple(known_speakers)
        self._known_tokens: list[tuple[KnownSpeaker, tuple[str, ...]]] = []
        for speaker in self.known:
            for form in (speaker.name, *speaker.aliases):
                self._known_tokens.append((speaker, tuple(_fold(w) for w in form.split())))
        # Capitalised words seen away from a sentence start are names; a lone sentence opener is not.
        self._midsentence = {m.tokens[0] for m in self.mentions if m.tokens and not m.sentence_initial}
        # A sentence opener also written in lower case elsewhere ("Critics" / "critics") is a common word.
        self._lowercase = set(_LOWER_WORD.findall(text))
        self._full = [m for m in self.mentions if len(m.tokens) >= 2]
        self._full_starts = [m.start for m in self._full]
        self._full_tokens = {t for m in self._full for t in m.tokens}

        self._roles = self._appositive_roles()
        self.role_heads = frozenset(head for _, head, _, _ in self._roles) | frozenset(
            title.split()[-1].casefold() for speaker in self.known for title in speaker.titles if title
        )

    def _appositive_roles(self) -> list[tuple[int, str, frozenset[str], Mention]]:
        """The roles the article gives its people in apposition, as (offset, head noun, other words, name):
        "Federica Mogherini, the EU's top diplomat," -> (…, "diplomat", {"eu", "top"}, Federica Mogherini)."""
        found = []
        for m in self._full:
            after = _ROLE_AFTER.match(self.text, m.end)
            before = _ROLE_BEFORE.search(self.text, max(0, m.start - ROLE_BEFORE_CHARS), m.start)
            for role in (after, before):
                if role is not None:
                    head, words = _role_key(role.group(1).split())
                    found.append((role.start(1), head, words, m))
        return sorted(found, key=lambda r: r[0])

    def resolve_role_phrase(self, words: Sequence[str], pos: int) -> Resolved | None:
        """A role phrase ("the EU's top diplomat", "the diplomat") resolved to the person the article names
        for it in apposition: the nearest earlier such person, else the first later one."""
        head, mods = _role_key(words)
        fits = [r for r in self._roles if r[1] == head and mods <= r[2]]
        if not fits:
            # The index may say who holds it: a known speaker titled "EU top diplomat".
            for speaker in self.known:
                for title in speaker.titles:
                    t_head, t_words = _role_key(title.split())
                    if head in (t_head, *t_words) and mods <= t_words | {t_head}:
                        return Resolved(speaker.name, speaker.id, True)
            return None
        earlier = [r for r in fits if r[0] < pos]
        mention = (earlier[-1] if earlier else fits[0])[3]
        return self.resolve(mention)

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions lying wholly inside [lo, hi)."""
        i = bisect.bisect_left(self._starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def is_name(self, mention: Mention) -> bool:
        """Whether a mention is plausibly a person's or an outlet's name rather than a capitalised sentence
        opener or a state."""
        if not mention.tokens:
            return mention.title_key is not None
        if self.is_place(mention):
            return False
        if len(mention.tokens) >= 2 or not mention.sentence_initial:
            return True
        token = mention.tokens[0]
        if token in self._midsentence or self._known_match(mention.tokens) is not None:
            return True
        return token.lower() not in self._lowercase

    def lone_opener(self, mention: Mention) -> bool:
        """A single capitalised word at a sentence start that the article writes nowhere else as a name
        ("Note:", "Reveals"): weak evidence of a name."""
        return (
            len(mention.tokens) == 1
            and mention.sentence_initial
            and mention.tokens[0] not in self._midsentence
            and mention.tokens[0] not in self._full_tokens
        )

    def is_place(self, mention: Mention) -> bool:
        """Whether a mention is a state or a province ('Iowa', 'N.H.', 'Calif.', 'Jawa Barat')."""
        name = " ".join(mention.tokens)
        if name in PLACES:
            return True
        return name in PLACE_ABBREVIATIONS and self.text.startswith(".", mention.end)

    def _known_match(self, tokens: Sequence[str]) -> KnownSpeaker | None:
        folded = tuple(_fold(t) for t in tokens)
        if not folded:
            return None
        best: KnownSpeaker | None = None
        for speaker, known in self._known_tokens:
            if folded == known:
                return speaker
            n = len(folded)
            # A surname, a given name, or a full name embedded in a longer run.
            if (
                n < len(known)
                and any(known[i : i + n] == folded for i in range(len(known) - n + 1))
                or n > len(known)
                and any(folded[i : i + len(known)] == known for i in range(n - len(known) + 1))
            ):
                best = best or speaker
        return best

    def _fuzzy_known(self, tokens: Sequence[str]) -> KnownSpeaker | None:
        best, best_score = None, FUZZY_MIN_RATIO
        for token in tokens:
            folded = _fold(token)
            if len(folded) < FUZZY_MIN_LENGTH:
                continue
            for speaker, known in self._known_tokens:
                for part in known:
                    if len(part) < FUZZY_MIN_LENGTH:
                        continue
                    score = fuzz.ratio(folded, part)
                    if score >= best_score:
                        best, best_score = speaker, score
        return best

    def _by_title(self, title_key: str, pos: int) -> Resolved | None:
        for speaker in self.known:
            for title in speaker.titles:
                words = {w.casefold() for w in title.split()}
                if title_key in words or any(TITLES.get(w) == title_key for w in words):
                    return Resolved(speaker.name, speaker.id, True)
        i = bisect.bisect_left(self._full_starts, pos) - 1
        while i >= 0:
            if self._full[i].title_key == title_key:
                return self.resolve_tokens(self._full[i].tokens, self._full[i].start)
            i -= 1
        return None

    def resolve_role(self, noun: str, pos: int) -> Resolved | None:
        """A role noun ("the senator", "Menteri") resolved to the titled person it most likely means."""
        key = ROLE_NOUNS.get(noun.casefold()) or TITLES.get(noun.casefold())
        return self._by_title(key, pos) if key else None

    def resolve(self, mention: Mention) -> Resolved:
        """The full name a mention stands for: a known speaker, an earlier full name, or itself."""
        if not mention.tokens:
            found = self._by_title(mention.title_key, mention.start) if mention.title_key else None
            return found or Resolved(self.text[mention.start : mention.end], None, True)
        # A known speaker's title used on its own ("Menteri Luar Negeri menegaskan …").
        surface = self.text[mention.start : mention.end].casefold()
        for speaker in self.known:
            if any(title.casefold() == surface for title in speaker.titles):
                return Resolved(speaker.name, speaker.id, True)
        return self.resolve_tokens(mention.tokens, mention.start)

    def resolve_tokens(self, tokens: Sequence[str], pos: int) -> Resolved:
        """Resolve a name given as tokens at offset pos (see `resolve`)."""
        known = self._known_match(tokens)
        if known is not None:
            return Resolved(known.name, known.id, True)
        person = not any(t in ORG_WORDS for t in tokens)
        name = " ".join(tokens)
        if len(tokens) == 1:
            full = self._expand(tokens[0], pos)
            if full is not None:
                name = " ".join(full.tokens)
                person = person and not any(t in ORG_WORDS for t in full.tokens)
                known = self._known_match(full.tokens)
                if known is not None:
                    return Resolved(known.name, known.id, True)
        known = self._fuzzy_known(tokens)
        if known is not None:
            return Resolved(known.name, known.id, True)
        return Resolved(name, None, person)

    def _expand(self, token: str, pos: int) -> Mention | None:
        """The nearest full name containing `token` (a surname, or a given name), earlier first."""
        i = bisect.bisect_left(self._full_starts, pos) - 1
        fallback: Mention | None = None
        while i >= 0:
            candidate = self._full[i]
            if candidate.tokens[-1] == token:
                return candidate
            if fallback is None and token in candidate.tokens:
                fallback = candidate
            i -= 1
        if fallback is not None:
            return fallback
        for candidate in self._full[bisect.bisect_left(self._full_starts, pos) :]:
            if candidate.tokens[-1] == token or candidate.tokens[0] == token:
                return candidate
        return None


def _role_key(words: Sequence[str]) -> tuple[str, frozenset[str]]:
    """A role phrase's head noun and its other words, folded, without determiners or possessive marks."""
    folded = [re.sub("[’']s$", "", w).casefold() for w in words]
    return folded[-1], frozenset(w for w in folded[:-1] if w not in _ROLE_DETERMINERS)
