"""What a request may carry, checked before any view: JSON nested a sane depth, text a database can store.

NUL and lone surrogates anywhere in the query or the JSON body are refused with a 422 naming the field
(``service.storable`` says why), so no view or store ever sees them. JSON nested deeper than any request
of this API is refused with a 400 before it can exhaust the parser's recursion.
"""

from __future__ import annotations

import io
import json

from flask import Flask, request
from flask_smorest import abort
from werkzeug.exceptions import RequestEntityTooLarge

from service.storable import MAX_JSON_DEPTH, bad_strings, unstorable


def _nest(errors: dict, path: tuple, message: str) -> None:
    """Put ``message`` at ``path`` in a webargs-style nested error dict."""
    *parents, last = path or ("_body",)
    for part in parents:
        errors = errors.setdefault(str(part), {})
    errors.setdefault(str(last), []).append(message)


class ChunkedBodyLimit:
    """WSGI middleware: a chunked body (no Content-Length) is read up to the limit, and refused past it.

    Werkzeug cuts such a body at MAX_CONTENT_LENGTH without a word, so the view saw truncated JSON and
    answered 400; read here, the body gets a Content-Length, and one byte too many gets a 413.
    """

    def __init__(self, wsgi_app, limit: int | None) -> None:
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH") and self.limit is not None:
            body = environ["wsgi.input"].read(self.limit + 1)
            if len(body) > self.limit:
                environ["quotetrace.body_too_large"] = True
                body = b""
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.wsgi_app(environ, start_response)


def check_request() -> None:
    """Refuse a request whose query or JSON body holds text that cannot be stored, or is nested too deep."""
    if request.environ.get("quotetrace.body_too_large"):
        raise RequestEntityTooLarge()
    errors: dict = {}
    for name, values in request.args.lists():
        for reason in {unstorable(name), *(unstorable(v) for v in values)} - {None}:
            _nest(errors, (name,), reason)
    if not request.is_json or not request.content_length and not request.headers.get("Transfer-Encoding"):
        if errors:
            abort(422, messages={"query": errors})
        return
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except RecursionError:
        abort(400, message=f"The body is not valid JSON: nested deeper than {MAX_JSON_DEPTH} levels.")
    except ValueError:
        body = None  # the view's parser says what is wrong with it
    for path, reason in bad_strings(body):
        if reason == "depth":
            abort(400, message=f"The body is not valid JSON: nested deeper than {MAX_JSON_DEPTH} levels.")
        _nest(errors, path, reason)
    if errors:
        abort(422, messages={"json": errors})


def init_app(app: Flask) -> None:
    """Check every request's size and text before its view runs."""
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app.config.get("MAX_CONTENT_LENGTH"))
    app.before_request(check_request)
