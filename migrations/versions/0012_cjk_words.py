"""Chinese and Japanese quotes indexed again by their characters, and kana's voicing marks kept.

matching.text read a run of ideographs and kana as one word, so a Chinese or Japanese quote was found
only by a claim of its whole sentence, word for word, and a claim in either language was too short to
be matched by meaning; and folding took the voicing marks off kana ("パ", "バ" and "ハ" were one letter).
Each ideograph and kana is now a word of its own (matching.text.CJK) and the marks are kept: the postings
of every quote holding such a character are written again, and the speakers' surname keys read again
(a name in kana may change key). Only rows that change are written; the index generation is bumped, so
no browser keeps an answer read from the old postings.

Revision ID: 0012_cjk_words
Revises: 0011_quote_rerank_vectors
Create Date: 2026-12-08 04:00:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from service.matching.names import surname_key
from service.matching.text import CJK, KANA_VOICING, fold_word, straighten
from service.search import add_to_index, plan, remove_from_index

revision = "0012_cjk_words"
down_revision = "0011_quote_rerank_vectors"
branch_labels = None
depends_on = None

_BATCH = 5_000
_HOLDS_CJK = re.compile(f"[{CJK}]")
# The words as matching.text read them before this revision: a run of ideographs and kana was one word.
_OLD_WORD = re.compile(
    r"(?:\[\w+\](?=\w))?\w+(?:(?:'|(?<=\d)[.,](?=\d)|-[ \t]*\r?\n[ \t]*)\w+|\[\w+\](?!\[))*"
)
_NO_VOICING = str.maketrans("", "", KANA_VOICING)


def _old_keys(text: str) -> list[int]:
    """The index keys a quote's text was given before this revision (its words, voicing marks folded)."""
    words = {f.translate(_NO_VOICING) for f in map(fold_word, _OLD_WORD.findall(straighten(text)))}
    return [plan.term_key(w) for w in words if w]


def upgrade() -> None:
    conn = op.get_bind()
    quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("text"))
    every_text = (
        sa.select(quotes.c.id, quotes.c.text).order_by(quotes.c.id).execution_options(yield_per=_BATCH)
    )
    held = [(qid, text) for qid, text in conn.execute(every_text) if _HOLDS_CJK.search(text)]
    session = Session(bind=conn)
    for i in range(0, len(held), _BATCH):
        batch = held[i : i + _BATCH]
        remove_from_index(session, batch, keys_of=_old_keys)
        add_to_index(session, batch)
    session.close()

    speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name"), sa.column("surname_key"))
    update = (
        sa.update(speakers)
        .where(speakers.c.id == sa.bindparam("sid"))
        .values(surname_key=sa.bindparam("key"))
    )
    changed = [
        {"sid": sid, "key": new}
        for sid, name, key in conn.execute(sa.select(speakers.c.id, speakers.c.name, speakers.c.surname_key))
        if (new := surname_key(name)) != key
    ]
    for i in range(0, len(changed), _BATCH):
        conn.execute(update, changed[i : i + _BATCH])
    if held:
        conn.execute(sa.text("UPDATE index_generation SET value = value + 1"))


def downgrade() -> None:
    # The old reading found a Chinese or Japanese quote only by its whole sentence; nothing to restore.
    pass
