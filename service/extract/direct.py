"""Direct quotations: the attribution chosen for each quotation span, then shared along sentences,
paragraph chains, transcripts and continuations."""

from __future__ import annotations

import re

from .attribution import (
    AFTER_WINDOW_CHARS,
    LEADING_PUNCT,
    Attribution,
    attribution_after,
    attribution_before,
    name_colon,
)
from .candidates import speaker_from
from .context import (
    according_to_tail,
    continued_speaker,
    dash_next_paragraph,
    headline_speaker,
    introduced_by_colon,
    named_subject,
    possessive_source,
    sentence_tail,
    transcript_labels,
)
from .document import Doc, blank_between
from .lexicon import (
    SPEECH_NOUNS,
)
from .model import DIRECT, ExtractedQuote
from .quotation import bylined, is_quotation, resumes_after_attribution, single_quoted_paragraph
from .quotes import QuoteSpan
from .ranker import choose_speakers

# Between a bylined title and an excerpt of the piece: '," by Times’ Ben Sisario: “'.
_EXCERPT_GAP = re.compile('["\'’”]*,?[ \t]+(?:by|oleh|karya)[ \t]+[^:\n\u2591"“”]{1,80}:[ \t]*')


# A transcript's stage direction, bracketed: '(CROSSTALK.)', '[Applause]', '(inaudible)'. A short one in
# any case, or a longer one in capitals ('(BEGIN VIDEO CLIP.)'); words inside brackets are not speech.
_STAGE_DIRECTION = re.compile(r"[(\[](?:[A-Za-z]+[.,]?(?: [A-Za-z]+[.,]?){0,2}|[A-Z][A-Z .,'’-]*)[)\]][.,]?")


def direct_quotations(doc: Doc, spans: list[QuoteSpan]) -> list[ExtractedQuote]:
    attributions: list[Attribution | None] = []
    # What a possessor's claim displaced, which the sentence's later quotations still share: in 'Fitton
    # called Clinton's “claim of right” “significant and disturbing”' the second quotation is Fitton's.
    displaced: dict[int, Attribution | None] = {}
    for i, span in enumerate(spans):
        sent_start, sent_end = doc.sentence(span.open)
        next_open = spans[i + 1].open if i + 1 < len(spans) else len(doc.text)
        close_end = span.close + 1 if span.close is not None else span.end
        # Bounded, so that a run of marks and spaces is not read again for every quotation in it.
        lead = LEADING_PUNCT.match(doc.masked, close_end, close_end + AFTER_WINDOW_CHARS)
        after = None
        ends_sentence = False
        if lead.end() < len(doc.text) and "\n" not in lead.group():
            # The attribution may sit in what the splitter took for a new sentence: '?” Clinton asked.'
            tail_end = doc.sentence(lead.end())[1]
            after_hi = min(tail_end, next_open)
            ends_sentence = doc.text[span.end - 1] in ".?!"
            # '… “unhinged.” Sen. Rubio called the statement “…”' names the next speaker, not this one; but
            # a lowercase word goes on with the same sentence: '“Is he running?” asked Mr. Manafort, …
            # what he calls the “crooked” process.'
            continues = doc.masked[lead.end() : lead.end() + 1].islower()
            if not (ends_sentence and next_open < tail_end) or continues:
                after = attribution_after(doc, span, after_hi)
        prev_close = -1
        if i > 0:
            prev = spans[i - 1]
            prev_close = (prev.close + 1) if prev.close is not None else prev.end
        lo = max(sent_start, prev_close)
        before = attribution_before(doc, lo, span.open, sent_start) or name_colon(doc, lo, span.open)
        if before is None and after is None:
            before = introduced_by_colon(doc, span, prev_close)
        if (before is None or before.speaker is None) and (after is None or after.speaker is None):
            after = dash_next_paragraph(doc, span) or sentence_tail(doc, span, close_end, sent_end) or after
        if after is not None and after.speaker is not None and not (ends_sentence and before is not None):
            attributions.append(after)
        elif before is not None and (before.speaker is not None or after is None):
            attributions.append(before)
        else:
            attributions.append(after)
        outlet = according_to_tail(doc, close_end, sent_end)
        if outlet is not None:
            attributions[-1] = outlet
        chosen = attributions[-1]
        if chosen is None or chosen.speaker is None or chosen.weak or chosen is before:
            owner = possessive_source(doc, lo, span)
            # 'said that Ginsburg’s comments “shows bias”': the quotation judges the comments, it is the
            # speech verb's subject who says it.
            last_word = doc.masked[owner.end : span.open].split()[-1:] if owner is not None else []
            judged = chosen is before and bool(last_word) and last_word[0].lower() in SPEECH_NOUNS
            if (
                owner is not None
                and not judged
                and (
                    chosen is None
                    or chosen.speaker is None
                    or chosen.weak
                    or chosen.speaker.start < owner.start
                )
            ):
                displaced[i] = chosen
                attributions[-1] = Attribution(owner, None)

    keep = [is_quotation(doc, s, a) for s, a in zip(spans, attributions, strict=True)]
    # '“It’s taxing on resources,” O’Donnell said. “Big time.”': words that follow a quotation and the
    # sentence attributing it, in the same paragraph, go on with the same speech however short they are.
    for i in range(1, len(spans)):
        if (
            not keep[i]
            and keep[i - 1]
            and resumes_after_attribution(doc, spans[i - 1], spans[i], attributions[i - 1])
        ):
            keep[i] = True
    # A newsletter quotes a piece after its title and byline ('“Met accused of …,” by Post’s Jane Doe: “A
    # Manhattan man is suing …”'): the excerpt is the outlet's text, not anyone's speech.
    for i in range(1, len(spans)):
        prev = spans[i - 1]
        if keep[i] and prev.close is not None and bylined(doc, prev):
            gap = doc.masked[prev.close + 1 : spans[i].open]
            keep[i] = not _EXCERPT_GAP.fullmatch(gap)
    # Where speech takes double marks, a paragraph of nothing but single-quoted words is a subheading made
    # of a phrase from the story ("\n\n'A fight from start to finish.'\n\n"), not a quotation of its own.
    if any(not s.single for s in spans):
        keep = [k and not single_quoted_paragraph(doc, s) for s, k in zip(spans, keep, strict=True)]
    # A headline names its speaker in its own way: 'Paul Ryan: … ‘…’', 'Glenn Beck Says …', '…, Noah Says.'
    headline: Attribution | None = None
    headline_read = False
    for i, span in enumerate(spans):
        att = attributions[i]
        if doc.paragraph_index(span.open) != 0 or att is not None and att.speaker and not att.weak:
            continue
        if not headline_read:  # read once: the headline is the same for every quotation in it
            headline, headline_read = headline_speaker(doc), True
        if headline is not None:
            attributions[i] = headline
    for i, span in enumerate(spans):
        # 'Reid said that Sanders has energized “a lot of people” who “are rabidly involved …”': a later
        # quotation in the sentence of an attributed one is left to share its speaker (below).
        shares = (
            i > 0
            and attributions[i - 1] is not None
            and attributions[i - 1].speaker is not None
            and doc.sentence_index(span.open) == doc.sentence_index(spans[i - 1].open)
        )
        if keep[i] and attributions[i] is None and not shares:
            subject = named_subject(doc, span)
            if subject is not None:
                attributions[i] = Attribution(speaker_from(doc, subject), None, weak=True)
    # A later quotation in the same sentence shares its speaker, even when the first one was a scare quote:
    # 'Bolton thought some of the “Neocons” buzz was … a tribute to “the consummate political skills …”'.
    for i in range(1, len(spans)):
        att, prev = attributions[i], displaced.get(i - 1, attributions[i - 1])
        if (
            (att is None or att.speaker is None)
            and prev is not None
            and prev.speaker is not None
            and doc.sentence_index(spans[i].open) == doc.sentence_index(spans[i - 1].open)
        ):
            attributions[i] = prev
    # Paragraph chains share a speaker both ways; an unattributed quotation inherits from the one before it
    # in the same paragraph, or from the last one of the previous paragraph when it opens its paragraph.
    for i, span in enumerate(spans):
        j = span.continues_from
        if j is not None:
            keep[i] = keep[i] or keep[j]
            if attributions[i] is None or attributions[i].speaker is None:
                attributions[i] = attributions[j]
    for i in range(len(spans) - 1, -1, -1):
        j = spans[i].continues_from
        if (
            j is not None
            and attributions[i] is not None
            and (attributions[j] is None or attributions[j].speaker is None)
        ):
            attributions[j] = attributions[i]
            keep[j] = True
    last: tuple[int, Attribution] | None = None
    for i, span in enumerate(spans):
        if not keep[i]:
            continue
        att = attributions[i]
        if att is None and last is not None:
            para, prev_att = last
            here = doc.paragraph_index(span.open)
            opens_paragraph = blank_between(doc.masked, doc.paragraphs[here], span.open)
            if para == here or (para == here - 1 and opens_paragraph):
                attributions[i] = prev_att
        if attributions[i] is not None and attributions[i].speaker is not None:
            last = (doc.paragraph_index(span.open), attributions[i])
    # A transcript ('PENCE: …', 'MR. TRUMP: …', 'Lopez: …'): the labelled person says the paragraph.
    labels = transcript_labels(doc)
    for i, span in enumerate(spans):
        label = labels.get(doc.paragraph_index(span.open))
        att = attributions[i]
        if (
            keep[i]
            and label is not None
            and (
                att is None or att.speaker is None or att.weak or label.start <= att.speaker.start < label.end
            )
        ):
            attributions[i] = Attribution(label, None, anchored=True)
    # News convention: a quotation nobody claims continues the person the story was just quoting or
    # talking about, in the sentences before it (or the previous paragraph, when it opens its own).
    for i, span in enumerate(spans):
        if keep[i] and (attributions[i] is None or attributions[i].speaker is None):
            speaker = continued_speaker(doc, span)
            if speaker is not None:
                cue = attributions[i].cue if attributions[i] is not None else None
                attributions[i] = Attribution(speaker, cue, weak=True)
    attributions = choose_speakers(doc, spans, attributions, keep)
    out = []
    for span, att, kept in zip(spans, attributions, keep, strict=True):
        if not kept or _STAGE_DIRECTION.fullmatch(doc.text, span.start, span.end):
            continue
        out.append(
            ExtractedQuote(
                doc.text[span.start : span.end],
                span.start,
                span.end,
                DIRECT,
                att.speaker if att else None,
                att.cue if att else None,
                att.addressee if att else None,
            )
        )
    return out
