"""API keys: made once and shown once, stored as a hash, each with a scope; checked where one is needed.

A key is ``qt_`` and 32 random bytes (256 bits). It is stored only as its SHA-256, and a request's key is
found by the hash of what it sent: an index lookup whose timing depends on the hash, which tells an
attacker nothing about any stored key (to learn a key from it they would have to invert SHA-256). The
hash found is then compared once more with ``hmac.compare_digest``, so no comparison of secrets in this
code takes a time that depends on where they differ. A salted slow hash (bcrypt, argon2) protects
low-entropy passwords; a 256-bit random key gains nothing from one, and would cost every request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from service.models import KEY_SCOPES, ApiKey, Quote, Source, utcnow

KEY_PREFIX = "qt_"
DEFAULT_SCOPE = "write"
# A key's last use is written at most once a minute: enough to tell a live key from a forgotten one,
# and a key making many requests a second costs one UPDATE a minute, not one a request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyError(Exception):
    """A key operation that cannot be done (duplicate name, unknown name, unknown scope)."""


@dataclass(frozen=True)
class LiveKey:
    """What a request learns about the key it carried: who holds it and what it may do."""

    id: int
    name: str
    scope: str

    def allows(self, scope: str) -> bool:
        """True when this key's scope is ``scope`` or one that implies it (admin > write > verify)."""
        return allows(self.scope, scope)


def allows(held: str, needed: str) -> bool:
    """Whether a key of scope ``held`` may do what needs ``needed``: each scope implies those before it."""
    return KEY_SCOPES.index(held) >= KEY_SCOPES.index(needed)


def implied_scopes(scope: str) -> tuple[str, ...]:
    """Every scope a key of ``scope`` holds: ``write`` → (verify, write)."""
    return KEY_SCOPES[: KEY_SCOPES.index(scope) + 1]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, name: str, *, scope: str = DEFAULT_SCOPE) -> str:
    """Store a new key under ``name`` with ``scope`` and return it: the only time it is ever shown."""
    if scope not in KEY_SCOPES:
        raise ApiKeyError(f"unknown scope {scope!r}: choose one of {', '.join(KEY_SCOPES)}")
    if session.scalar(select(ApiKey).where(ApiKey.name == name)) is not None:
        raise ApiKeyError(f"a key named {name!r} exists already")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=_hash(key), scope=scope))
    session.flush()
    return key


def revoke_key(session: Session, name: str) -> None:
    """Revoke the key named ``name``: requests with it are refused from now on."""
    row = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if row is None:
        raise ApiKeyError(f"no key named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()


def list_keys(session: Session) -> list[ApiKey]:
    """Every key ever made, oldest first, revoked ones included (their hashes are never shown)."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def written_by(session: Session) -> dict[int, tuple[int, int]]:
    """For each key that stored anything, how many of the quotes and sources now stored it wrote."""
    counts: dict[int, list[int]] = {}
    for column, model in enumerate((Quote, Source)):
        rows = session.execute(
            select(model.created_by_key_id, func.count())
            .where(model.created_by_key_id.is_not(None))
            .group_by(model.created_by_key_id)
        )
        for key_id, n in rows:
            counts.setdefault(key_id, [0, 0])[column] = n
    return {key_id: (quotes, sources) for key_id, (quotes, sources) in counts.items()}


def check_key(session: Session, key: str, *, now: datetime | None = None) -> LiveKey | None:
    """The live key matching ``key``, or None; its last use is recorded (at most once a minute)."""
    digest = _hash(key)
    row = session.execute(
        select(ApiKey.id, ApiKey.name, ApiKey.scope, ApiKey.key_hash, ApiKey.last_used_at).where(
            ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None)
        )
    ).first()
    if row is None or not hmac.compare_digest(row.key_hash, digest):
        return None
    now = now or utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        # Conditional, so two workers seeing the same stale time write it once.
        session.execute(
            update(ApiKey)
            .where(ApiKey.id == row.id)
            .where(or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at <= now - LAST_USED_RESOLUTION))
            .values(last_used_at=now)
        )
    return LiveKey(id=row.id, name=row.name, scope=row.scope)
