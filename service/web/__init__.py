"""The journalist's page: verify a quote, check a draft. One blueprint, Jinja templates, static files.

Server-rendered HTML that works without JavaScript (forms post, answers come back as pages); a little
plain JavaScript (static/page.js) answers in place. Nothing is loaded from another origin, and the
Content-Security-Policy sent with every page (service.headers) allows no inline script or style.
"""

from __future__ import annotations

from flask import Flask

from service.web.views import bp


def init_app(app: Flask) -> None:
    """Register the page's blueprint (its views, templates, static files and headers)."""
    app.register_blueprint(bp)
