"""API keys: made once and shown once, stored as a hash, checked on every write."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.models import ApiKey, utcnow

KEY_PREFIX = "qt_"


class ApiKeyError(Exception):
    """A key operation that cannot be done (duplicate name, unknown name)."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, name: str) -> str:
    """Store a new key under ``name`` and return it: the only time it is ever shown."""
    if session.scalar(select(ApiKey).where(ApiKey.name == name)) is not None:
        raise ApiKeyError(f"a key named {name!r} exists already")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=_hash(key)))
    session.flush()
    return key


def revoke_key(session: Session, name: str) -> None:
    """Revoke the key named ``name``: requests with it are refused from now on."""
    row = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if row is None:
        raise ApiKeyError(f"no key named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()


def check_key(session: Session, key: str) -> ApiKey | None:
    """The live key matching ``key``, or None."""
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _hash(key)))
    return row if row is not None and row.revoked_at is None else None
