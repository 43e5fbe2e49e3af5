"""Where a claim's words sit in a quote: a word-level alignment that knows journalists' conventions.

The claim is read as a sequence of items: words, omissions (``...``, ``…``, ``[...]``) and editorial
brackets (``[the president]``, ``[sic]``). An omission may stand for any run of quote words, a bracket
for a few of them; every other difference is an edit (a word inserted, deleted or replaced). The quote
is free at both ends, so a fragment aligns with the part of the quote it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from service.matching.text import Token, tokens

__all__ = ["Alignment", "ClaimItem", "DiffOp", "Gap", "align", "parse_claim", "quoted_region", "NEGATIONS"]

# Words that flip a statement's meaning. An omission or a bracket may never hide one: a journalist who
# drops "not" under an ellipsis has altered the quote, whatever the convention says.
NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "nor",
        "neither",
        "none",
        "nothing",
        "nobody",
        "nowhere",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "wont",
        "hasnt",
        "havent",
        "hadnt",
        "aint",
        "mustnt",
        "neednt",
        "mightnt",
        "shant",
    }
)

# An editorial bracket stands for at most this many quote words: a pronoun ("he" → "[the president]")
# or a short phrase; the bracketed dev cases replace one pronoun or nothing ([sic]).
MAX_BRACKET_WORDS = 3

# The word-by-word dynamic programme below runs in Python at ~1 us a cell (claim items x quote words):
# beyond this many cells (~25 ms) the alignment is rapidfuzz's Levenshtein on the word sequences, in C.
# Every dev case stays under it (the largest: ~60 claim words against a window of ~200 quote words); a
# 5,000-character claim against a long quote took 0.25 s an alignment, and several are aligned a claim.
MAX_DP_CELLS = 25_000

# Costs of the edit distance. A replaced word costs as much as an added or dropped one: each is one word
# of the quote that the claim does not faithfully reproduce. Among alignments with as few edits, the one
# with the most equal words wins ("its like care" is two words kept and "people" dropped, not three
# words replaced): each equal word earns a bonus far smaller than an edit.
_SUB = 1000
_INS = 1000
_DEL = 1000
_EQUAL = -1
_INF = 1 << 40

# Marks of an omission: three dots (spaced or not, bracketed or not) or the ellipsis character.
_OMISSION = r"[\[(]\s*(?:\.\s*){3,}[\])]|[\[(]\s*…\s*[\])]|…|\.{3,}|\.(?: \.){2,}"
# An editorial bracket stands alone: a bracket glued to a word ("[F]eminism") is part of that word.
_BRACKET = r"(?<![\w\]])\[[^\[\]]{1,80}\](?![\w\[])"
_MARKERS = re.compile(f"(?P<omission>{_OMISSION})|(?P<bracket>{_BRACKET})")
# Double quotation marks of every kind; a claim may wrap the quote it cites in words of its own.
_DOUBLE_QUOTES = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]')


@dataclass(frozen=True)
class DiffOp:
    """One step of the word diff: insert = claim words not in the quote; delete = quote words left out."""

    op: str  # "equal" | "insert" | "delete" | "replace"
    claim: str
    quote: str


@dataclass(frozen=True)
class Gap:
    """A journalistic convention: an ``omission`` (ellipsis), an editorial ``insertion`` or ``sic``."""

    kind: str
    claim: str
    quote: str


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A word of the claim, or an omission mark, or an editorial bracket (with the words inside it)."""

    kind: str  # "word" | "omission" | "bracket"
    folded: str  # the folded word ("" for marks)
    start: int
    end: int
    inner: tuple[str, ...] = ()  # a bracket's folded words
    negation: bool = False


@dataclass(frozen=True)
class Alignment:
    """The claim laid over one quote: the diff, the gaps, the quote span, and how many words were edited."""

    diff: tuple[DiffOp, ...]
    gaps: tuple[Gap, ...]
    span: tuple[int, int]
    edits: int
    equal: int
    claim_words: int
    quote_first: int  # index of the first quote word covered (for ranking: whole-quote matches)
    quote_last: int
    quote_words: int


def _is_negation(folded: str) -> bool:
    return folded in NEGATIONS


@lru_cache(maxsize=64)
def parse_claim(text: str, *, start: int = 0, end: int | None = None) -> tuple[ClaimItem, ...]:
    """The claim's words and conventions in order; ``start``/``end`` restrict to a part of the text.

    Cached: shortlist, judge and the wide look read the same claim (a 5,000-character one in ~15 ms).
    """
    end = len(text) if end is None else end
    toks = [t for t in tokens(text) if t.start >= start and t.end <= end]
    marks = [m for m in _MARKERS.finditer(text, start, end)]
    items: list[ClaimItem] = []
    ti = 0
    for m in marks:
        while ti < len(toks) and toks[ti].end <= m.start():
            t = toks[ti]
            items.append(ClaimItem("word", t.folded, t.start, t.end, negation=_is_negation(t.folded)))
            ti += 1
        inner: list[str] = []
        while ti < len(toks) and toks[ti].start < m.end():
            inner.append(toks[ti].folded)
            ti += 1
        if m.lastgroup == "omission":
            items.append(ClaimItem("omission", "", m.start(), m.end()))
        else:
            neg = any(_is_negation(w) for w in inner)
            items.append(ClaimItem("bracket", "", m.start(), m.end(), tuple(inner), neg))
    for t in toks[ti:]:
        items.append(ClaimItem("word", t.folded, t.start, t.end, negation=_is_negation(t.folded)))
    return tuple(items)


def quoted_region(text: str) -> tuple[int, int] | None:
    """The part of the claim between its first and last double quotation marks, when words lie outside.

    ``Wow. "quote…" — so true``: the words outside the marks are the writer's, not the speaker's.
    """
    marks = [m.start() for m in _DOUBLE_QUOTES.finditer(text)]
    if not marks:
        return None
    first, last = marks[0], marks[-1]
    if len(marks) == 1:
        # One mark: the quote runs from it to the end, or from the start to it.
        before, after = text[:first], text[first + 1 :]
        if any(c.isalnum() for c in before) and any(c.isalnum() for c in after):
            return (first + 1, len(text)) if len(after) >= len(before) else (0, first)
        return None
    outside = text[:first] + text[last + 1 :]
    if not any(c.isalnum() for c in outside):
        return None
    return first + 1, last


def align(
    items: Sequence[ClaimItem],
    claim_text: str,
    quote_text: str,
    quote_tokens: Sequence[Token] | None = None,
    *,
    window: tuple[int, int] | None = None,
) -> Alignment | None:
    """The cheapest alignment of the claim items with a stretch of the quote; None if either has no words."""
    qtoks = list(tokens(quote_text)) if quote_tokens is None else list(quote_tokens)
    lo, hi = window if window is not None else (0, len(qtoks))
    q = [t.folded for t in qtoks[lo:hi]]
    qneg = [_is_negation(w) for w in q]
    n = len(q)
    word_at = [i for i, it in enumerate(items) if it.kind == "word"]
    if not word_at or n == 0:
        return None
    if len(items) * n > MAX_DP_CELLS:
        return _align_in_c(items, claim_text, quote_text, qtoks, lo, q)
    # An omission mark before the first word or after the last only says the quote goes on: it covers no
    # particular words, and is reported as a gap that covers none.
    edge_gaps = [
        Gap("omission", claim_text[it.start : it.end], "")
        for i, it in enumerate(items)
        if it.kind == "omission" and (i < word_at[0] or i > word_at[-1])
    ]
    items = [it for i, it in enumerate(items) if it.kind != "omission" or word_at[0] < i < word_at[-1]]

    prev = [0] * (n + 1)  # row 0: the claim may start anywhere in the quote
    prev2: list[int] | None = None
    qlen = [len(w) for w in q]
    back: list[list] = []
    for idx, it in enumerate(items):
        cur = [_INF] * (n + 1)
        bp: list = [0] * (n + 1)
        if it.kind == "word":
            c = it.folded
            lc = len(c)
            # The previous claim word, when two claim words may stand for one quote word ("sayPack").
            pw = items[idx - 1].folded if idx and items[idx - 1].kind == "word" and prev2 is not None else ""
            cur[0] = prev[0] + _INS
            bp[0] = 1
            for j in range(1, n + 1):
                qj = q[j - 1]
                best = prev[j - 1] + (_EQUAL if qj == c else _SUB)
                code = 0
                v = prev[j] + _INS
                if v < best:
                    best, code = v, 1
                v = cur[j - 1] + _DEL
                if v < best:
                    best, code = v, 2
                # A punctuation change may join or split words: 'say."Pack' written "sayPack", or back.
                if (
                    j >= 2
                    and lc > qlen[j - 1]
                    and c.endswith(qj)
                    and c == q[j - 2] + qj
                    and prev[j - 2] + _EQUAL < best
                ):
                    best, code = prev[j - 2] + _EQUAL, 3
                if pw and qlen[j - 1] > lc and qj.endswith(c) and qj == pw + c:
                    v = prev2[j - 1] + 2 * _EQUAL
                    if v < best:
                        best, code = v, 4
                cur[j] = best
                bp[j] = code
        elif it.kind == "omission":
            run, run_k = _INF, 0
            for j in range(n + 1):
                if j and qneg[j - 1]:
                    run = _INF  # an omission never covers a negation
                if prev[j] <= run:
                    run, run_k = prev[j], j
                cur[j] = run
                bp[j] = run_k
        else:
            inner = it.inner
            sic = inner == ("sic",)
            span_max = 0 if sic else MAX_BRACKET_WORDS
            li = len(inner)
            # A bracket most often stands for one word (a pronoun); standing for none or for more costs a
            # little (far less than an edit), so ties go to one word. The quote's own bracket, matched
            # literally, earns the equal-word bonus and wins over all of them.
            for j in range(n + 1):
                best, code = _INF, 0
                if li and j >= li and tuple(q[j - li : j]) == inner:
                    best, code = prev[j - li] + li * _EQUAL, -1
                for k in range(min(span_max, j) + 1):
                    # A bracket may neither hide a negation nor slip one in: "[not]" for "" is an edit.
                    if it.negation != any(qneg[j - k : j]):
                        continue
                    v = prev[j - k] + (0 if sic or k == 1 else abs(k - 1))
                    if v < best:
                        best, code = v, k
                # Failing all that, the bracketed words are words the quote does not have.
                v = prev[j] + _INS
                if v < best:
                    best, code = v, -2
                cur[j] = best
                bp[j] = code
        back.append(bp)
        prev2, prev = prev, cur

    # On a tie, end as late as possible: a trailing bracket then stands for the pronoun it replaced, and a
    # changed last word shows as replacing the quote's next word.
    end_j = min(range(n + 1), key=lambda j: (prev[j], -j))
    found = _traceback(items, back, end_j, qtoks, lo, q, claim_text, quote_text)
    if edge_gaps:
        found = replace(found, gaps=found.gaps + tuple(edge_gaps))
    return found


def _traceback(items, back, end_j, qtoks, lo, q, claim_text, quote_text) -> Alignment:
    # Walk back from the end; collect (op, claim item index | None, quote word index | None).
    # Each step: (op, claim item indices, quote word indices in the window).
    steps: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
    i, j = len(items), end_j
    while i > 0:
        it = items[i - 1]
        code = back[i - 1][j]
        if it.kind == "word":
            if code == 0:
                steps.append(("equal" if q[j - 1] == it.folded else "replace", (i - 1,), (j - 1,)))
                i, j = i - 1, j - 1
            elif code == 1:
                steps.append(("insert", (i - 1,), ()))
                i -= 1
            elif code == 2:
                steps.append(("delete", (), (j - 1,)))
                j -= 1
            elif code == 3:
                steps.append(("equal", (i - 1,), (j - 2, j - 1)))
                i, j = i - 1, j - 2
            else:
                steps.append(("equal", (i - 2, i - 1), (j - 1,)))
                i, j = i - 2, j - 1
        elif it.kind == "omission":
            steps.append(("omission", (i - 1,), tuple(range(code, j))))
            i, j = i - 1, code
        elif code == -2:
            steps.append(("insert", (i - 1,), ()))
            i -= 1
        else:
            k = len(it.inner) if code == -1 else code
            kind = "literal" if code == -1 else ("sic" if it.inner == ("sic",) else "insertion")
            steps.append((kind, (i - 1,), tuple(range(j - k, j))))
            i, j = i - 1, j - k
    steps.reverse()
    return _from_steps(items, steps, qtoks, lo, claim_text, quote_text)


def _from_steps(items, steps, qtoks, lo, claim_text, quote_text) -> Alignment:
    """The alignment that ``steps`` (op, claim item indices, window quote indices) describe."""

    def qword(idx: int) -> Token:
        return qtoks[lo + idx]

    def quote_slice(a: int, b: int) -> str:  # words a..b-1 of the window, as published
        return quote_text[qword(a).start : qword(b - 1).end] if b > a else ""

    diff: list[DiffOp] = []
    gaps: list[Gap] = []
    edits = equal = 0
    covered: list[int] = []
    run_op: str | None = None
    run_c: list[int] = []
    run_q: list[int] = []

    def flush() -> None:
        nonlocal run_op, run_c, run_q
        if run_op is None:
            return
        ctext = claim_text[items[run_c[0]].start : items[run_c[-1]].end] if run_c else ""
        qtext = quote_text[qword(run_q[0]).start : qword(run_q[-1]).end] if run_q else ""
        if run_op != "equal":
            run_op = "replace" if ctext and qtext else ("insert" if ctext else "delete")
        diff.append(DiffOp(run_op, ctext, qtext))
        run_op, run_c, run_q = None, [], []

    for op, cis, qis in steps:
        if op in ("equal", "replace", "insert", "delete", "literal"):
            group = "equal" if op in ("equal", "literal") else "edit"
            if run_op is not None and run_op != group:
                flush()
            run_op = group
            run_c.extend(cis)
            run_q.extend(qis)
            covered.extend(qis)
            if op == "equal":
                equal += len(cis)
            elif op == "literal":
                equal += len(qis)
            else:
                edits += 1
        else:
            flush()
            it = items[cis[0]]
            quote = quote_slice(qis[0], qis[-1] + 1) if qis and op != "sic" else ""
            gaps.append(Gap(op, claim_text[it.start : it.end], quote))
            covered.extend(qis)
    flush()

    claim_words = sum(1 for it in items if it.kind == "word")
    if covered:
        first, last = min(covered), max(covered)
        span = (qword(first).start, qword(last).end)
    else:
        first = last = -1
        span = (0, 0)
    return Alignment(
        diff=tuple(diff),
        gaps=tuple(gaps),
        span=span,
        edits=edits,
        equal=equal,
        claim_words=claim_words,
        quote_first=lo + first if covered else -1,
        quote_last=lo + last if covered else -1,
        quote_words=len(qtoks),
    )


def _align_in_c(items, claim_text, quote_text, qtoks, lo, q) -> Alignment:
    """The claim's words laid over the window by word-level Levenshtein (rapidfuzz, in C): for long claims.

    Replaced, added and dropped words cost one edit each, as in the programme above; the quote stays free
    at both ends (quote words dropped before the first match and after the last are not edits). What the
    programme alone knows is not seen here: omission marks and brackets count as nothing (their quote
    words as dropped words), and joined or split words as edits. Claims that long are rarely either.
    """
    words = [i for i, it in enumerate(items) if it.kind == "word"]
    steps: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
    for op in Levenshtein.opcodes([items[i].folded for i in words], q):
        claim_part, quote_part = words[op.src_start : op.src_end], range(op.dest_start, op.dest_end)
        if op.tag == "equal" or op.tag == "replace":
            steps.extend((op.tag, (c,), (j,)) for c, j in zip(claim_part, quote_part, strict=True))
        elif op.tag == "delete":  # claim words the quote does not have
            steps.extend(("insert", (c,), ()) for c in claim_part)
        else:  # quote words the claim leaves out
            steps.extend(("delete", (), (j,)) for j in quote_part)
    first = next((k for k, step in enumerate(steps) if step[0] != "delete"), len(steps))
    last = next((k for k in range(len(steps), 0, -1) if steps[k - 1][0] != "delete"), first)
    return _from_steps(items, steps[first:last], qtoks, lo, claim_text, quote_text)
