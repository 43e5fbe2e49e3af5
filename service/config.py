"""Settings: defaults in code, deployment settings from the environment, tests pass a dict."""

from __future__ import annotations

import os
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("QUOTETRACE_INSTANCE", Path.cwd() / "instance"))


def default_database_url() -> str:
    """The embedded default: a SQLite file under ``instance/``."""
    return f"sqlite:///{INSTANCE_DIR / 'quotetrace.db'}"


def database_url() -> str:
    """``DATABASE_URL`` from the environment, normalised to a driver SQLAlchemy has here."""
    url = os.environ.get("DATABASE_URL") or default_database_url()
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Map plain ``postgres://``/``postgresql://`` URLs onto psycopg 3, which is the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment() -> dict:
    """The configuration a deployed app reads at start-up."""
    return {
        "DATABASE_URL": database_url(),
        # Claims are at most 5,000 characters and drafts 200,000; anything far above that is not a request.
        "MAX_CONTENT_LENGTH": int(os.environ.get("QUOTETRACE_MAX_BODY", 2 * 1024 * 1024)),
        # Seconds a request may run before it is stopped with a 503 (service.deadline); 0: never. Below
        # gunicorn's 30 s timeout, so the service answers before gunicorn would kill the worker.
        "REQUEST_DEADLINE": float(os.environ.get("QUOTETRACE_REQUEST_DEADLINE", 20)),
        "API_TITLE": "quotetrace",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "v1/openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": os.environ.get("QUOTETRACE_SWAGGER_UI_URL", "/api/docs/static/"),
        "PROPAGATE_EXCEPTIONS": False,
        # Fetching pages on this machine's own loopback addresses: for tests, never in production.
        "FETCH_ALLOW_LOOPBACK": os.environ.get("QUOTETRACE_FETCH_ALLOW_LOOPBACK") == "1",
        # Who publishes the page's ClaimReview markup (its ``author``): the newsroom running quotetrace.
        "CLAIMREVIEW_AUTHOR_NAME": os.environ.get("QUOTETRACE_PUBLISHER", "quotetrace"),
        "CLAIMREVIEW_AUTHOR_URL": os.environ.get("QUOTETRACE_PUBLISHER_URL") or None,
        # A newsroom's private deployment: reads, verification and the page need a 'verify' key too.
        "REQUIRE_KEYS": os.environ.get("QUOTETRACE_REQUIRE_KEYS") == "1",
        # Web pages allowed to call the API from a browser (CORS); the extension needs none of this.
        "CORS_ORIGINS": cors_origins(),
    }


def cors_origins() -> list[str]:
    """``QUOTETRACE_CORS_ORIGINS``: comma-separated origins (``https://cms.example``), or ``*``."""
    raw = os.environ.get("QUOTETRACE_CORS_ORIGINS", "")
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]
