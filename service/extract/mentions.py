"""Name mentions: capitalised runs in the text cut into names, sentence openers and titles stripped.

What a mention stands for (an earlier full name, a known speaker, a role) is names.py's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .name_words import (
    NON_NAMES,
    OPENER_SUFFIXES,
    ORG_WORDS,
    PLACES,
    SENTENCE_OPENERS,
    TITLES,
)

# A capitalised name token: "Tae-yul", "O'Rourke", "McCaskill", initials "G.K." and "H."; a trailing
# possessive ("Trump's") is left out. Uppercase ranges cover Latin-1 and the common Latin Extended-A.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_DOTTED = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|Jr|Sr|St|Adm|Hon|Rt|Pres|Capt|Maj|Cpl|Del)\."
_TOKEN = rf"(?:[{_UPPER}]\.(?:[{_UPPER}]\.)*|{_DOTTED}|[{_UPPER}]\w*(?:[’'\-](?!s\b)\w+)*)"
_PARTY_TAG = re.compile(r"[DRI]-[A-Z]")
# No "di": Indonesian "at" ("Budi Santoso di Bandung"); Italian writes "Di Maio" in capitals.
_CONNECTOR = r"(?:de|da|del|della|van|von|der|den|bin|binti|al|el|la|le|du|dos|das|of|for)"
_NAME_RUN = re.compile(rf"{_TOKEN}(?:[ ](?:{_CONNECTOR}[ ])?{_TOKEN})*")
# A sentence opener position: start of text/line, or after ". " / "? " etc.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]['\"”’)]*\s+|\n\s*|[“\"‘]\s*)$")
# Common words that are also surnames ("George Will", "Theresa May"), names when the article says so.
_SURNAME_WORDS = frozenset({"Will", "May"})
_VERB_AFTER = re.compile(r"[ \t]+[a-z]+(?:s|ed)\b")


@dataclass(frozen=True, slots=True)
class Mention:
    """A run of capitalised words: `name` without titles, `title_key` the role a leading title names."""

    start: int
    end: int
    name: str
    title_key: str | None
    tokens: tuple[str, ...]
    sentence_initial: bool


def _opener(word: str, *, alone: bool, names: frozenset[str]) -> bool:
    """True if a capitalised word at a sentence start is an adverb or a participle, not a name: one of
    SENTENCE_OPENERS, or (standing alone) an -ly/-ing/-ever word the article never writes as a name."""
    if word in names:
        return False
    return word in SENTENCE_OPENERS or alone and word.lower().endswith(OPENER_SUFFIXES)


def _place_tail(parts: list[tuple[int, int, str]]) -> int:
    """How many parts a person's name keeps before an 'of' tail: a state ('Jim Clyburn of South Carolina'),
    or anything after a name of two words ('Priya Nair of Harbor Economics'); all of them for an
    organisation or a title ('University of Texas', 'Secretary of State John Kerry')."""
    for i, (_, _, word) in enumerate(parts):
        if word != "of" or any(w in ORG_WORDS for _, _, w in parts[:i]):
            continue
        name = [w for _, _, w in parts[:i] if w.casefold() not in TITLES]
        # A state, or an employer after a full name ("Priya Nair of Harbor Economics").
        if len(name) >= 2 or name and " ".join(w for _, _, w in parts[i + 1 :]) in PLACES:
            return i
    return len(parts)


def _split_run(
    text: str,
    start: int,
    end: int,
    surnames: frozenset[str] = frozenset(),
    *,
    initial: bool = False,
    names: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Cut a capitalised run into a mention: strip openers and titles, keep the person-like tail.

    A common word the article also uses as someone's surname ("George Will") stays a name when it stands
    alone away from a sentence start or before a verb-like word ("Will urged", "While Will acknowledges").
    `names` are the words the article writes as names away from a sentence start.
    """
    parts = []
    pos = start
    for word in text[start:end].split(" "):
        if word:
            parts.append((pos, pos + len(word), word))
        pos += len(word) + 1
    # Sentence openers and function words ("The", "But", "Perhaps") are not part of a name.
    while parts and (
        parts[0][2].rstrip(".") in NON_NAMES
        or initial
        and _opener(parts[0][2].rstrip(".,"), alone=len(parts) == 1, names=names)
    ):
        if len(parts) == 1 and parts[0][2] in surnames and (not initial or _VERB_AFTER.match(text, end)):
            break
        parts.pop(0)
        initial = False
    if parts and parts[0][2] in ("for", "of"):
        return []  # what is left of a run after its opener ("Thanks for Nothing"): not a name
    if len(parts) < 3:  # no room for a connector between two names ("X of Y")
        return _titled(parts, initial)
    parts = parts[: _place_tail(parts)]
    at = next((i for i, (_, _, w) in enumerate(parts) if w in ("for", "of")), None)
    if at is not None:
        head = parts[at - 1][2]
        # A title with a name after it is a person's ("University of Texas President Greg Fenves").
        titled = any(w.casefold() in TITLES for _, _, w in parts[at + 1 : -1])
        plural = head.endswith("s") and head[-2:-1].islower() and head[-2:] != "ss"
        if not titled and (head in ORG_WORDS or plural and parts[at][2] == "for"):
            # "Citizens for Tax Justice", "University of Texas": one organisation, taken whole.
            tokens = tuple(w for _, _, w in parts)
            return [Mention(parts[0][0], parts[-1][1], " ".join(tokens), None, tokens, initial)]
    if at is not None and parts[at][2] == "for":
        # "East Room for Obama": two names and a preposition.
        return [
            *_split_run(text, parts[0][0], parts[at - 1][1], surnames, initial=initial, names=names),
            *_split_run(text, parts[at + 1][0], parts[-1][1], surnames, names=names),
        ]
    return _titled(parts, initial)


def _titled(parts: list[tuple[int, int, str]], initial: bool) -> list[Mention]:
    """The mention of a run's words: the person-like tail after its titles and organisation words."""
    title_key: str | None = None
    # The person's name is the tail after the last title or organisation word:
    # "Menteri Luar Negeri Cho Tae-yul" -> "Cho Tae-yul", "Sen. Claire McCaskill" -> "Claire McCaskill".
    cut = 0
    for i, (_, _, word) in enumerate(parts):
        folded = word.casefold()
        if folded in TITLES or word in ORG_WORDS:
            if folded in TITLES and TITLES[folded]:
                title_key = TITLES[folded]
            cut = i + 1
    if 0 < cut < len(parts):
        # The mention keeps the titles right before the name ("Rep. G.K. Butterfield"), not an
        # organisation before them ("Tulsa police Chief Chuck Jordan" -> "Chief Chuck Jordan").
        first = cut
        while first > 0 and parts[first - 1][2].casefold() in TITLES:
            first -= 1
        mention_start = parts[first][0]
        parts = parts[cut:]
        initial = False
        tokens = tuple(w for _, _, w in parts)
        return [Mention(mention_start, parts[-1][1], " ".join(tokens), title_key, tokens, initial)]
    elif parts and cut == len(parts) and all(w.casefold() in TITLES for _, _, w in parts):
        # A bare title ("Menteri", "Senator") is a role mention, not a name.
        return [Mention(parts[0][0], parts[-1][1], "", title_key, (), initial)]
    if not parts:
        return []
    tokens = tuple(w for _, _, w in parts)
    name = " ".join(tokens)
    return [Mention(parts[0][0], parts[-1][1], name, title_key, tokens, initial)]


def find_mentions(text: str, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """Capitalised name mentions in text[lo:hi], titles stripped, in text order."""
    hi = len(text) if hi is None else hi
    mentions: list[Mention] = []
    runs = [m for m in _NAME_RUN.finditer(text, lo, hi) if not _PARTY_TAG.match(m.group())]
    # "(D-Mo.)", "(R-Fla.)" are a party and state, not a name.
    surnames = frozenset(
        last
        for m in runs
        if " " in m.group()
        and (last := m.group().rsplit(" ", 1)[1]) in NON_NAMES
        and last in _SURNAME_WORDS
        and m.group().split(" ", 1)[0] not in NON_NAMES
    )
    starts = [
        bool(_SENTENCE_START.search(text, max(0, m.start() - 8), m.start())) if m.start() else True
        for m in runs
    ]
    # Words written as names somewhere other than a sentence's first word ("Cook" in "Tim Cook said").
    names = frozenset(
        word for m, initial in zip(runs, starts, strict=True) for word in m.group().split(" ")[initial:]
    )
    for m, initial in zip(runs, starts, strict=True):
        mentions.extend(_split_run(text, m.start(), m.end(), surnames, initial=initial, names=names))
    return mentions
