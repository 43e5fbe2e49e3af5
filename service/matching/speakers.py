"""Who is meant by a claimed speaker: names, aliases, surnames, initials, and offices held on a date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from service.matching.text import fold

__all__ = ["Person", "Role", "speaker_matches"]


@dataclass(frozen=True)
class Role:
    """An office a person held, between two dates (open-ended when None)."""

    title: str
    organisation: str | None = None
    start: date | None = None
    end: date | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A speaker: their name, the other names they go by, and the offices they held."""

    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


# Words before a name that say what a person is, not who ("Sen. Warren", "President Biden").
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "fr",
        "father",
        "sister",
        "brother",
        "president",
        "pres",
        "vice",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "mayor",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "judge",
        "justice",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "adm",
        "admiral",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "saint",
        "st",
        "the",
        "former",
        "late",
    }
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"])
_NAME_PART = re.compile(r"[\w'-]+")
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
# Words of a role description that name no office in particular ("the EU foreign policy *chief*").
_ROLE_FILLER = frozenset(
    ["the", "a", "an", "of", "for", "and", "s", "chief", "head", "boss", "top", "leader", "official"]
)
_ROLE_STOP = frozenset(["the", "a", "an", "of", "for", "and", "s"])


@dataclass(frozen=True, slots=True)
class _Name:
    given: tuple[str, ...]
    surname: str


def _parts(name: str) -> list[str]:
    # Dots and commas separate ("H.L." is two initials); apostrophes vanish ("O'Brien" = "OBrien").
    folded = fold(name).replace("'", "")
    return [p.strip("-") for p in _NAME_PART.findall(folded) if p.strip("-")]


def _readings(name: str, *, as_claimed: bool = False) -> list[_Name]:
    """The ways a name splits into given names and a surname (family name first when it looks Korean)."""
    parts = _parts(name)
    while len(parts) > 1 and parts[0] in _HONORIFICS:
        parts = parts[1:]
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts = parts[:-1]
    if not parts:
        return []
    western = _Name(tuple(parts[:-1]), parts[-1])
    # "Cho Tae-yul": a last part like "Tae-yul" (hyphen, then lower case) is a romanised Korean given
    # name, so the family name comes first ("Zeta-Jones" is a double-barrelled surname, not one of them).
    last = name.split()[-1]
    if len(parts) >= 2 and (_KOREAN_GIVEN.match(last) or (as_claimed and "-" in last)):
        family_first = _Name(tuple(parts[1:]), parts[0])
        # A claim may still write the name in Western order; a stored name is what it says it is.
        return [western, family_first] if as_claimed else [family_first]
    return [western]


def _key(part: str) -> str:
    return part.replace("-", "")


def _given_compatible(claimed: tuple[str, ...], actual: tuple[str, ...]) -> bool:
    """Claimed given names fit the actual ones: none, the first alone, or all of them (names or initials)."""
    if not claimed:
        return True
    if "".join(map(_key, claimed)) == "".join(map(_key, actual)):
        return True  # "HL" = "H L", "Jean Paul" = "Jean-Paul"
    flat_claimed = [p for c in claimed for p in c.split("-")]
    flat_actual = [p for a in actual for p in a.split("-")]
    if not flat_actual:
        return False
    # The first given name must agree ("Bill Clinton" is not "Hillary Clinton"). Middle names may be left
    # out altogether, but any that are given must be the person's own: "George W. Bush" is not
    # "George H. W. Bush", and a claim naming a middle name the archive lacks names someone else.
    if len(flat_claimed) == 1:
        return _same_or_initial(flat_claimed[0], flat_actual[0])
    return len(flat_claimed) == len(flat_actual) and all(map(_same_or_initial, flat_claimed, flat_actual))


def _same_or_initial(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _name_matches(claimed: str, name: str) -> bool:
    for c in _readings(claimed, as_claimed=True):
        for p in _readings(name):
            if _key(c.surname) != _key(p.surname):
                continue
            if _given_compatible(c.given, p.given):
                return True
    return False


def _words(text: str) -> list[str]:
    return [p for p in _parts(text.replace("'s ", " "))]


def _role_matches(claimed: str, role: Role) -> bool:
    """The claimed words describe this office: an alias, or words all found in its title and organisation."""
    claimed_words = [w for w in _words(claimed) if w not in _ROLE_STOP]
    if not claimed_words:
        return False
    for phrase in (role.title, *role.aliases):
        if [w for w in _words(phrase) if w not in _ROLE_STOP] == claimed_words:
            return True
    title = {w for w in _words(role.title) if w not in _ROLE_STOP}
    for alias in role.aliases:
        title.update(w for w in _words(alias) if w not in _ROLE_STOP)
    org = {w for w in _words(role.organisation or "") if w not in _ROLE_STOP}
    org_parts = [w for w in _words(role.organisation or "") if w not in _ROLE_STOP]
    if len(org_parts) > 1:
        org.add("".join(w[0] for w in org_parts))  # "European Union" → "eu"
    vocabulary = title | org
    content = [w for w in claimed_words if w not in _ROLE_FILLER]
    # Every telling word must belong to the office, and at least one must name the office itself.
    return bool(content) and all(w in vocabulary for w in content) and any(w in title for w in content)


def _holds_on(role: Role, on: date | None) -> bool:
    if on is None:
        # No date to go by: a description like "the EU foreign policy chief" means the current holder.
        return role.end is None
    return (role.start is None or role.start <= on) and (role.end is None or on <= role.end)


def speaker_matches(claimed: str, person: Person, *, on: date | None = None) -> bool:
    """Whether the claimed speaker is this person: by name, alias, surname alone, or an office held ``on``."""
    if not claimed or not claimed.strip():
        return False
    for name in (person.name, *person.aliases):
        if _name_matches(claimed, name):
            return True
    return any(_role_matches(claimed, role) and _holds_on(role, on) for role in person.roles)
