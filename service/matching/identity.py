"""Is a speaker string someone the archive already holds? One person, one speaker.

Import and ingest ask ``resolve`` before storing a new speaker: the string is folded into a stored
speaker when it is unambiguously that person (case, spacing, honorifics, tags, initials or a dropped
middle name, a slip in a middle name; a surname alone when the archive holds one person of it), and
kept apart when it could be several ("Clinton" where Hillary and Bill are stored). ``duplicates`` lists
the pairs a person should look at (``quotetrace speakers suggest``), with the evidence, and
``slip_duplicates`` the pairs whose surnames are one slip apart ("Joe Ambercrombie", Joe Abercrombie),
which are as often two people as one, and ``spacing_duplicates`` those spaced differently inside a
name ("Lailah GiftyAkita"). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from service.matching import names
from service.matching.names import compare_names, count_people, letters_of, read_name

__all__ = [
    "Duplicate",
    "SurnameIndex",
    "agreement",
    "duplicates",
    "resolve",
    "slip_duplicates",
    "spacing_duplicates",
]

# Agreements that make a new string the stored person without asking anybody.
_RESOLVING = (names.SAME, names.VARIANT, names.TYPO)
# A nickname or a middle name gone by (names.GOES_BY) comes last: never resolving, only suggested.
_ORDER = (names.SAME, names.VARIANT, names.TYPO, names.SURNAME_ONLY, names.STORED_SHORT, names.GOES_BY)
_EVIDENCE = {
    names.SAME: "the same name, written differently (case, spacing, titles, tags or order)",
    names.VARIANT: "the same name with initials or a middle name left out",
    names.TYPO: "the same given names, and a one-letter slip in one name",
    names.SURNAME_ONLY: "a surname alone, and the archive holds one person of that surname",
    names.STORED_SHORT: "a surname alone, and the archive holds one person of that surname",
    names.GOES_BY: "a nickname or a middle name the person may go by (Bill for William): two people until "
    "a person says they are one",
}


def agreement(new: str, stored: str) -> str:
    """How a new speaker string agrees with a stored name (names.SAME ... names.DIFFERENT).

    One with a generational suffix and one without ("Donald Trump Jr", "Donald Trump") may be father and
    son: never the same person to a machine.
    """
    found = {
        compare_names(a, b)
        for a in read_name(new)
        for b in read_name(stored)[:1]
        if a.generation == b.generation
    }
    return next((a for a in _ORDER if a in found), names.DIFFERENT)


def resolve(new: str, stored: Sequence[tuple[int, Sequence[str]]]) -> int | None:
    """The id of the one stored speaker ``new`` surely is, else None (a new person, or ambiguous).

    ``stored``: ``(id, names)`` of the speakers sharing its surname (their name first, then aliases).
    """
    people = count_people(n for _, forms in stored for n in forms[:1])
    hits: set[int] = set()
    for speaker_id, forms in stored:
        for form in forms:
            a = agreement(new, form)
            if a in _RESOLVING or (a == names.SURNAME_ONLY and people == 1):
                hits.add(speaker_id)
                break
    return next(iter(hits)) if len(hits) == 1 else None


def _cuts(key: str) -> set[str]:
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


class SurnameIndex:
    """Surname keys, and for a key the ones one slip from it, found without spelling out every slip.

    Two keys one slip apart share a form with one letter cut (a letter changed or two swapped), or one is
    the other with a letter cut: each key is filed under itself and its cuts (a few each), and a key's
    slips are among the keys filed under its own.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._keys: set[str] = set()
        self._by_cut: dict[str, set[str]] = {}
        for key in keys:
            self.add(key)

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        if key in self._keys:
            return
        self._keys.add(key)
        for cut in _cuts(key):
            self._by_cut.setdefault(cut, set()).add(key)

    def slips(self, key: str) -> set[str]:
        """The keys held that are one slip from ``key`` (as surname_slips, among these keys only)."""
        near = set().union(*(self._by_cut.get(cut, ()) for cut in _cuts(key)))
        return {k for k in near if names.one_slip(k, key)}


# Why a slip in a surname is never folded by itself: on the qv-bench corpus (64k quotes, 22k speakers), of
# the 47 stored pairs with the same given names and surnames one letter apart, about half are two people
# (Thomas More / Thomas Moore, Kate Mosse / Kate Moss, Nancy Milford / Nancy Mitford, Jack Kilby / Jack
# Kirby) and half one person misspelt (Joe Ambercrombie, James Glieck, Thomas Eidson). A person decides.
_SLIP_EVIDENCE = (
    "the same given names and a one-letter slip in the surname: one person misspelt, or two people "
    "(Thomas More, Thomas Moore): check before merging"
)


def slip_duplicates(by_surname: Mapping[str, Sequence[tuple[int, str, int]]]) -> list[Duplicate]:
    """Pairs of speakers whose surnames are one slip apart and whose given names are the same.

    ``by_surname``: ``(id, name, quote count)`` of every stored speaker, by surname key. Each pair is
    proposed once, the less quoted into the more quoted; never resolved without a person.
    """
    index = SurnameIndex(by_surname)
    found: list[Duplicate] = []
    for key in sorted(by_surname):
        for other in sorted(k for k in index.slips(key) if k > key):
            for a in by_surname[key]:
                for b in by_surname[other]:
                    if _same_given(a[1], b[1]):
                        source, target = sorted((a, b), key=lambda s: (s[2], -s[0]))
                        found.append(
                            Duplicate(source[0], source[1], target[0], target[1], names.TYPO, _SLIP_EVIDENCE)
                        )
    return found


# Letters a name needs before its spacing alone makes two speakers one: short strings ("A. B.", "AB")
# are initials or acronyms, whose spacing is not a slip. On qv-bench's corpus every one of the 17 pairs
# found at 8 is one person (Ban Ki Moon / Ban Ki-moon, W.C.Fields / W. C. Fields, Lailah GiftyAkita).
_SPACING_MIN_LETTERS = 8
_SPACING_EVIDENCE = "the same letters, spaced, dotted or hyphenated differently: likely one person"


def spacing_duplicates(
    speakers: Iterable[tuple[int, str, int]], known: Iterable[Duplicate] = ()
) -> list[Duplicate]:
    """Pairs of ``(id, name, quote count)`` whose names differ only in spacing and punctuation.

    Speakers of one surname already compare so (``duplicates``); this finds those whose space fell inside
    the surname, and so have different surname keys. Pairs in ``known`` are not proposed again.
    """
    seen = {frozenset((d.source_id, d.target_id)) for d in known}
    by_letters: dict[str, list[tuple[int, str, int]]] = {}
    for speaker in speakers:
        letters = letters_of(speaker[1])  # 'Lailah GiftyAkita' = 'Lailah Gifty Akita'
        if len(letters) >= _SPACING_MIN_LETTERS:
            by_letters.setdefault(letters, []).append(speaker)
    found: list[Duplicate] = []
    for letters in sorted(by_letters):
        group = sorted(by_letters[letters], key=lambda s: (-s[2], s[0]))  # the most quoted is kept
        target = group[0]
        for source in group[1:]:
            if frozenset((source[0], target[0])) not in seen:
                found.append(
                    Duplicate(source[0], source[1], target[0], target[1], names.SAME, _SPACING_EVIDENCE)
                )
    return found


def _same_given(a: str, b: str) -> bool:
    """The same given names, written out in full ("K. Kalas" is nobody's slip)."""
    ga, gb = _given(a), _given(b)
    return bool(ga) and ga == gb and len(ga[0]) > 1


@dataclass(frozen=True)
class Duplicate:
    """Two stored speakers that look like one person: fold ``source`` into ``target``, and why."""

    source_id: int
    source: str
    target_id: int
    target: str
    agreement: str
    evidence: str


def duplicates(speakers: Iterable[tuple[int, str, int]]) -> list[Duplicate]:
    """Likely duplicates among ``(id, name, quote count)`` of the speakers of one surname.

    Each form is proposed for the most quoted full name it fits. A surname alone that fits several people
    ("Clinton": Hillary and Bill) is proposed for the most quoted, with evidence saying it is uncertain:
    a person decides, nothing is merged by this.
    """
    group = [(sid, name, count, _given(name)) for sid, name, count in speakers]
    full_names = [name for _, name, _, given in group if given]
    people = count_people(full_names)
    found: list[Duplicate] = []
    for sid, name, count, given in group:
        fits = []
        for tid, target, tcount, tgiven in group:
            if tid == sid or not tgiven:
                continue
            a = agreement(name, target)
            if a not in (*_RESOLVING, names.SURNAME_ONLY, names.GOES_BY):
                continue
            # The kept form: a full name over a surname alone, else the more quoted.
            if given and (tcount, -tid) < (count, -sid):
                continue
            fits.append((tcount, -tid, tid, target, a))
        if not fits:
            continue
        tcount, _, tid, target, a = max(fits)
        evidence = _EVIDENCE[a]
        if a == names.SURNAME_ONLY and people > 1:
            evidence = f"a surname alone, and {people} people of the archive bear it: check before merging"
        found.append(Duplicate(sid, name, tid, target, a, evidence))
    return found


def _given(name: str) -> tuple[str, ...]:
    readings = read_name(name)
    return readings[0].given if readings else ()
