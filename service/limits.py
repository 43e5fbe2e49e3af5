"""Rate limits with Flask-Limiter: one budget per API key, or per client address for requests without one.

Every request (the API and the page) spends from one budget a minute (an application-wide limit, not
one per endpoint), and the heavy ones spend by their size: a batch one hit a claim, a draft one hit a
started ``CHECK_CHARACTERS_PER_HIT``. The budget is ``QUOTETRACE_RATE_LIMIT`` in Flask-Limiter's
notation; a key's scope may have its own (``QUOTETRACE_RATE_LIMIT_VERIFY``/``_WRITE``/``_ADMIN``).
Counts live in Redis when ``REDIS_URL`` is set (every worker and machine share them), else in the
worker's memory. Every limited response carries ``RateLimit-Limit``, ``RateLimit-Remaining`` and
``RateLimit-Reset`` (seconds until the window resets, as the IETF RateLimit header draft has it); a
refused one is 429 problem+json with ``Retry-After``. The probes and static files are never limited.
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, Response, current_app, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.constants import HeaderNames
from flask_limiter.errors import RateLimitExceeded
from limits.errors import ConfigurationError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from service.api.auth import OPEN_ENDPOINTS, current_key
from service.api.schemas import MAX_BATCH, MAX_DRAFT
from service.config import SettingError, check_rate_limit
from service.errors import problem
from service.keys import LiveKey
from service.models import KEY_SCOPES

log = logging.getLogger(__name__)

# Issue 12's example, and what a person at the page or a CMS proxying its readers stays well under.
DEFAULT_RATE_LIMIT = "120 per minute"
# The environment variable behind each setting, for errors that name what to fix.
VARIABLES = {
    "RATE_LIMIT": "QUOTETRACE_RATE_LIMIT",
    **{f"RATE_LIMIT_{scope.upper()}": f"QUOTETRACE_RATE_LIMIT_{scope.upper()}" for scope in KEY_SCOPES},
    "TRUSTED_PROXIES": "QUOTETRACE_TRUSTED_PROXIES",
}
# A check spends one hit per started 10,000 characters of draft. From issue 12's targets, a check of
# the largest draft (200,000 characters, <= 3 s) is about the work of 20-30 batch claims (<= 0.1 s
# each), so the largest draft costs 20 hits, like a batch of 20 claims; a news article (2,000-8,000
# characters, the seed is 2,673) costs 1, like one verification.
CHECK_CHARACTERS_PER_HIT = 10_000
# The operations whose work grows with their body, and what one request of each costs.
BATCH_ENDPOINT = "verify.VerifyBatch"
CHECK_ENDPOINT = "verify.Check"
PAGE_CHECK_ENDPOINT = "web.check_draft"  # the page's Check a draft form (field ``draft``)
# Flask-Limiter sets its Retry-After on every response; under this name it is moved to Retry-After on
# a 429 only, so a 503's own Retry-After (the database is away) stands and a 200 carries none.
_LIMITER_RETRY_AFTER = "X-Quotetrace-RateLimit-Retry-After"
HEADERS = {
    HeaderNames.LIMIT: "RateLimit-Limit",
    HeaderNames.REMAINING: "RateLimit-Remaining",
    HeaderNames.RESET: "RateLimit-Reset",
    HeaderNames.RETRY_AFTER: _LIMITER_RETRY_AFTER,
}
# Seconds a Redis call may take before the request goes on unlimited (and the failure is logged):
# counting must never be what makes the service unavailable.
REDIS_TIMEOUT = 1.0


def settings(config) -> dict[str, str | None]:
    """The limits from ``config`` (``RATE_LIMIT``, ``RATE_LIMIT_<SCOPE>``), each checked (SettingError)."""
    found = {"RATE_LIMIT": config.get("RATE_LIMIT") or DEFAULT_RATE_LIMIT}
    for scope in KEY_SCOPES:
        found[f"RATE_LIMIT_{scope.upper()}"] = config.get(f"RATE_LIMIT_{scope.upper()}") or None
    for name, value in found.items():
        if value is not None:
            check_rate_limit(VARIABLES[name], value)
    proxies = config.get("TRUSTED_PROXIES") or 0
    if not str(proxies).isdigit():
        raise SettingError(VARIABLES["TRUSTED_PROXIES"], str(proxies), "the number of proxies in front (1)")
    return found


def _live_key() -> LiveKey | None:
    """The request's live key; None when it has none, or when the database cannot say just now."""
    try:
        return current_key()
    except SQLAlchemyError:  # the database is away: the view's own query answers 503
        return None


def client_identity() -> str:
    """Whose budget a request spends: its live key's, or (no key, or not a live one) its address's."""
    key = _live_key()
    if key is not None:
        return f"key:{key.id}"
    return f"addr:{request.remote_addr or 'unknown'}"


def limit_for_request() -> str:
    """The limit of this request's budget: its key's scope's own, or the default."""
    limits = current_app.extensions["quotetrace.rate_limits"]
    key = _live_key()
    scoped = limits.get(f"RATE_LIMIT_{key.scope.upper()}") if key is not None else None
    return scoped or limits["RATE_LIMIT"]


def cost_of_request() -> int:
    """Hits this request spends: 1, a batch's number of claims, a check's started 10,000 characters."""
    if request.method != "POST":
        return 1
    if request.endpoint == PAGE_CHECK_ENDPOINT:
        return _draft_cost(request.form.get("draft"))
    if request.endpoint not in (BATCH_ENDPOINT, CHECK_ENDPOINT):
        return 1
    try:
        body = request.get_json(silent=True)
    except (HTTPException, RecursionError):  # too large, or nested too deep: refused before any work
        return 1
    if not isinstance(body, dict):
        return 1  # refused as unreadable before any work is done
    if request.endpoint == BATCH_ENDPOINT:
        claims = body.get("claims")
        return max(1, min(len(claims), MAX_BATCH)) if isinstance(claims, list) else 1
    return _draft_cost(body.get("text"))


def _draft_cost(text) -> int:
    if not isinstance(text, str):
        return 1
    return max(1, math.ceil(min(len(text), MAX_DRAFT) / CHECK_CHARACTERS_PER_HIT))


def _exempt() -> bool:
    """The load balancers' probes, static files, the API's documents and CORS preflights are never limited."""
    return request.endpoint in OPEN_ENDPOINTS or request.method == "OPTIONS"


def _too_many(exc: RateLimitExceeded) -> Response:
    """429 problem+json: which budget, its limit, what this request cost, and when to come back."""
    limiter: Limiter = current_app.extensions["quotetrace.limiter"]
    breached = limiter.current_limit
    retry_after = max(1, math.ceil(breached.reset_at - time.time())) if breached else 1
    item = exc.limit.limit
    key = _live_key()
    whose = f"the key '{key.name}'" if key is not None else f"the address {request.remote_addr}"
    cost = cost_of_request()
    if cost > item.amount:
        detail = (
            f"This request costs {cost} requests ({_cost_reason()}), more than the limit for {whose} "
            f"allows at all ({item}): send it in smaller parts."
        )
    else:
        detail = (
            f"Too many requests for {whose}: the limit is {item}"
            + (f", and this request counts as {cost} ({_cost_reason()})" if cost > 1 else "")
            + f". Retry after {retry_after} s."
        )
    return problem(429, detail, retry_after=retry_after)


def _cost_reason() -> str:
    if request.endpoint == BATCH_ENDPOINT:
        return "one per claim"
    return f"one per started {CHECK_CHARACTERS_PER_HIT:,} characters of draft"  # the API's or the page's


def _limit_headers(response: Response) -> Response:
    """RateLimit-Reset in seconds from now; Flask-Limiter's Retry-After kept for 429s (set by _too_many)."""
    response.headers.pop(_LIMITER_RETRY_AFTER, None)
    reset = response.headers.get("RateLimit-Reset")
    if reset is not None and reset.isdigit():
        response.headers["RateLimit-Reset"] = str(max(0, int(reset) - int(time.time())))
    return response


def init_app(app: Flask) -> Limiter:
    """Limit every request but the exempt ones; raise SettingError for a limit that cannot be read."""
    app.extensions["quotetrace.rate_limits"] = settings(app.config)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Only then is X-Forwarded-For believed: its last ``proxies`` hops are ours, and name the client.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)
    redis_url = app.config.get("REDIS_URL")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "quotetrace")  # Flask-Limiter reads it from the config
    # Registered before the limiter's own after_request, so it runs after it (Flask runs them in reverse).
    app.after_request(_limit_headers)
    try:
        limiter = _limiter(app, redis_url)
    except ConfigurationError as exc:
        raise SettingError(
            "REDIS_URL",
            redis_url or "",
            "a redis:// or rediss:// URL, with the redis client installed: pip install 'quotetrace[redis]'"
            f" ({exc})",
        ) from None
    limiter.request_filter(_exempt)
    app.register_error_handler(RateLimitExceeded, _too_many)
    app.extensions["quotetrace.limiter"] = limiter
    return limiter


def _limiter(app: Flask, redis_url: str | None) -> Limiter:
    return Limiter(
        client_identity,
        app=app,
        application_limits=[ApplicationLimit(limit_provider=limit_for_request, cost=cost_of_request)],
        headers_enabled=True,
        header_name_mapping=HEADERS,
        storage_uri=redis_url or "memory://",
        storage_options=(
            {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT} if redis_url else {}
        ),
        # A moving window: no double burst at a window's edge, and a refused request spends nothing.
        strategy="moving-window",
        # Redis away: serve unlimited and log it, rather than fail every request.
        swallow_errors=True,
    )
