"""`quotetrace embed`: compute the vectors stored quotes lack, then rebuild the vector index file.

Embedding is far slower than import (a few hundred quotes a second against tens of thousands), so it
runs beside import, not in it. It commits every batch: stopped at any point, it goes on from where it
was, and a quote whose vector is of another model (or none) is what it computes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from multiprocessing import get_context

import numpy as np
from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session

from service.models import Quote, QuoteVector
from service.search import titles, vectors

# Quotes committed together: small enough that a stop loses seconds of work, large enough that
# commits cost nothing next to the model.
BATCH = 256


def _missing():
    return (
        select(Quote.id, Quote.text)
        .outerjoin(QuoteVector, and_(QuoteVector.quote_id == Quote.id, QuoteVector.model == vectors.MODEL))
        .where(QuoteVector.id.is_(None))
    )


def count_missing(session: Session) -> int:
    """How many stored quotes have no vector of the current model."""
    return session.scalar(select(func.count()).select_from(_missing().subquery())) or 0


def _batches(engine: Engine, batch: int) -> Iterator[list[tuple[int, str]]]:
    after = 0
    while True:
        with Session(engine) as session:
            rows = session.execute(_missing().where(Quote.id > after).order_by(Quote.id).limit(batch)).all()
        if not rows:
            return
        after = rows[-1][0]
        yield [(r[0], r[1]) for r in rows]


def _embed_batch(batch: list[tuple[int, str]]) -> tuple[list[int], np.ndarray]:
    return [q for q, _ in batch], vectors.embed([t for _, t in batch])


def embed_missing(
    engine: Engine, *, jobs: int = 1, batch: int = BATCH, progress: Callable[[int], None] | None = None
) -> int:
    """Embed every quote lacking a vector of the current model, ``jobs`` processes computing; how many."""
    done = 0

    def store(ids: list[int], matrix: np.ndarray) -> None:
        nonlocal done
        with Session(engine) as session, session.begin():
            vectors.store_vectors(session, ids, matrix)
        done += len(ids)
        if progress:
            progress(len(ids))

    if jobs <= 1:
        for chunk in _batches(engine, batch):
            store(*_embed_batch(chunk))
        return done
    # Processes, not threads: the model's numpy code holds the GIL between its matrix products.
    with get_context("spawn").Pool(jobs) as pool:
        for ids, matrix in pool.imap(_embed_batch, _batches(engine, batch)):
            store(ids, matrix)
    return done


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
