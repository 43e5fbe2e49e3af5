"""Finding quotation-mark spans: pairing marks, telling apostrophes from quotes, chaining paragraphs."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Double-style marks. Curly and guillemets are directional; the straight mark is decided by context.
_OPEN_TO_CLOSE = {
    "\u201c": '\u201d\u201c"',  # “ … ” (some sites close with a second “, or a straight mark)
    "\u201e": "\u201c\u201d",  # „ … “ or „ … ”
    "\u00ab": "\u00bb",  # « … »
    "\u300c": "\u300d",  # 「 … 」
    "\u300e": "\u300f",  # 『 … 』
    '"': '"\u201d',  # a straight opener closed by a curly mark: "like this”
    "''": "''",  # NYT archive style: ''like this''
    "``": "''",
}
_STRAIGHT = frozenset({'"', "''"})
# A single quotation closing with a double one ('… the word 'old-school,''' said') ends on the last two
# of three marks; one opening with it ('''Old' is fine,'') starts on the first two.
_DOUBLE_MARKS = re.compile(
    r"(?<![\w,.!?])''(?=')|''(?!')|``|" '[\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f"]'
)
_RIGHT_MARK = re.compile("\u201d")
_SINGLE_MARKS = re.compile("[\u2018\u2019']")
_LINE = re.compile(r"[^\n]+")
# A tag: a name and attributes whose quoted values may be long (a whole tweet pasted into
# tweet-author="…"), or failing that any short run up to '>' (a broken attribute).
_TAG = re.compile(
    r"""</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]{0,5000}"|'[^']{0,5000}'|[^\s"'<>]+))?)*\s*/?>"""
    r"|</?[A-Za-z][^<>]{0,500}>"
)
_LEADING_OPEN = re.compile('[ \t]*[\u201c\u201e\u00ab\u300c\u300e"\u2018]')

# Elisions that start with an apostrophe: '90s, 'em, 'til, 'cause, 'n' — never an opening quote.
_ELISION_AFTER = re.compile(
    r"(?:\d\d(?:s|\b)|em\b|til\b|tis\b|twas\b|cause\b|bout\b|n\b|round\b)", re.IGNORECASE
)
# Characters before an opening mark / after a closing mark.
_OPEN_BEFORE = set(' \t\n([{\u2014\u2013-/:;,\u201c\u201e"\u00ab')
_CLOSE_AFTER = set(' \t\n)]}.,;:!?\u2014\u2013-/\u201d"\u00bb\u2026')
# A single-quoted span longer than this is more likely two apostrophes than a quotation.
MAX_SINGLE_QUOTE_CHARS = 300


@dataclass(slots=True)
class QuoteSpan:
    """One stretch of quoted words: [start, end) inside the marks; open/close are the marks' offsets."""

    start: int
    end: int
    open: int
    close: int | None  # None when the paragraph ends before the quotation closes
    continues_from: int | None = None  # index of the fragment in the previous paragraph it continues
    single: bool = False


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """Whether a straight mark at i looks like an opening, a closing, or either."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = (before in _OPEN_BEFORE or before.isspace()) and not after.isspace()
    closes = not before.isspace() and (after in _CLOSE_AFTER or after.isspace())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_width = 1
    closers: tuple[str, ...] = ()

    def left_open(until: int) -> None:
        start, end = _trimmed(text, open_at + open_width, until)
        spans.append(QuoteSpan(start, end, open=open_at, close=None))

    # Offsets of the right marks ahead, read once: counting them afresh at every mark is quadratic.
    right_marks = [m.start() for m in _RIGHT_MARK.finditer(text, lo, hi)]
    nested = 0  # same-style quotation nested inside the open one: “… he calls “hell” than …”
    for m in _DOUBLE_MARKS.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        width = len(ch)
        role = _straight_role(text, i, width)
        if nested and ch == "\u201d":
            nested -= 1
            continue
        if open_at is None:
            if ch in _OPEN_TO_CLOSE and (ch not in _STRAIGHT or role != "close"):
                open_at, open_width, closers = i, width, _closers(ch)
            elif ch == "\u201d" and role == "open":
                # A right mark used to open (”Like this.”), a common typing slip.
                open_at, open_width, closers = i, width, ("\u201d", "\u201c")
            continue
        if ch in closers and ch == '"' and text[open_at] != '"' and role == "open":
            continue  # “… "nested" …: a straight mark inside a curly quotation opens no new one
        if ch in closers:
            # A mark that can only open (straight, or a second “) means the previous one was never closed.
            if (ch in _STRAIGHT or ch == "\u201c") and role == "open" and i > open_at + open_width:
                if ch == "\u201c" and len(right_marks) - bisect.bisect_left(right_marks, i) >= 2:
                    nested += 1  # two closers still ahead: this one nests
                    continue
                left_open(i)
                open_at, open_width, closers = i, width, _closers(ch)
                continue
            start, end = _trimmed(text, open_at + open_width, i)
            spans.append(QuoteSpan(start, end, open=open_at, close=i))
            open_at = None
        elif ch in _OPEN_TO_CLOSE and ch not in _STRAIGHT and role == "open":
            left_open(i)
            open_at, open_width, closers = i, width, _closers(ch)
    if open_at is not None:
        left_open(hi)
    return [s for s in spans if s.end > s.start]


def _closers(opening: str) -> tuple[str, ...]:
    value = _OPEN_TO_CLOSE[opening]
    return (value,) if value in _STRAIGHT or opening == "``" else tuple(value)


def _is_single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if not (before.isspace() or before in _OPEN_BEFORE) or after.isspace():
        return False
    return not _ELISION_AFTER.match(text, i + 1)


def _is_single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or not (after.isspace() or after in _CLOSE_AFTER):
        return False
    # "students' union": a plural possessive is followed by a lowercase word, a closing quote rarely.
    return not (before in "sS" and after == " " and text[i + 2 : i + 3].islower())


def _single_spans(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    marks = [m.start() for m in _SINGLE_MARKS.finditer(text, lo, hi)]
    k = 0
    while k < len(marks):
        i = marks[k]
        if text[i] != "\u2019" and _is_single_open(text, i):
            for j_idx in range(k + 1, len(marks)):
                j = marks[j_idx]
                if j - i > MAX_SINGLE_QUOTE_CHARS:
                    break
                if text[j] != "\u2018" and _is_single_close(text, j):
                    start, end = _trimmed(text, i + 1, j)
                    if end > start:
                        spans.append(QuoteSpan(start, end, open=i, close=j, single=True))
                    k = j_idx
                    break
        k += 1
    return spans


# Invisible direction marks (LRM, RLM, embeddings, isolates) pasted from web pages read as spaces.
_INVISIBLE = {cp: " " for cp in [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def _blank_tags(text: str) -> str:
    # Attribute values in embedded markup (<tweet id="…">) are not quotations; blanking keeps offsets. A tag
    # may break across lines inside an attribute value (tweet-date="March 9, 2016\n").
    if "<" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quotation-mark spans in text order; apostrophes are skipped, nested quotes stay inside."""
    text = _blank_tags(text).translate(_INVISIBLE)
    result: list[QuoteSpan] = []
    last_unclosed: int | None = None  # index of a fragment left open at the end of the previous paragraph
    for line in _LINE.finditer(text):
        lo, hi = line.span()
        if not line.group().strip():
            continue
        doubles = _double_spans(text, lo, hi)
        # Single marks only count outside double quotations, where they would be nested quotes.
        singles: list[QuoteSpan] = []
        cursor = lo
        for span in [*doubles, None]:
            seg_end = span.open if span is not None else hi
            if seg_end > cursor:
                singles.extend(_single_spans(text, cursor, seg_end))
            if span is not None:
                cursor = (span.close + 1) if span.close is not None else hi
        spans = sorted([*doubles, *singles], key=lambda s: s.open)
        if spans and last_unclosed is not None and _LEADING_OPEN.match(text, lo) and spans[0].open < lo + 4:
            spans[0].continues_from = last_unclosed
        last_unclosed = None
        for span in spans:
            result.append(span)
            if span.close is None:
                last_unclosed = len(result) - 1
    return result
