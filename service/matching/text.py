"""Folding and tokenising: how two texts are made comparable, never how they are shown.

Every token keeps its character span in the original string, so an alignment found on folded
words can always be reported as offsets into the text the user sent or the quote as published.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that differ in print but not in meaning: curly quotes, primes, dashes, odd spaces.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)

# A word: letters and digits, with inner apostrophes ("don't") and inner dots/commas in numbers ("1.3").
# A hyphen followed by a line break inside a word ("inter-\nnational") is a print artefact and joins.
# Brackets glued to a word ("[F]eminism", "Americ[a]") are an editor's letter change, not a word of their
# own: they stay inside the word and are folded away, so "[F]eminism" and "Feminism" compare equal.
#
# Chinese and Japanese write no spaces between words: each ideograph or kana is a word of its own (as
# Lucene's CJK analysers and Chinese editors' character diffs count them), so a claim in either language
# is compared, indexed and counted by its characters, not read as one long word that only the whole
# sentence matches. Hangul is written with spaces and stays as it is.
CJK = (
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
# Kana's voicing marks are kept by folding: they are not accents but make other letters ("ハ", "バ", "パ":
# ha, ba, pa), so "ぶた" (pig) and "ふた" (lid) stay two words. A decomposed one stays with its kana.
KANA_VOICING = "\u3099\u309a"
_WORD_OF = r"(?:\[L+\](?=L))?L+(?:(?:'|(?<=\d)[.,](?=\d)|-[ \t]*\r?\n[ \t]*)L+|\[L+\](?!\[))*"
# For ASCII text, which holds none of those: the same words, the regex a sixth faster.
_ASCII_WORD = re.compile(_WORD_OF.replace("L", r"\w"))
_WORD = re.compile(_WORD_OF.replace("L", rf"[^\W{CJK}]") + rf"|[{CJK}][{KANA_VOICING}]*")
_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_CJK_CHAR = re.compile(rf"[{CJK}][{KANA_VOICING}]*")
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f]")  # 、。「」『』〈〉 and the ideographic space


_NOT_IN_WORD = str.maketrans("", "", "'[]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its folded form for comparing, and where it stands in the original text."""

    folded: str
    start: int
    end: int


def _char_class(code_points: list[int]) -> re.Pattern:
    """A regex matching any of these code points (sorted), written as ranges."""
    ranges: list[list[int]] = []
    for cp in code_points:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    spans = (re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)
    return re.compile("[" + "".join(spans) + "]")


# Every combining mark (accents, and the marks of other scripts; none lies beyond U+1F000), removed by
# a regex pass in C rather than a Python test a character. Marks beyond U+FFFF get a pattern of their
# own: in one class with the rest they made every match ~20x slower.
_MARKS = [i for i in range(0x300, 0x1F000) if unicodedata.combining(chr(i)) and chr(i) not in KANA_VOICING]
_COMBINING = _char_class([i for i in _MARKS if i <= 0xFFFF])
_COMBINING_ASTRAL = _char_class([i for i in _MARKS if i > 0xFFFF])


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    decomposed = _COMBINING.sub("", decomposed)
    if max(decomposed, default="") > "\uffff":
        decomposed = _COMBINING_ASTRAL.sub("", decomposed)
    return decomposed


def fold(text: str) -> str:
    """Case, compatibility forms, accents, quotation marks and dashes folded away."""
    if text.isascii():
        # Fast path: for ASCII, NFKC and accent stripping change nothing; only the backtick is mapped.
        return text.replace("`", "'").casefold()
    text = straighten(unicodedata.normalize("NFKC", text))
    return _strip_accents(text).casefold()


def fold_word(word: str) -> str:
    """One word as ``tokens`` folds it."""
    if "-" in word:
        word = _BREAK_HYPHEN.sub("", word)
    if word.isascii():
        # Fast path (most archives are mostly ASCII): NFKC and accent stripping are no-ops there.
        return word.lower().translate(_NOT_IN_WORD)
    return fold(word).translate(_NOT_IN_WORD)


def tokens(text: str) -> list[Token]:
    """The words of ``text``, folded, each with its span in ``text``.

    Folding is done word by word on the original string, so spans need no mapping back.
    """
    if text.isascii():
        prepared, origin, word = text, None, _ASCII_WORD
    else:
        prepared, word = text.translate(_TRANSLATE), _WORD
        origin = None
        if len(prepared) != len(text):
            # Zero-width characters and soft hyphens were deleted (so "inter\u00adnational" stays one
            # word): keep, for each remaining character, where it stood in the original.
            origin = [i for i, c in enumerate(text) if c.translate(_TRANSLATE)]
    out: list[Token] = []
    for m in word.finditer(prepared):
        folded = fold_word(m.group())
        if folded:
            if origin is None:
                out.append(Token(folded, m.start(), m.end()))
            else:
                out.append(Token(folded, origin[m.start()], origin[m.end() - 1] + 1))
    return out


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order: ``tokens`` without their spans (several times as many
    texts are compared as aligned: every stored quote of a speaker, in verification._every_appearance)."""
    if text.isascii():
        return [folded for m in _ASCII_WORD.finditer(text) if (folded := fold_word(m.group()))]
    prepared = text.translate(_TRANSLATE)
    return [folded for m in _WORD.finditer(prepared) if (folded := fold_word(m.group()))]


# A Chinese or Japanese word is about two characters (1.6 in the Chinese Treebank's segmentation; the
# longer, so that a phrase of a few characters never passes for a sentence): what the length rules count.
CJK_CHARACTERS_PER_WORD = 2


def words_per_token(text: str) -> float:
    """How many words a reader counts for each of ``tokens(text)``: 1, less where a token is a Chinese or
    Japanese character (CJK_CHARACTERS_PER_WORD of them make a word). For the rules on a claim's length."""
    if text.isascii():
        return 1.0
    found = words(text)
    cjk = sum(1 for w in found if _CJK_CHAR.fullmatch(w))
    if not found or not cjk:
        return 1.0
    return (len(found) - cjk + cjk / CJK_CHARACTERS_PER_WORD) / len(found)


def word_length(text: str) -> float:
    """How many words a reader counts in ``text`` (a Chinese or Japanese character is half of one)."""
    return len(words(text)) * words_per_token(text)


def space_cjk(text: str) -> str:
    """``text`` with each Chinese or Japanese character set apart by spaces, as ``tokens`` reads them
    (one word each), and their punctuation made spaces: for comparisons of words joined by spaces."""
    if _CJK_CHAR.search(text) is None:
        return text
    return _CJK_PUNCTUATION.sub(" ", _CJK_CHAR.sub(r" \g<0> ", text))


# Index terms of ASCII text without brackets, numbers with inner dots or commas, or hyphens broken across
# lines (where _WORD's other branches could match): every character that is not part of a word becomes a
# space and the text is split, about three times faster than running _WORD.
_ODD_WORDS = re.compile(r"\[|\d[.,]\d|-[ \t]*\r?\n")
_SPACE_OUT = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "_'")})
_PLAIN_WORD = re.compile(r"\w+(?:'\w+)*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def straighten(text: str) -> str:
    """``text.translate(_TRANSLATE)``, by replacing only the few odd characters a text holds (faster)."""
    for ch in set(_NON_ASCII.findall(text)):
        if ord(ch) in _TRANSLATE:
            text = text.replace(ch, _TRANSLATE[ord(ch)] or "")
    return text.replace("`", "'") if "`" in text else text


def index_terms(text: str) -> set[str]:
    """The distinct folded words under which a quote is found by the search index (= ``set(words(text))``).

    Indexing needs no spans, so text that is ASCII (once quotation marks are straightened) is folded
    in one pass and split in one pass: many times faster than ``tokens``, which import needs.
    """
    prepared = text if text.isascii() else straighten(text)
    if not prepared.isascii():
        # Word by word, as ``tokens`` folds, without the spans.
        return {f for f in map(fold_word, _WORD.findall(prepared)) if f}
    lowered = prepared.lower()
    if _ODD_WORDS.search(lowered) is not None:
        found = _ASCII_WORD.findall(lowered)
        if "\n" in prepared and "-" in prepared:
            found = [_BREAK_HYPHEN.sub("", w) if "-" in w else w for w in found]
        # One translate for all the words (they hold no spaces): apostrophes and glued brackets go.
        return set(" ".join(found).translate(_NOT_IN_WORD).split())
    terms = set(lowered.translate(_SPACE_OUT).split())
    if "'" in lowered:
        # An apostrophe joins letters ("don't" -> "dont"); at a word's edge or doubled, it separates.
        odd = [w for w in terms if "'" in w]
        terms.difference_update(odd)
        for w in odd:
            terms.update(x.replace("'", "") for x in _PLAIN_WORD.findall(w))
    return terms
