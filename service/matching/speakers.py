"""Who is meant by a claimed speaker: names, aliases, surnames, initials, and offices held on a date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from service.matching import names
from service.matching.names import Name, compare_names, read_name
from service.matching.text import fold

__all__ = [
    "LEVELS",
    "EXACT",
    "ALIAS",
    "PROBABLE",
    "UNCHECKED",
    "DIFFERENT",
    "UNCERTAIN_REASONS",
    "Person",
    "Role",
    "SpeakerMatch",
    "speaker_match",
    "speaker_matches",
]

# How sure it is that the claimed speaker is the quote's (``speaker_match``), surest first.
EXACT = "exact"  # the person's stored name, however written (case, titles, roles, order, tags)
ALIAS = "alias"  # one of the person's stored aliases, or an office they held on the date
PROBABLE = "probable"  # the same person as far as names tell: a variant, a slip, a surname alone
# A name in another script than every name the person is stored under, that agrees with none of them once
# both are in Latin letters ("조태열" for Cho Tae-yul: "JoTaeYeol"): transliteration is too loose to say
# it is somebody else, so it is neither an accusation nor a confirmation.
UNCHECKED = "unchecked"
DIFFERENT = "different"  # nobody the person is known as
LEVELS = (EXACT, ALIAS, PROBABLE, UNCHECKED, DIFFERENT)
# Reasons that leave who said it uncertain, though nothing says it was somebody else: the quote is never a
# strong match for the claim, and a short claim is never verified on it.
UNCERTAIN_REASONS = frozenset({"speaker_surname_shared", "speaker_one_name", "speaker_other_script"})


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
    # The surname of ``name`` as the archive keyed it (names.surname_key), when the caller has it: a claimed
    # name whose surnames are neither it nor one slip from it is not this name, and the name is not parsed
    # (parsing every candidate's speaker was a third of a claim's time at 1M quotes).
    surname: str | None = None


_NAME_PART = re.compile(r"[\w'-]+")
# Words of a role description that name no office in particular ("the EU foreign policy *chief*").
_ROLE_FILLER = frozenset(
    ["the", "a", "an", "of", "for", "and", "s", "chief", "head", "boss", "top", "leader", "official"]
)
_ROLE_STOP = frozenset(["the", "a", "an", "of", "for", "and", "s"])


def _parts(text: str) -> list[str]:
    folded = fold(text).replace("'", "")
    return [p.strip("-") for p in _NAME_PART.findall(folded) if p.strip("-")]


def _words(text: str) -> list[str]:
    return _parts(text.replace("'s ", " "))


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


@dataclass(frozen=True)
class SpeakerMatch:
    """How the claimed speaker agrees with a quote's: EXACT, ALIAS, PROBABLE or DIFFERENT, and why."""

    level: str
    reasons: tuple[str, ...] = ()
    # The name or alias of the person the claim agreed with, as stored (for the explanation).
    matched: str | None = None
    # The agreement of names behind the level (names.SAME, names.TYPO, ...), None for a role.
    agreement: str | None = None

    @property
    def agrees(self) -> bool:
        """The claimed speaker may be this person (EXACT, ALIAS or PROBABLE)."""
        return self.level in (EXACT, ALIAS, PROBABLE)

    @property
    def differs(self) -> bool:
        """The claimed speaker is somebody else (what a misattribution rests on)."""
        return self.level == DIFFERENT

    @property
    def uncertain(self) -> bool:
        """Agreeing or not compared, but not surely the person: see UNCERTAIN_REASONS."""
        return self.level == UNCHECKED or not UNCERTAIN_REASONS.isdisjoint(self.reasons)


# What each agreement of names says about the speaker, and the reason given for it.
_AGREEMENT_REASONS = {
    names.SAME: (),
    names.VARIANT: ("speaker_name_variant",),
    names.GOES_BY: ("speaker_name_variant",),
    names.TYPO: ("speaker_typo",),
    names.SURNAME_ONLY: ("speaker_surname_only",),
    names.STORED_SHORT: ("speaker_stored_short",),
    names.ONE_NAME: ("speaker_one_name",),
}
# Surest agreement first: a claim that reads as several is taken at its best.
_AGREEMENT_ORDER = (
    names.SAME, names.VARIANT, names.GOES_BY, names.TYPO, names.SURNAME_ONLY, names.STORED_SHORT,
    names.ONE_NAME,
)  # fmt: skip


# Agreements that yield to a stored person the claimed name is exactly: "Robert Casey" is the archive's
# Robert Casey, not Bob Casey. One name alone does not yield: that the archive holds a "Horace" (the poet)
# does not make "Horace" for Horace Smith's words an accusation (bench/speaker_forms.py: 139 of 1,000
# given names alone were called misattributed when it did).
_NAMES_SOMEONE_ELSE = frozenset({names.GOES_BY})


def _claimed_readings(claimed: str) -> tuple[tuple[Name, ...], tuple[Name, ...]]:
    """The claim's readings as a name, and (taken only when SAME) readings of its last words after a title.

    "Menteri Luar Negeri Korea Cho Tae-yul": the office's words run into the name, and no rule can say
    where "Korea" belongs; the last two or three words read as the stored name settle it.
    """
    readings = read_name(claimed)
    words = claimed.split()
    tails: list[Name] = []
    if len(words) >= 3 and any(fold(w).strip(".,") in names.TITLE_WORDS for w in words[:-2]):
        for k in (2, 3):
            if len(words) > k:
                tails.extend(read_name(" ".join(words[-k:])))
    return readings, tuple(tails)


def _name_agreement(claimed: str, stored: str, stored_surname: str | None = None) -> str:
    readings, tails = _claimed_readings(claimed)
    if stored_surname is not None and not any(
        _surnames_agree(r.surname, stored_surname) or r.surname in names.name_words(stored)
        for r in (*readings, *tails)
    ):
        # compare_names agrees only on the same surname or one slip from it, or on a claimed surname that
        # is another word of the stored name (another order, or one name alone: "Xi", "Kaja").
        return names.DIFFERENT
    stored_readings = read_name(stored)[:1]  # a stored name is what it says it is
    found = {compare_names(c, s) for c in readings for s in stored_readings}
    if found <= {names.DIFFERENT}:
        found.add(names.ends_the_name(claimed, stored) or names.DIFFERENT)
    if any(compare_names(t, s) == names.SAME for t in tails for s in stored_readings if s.given):
        found.add(names.SAME)
    return next((a for a in _AGREEMENT_ORDER if a in found), names.DIFFERENT)


def _across_scripts(claimed: str, stored: str) -> str | None:
    """How two names in different scripts agree once both are in Latin letters (None: one script).

    Transliterations of given names vary too much to tell people apart ("Кая" is "Kaya", not "Kaja"), so
    the surnames alone may agree; what does not agree is DIFFERENT here and UNCHECKED to the caller.
    """
    claimed_scripts, stored_scripts = names.scripts_of(claimed), names.scripts_of(stored)
    if not claimed_scripts or not stored_scripts or not claimed_scripts.isdisjoint(stored_scripts):
        return None
    latin, han = (claimed, stored) if claimed_scripts == {"LATIN"} else (stored, claimed)
    pinyin = names.chinese_name_in_pinyin(han) if names.scripts_of(latin) == {"LATIN"} else None
    if pinyin is not None:
        # Pinyin spells a Chinese name one way, but a handful of surnames is most of a billion people's:
        # only the whole name agrees ("Wang Yi", "Yi Wang", "WANG Yi" for 王毅; not "Wang Qishan"), and
        # then only probably (汪毅 is "Wang Yi" too). Wade-Giles or Cantonese spellings stay unchecked.
        spelled = "".join(names.spelled_words(latin))
        surname, given = pinyin
        return names.SAME if spelled in (surname + given, given + surname) else names.DIFFERENT
    latin_claimed = claimed if "LATIN" in claimed_scripts else names.in_latin_letters(claimed)
    latin_stored = stored if "LATIN" in stored_scripts else names.in_latin_letters(stored)
    agreement = _name_agreement(latin_claimed, latin_stored)
    if agreement != names.DIFFERENT:
        return agreement
    stored_readings = read_name(latin_stored)[:1]
    if any(r.surname == s.surname for r in read_name(latin_claimed) for s in stored_readings if s.given):
        return names.SURNAME_ONLY
    return names.DIFFERENT


def _surnames_agree(claimed: str, stored: str) -> bool:
    return bool(claimed) and (
        claimed == stored or names.one_slip(claimed, stored) or names.feminine_form(claimed, stored)
    )


def speaker_match(
    claimed: str,
    person: Person,
    *,
    on: date | None = None,
    people_of_surname: Mapping[str, int] | None = None,
    named_elsewhere: bool = False,
) -> SpeakerMatch:
    """How surely the claimed speaker is this person: by name, alias, surname, or an office held ``on``.

    ``people_of_surname``: how many people of the archive bear each surname (``names.count_people``):
    a full name agrees with a quote stored under a surname alone ("Mr. Trump", "Trump") for certain only
    when the archive holds one person of that surname; otherwise the match is uncertain, never different.
    ``named_elsewhere``: the claimed name is exactly another stored person's ("Robert Casey" beside "Bob
    Casey"): a nickname or one name alone then names that person, not this one.
    """
    if not claimed or not claimed.strip():
        return SpeakerMatch(DIFFERENT, ("speaker_differs",))
    best: SpeakerMatch | None = None
    forms = ((person.name, False), *((a, True) for a in person.aliases))
    # A name in the claim's script, where there is one, says who the person is not; transliterations don't.
    in_claims_script = any(_across_scripts(claimed, stored) is None for stored, _ in forms)
    name_differs = False
    for stored, is_alias in forms:
        across = _across_scripts(claimed, stored)
        if across is None:
            agreement = _name_agreement(claimed, stored, None if is_alias else person.surname)
            name_differs = name_differs or (not is_alias and agreement == names.DIFFERENT)
            if is_alias and agreement == names.STORED_SHORT and name_differs:
                # A surname alone among the aliases ("Fallon", recorded when the archive held one Fallon)
                # says no more than the name, whose given names the claim contradicts: "Jimmy Fallon" is
                # not Brian Fallon.
                continue
        else:
            agreement = across
            if agreement == names.DIFFERENT:
                if not in_claims_script:
                    candidate = SpeakerMatch(UNCHECKED, ("speaker_other_script",), matched=stored)
                    if best is None or _surer(candidate, best):
                        best = candidate
                continue
        if agreement == names.DIFFERENT or (named_elsewhere and agreement in _NAMES_SOMEONE_ELSE):
            continue
        # Across scripts, how the transliterations agree is no telling reason: that they do, loosely, is.
        reasons = list(_AGREEMENT_REASONS[agreement]) if across is None else ["speaker_other_script"]
        if is_alias:
            reasons.insert(0, "speaker_alias")
        level = (ALIAS if is_alias else EXACT) if agreement == names.SAME and across is None else PROBABLE
        if agreement in (names.STORED_SHORT, names.SURNAME_ONLY):
            surname = read_name(stored)[0].surname
            if (people_of_surname or {}).get(surname, 0) > 1:
                reasons.append("speaker_surname_shared")
        candidate = SpeakerMatch(level, tuple(reasons), matched=stored, agreement=agreement)
        if best is None or _surer(candidate, best):
            best = candidate
    if best is not None and best.level == EXACT:
        return best
    for role in person.roles:
        if _role_matches(claimed, role) and _holds_on(role, on):
            candidate = SpeakerMatch(ALIAS, ("speaker_role",), matched=role.title)
            if best is None or _surer(candidate, best):
                best = candidate
    return best or SpeakerMatch(DIFFERENT, ("speaker_differs",))


def _surer(a: SpeakerMatch, b: SpeakerMatch) -> bool:
    def rank(m: SpeakerMatch) -> tuple:
        order = _AGREEMENT_ORDER.index(m.agreement) if m.agreement in _AGREEMENT_ORDER else 0
        return (LEVELS.index(m.level), "speaker_surname_shared" in m.reasons, order)

    return rank(a) < rank(b)


def speaker_matches(claimed: str, person: Person, *, on: date | None = None) -> bool:
    """Whether the claimed speaker may be this person (any level but DIFFERENT)."""
    return speaker_match(claimed, person, on=on).agrees
