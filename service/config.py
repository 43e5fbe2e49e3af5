"""Settings: defaults in code, deployment settings from the environment, tests pass a dict."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from sqlalchemy.engine import make_url

INSTANCE_DIR = Path(os.environ.get("QUOTETRACE_INSTANCE", Path.cwd() / "instance"))


def default_database_url() -> str:
    """The embedded default: a SQLite file under ``instance/``."""
    return f"sqlite:///{INSTANCE_DIR / 'quotetrace.db'}"


class SettingError(ValueError):
    """A deployment setting the service cannot use: says which variable, what it holds and what it accepts.

    The command line and gunicorn's boot print it and exit 2 (a usage error), never a traceback.
    """

    def __init__(self, variable: str, value: str, accepts: str) -> None:
        super().__init__(f"{variable}={value!r} is not a valid setting: {variable} takes {accepts}.")
        self.variable = variable


def integer_setting(variable: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    """The whole number in ``variable`` (``default`` when unset or empty), within its range."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    top = f" and at most {maximum}" if maximum is not None else ""
    accepts = f"a whole number of at least {minimum}{top} (e.g. {default})"
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(variable, raw, accepts) from None
    if value < minimum or (maximum is not None and value > maximum):
        raise SettingError(variable, raw, accepts)
    return value


def number_setting(variable: str, default: float, *, minimum: float = 0) -> float:
    """The number (decimals allowed) in ``variable``, at least ``minimum``."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    accepts = f"a number of at least {minimum:g} (e.g. {default:g})"
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(variable, raw, accepts) from None
    if not value >= minimum or value == float("inf"):  # NaN too
        raise SettingError(variable, raw, accepts)
    return value


def flag_setting(variable: str) -> bool:
    """``1`` (on) or ``0``/unset (off); nothing else, so a typo cannot silently mean off."""
    raw = os.environ.get(variable, "").strip()
    if raw not in ("", "0", "1"):
        raise SettingError(variable, raw, "1 (on) or 0 (off)")
    return raw == "1"


def database_url() -> str:
    """``DATABASE_URL`` from the environment, normalised to a driver SQLAlchemy has here."""
    url = os.environ.get("DATABASE_URL") or default_database_url()
    try:
        make_url(url)
    except Exception:  # SQLAlchemy's ArgumentError, or a ValueError for a port that is not a number
        raise SettingError(
            "DATABASE_URL",
            url,
            "a database URL: sqlite:///path/to/file.db or postgresql://user:password@host:5432/name",
        ) from None
    url = normalise_url(url)
    if url.startswith("postgresql+psycopg") and importlib.util.find_spec("psycopg") is None:
        raise SettingError(
            "DATABASE_URL",
            make_url(url).render_as_string(hide_password=True),
            "a PostgreSQL URL only once psycopg is installed: pip install 'quotetrace[postgres]'",
        )
    return url


RATE_LIMIT_NOTATION = (
    "a rate limit in Flask-Limiter's notation, e.g. '120 per minute', '10/second', or several separated "
    "by ';' ('10/second;1000/day')"
)


def rate_limit_setting(variable: str) -> str | None:
    """The rate limit in ``variable`` (None when unset: service.limits has the default), checked."""
    raw = os.environ.get(variable, "").strip()
    return check_rate_limit(variable, raw) if raw else None


def check_rate_limit(variable: str, value: str) -> str:
    """``value`` if it is a rate limit of at least one request; else SettingError naming ``variable``."""
    from limits import parse_many

    try:
        items = parse_many(value)
    except ValueError:
        items = []
    if not items or any(item.amount < 1 for item in items):
        raise SettingError(variable, value, RATE_LIMIT_NOTATION)
    return value


def normalise_url(url: str) -> str:
    """Map plain ``postgres://``/``postgresql://`` URLs onto psycopg 3, which is the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment() -> dict:
    """The configuration a deployed app reads at start-up; SettingError names a setting it cannot use."""
    return {
        "DATABASE_URL": database_url(),
        # Claims are at most 5,000 characters and drafts 200,000; anything far above that is not a request.
        "MAX_CONTENT_LENGTH": integer_setting("QUOTETRACE_MAX_BODY", 2 * 1024 * 1024, minimum=1),
        # Seconds a request may run before it is stopped with a 503 (service.deadline); 0: never. Below
        # gunicorn's 30 s timeout, so the service answers before gunicorn would kill the worker.
        "REQUEST_DEADLINE": number_setting("QUOTETRACE_REQUEST_DEADLINE", 20),
        # Read here so a bad value stops the boot; the gunicorn worker reads them itself (read_deadlines).
        **dict(zip(("HEADER_SECONDS", "BODY_SECONDS"), read_deadlines(), strict=True)),
        "API_TITLE": "quotetrace",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "v1/openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": os.environ.get("QUOTETRACE_SWAGGER_UI_URL", "/api/docs/static/"),
        "PROPAGATE_EXCEPTIONS": False,
        # Seconds of verification one /check draft gets (service.checking.VERIFY_SECONDS); 0: no limit.
        "CHECK_VERIFY_SECONDS": number_setting("QUOTETRACE_CHECK_SECONDS", 1.5),
        # Fetching pages on this machine's own loopback addresses: for tests, never in production.
        "FETCH_ALLOW_LOOPBACK": flag_setting("QUOTETRACE_FETCH_ALLOW_LOOPBACK"),
        # Who publishes the page's ClaimReview markup (its ``author``): the newsroom running quotetrace.
        "CLAIMREVIEW_AUTHOR_NAME": os.environ.get("QUOTETRACE_PUBLISHER", "quotetrace"),
        "CLAIMREVIEW_AUTHOR_URL": os.environ.get("QUOTETRACE_PUBLISHER_URL") or None,
        # A newsroom's private deployment: reads, verification and the page need a 'verify' key too.
        "REQUIRE_KEYS": flag_setting("QUOTETRACE_REQUIRE_KEYS"),
        # Rate limits (service.limits, which checks them): Flask-Limiter's notation; a scope may have its own.
        "RATE_LIMIT": rate_limit_setting("QUOTETRACE_RATE_LIMIT"),
        "RATE_LIMIT_VERIFY": rate_limit_setting("QUOTETRACE_RATE_LIMIT_VERIFY"),
        "RATE_LIMIT_WRITE": rate_limit_setting("QUOTETRACE_RATE_LIMIT_WRITE"),
        "RATE_LIMIT_ADMIN": rate_limit_setting("QUOTETRACE_RATE_LIMIT_ADMIN"),
        # Where the counts live: Redis (shared by every worker and machine), or each worker's memory.
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # Prefix of every count's Redis key: deployments (or test runs) sharing one Redis keep apart.
        "RATELIMIT_KEY_PREFIX": os.environ.get("QUOTETRACE_RATE_LIMIT_PREFIX", "quotetrace"),
        # Proxies in front of the service that set X-Forwarded-For; 0 believes no such header.
        "TRUSTED_PROXIES": integer_setting("QUOTETRACE_TRUSTED_PROXIES", 0, minimum=0, maximum=10),
        # Web pages allowed to call the API from a browser (CORS); the extension needs none of this.
        "CORS_ORIGINS": cors_origins(),
    }


def read_deadlines() -> tuple[float, float]:
    """Seconds a client may take to send its request line and headers, then its body
    (``QUOTETRACE_HEADER_SECONDS``, ``QUOTETRACE_BODY_SECONDS``; service.gunicorn_worker): past them it
    is cut off, so a slow client frees its thread. nginx's client_header_timeout is 60 s; 10 s is ample
    for headers on any link, and 30 s carries the largest body (2 MiB) at 70 KB/s."""
    return (
        number_setting("QUOTETRACE_HEADER_SECONDS", 10, minimum=0.1),
        number_setting("QUOTETRACE_BODY_SECONDS", 30, minimum=0.1),
    )


def cors_origins() -> list[str]:
    """``QUOTETRACE_CORS_ORIGINS``: comma-separated origins (``https://cms.example``), or ``*``."""
    raw = os.environ.get("QUOTETRACE_CORS_ORIGINS", "")
    origins = [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise SettingError(
                "QUOTETRACE_CORS_ORIGINS", raw, "origins separated by commas (https://cms.example,...) or *"
            )
    return origins
