"""What browsers need from the API: CORS for the configured origins, compressed responses.

CORS is flask-cors (it answers the preflight and sets ``Vary: Origin``); compression is
flask-compress, maintained and negotiating gzip, deflate, brotli and zstd from ``Accept-Encoding``.
Gunicorn compresses nothing itself, and a reverse proxy is not there under ``quotetrace serve``.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress
from flask_cors import CORS

# A browser may reuse a preflight answer this long (seconds): origins change with a redeploy only.
PREFLIGHT_MAX_AGE = 600


def init_app(app: Flask) -> None:
    """CORS on /api/ for ``CORS_ORIGINS`` (none: no cross-origin page may call it), and compression."""
    CORS(
        app,
        resources={r"/api/*": {"origins": app.config.get("CORS_ORIGINS") or []}},
        allow_headers=["Content-Type", "Authorization", "If-None-Match"],
        # Rate limits (service.limits): a page calling the API may pace itself by them.
        expose_headers=["ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"],
        max_age=PREFLIGHT_MAX_AGE,
    )
    app.config.setdefault("COMPRESS_MIMETYPES", ["application/json", "application/problem+json",
                                                 "text/html", "text/css", "text/javascript"])
    Compress(app)
