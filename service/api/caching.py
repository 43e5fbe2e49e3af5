"""HTTP caching of verifications: an ETag that changes exactly when what verification reads does.

The ETag is the database's index generation (``index_generation``, bumped by triggers on every
write to quotes, speakers and sources) and the code's version: one one-row read, the same in every
gunicorn worker, and a request whose ``If-None-Match`` still holds gets a 304 without verifying.
"""

from __future__ import annotations

from datetime import date
from importlib.metadata import PackageNotFoundError, version

from flask import Response, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.models import IndexGeneration

# Every reuse is revalidated: a 304 costs one one-row read and no verification, and an answer is
# never older than the index. ``public``: the answer is the same whoever asks (and whatever key).
CACHE_CONTROL = "public, no-cache"

try:
    _CODE = version("quotetrace")
except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
    _CODE = "dev"


def index_etag(session: Session, *, dated: bool = False) -> str:
    """The weak ETag of every verification against the index as it is now (and today, if ``dated``).

    Weak: a gzip and a plain answer are the same verification, and flask-compress leaves weak
    validators alone (it would rename a strong one per encoding).
    """
    row = session.execute(select(IndexGeneration.epoch, IndexGeneration.value)).first()
    epoch, generation = row if row else ("empty", 0)
    day = f".{date.today().isoformat()}" if dated else ""
    return f'W/"{epoch}.{generation}.{_CODE}{day}"'


def not_modified(etag: str) -> Response | None:
    """A 304 when the request's ``If-None-Match`` holds ``etag``, else None."""
    if not request.if_none_match.contains_weak(etag.removeprefix("W/").strip('"')):
        return None
    return cacheable(Response(status=304), etag)


def cacheable(response: Response, etag: str) -> Response:
    """``response`` with its validator and caching policy."""
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = CACHE_CONTROL
    # flask-cors adds no Vary: Origin when one origin is configured; a shared cache needs it to keep
    # the copy with that origin's Access-Control-Allow-Origin apart from the copy without.
    response.vary.add("Origin")
    response.vary.add("Accept")  # JSON, or ClaimReview JSON-LD

    return response
