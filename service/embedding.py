"""`quotetrace embed`: compute the vectors stored quotes lack, then rebuild the vector index file.

Embedding is far slower than import (a few hundred quotes a second against tens of thousands), so it
runs beside import, not in it. It commits every batch: stopped at any point, it goes on from where it
was, and a quote whose vector is of another model (or none) is what it computes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing import get_context

import numpy as np
from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session

from service.models import Quote, QuoteRerankVector, QuoteVector
from service.search import rerank, titles, vectors

# Quotes committed together: small enough that a stop loses seconds of work, large enough that
# commits cost nothing next to the model.
BATCH = 256


@dataclass(frozen=True)
class _Kind:
    """One model's vectors: where they are kept, and how a batch of texts becomes them."""

    table: type
    model: str
    embed: Callable[[list[str]], np.ndarray]
    store: Callable[[Session, list[int], np.ndarray], None]


# The first model's (searched) before the second's (re-scoring the shortlist): verification needs the
# first to find anything by meaning, and it is twenty times faster.
KINDS = (
    _Kind(QuoteVector, vectors.MODEL, vectors.embed, vectors.store_vectors),
    _Kind(QuoteRerankVector, rerank.MODEL, rerank.embed_passages, rerank.store_vectors),
)


def _missing(kind: _Kind):
    table = kind.table
    return (
        select(Quote.id, Quote.text)
        .outerjoin(table, and_(table.quote_id == Quote.id, table.model == kind.model))
        .where(table.id.is_(None))
    )


def count_missing(session: Session) -> int:
    """How many vectors of the current models stored quotes lack (each quote needs one of each)."""
    return sum(session.scalar(select(func.count()).select_from(_missing(k).subquery())) or 0 for k in KINDS)


def _batches(engine: Engine, kind: _Kind, batch: int) -> Iterator[list[tuple[int, str]]]:
    after = 0
    while True:
        with Session(engine) as session:
            query = _missing(kind).where(Quote.id > after).order_by(Quote.id).limit(batch)
            rows = session.execute(query).all()
        if not rows:
            return
        after = rows[-1][0]
        yield [(r[0], r[1]) for r in rows]


def _embed_batch(which: int, batch: list[tuple[int, str]]) -> tuple[list[int], np.ndarray]:
    return [q for q, _ in batch], KINDS[which].embed([t for _, t in batch])


def embed_missing(
    engine: Engine, *, jobs: int = 1, batch: int = BATCH, progress: Callable[[int], None] | None = None
) -> int:
    """Compute every vector of the current models that a quote lacks, ``jobs`` processes computing; how
    many quotes were embedded (a quote lacking both models' vectors counts once)."""
    embedded: set[int] = set()
    for which, kind in enumerate(KINDS):

        def store(ids: list[int], matrix: np.ndarray, kind: _Kind = kind) -> None:
            with Session(engine) as session, session.begin():
                kind.store(session, ids, matrix)
            embedded.update(ids)
            if progress:
                progress(len(ids))

        if jobs <= 1:
            for chunk in _batches(engine, kind, batch):
                store(*_embed_batch(which, chunk))
            continue
        # Processes, not threads: the first model's numpy code holds the GIL between its matrix products.
        with get_context("spawn").Pool(jobs, rerank.use_threads, (rerank.EMBED_THREADS,)) as pool:
            for ids, matrix in pool.imap(partial(_embed_batch, which), _batches(engine, kind, batch)):
                store(ids, matrix)
    return len(embedded)


def embed_quotes(session: Session, quotes: list[tuple[int, str]]) -> None:
    """Both models' vectors of each ``(quote_id, text)``, in the caller's transaction: a quote written
    through the API is found and ranked by meaning by the next request of any worker."""
    for kind in KINDS:
        kind.store(session, [q for q, _ in quotes], kind.embed([t for _, t in quotes]))


def rebuild_index(engine: Engine, database_url: str) -> int:
    """Rewrite the vector index file from the stored vectors, and the source titles file; how many vectors."""
    path = vectors.index_path(database_url)
    with Session(engine) as session:
        held = vectors.build_index(session, path)
        titles.build_title_index(session, titles.title_path(path))
    return held


def index_files_exist(database_url: str) -> bool:
    """Whether ``rebuild_index`` has written both files for this database."""
    path = vectors.index_path(database_url)
    return path.exists() and titles.title_path(path).exists()
