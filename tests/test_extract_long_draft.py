"""A long draft (5,000 words, 30 quotations between narrative paragraphs): every quotation is found,
with its words and its speaker. How fast that goes is measured by bench/extract_speed.py, never here."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes

FILLER = (
    "The committee met again on Tuesday to discuss the budget, and members of both parties spent the "
    "afternoon arguing over the details of the plan that the governor sent to the legislature last month. "
)
QUOTATIONS = 30


def long_draft(quotations: int = QUOTATIONS) -> str:
    """Five filler paragraphs before each attributed quotation; 5,000+ words for 30 quotations."""
    paragraphs = []
    for i in range(quotations):
        paragraphs.append(FILLER * 5)
        paragraphs.append(
            f"“This is statement number {i} and we stand by every word of it,” Senator Jane Roe{i} said."
        )
    return "\n\n".join(paragraphs)


def test_every_quotation_of_a_long_draft_is_found_with_its_speaker():
    text = long_draft()
    assert len(text.split()) >= 5000
    direct = [q for q in extract_quotes(text) if q.kind == DIRECT]
    assert [q.text.rstrip(",") for q in direct] == [  # the comma before the closing mark may go either way
        f"This is statement number {i} and we stand by every word of it" for i in range(QUOTATIONS)
    ]
    assert [q.speaker.name if q.speaker else None for q in direct] == [
        f"Jane Roe{i}" for i in range(QUOTATIONS)
    ]
    assert all(text[q.start : q.end] == q.text for q in direct)
