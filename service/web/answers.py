"""What the page shows of a verification: the stored wording cut into pieces the template marks up.

Pure functions of the result dicts that ``service.verification`` and ``service.checking`` return; no
Flask, no database. A match gives the span of the quote the claim covers, a word diff (runs of equal or
changed words, each with the claim's and the quote's text as written) and the gaps (omissions and
editorial brackets). The pieces here put them back in the quote's own order, so the page can show the
stored wording whole: the part the claim matched highlighted, the quote's words the claim changed as
``<del>``, the claim's own words as ``<ins>``, and what an ellipsis or a bracket stands for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from service import matching

# Pieces of the stored wording, by what they are.
OUTSIDE = "outside"  # quote text before or after the span the claim covers
EQUAL = "equal"  # inside the span, the same in the claim
DELETED = "deleted"  # the quote's words the claim dropped or replaced
INSERTED = "inserted"  # the claim's words the quote does not have
OMITTED = "omitted"  # the quote's words an ellipsis in the claim stands for
BRACKETED = "bracketed"  # the quote's words an editorial bracket in the claim stands for


@dataclass(frozen=True)
class Piece:
    """A run of text and what it is; ``note`` is the claim's marker for an omission or a bracket."""

    kind: str
    text: str
    note: str = ""


def stored_wording(match: dict) -> list[Piece]:
    """The quote's text as pieces, in order: what the claim matched, changed, left out or bracketed."""
    text = match["quote"]["text"]
    start, end = match["span"]["start"], match["span"]["end"]
    pieces: list[Piece] = []
    if start > 0:
        pieces.append(Piece(OUTSIDE, text[:start]))
    cursor = start
    gaps = [g for g in match.get("gaps", []) if g["quote"]]
    diff = list(match.get("diff", []))
    while diff or gaps:
        op = diff[0] if diff else None
        gap = gaps[0] if gaps else None
        at_op = _find(text, op["quote"], cursor, end) if op and op["quote"] else None
        at_gap = _find(text, gap["quote"], cursor, end) if gap else None
        if op and not op["quote"]:
            # Words only the claim has: they stand where the diff puts them, before the next gap.
            pieces.append(Piece(INSERTED, op["claim"]))
            diff.pop(0)
            continue
        if at_gap is not None and (at_op is None or at_gap < at_op):
            cursor = _between(pieces, text, cursor, at_gap)
            kind = OMITTED if gap["kind"] == "omission" else BRACKETED
            pieces.append(Piece(kind, gap["quote"], gap["claim"]))
            cursor = at_gap + len(gap["quote"])
            gaps.pop(0)
        elif at_op is not None:
            cursor = _between(pieces, text, cursor, at_op)
            if op["op"] == "equal":
                pieces.append(Piece(EQUAL, op["quote"]))
            else:
                pieces.append(Piece(DELETED, op["quote"]))
                if op["claim"]:
                    pieces.append(Piece(INSERTED, op["claim"]))
            cursor = at_op + len(op["quote"])
            diff.pop(0)
        else:
            # Text the diff names but the quote does not hold as written: show the quote, mark nothing.
            diff.clear()
            gaps.clear()
    if cursor < end:
        pieces.append(Piece(EQUAL, text[cursor:end]))
    if end < len(text):
        pieces.append(Piece(OUTSIDE, text[max(end, cursor) :]))
    return _merged(pieces)


def _find(text: str, needle: str, cursor: int, end: int) -> int | None:
    at = text.find(needle, cursor, max(end, cursor + len(needle)))
    return None if at < 0 else at


def _between(pieces: list[Piece], text: str, cursor: int, at: int) -> int:
    """The quote's text between two marked runs (spaces, punctuation) is part of the match."""
    if at > cursor:
        pieces.append(Piece(EQUAL, text[cursor:at]))
    return at


def _merged(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if out and p.kind == out[-1].kind and p.kind in (EQUAL, OUTSIDE):
            out[-1] = Piece(p.kind, out[-1].text + p.text)
        elif p.text:
            out.append(p)
    return out


def marker_notes(match: dict) -> list[dict]:
    """The claim's marks that stand for no words of the quote: ``[sic]``, a leading or trailing ``…``."""
    return [g for g in match.get("gaps", []) if not g["quote"]]


# Names of the languages the index holds most; any other shows as its code.
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ms": "Malay",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "et": "Estonian",
}


def language_name(code: str | None) -> str:
    """The name of a language code ("Indonesian" for ``id``); the code itself when not named here."""
    if not code:
        return "unknown"
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def found_by_meaning(meaning: dict) -> str:
    """What is said of a match found by meaning (page, and `quotetrace check`): no word was compared.

    The extension's panel says the same in panel.js (renderMeaning).
    """
    said = f"Found by its meaning (similarity {meaning['similarity']:.2f} of 1), "
    if meaning["reason"] == "other_language":
        language = language_name(meaning["quote_language"])
        return said + f"in {language}: words in two languages are not compared."
    return said + "in other words: the claim's words are not the quote's."


def is_short(claim: str) -> bool:
    """Too few words to confirm a quote: the engine offers such a match only as a suggestion."""
    return matching.word_length(claim) < matching.MIN_CONFIRM_WORDS


# Closing quotation marks: a quotation's attribution is shown after them, not inside the quotation.
_CLOSING_MARKS = "\"'”’»›」』"


@dataclass(frozen=True)
class DraftPiece:
    """A run of a draft: plain text, or quotation number ``index`` of the check (``None`` for plain).

    ``closing`` is the quotation marks right after a quotation, kept with it so that what the page
    puts after the quotation (its speaker) comes after them.
    """

    text: str
    index: int | None = None
    closing: str = ""


def draft_pieces(text: str, quotes: list[dict]) -> list[DraftPiece]:
    """The draft cut at its quotations; a quotation overlapping an earlier one is left unmarked in place."""
    pieces: list[DraftPiece] = []
    cursor = 0
    for index, q in sorted(enumerate(quotes), key=lambda iq: (iq[1]["start"], -iq[1]["end"])):
        if q["start"] < cursor:
            continue
        if q["start"] > cursor:
            pieces.append(DraftPiece(text[cursor : q["start"]]))
        end = q["end"]
        while end < len(text) and text[end] in _CLOSING_MARKS and end - q["end"] < 2:
            end += 1
        if any(o["start"] < end and o is not q and o["start"] >= q["end"] for o in quotes):
            end = q["end"]  # the next quotation starts right there: keep its marks with it
        pieces.append(DraftPiece(text[q["start"] : q["end"]], index, text[q["end"] : end]))
        cursor = end
    if cursor < len(text):
        pieces.append(DraftPiece(text[cursor:]))
    return pieces


NOT_CHECKED = "not checked"
VERDICT_ORDER = ("verified", "paraphrased", "altered", "misattributed", "unverified", NOT_CHECKED)


def verdict_counts(quotes: list[dict]) -> list[tuple[str, int]]:
    """How many quotations got each verdict, in a fixed order (the good news first), none left out.

    Quotations past what one check verifies (service.checking's bounds) count as "not checked".
    """
    counts = Counter(q["verification"]["verdict"] if q["verification"] else NOT_CHECKED for q in quotes)
    ordered = [(v, counts[v]) for v in VERDICT_ORDER if counts[v]]
    return ordered + [(v, n) for v, n in counts.items() if v not in VERDICT_ORDER]


def draft_summary(quotes: list[dict]) -> str:
    """One line counting the verdicts: "7 quotations: 5 verified, 2 paraphrased"."""
    if not quotes:
        return "No quotations found in this draft."
    head = "1 quotation" if len(quotes) == 1 else f"{len(quotes)} quotations"
    return f"{head}: " + ", ".join(f"{n} {v}" for v, n in verdict_counts(quotes))
