"""Who said a quotation in Chinese or Japanese: a person the archive knows, named beside a speech verb.

Chinese names the speaker and a verb before the quotation (王毅表示：“…”, 王毅外长说，“…”) or after it
(“…”，王毅说。); Japanese names the speaker before it and puts the verb after (岸田文雄首相は「…」と述べた).
Neither spaces its names off, so only names the caller knows are read (KnownSpeaker: the archive's
speakers whose names the text holds, found by ``name_strings``); a name the archive does not hold is
left unread, a quotation without a speaker, never guessed from the characters before a verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from service.matching.text import CJK

from .lexicon import word_set
from .model import DIRECT, ExtractedQuote, KnownSpeaker, SpeakerMention

# Speech verbs of news Chinese (simplified and traditional), and Japanese verbs after 「…」と.
ZH_VERBS = word_set(
    """表示 说道 说 說 指出 强调 強調 称 稱 认为 認為 表明 宣布 回答 回应 回應 介绍 介紹 透露 补充 補充
    写道 寫道"""
)
JA_VERBS = word_set("述べ 語っ 語り 話し 言っ 強調し 説明し 明らかにし 発言し 指摘し 答え 訴え")
_ZH_VERB = "|".join(sorted(ZH_VERBS, key=len, reverse=True))
_JA_VERB = "|".join(sorted(JA_VERBS, key=len, reverse=True))
# Titles a surname goes by alone once the full name is known (岸田首相, 王外长, 王毅外长): Japanese, and
# Chinese in simplified and traditional characters.
TITLES = word_set(
    """首相 外相 大臣 外務大臣 大統領 長官 官房長官 氏 議員 知事 総裁 代表 大使 社長
    外长 部长 总统 总理 主席 发言人 大使 市长 省长 委员长 外長 部長 總統 總理 發言人 市長 省長"""
)
_TITLES_LONGEST_FIRST = sorted(TITLES, key=len, reverse=True)
# A title may stand between a name and its verb (王毅外长表示, 岸田文雄首相は): at most this many characters.
MAX_TITLE_CHARS = 6
# Names looked up run from 2 to this many characters (王毅, 习近平, 岸田文雄, 欧阳修).
MAX_NAME_CHARS = 4
# Where a name is looked for: this many characters before an opening mark, after a closing one.
WINDOW = 24
_OPENING = '“「『"'
_CLOSING = '”」』"'
_CJK_RUN = re.compile(f"[{CJK}]+")
_MARK = re.compile(f"[{_OPENING}{_CLOSING}]")
_ZH_VERB_BEFORE = re.compile(f"(?:{_ZH_VERB})[：:，,]?\\s*$")  # 王毅表示：“
_JA_TOPIC_BEFORE = re.compile("[はが]\\s*$")  # 岸田文雄首相は「
_JA_VERB_AFTER = re.compile(f"と(?:{_JA_VERB})")  # 」と述べた
_ZH_AFTER = re.compile(f"\\s*[，,]?\\s*([{CJK}]+?)(?:{_ZH_VERB})")  # ”，外交部长王毅说


def _windows(text: str) -> Iterator[str]:
    """The text on either side of each quotation mark, each distinct window once (a draft that repeats
    itself repeats its windows), and only those that hold a Chinese or Japanese character."""
    read: set[str] = set()
    for m in _MARK.finditer(text):
        near = text[max(0, m.start() - WINDOW) : m.start()] + " " + text[m.end() : m.end() + WINDOW]
        if near not in read and _CJK_RUN.search(near) is not None:
            read.add(near)
            yield near


def name_strings(text: str, most: int) -> set[str]:
    """Runs of 2-4 Chinese or Japanese characters near quotation marks: what a speaker's name may be."""
    found: set[str] = set()
    for near in _windows(text):
        for run in _CJK_RUN.findall(near):
            for i in range(len(run)):
                for j in range(i + 2, min(i + MAX_NAME_CHARS, len(run)) + 1):
                    found.add(run[i:j])
                    if len(found) >= most:
                        return found
    return found


def titled_surnames(text: str, most: int = 20) -> set[str]:
    """The one or two characters before a title beside a quotation mark (岸田 of 岸田首相は「, 王 of
    王外长表示：“): surnames whose bearers the caller may look up, at most ``most`` of them."""
    found: set[str] = set()
    for near in _windows(text):
        for title in _TITLES_LONGEST_FIRST:
            at = near.find(title)
            while at >= 1:
                for length in (2, 1):
                    prefix = near[max(0, at - length) : at]
                    if len(prefix) == length and _CJK_RUN.fullmatch(prefix):
                        found.add(prefix)
                if len(found) >= most:
                    return found
                at = near.find(title, at + 1)
    return found


def _cjk_names(known: Sequence[KnownSpeaker]) -> dict[str, KnownSpeaker]:
    """Each known speaker's names written in Chinese or Japanese characters (those of more than
    MAX_NAME_CHARS are never read in full, but their surnames are)."""
    pattern = re.compile(f"[{CJK}]{{2,}}")
    return {n: k for k in known for n in (k.name, *k.aliases) if n and pattern.fullmatch(n)}


def _surnames(names: dict[str, KnownSpeaker]) -> dict[str, KnownSpeaker | None]:
    """The first one or two characters of each known name (its surname, in Chinese or Japanese), each
    to the one person it may be: None where two known people share it."""
    found: dict[str, KnownSpeaker | None] = {}
    for name, person in names.items():
        for length in (1, 2):
            if length < len(name):
                prefix = name[:length]
                found[prefix] = person if found.get(prefix, person) is person else None
    return found


def _surname_titled(
    text: str, end: int, surnames: dict[str, KnownSpeaker | None]
) -> tuple[int, int, KnownSpeaker] | None:
    """A known surname and a title ending at ``end`` (岸田首相, 王外长), as ``(start, end, person)``."""
    for title in _TITLES_LONGEST_FIRST:
        if text.endswith(title, 0, end):
            stop = end - len(title)
            for length in (2, 1):
                if stop - length >= 0 and (person := surnames.get(text[stop - length : stop])) is not None:
                    return stop - length, stop, person
    return None


def _name_ending(text: str, end: int, names: dict[str, KnownSpeaker]) -> tuple[int, int, KnownSpeaker] | None:
    """Where a known name ends at ``end``, or a title's length before it (the nearest, then the longest),
    as ``(start, end, person)``."""
    for gap in range(MAX_TITLE_CHARS + 1):
        stop = end - gap
        if gap and not _CJK_RUN.fullmatch(text[stop:end]):
            break  # a title is characters, never a sentence's end: "王毅。李强表示" is not Wang Yi's
        for length in range(MAX_NAME_CHARS, 1, -1):
            if stop - length >= 0 and (person := names.get(text[stop - length : stop])) is not None:
                return stop - length, stop, person
    return None


def with_speakers(
    text: str, quotes: Iterable[ExtractedQuote], known: Sequence[KnownSpeaker]
) -> list[ExtractedQuote]:
    """``quotes`` with the speaker of each Chinese or Japanese quotation that has none, where a known
    person is named beside a speech verb. A few dictionary lookups a quotation, whatever the archive."""
    names = _cjk_names(known)
    out = list(quotes)
    if not names:
        return out
    surnames = _surnames(names)

    def named(text: str, end: int) -> tuple[int, int, KnownSpeaker] | None:
        return _name_ending(text, end, names) or _surname_titled(text, end, surnames)

    for i, q in enumerate(out):
        if q.kind != DIRECT or q.speaker is not None or not _CJK_RUN.search(q.text):
            continue
        lo = max(0, q.start - 1 - WINDOW)
        before = text[lo : max(0, q.start - 1)]  # up to the opening mark
        after_at = q.end + 1  # past the closing mark
        after = text[after_at : after_at + WINDOW]
        found = None
        if (verb := _ZH_VERB_BEFORE.search(before)) is not None:
            found = named(before, verb.start())  # 外交部长王毅表示：“…”, 王毅外长指出，“…”, 王外长说：“…”
        elif (topic := _JA_TOPIC_BEFORE.search(before)) is not None and _JA_VERB_AFTER.match(after):
            found = named(before, topic.start())  # 岸田文雄首相は「…」と述べた, 岸田首相は「…」
        if found is not None:
            offset = lo
        elif (told := _ZH_AFTER.match(after)) is not None:
            found = named(after, told.end(1))  # “…”，外交部长王毅说。
            if found is not None and found[0] < told.start(1):
                found = None
            offset = after_at
        if found is None:
            continue
        start, end, person = found
        mention = SpeakerMention(name=person.name, start=offset + start, end=offset + end, id=person.id)
        out[i] = replace(q, speaker=mention)
    return out
