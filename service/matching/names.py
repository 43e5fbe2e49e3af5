"""A person's name as people write it: read it into given names and a surname, and compare two names.

Reading takes off what says what a person is rather than who: titles and honorifics ("Sen.", "Menteri",
"High Representative"), a role before the name ("EU foreign policy chief Kaja Kallas") or after a comma
("Kaja Kallas, the EU foreign policy chief"), party-and-state tags ("(D-Mo.)"), possessives; it reads
"Surname, Given" and family-name-first Korean names. ``nameparser`` splits what is left into given
names, surname (with its particles: "van Beethoven") and suffixes.

Comparing says how two names agree, as a fact-checker would: the same name, a variant (initials, a
dropped middle name), a one-letter slip in a long surname, a nickname or a middle name gone by ("Joe
Biden", "Mitt Romney"), a surname alone on either side, one name alone that is one of the stored name's
given names ("Kaja", "Xi" for Xi Jinping), or different (another given name is another person, however
close the surname). The order of the words is not what tells two names apart: "Jinping Xi", "Cho Tae
Yul" and "Cho Taeyul" are Xi Jinping and Cho Tae-yul. A name in another script than the other ("Кая
Каллас", "조태열") is compared in Latin letters (``anyascii``) by ``speakers``, which never takes a
disagreement across scripts for another person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from nameparser import HumanName
from nameparser.config import Constants
from nicknames import NickNamer
from rapidfuzz.distance import OSA

from service.matching.text import fold

__all__ = [
    "DIFFERENT",
    "GOES_BY",
    "ONE_NAME",
    "SAME",
    "TITLE_WORDS",
    "STORED_SHORT",
    "SURNAME_ONLY",
    "TYPO",
    "VARIANT",
    "Name",
    "compare_names",
    "count_people",
    "ends_the_name",
    "feminine_form",
    "in_latin_letters",
    "is_nickname",
    "nicknames_of",
    "name_words",
    "one_slip",
    "read_name",
    "scripts_of",
    "spelled_words",
    "surname_key",
]

# How two names agree, from the surest to none at all.
SAME = "same"  # the same given names and surname, however decorated or ordered
VARIANT = "variant"  # initials for given names, or middle names left out on one side
TYPO = "typo"  # a one-letter slip in a surname (or a middle name), the given names agreeing
SURNAME_ONLY = "surname_only"  # the claim gives a surname alone; the stored name has given names
STORED_SHORT = "stored_short"  # the claim gives a full name; the stored name is a surname alone ("Mr. X")
# The claim's first name is one the stored person goes by without its being their first: a nickname ("Joe
# Biden" for Joseph R. Biden Jr., "Bobby Kennedy"), or a middle name ("Mitt Romney" for Willard Mitt
# Romney, "Woodrow Wilson", "García Márquez" for Gabriel García Márquez). The same person to a reader; never
# enough for import to merge two stored names (service.matching.identity resolves on the three above).
GOES_BY = "goes_by"
# The claim gives one name alone, one of the stored name's given names: a given name ("Kaja" for Kaja
# Kallas, "Lula"), a family name written first ("Xi" for Xi Jinping, "Mr. Kim" for Kim Jong Un) or a first
# surname read as a middle name ("García" for Gabriel García Márquez): nobody else, but nobody for sure.
ONE_NAME = "one_name"
DIFFERENT = "different"

# A one-letter slip (one letter changed, added, dropped, or two swapped) is read as the same surname only in
# surnames of at least this many letters: in shorter ones one letter makes another common name ("Bush"/
# "Rush", "Cole"/"Cale"); the rule, and every speaker_typo dev case has a surname of ≥ 5 letters.
MIN_TYPO_LETTERS = 5

# Titles and honorifics before a name, beyond nameparser's own (812 English and international ones):
# Indonesian (the seed article's language) and the words of press titles it lacks.
_INDONESIAN_TITLES = """
    menteri presiden wakil perwakilan tinggi urusan luar negeri dalam kebijakan keamanan duta besar
    gubernur bupati walikota wali kota ketua sekretaris jenderal direktur komandan panglima kepala juru
    bicara pasukan bapak ibu pak bu saudara sdr perdana kementerian umum dpr mpr dprd anggota hakim jaksa
    agung kapolri kapolda laksamana marsekal kolonel letnan mayor kapten sersan profesor dokter haji
    hajjah hj
"""
_PRESS_TITLES = """
    representative commissioner spokesman spokeswoman spokesperson ambassador candidate nominee
    chairman chairwoman chair ceo founder leader chief speaker majority minority whip deputy acting
    former late foreign prime attorney general sen rep gov pres vice state us u.s uk eu un
"""
# The offices and forms of address of European presses, folded (accents go: "présidente" is "presidente").
_EUROPEAN_TITLES = """
    bundeskanzler bundeskanzlerin kanzler kanzlerin bundesprasident bundesprasidentin ministerprasident
    ministerprasidentin aussenminister aussenministerin bundesminister bundesministerin prasident
    prasidentin herr frau president presidente presidenta presidentin ministre ministro ministra premier
    madame monsieur mme mlle senor senora senhor senhora signor signora onorevole meneer mevrouw pani pan
"""
_EXTRA_TITLES = (
    frozenset(_INDONESIAN_TITLES.split())
    | frozenset(_PRESS_TITLES.split())
    | frozenset(_EUROPEAN_TITLES.split())
)
# Titles that are also given names ("Earl Warren", "Dean Koontz", "Major Taylor"): taken off only when two
# more names follow them ("Judge Amy Barrett"), never from a name of two words.
_GIVEN_NAME_TITLES = frozenset(
    {
        "earl", "dean", "king", "prince", "princess", "queen", "major", "duke", "baron", "marshal",
        "bishop", "judge", "justice", "sister", "brother", "father", "mother", "lady", "pastor", "deacon",
        "mayor", "chancellor", "pope", "saint", "master", "doc", "coach", "general", "sheriff", "elder",
    }
)  # fmt: skip
# Lower-case words that belong inside a name ("Ludwig van Beethoven", "Osama bin Laden").
_PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
        "ten", "ter", "bin", "binti", "bint", "ibn", "al", "el", "y", "e", "st", "zu", "af", "bat", "ben",
    }
)  # fmt: skip
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})
_SUFFIX_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "junior", "senior"})


def _constants() -> Constants:
    constants = Constants()
    constants.titles.add(*_EXTRA_TITLES)
    constants.titles.remove(*(t for t in _GIVEN_NAME_TITLES if t in constants.titles))
    # "dan" is Indonesian "and": "Urusan Luar Negeri dan Kebijakan Keamanan" is one title.
    constants.conjunctions.add("dan")
    return constants


_CONSTANTS = _constants()
_TITLES = frozenset(_CONSTANTS.titles) | _GIVEN_NAME_TITLES
# Every word that may stand before a name as a title or office (for callers reading names of their own).
TITLE_WORDS = _TITLES
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_POSSESSIVE = re.compile(r"(?<=\w)(?:'s|s')(?=\s|,|$)")
_SPACES = re.compile(r"\s+")
# A word of a name has a letter or a digit ("P 1" and "P 2" are two speakers, not one "P").
_WORD = re.compile(r"[^\W_]")
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
# The Arabic article joined to a surname ("al-Assad", "el-Sisi", "ash-Shara"): "Assad" is the same surname.
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)-(?=\w)", re.IGNORECASE)
# Given names written as their initials run together in capitals, before a surname ("JL Mélenchon").
_RUN_INITIALS = re.compile(r"^[A-Z]{2,3}$")
_ARTICLE = frozenset({"the", "a", "an"})
# Lower-case words that join the words of one name or title ("The Prophet of Life", "Secretary of State").
_CONNECTIVES = frozenset({"of", "for", "and", "the", "on", "in", "at", "to", "an", "dan", "&"})


@dataclass(frozen=True, slots=True)
class Name:
    """A name read: folded given names (initials as one letter) and the surname's key (letters only)."""

    given: tuple[str, ...]
    surname: str
    # A generational suffix ("jr", "sr", "ii", "iii"): "Donald Trump Jr" is not his father.
    generation: str = ""


def letters_of(part: str) -> str:
    """A name's letters alone, folded: "O'Brien" = "OBrien" = "obrien"; "Zeta-Jones" = "Zeta Jones"; the
    dots of initials go."""
    return "".join(ch for ch in fold(part) if ch.isalnum())


def _clean(text: str) -> str:
    """The name with brackets, possessives and curly apostrophes gone, spaces single."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("`", "'")
    previous = None
    while previous != text:  # nested brackets: "(D-Mo. (ret.))"
        previous, text = text, _BRACKETED.sub(" ", text)
    text = _POSSESSIVE.sub("", text)
    return _SPACES.sub(" ", text).strip(" ,;:-")


def _is_role_word(word: str) -> bool:
    """A lower-case word of a role before a name ("candidate", "chief"): no particle, article, initial."""
    key = fold(word).strip(".")
    return word[:1].islower() and len(key) > 1 and key not in _PARTICLES and key not in _CONNECTIVES


def _without_role(text: str) -> str:
    """The name in "<role>, name", "name, <role>", "<role> Name": the part that names the person."""
    head, comma, tail = text.partition(",")
    if comma:
        head, tail = head.strip(), tail.strip()
        tail_words = tail.split()
        head_words = head.split()
        if not tail_words or all(fold(w).strip(".") in _SUFFIX_WORDS for w in tail_words):
            text = f"{head} {tail}".strip()  # "Martin Luther King, Jr."
        elif (
            fold(tail_words[0]) in _ARTICLE
            or any(_is_role_word(w) for w in tail_words)
            or len([w for w in head_words if fold(w) not in _PARTICLES]) > 1
            or len(tail_words) > 3
        ):
            text = head  # an apposition: "Kaja Kallas, the EU foreign policy chief"
        else:
            text = f"{tail} {head}"  # "Surname, Given": "Kallas, Kaja", "Libby, Willard F."
    words = text.split()
    if any(w[:1].isupper() for w in words):
        # "EU foreign policy chief Kaja Kallas": the name is what follows the role's last lower-case word.
        last_lower = max((i for i, w in enumerate(words) if _is_role_word(w)), default=-1)
        if 0 <= last_lower < len(words) - 1:
            words = words[last_lower + 1 :]
    return " ".join(words)


def _strip_titles(words: list[str]) -> list[str]:
    # Titles before a name go; one that is also a given name only when two more words follow it.
    while len(words) > 1:
        word = fold(words[0]).strip(".")
        if word in _GIVEN_NAME_TITLES and word not in _CONSTANTS.titles:
            if len(words) < 3:
                break
        elif word not in _TITLES:
            break
        words = words[1:]
    return words


def _surname_letters(words: list[str]) -> str:
    return letters_of("".join(_ARABIC_ARTICLE.sub("", w) for w in words))


def _given_parts(*fields: str) -> tuple[str, ...]:
    parts: list[str] = []
    for f in fields:
        for word in f.replace(".", ". ").split():
            for piece in word.split("-"):
                key = letters_of(piece)
                if key:
                    parts.append(key)
    return tuple(parts)


# Every word nameparser reads by a rule of its own (titles, suffixes, prefixes, conjunctions, first-name
# titles, bound first names), lower case.
_NAMEPARSER_WORDS = frozenset(
    str(word).lower()
    for rule in (
        "titles",
        "suffix_acronyms",
        "suffix_not_acronyms",
        "suffix_acronyms_ambiguous",
        "prefixes",
        "conjunctions",
        "first_name_titles",
        "bound_first_names",
        "non_first_name_prefixes",
    )
    for word in getattr(_CONSTANTS, rule, ())
)
# A capitalised word of Latin-1 letters ("Kallas", "Zafón", "McCarthy", "O'Connor", "Jean-Jacques"), or
# an initial ("C.") before the last word.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CAPITALISED = f"(?:Mc|Mac|O')?[{_UPPER}][{_LOWER}]+"
_PLAIN_NAME_WORD = re.compile(f"{_CAPITALISED}(?:-{_CAPITALISED})?")
_INITIAL = re.compile(r"[A-Z]\.")


@dataclass(frozen=True, slots=True)
class _Parts:
    first: str
    middle: str
    last: str
    suffix: str = ""


def _plain_parts(words: list[str]) -> _Parts | None:
    """First, middle and last name of two or three capitalised words, the first ones possibly initials,
    that no rule of nameparser's or of ours touches ("Kaja Kallas", "Peter C. O'Brien"), as nameparser
    reads them; None for any other.

    nameparser takes ~0.1 ms a name, this ~0.002 ms, and verification reads every candidate's speaker the
    first time it sees them. Four in five of the 76,262 names of two words or more of the 1M benchmark
    archive take this way (60,846); nameparser reads every one of them as this does (checked on all 80,110
    names of the archive and of qv-bench's cases).
    """
    if not 2 <= len(words) <= 3 or not _PLAIN_NAME_WORD.fullmatch(words[-1]):
        return None
    if not all(_PLAIN_NAME_WORD.fullmatch(w) or _INITIAL.fullmatch(w) for w in words[:-1]):
        return None
    if any(w.lower() in _NAMEPARSER_WORDS or w.lower() in _PARTICLES for w in words):
        return None
    return _Parts(words[0], " ".join(words[1:-1]), words[-1])


@lru_cache(maxsize=65536)
def read_name(text: str) -> tuple[Name, ...]:
    """The ways ``text`` reads as a person's name (two for a Korean name that may be in either order).

    Empty when nothing in it is a name.
    """
    cleaned = _without_role(_clean(text or ""))
    words = _strip_titles([w for w in cleaned.split() if _WORD.search(w)])
    if not words:
        return ()
    if len(words) == 1:
        key = _surname_letters(words)
        return (Name((), key),) if key else ()
    if len(words) == 2 and letters_of(words[1]) in _GENERATIONS:
        return (Name((), letters_of(words[0]), letters_of(words[1])),)  # "Trump Jr."
    parsed = _plain_parts(words) or HumanName(" ".join(words), constants=_CONSTANTS)
    surname_words = parsed.last.split()
    given = _given_parts(parsed.first, parsed.middle)
    if len(words) == 2 and _RUN_INITIALS.match(words[0]) and not words[1].isupper():
        given = tuple(ch.lower() for ch in words[0])  # "JL Mélenchon"; "XI Jinping" still joins to "xi"
    if not surname_words:
        # nameparser found no surname (a name that is all titles or suffixes): the last word is it.
        return (Name(_given_parts(*words[:-1]), letters_of(words[-1])),)
    # The surname's particles ("van", "de la") are not what tells two surnames apart: "Beethoven".
    core = [w for w in surname_words if fold(w).strip(".") not in _PARTICLES] or surname_words
    generation = next(
        (k for k in (letters_of(w) for w in parsed.suffix.replace(",", " ").split()) if k in _GENERATIONS), ""
    )
    western = Name(given, _surname_letters(core), generation)
    last = words[-1]
    # "Cho Tae-yul": a last word like "Tae-yul" (hyphen, then lower case) is a romanised Korean given
    # name, and the family name comes first ("Zeta-Jones" is a double-barrelled surname, not one).
    if _KOREAN_GIVEN.match(last) or (len(words) == 2 and "-" in last and last.split("-")[-1].islower()):
        family_first = Name(_given_parts(*words[1:]), letters_of(words[0]))
        return (family_first, western)
    return (western,)


@lru_cache(maxsize=65536)
def name_words(text: str) -> frozenset[str]:
    """The letters of each word of a name, of each part of a hyphenated one, and of such a word whole:
    "Cho Tae-yul" → {"cho", "tae", "yul", "taeyul"} (what a claim naming it in another order can hold)."""
    found: set[str] = set()
    for word in text.split():
        found.add(letters_of(word))
        found.update(letters_of(piece) for piece in word.split("-"))
    found.discard("")
    return frozenset(found)


@lru_cache(maxsize=65536)
def scripts_of(text: str) -> frozenset[str]:
    """The scripts a name's letters are written in ("LATIN", "CYRILLIC", "HANGUL", "CJK", ...)."""
    if text.isascii():
        return frozenset({"LATIN"}) if any(ch.isalpha() for ch in text) else frozenset()
    return frozenset(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha())


def in_latin_letters(text: str) -> str:
    """A name transliterated into Latin letters ("Кая Каллас" → "Kaya Kallas"), by ``anyascii``; names in
    scripts written without spaces between names (Hangul, Chinese) come out as one word ("JoTaeYeol")."""
    return anyascii(unicodedata.normalize("NFC", text)).replace("'", "")


# Chinese surnames of two characters; every other Chinese name opens with a surname of one.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 夏侯 慕容 尉迟 公孙 长孙 宇文 司徒 端木 歐陽 諸葛 長孫".split()  # noqa: SIM905
)


@lru_cache(maxsize=65536)
def chinese_name_in_pinyin(text: str) -> tuple[str, str] | None:
    """A Chinese name of 2-4 Han characters as (surname, given names) in toneless pinyin, folded
    ("王毅" → ("wang", "yi"), "习近平" → ("xi", "jinping")), by ``anyascii``'s Mandarin reading of each
    character; None for any other name. A Japanese name in kanji reads as nobody's pinyin."""
    chars = [ch for ch in unicodedata.normalize("NFC", text) if not ch.isspace() and ch not in "·・"]
    if not 2 <= len(chars) <= 4 or scripts_of("".join(chars)) != {"CJK"}:
        return None
    cut = 2 if "".join(chars[:2]) in _COMPOUND_SURNAMES and len(chars) > 2 else 1
    surname, given = ("".join(letters_of(anyascii(ch)) for ch in part) for part in (chars[:cut], chars[cut:]))
    return (surname, given) if surname and given else None


@lru_cache(maxsize=65536)
def spelled_words(text: str) -> tuple[str, ...]:
    """The words of the name in ``text`` as written, in order, folded to their letters: no titles, roles,
    brackets or generation ("Présidente Marine Le Pen" → ("marine", "le", "pen"))."""
    words = _strip_titles([w for w in _without_role(_clean(text or "")).split() if _WORD.search(w)])
    keys = tuple(k for k in map(letters_of, words) if k)
    while keys and keys[-1] in _GENERATIONS:
        keys = keys[:-1]
    return keys


def ends_the_name(claimed: str, stored: str) -> str | None:
    """SURNAME_ONLY when the claimed name is a surname that opens with a particle and ends the stored name
    ("Le Pen" of Marine Le Pen, "von der Leyen", "Bin Salman"), STORED_SHORT the other way round ("Ursula
    von der Leyen" for a quote stored under "von der Leyen"), else None. The words must be the stored
    ones, particles and all ("La Raza" is not Junaid Raza); words that open with no particle are no
    surname alone ("Ohio Alliance Retired Americans" is not the "Alliance Retired Americans")."""
    a, b = spelled_words(claimed), spelled_words(stored)
    if 2 <= len(a) < len(b) and a[0] in _PARTICLES and b[-len(a) :] == a:
        return SURNAME_ONLY
    if 2 <= len(b) < len(a) and b[0] in _PARTICLES and a[-len(b) :] == b:
        return STORED_SHORT
    return None


def surname_key(text: str) -> str | None:
    """The key of the surname of a stored name (what the archive counts people by), None if none."""
    readings = read_name(text)
    return readings[0].surname or None if readings else None


def _same_or_initial(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def one_slip(a: str, b: str) -> bool:
    """One letter changed, added, dropped or two swapped, in words of ``MIN_TYPO_LETTERS`` or more."""
    return a != b and max(len(a), len(b)) >= MIN_TYPO_LETTERS and OSA.distance(a, b, score_cutoff=1) <= 1


# The Czech and Slovak feminine form of a surname, how their press writes every woman's ("Kaja Kallasová",
# "Angela Merkelová"): the surname with "-ová", a final vowel dropped ("Obama" → "Obamová").
_FEMININE_ENDING = "ova"


def feminine_form(claimed: str, stored: str) -> bool:
    """``claimed`` is the Czech or Slovak feminine form of the surname ``stored`` (keys, folded)."""
    if not claimed.endswith(_FEMININE_ENDING) or len(stored) < 3:
        return False
    stem = claimed[: -len(_FEMININE_ENDING)]
    return stem == stored or (stored[-1] in "aeiouy" and stem == stored[:-1])


_NICKNAMES = NickNamer()


def nicknames_of(given: str) -> frozenset[str]:
    """The nicknames the table knows for a given name (folded): "william" → {"bill", "will", ...}."""
    return frozenset(_NICKNAMES.nicknames_of(given))


@lru_cache(maxsize=4096)
def is_nickname(a: str, b: str) -> bool:
    """One given name is a nickname of the other ("joe" and "joseph", "bobby" and "robert"), by the
    ``nicknames`` package's table of English given names (carltonnorthern/nicknames).

    The table also relates nicknames of one name to each other ("rick" and "dick"), and no rule of
    length or of which name is canonical tells those apart from "jack" and "john" (measured on
    bench/speaker_forms.py: 192 of 652 nicknames lost): where the archive holds both people, the claim's
    exact name decides (speakers.speaker_match, ``named_elsewhere``)."""
    return a in _NICKNAMES.nicknames_of(b) or b in _NICKNAMES.nicknames_of(a)


def _goes_by(claimed: tuple[str, ...], stored: tuple[str, ...]) -> bool:
    """The claimed first name is a nickname of the stored one, or the claim's one given name is a middle
    name of the stored name ("Mitt Romney"; not "Alliance Retired Americans" for the "Ohio Alliance
    Retired Americans")."""
    first = claimed[0]
    if len(first) > 1 and len(stored[0]) > 1 and is_nickname(first, stored[0]):
        return len(claimed) == 1 or _given_agreement(stored[:1] + claimed[1:], stored) != DIFFERENT
    return len(claimed) == 1 and len(first) > 1 and first in stored[1:]


def _given_agreement(claimed: tuple[str, ...], stored: tuple[str, ...]) -> str:
    """SAME, VARIANT, TYPO (a slip in a middle name), GOES_BY or DIFFERENT, for two non-empty lists of given
    names."""
    if claimed == stored or "".join(claimed) == "".join(stored):
        return SAME  # "HL" = "H L", "Jean Paul" = "Jean-Paul"
    # The first given name must agree ("Bill Clinton" is not "Hillary Clinton"); middle names may be left
    # out on either side ("Lyndon Johnson" = "Lyndon B. Johnson", "Donald J. Trump" = "Donald Trump"), but
    # where both sides give them they must be the same ones: "George W. Bush" is not "George H. W. Bush".
    if not _same_or_initial(claimed[0], stored[0]):
        return GOES_BY if _goes_by(claimed, stored) else DIFFERENT
    if len(claimed) == 1 or len(stored) == 1:
        return VARIANT
    if len(claimed) != len(stored):
        return DIFFERENT
    verdict = VARIANT
    for c, s in zip(claimed[1:], stored[1:], strict=True):
        if _same_or_initial(c, s):
            continue
        if one_slip(c, s):
            verdict = TYPO  # "Lailah Gfty Akita" = "Lailah Gifty Akita"
            continue
        return DIFFERENT
    return verdict


def _same_words(claimed: Name, stored: Name) -> bool:
    """The same names in another order, the given names possibly run together: "Jinping Xi" = "Xi Jinping",
    "Cho Tae Yul" = "Cho Taeyul" = "Cho Tae-yul" (family name first), "Kim Jong-un" = "Kim Jong Un"."""
    if not claimed.given or not stored.given:
        return False
    # Initials in another order are another person's ("S.R. Grey" is not "R.S. Grey").
    if min(len(p) for p in (*claimed.given, *stored.given)) == 1:
        return False
    if sorted((*claimed.given, claimed.surname)) == sorted((*stored.given, stored.surname)):
        return True
    # "Cho Taeyul" (read Western: given "cho", surname "taeyul") against "Cho Tae-yul" (family name first).
    return sorted(("".join(claimed.given), claimed.surname)) == sorted(
        ("".join(stored.given), stored.surname)
    )


def compare_names(claimed: Name, stored: Name) -> str:
    """How a claimed name agrees with a stored one.

    SAME, VARIANT, TYPO, SURNAME_ONLY, STORED_SHORT, ONE_NAME or DIFFERENT.
    """
    if not claimed.surname or not stored.surname:
        return DIFFERENT
    if claimed.generation and stored.generation and claimed.generation != stored.generation:
        return DIFFERENT  # "George Foreman Jr." is not "George Foreman III"
    if _same_words(claimed, stored):
        return SAME
    # "Kaja" for Kaja Kallas; "Tae-yul" for Cho Tae-yul; "Lula" for Luiz Inácio Lula da Silva.
    one_of = (*stored.given, "".join(stored.given)) if stored.given else ()
    not_the_surname = claimed.surname != stored.surname  # "Jerome" for Jerome K. Jerome is his surname
    if not claimed.given and len(claimed.surname) > 1 and not_the_surname and claimed.surname in one_of:
        return ONE_NAME
    if claimed.given and "".join((*claimed.given, claimed.surname)) == stored.surname and stored.given:
        return SURNAME_ONLY  # "Ocasio Cortez": the surname "Ocasio-Cortez", spaced
    feminine = feminine_form(claimed.surname, stored.surname)
    same_surname = claimed.surname == stored.surname or feminine
    if not same_surname and not one_slip(claimed.surname, stored.surname):
        return DIFFERENT
    if not claimed.given or not stored.given:
        if not same_surname:
            return DIFFERENT  # a slip is read as one only where given names agree
        if claimed.given == stored.given:
            return SAME
        return SURNAME_ONLY if not claimed.given else STORED_SHORT
    given = _given_agreement(claimed.given, stored.given)
    if given == DIFFERENT:
        return DIFFERENT
    if not same_surname:
        return TYPO if given in (SAME, VARIANT) else DIFFERENT  # one slip at most
    return VARIANT if feminine and given == SAME else given


def count_people(names: Iterable[str]) -> int:
    """How many different people these stored names (of one surname) are, as far as their given names tell.

    Names without a given name ("Mr. Trump", "Trump") are nobody in particular and count for none;
    "Donald Trump" and "Donald J. Trump" are one; "Ivanka Trump" another.
    """
    firsts: list[str] = []
    for name in names:
        for reading in read_name(name)[:1]:
            if reading.given:
                firsts.append(reading.given[0])
    full = {f for f in firsts if len(f) > 1}
    # An initial is someone already counted when it fits one of them, else someone else.
    initials = {f for f in firsts if len(f) == 1 and not any(g.startswith(f) for g in full)}
    return len(full) + len(initials)
