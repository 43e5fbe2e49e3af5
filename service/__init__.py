"""quotetrace: find an attributed quote, say whether the words and the speaker are right."""

from __future__ import annotations

import os

# One BLAS thread per process, set before numpy loads. For a claim the sentence model's matrix products
# gain nothing from a second thread (20 claims: 0.31 s against 0.29 s here) while OpenBLAS's second
# thread spins, doubling the CPU each request takes from the other worker. A batch of 256 stored quotes
# is 20% faster with two; `quotetrace embed --jobs 2` uses both cores, by processes, instead.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from flask import Flask  # noqa: E402

from service import config as settings  # noqa: E402
from service import db, errors, headers, limits, request_line  # noqa: E402


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
