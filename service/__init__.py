"""quotetrace: find an attributed quote, say whether the words and the speaker are right."""

from __future__ import annotations

from flask import Flask

from service import config as settings
from service import db, errors, headers, limits, request_line


def create_app(config: dict | None = None) -> Flask:
    """The application: configuration, database, error format, rate limits, API, the page, response headers.

    A setting that cannot be used (a rate limit that does not parse) raises ``config.SettingError``.
    """
    app = Flask(__name__)
    app.config.update(settings.from_environment())
    if config:
        app.config.update(config)
    db.init_app(app)
    errors.register_errorhandlers(app)
    request_line.init_app(app)
    limits.init_app(app)
    from service import api, health, web

    api.init_app(app)
    health.init_app(app)
    web.init_app(app)
    # Last: its after_request runs first, on the page as rendered (before compression).
    headers.init_app(app)
    return app
