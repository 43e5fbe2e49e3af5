"""Who said a quotation in Chinese or Japanese: a person the archive knows, named beside a speech verb.

Chinese names the speaker and a verb before the quotation (王毅表示：“…”, 王毅外长说，“…”) or after it
(“…”，王毅说。); Japanese names the speaker before it and puts the verb after (岸田文雄首相は「…」と述べた).
Neither spaces its names off, so only names the caller knows are read (KnownSpeaker: the archive's
speakers whose names the text holds, found by ``name_strings``); a name the archive does not hold is
left unread, a quotation without a speaker, never guessed from the characters before a verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
# A title may stand between a name and its verb (王毅外长表示, 岸田文雄首相は): at most this many characters.
MAX_TITLE_CHARS = 6
# Where a name is looked for: this many characters before an opening mark, after a closing one.
WINDOW = 24
_OPENING = '“「『"'
_CLOSING = '”」』"'
_CJK_RUN = re.compile(f"[{CJK}]+")


def name_strings(text: str, most: int) -> set[str]:
    """Runs of 2-4 Chinese or Japanese characters near quotation marks: what a speaker's name may be."""
    found: set[str] = set()
    for m in re.finditer(f"[{_OPENING}{_CLOSING}]", text):
        near = text[max(0, m.start() - WINDOW) : m.start()] + " " + text[m.end() : m.end() + WINDOW]
        for run in _CJK_RUN.findall(near):
            for i in range(len(run)):
                for j in range(i + 2, min(i + 4, len(run)) + 1):
                    found.add(run[i:j])
                    if len(found) >= most:
                        return found
    return found


def _cjk_names(known: Sequence[KnownSpeaker]) -> list[tuple[str, KnownSpeaker]]:
    """Each known speaker's names written in Chinese or Japanese characters, longest first."""
    names = [(n, k) for k in known for n in (k.name, *k.aliases) if n and re.fullmatch(f"[{CJK}]{{2,}}", n)]
    return sorted(names, key=lambda nk: -len(nk[0]))


def with_speakers(
    text: str, quotes: Iterable[ExtractedQuote], known: Sequence[KnownSpeaker]
) -> list[ExtractedQuote]:
    """``quotes`` with the speaker of each Chinese or Japanese quotation that has none, where a known
    person is named beside a speech verb."""
    names = _cjk_names(known)
    out = list(quotes)
    if not names:
        return out
    title = f"[{CJK}]{{0,{MAX_TITLE_CHARS}}}?"
    for i, q in enumerate(out):
        if q.kind != DIRECT or q.speaker is not None or not _CJK_RUN.search(q.text):
            continue
        before = text[max(0, q.start - 1 - WINDOW) : max(0, q.start - 1)]
        after_at = q.end + 1
        after = text[after_at : after_at + WINDOW]
        for name, person in names:
            n = re.escape(name)
            found = (
                # 王毅表示：“…”, 外交部长王毅说，“…”, 王毅外长指出：“…”
                re.search(f"({n}){title}(?:{_ZH_VERB})[：:，,]?\\s*$", before)
                # 岸田文雄首相は「…」と述べた
                or (
                    re.search(f"({n}){title}[はが]\\s*$", before)
                    if re.match(f"と(?:{_JA_VERB})", after)
                    else None
                )
            )
            if found:
                start = max(0, q.start - 1 - WINDOW) + found.start(1)
            else:
                # “…”，王毅说。 “…”外交部长王毅表示。
                found = re.match(f"\\s*[，,]?\\s*{title}({n}){title}(?:{_ZH_VERB})", after)
                start = after_at + found.start(1) if found else None
            if start is not None:
                mention = SpeakerMention(name=person.name, start=start, end=start + len(name), id=person.id)
                out[i] = replace(q, speaker=mention)
                break
    return out
