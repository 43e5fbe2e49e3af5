"""One error format for the whole API: RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import errno
import logging
from http import HTTPStatus

from flask import Flask, Response, has_request_context, json, render_template, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, InternalServerError, UnsupportedMediaType

from service import deadline

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)

# What a client can do about each status, said once for every view.
DETAILS = {
    400: "The request could not be read.",
    401: "This request needs an API key: send 'Authorization: Bearer <key>'.",
    403: "This API key may not do that.",
    404: "Nothing is stored at this address.",
    405: "This address does not accept that method.",
    409: "This conflicts with what is already stored.",
    413: "The request body is too large.",
    414: "The request line is too long: send the same fields as a JSON body with POST.",
    431: "The request's headers are too large.",
    415: "Send the body as JSON, with 'Content-Type: application/json'.",
    422: "Some fields are missing or invalid; see 'errors'.",
    429: "Too many requests for this key or address; retry after the seconds in Retry-After.",
    500: "Something went wrong on our side; the request changed nothing.",
    502: "The page to ingest could not be fetched from its server; nothing was stored.",
    503: "The database is unavailable just now; nothing was changed. Retry in a few seconds (Retry-After"
    " says when).",
}

# What a client is told to wait when the database is away: PostgreSQL restarts in a few seconds, and a
# load balancer's /readyz probe (service.health) takes the instance out meanwhile.
RETRY_AFTER_SECONDS = 5


class RequestReadTimeout(OSError):
    """The client did not send its request in time (service.gunicorn_worker): the app answers 408 when
    it was reading the body, and gthread closes the connection quietly (ECONNRESET, as for a client that
    went away) when it was reading the headers."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(errno.ECONNRESET, f"The request's {what} took more than {seconds:g} s to arrive.")


def _database_unavailable_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean 'the database cannot be reached or used now', not 'this request is wrong'.

    SQLAlchemy's, and the drivers' own (hot reads and bulk writes use the driver's connection).
    """
    import sqlite3

    from sqlalchemy import exc

    found: list[type[BaseException]] = [exc.OperationalError, exc.InterfaceError, exc.TimeoutError]
    found.append(sqlite3.OperationalError)
    try:
        import psycopg

        found += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:  # PostgreSQL is optional
        pass
    return tuple(found)


# SQLite says "the database is not there or not now" only in these words; its OperationalError also means
# "no such column", "no such table", "syntax error": a schema or programming bug, which a 503 would hide.
_SQLITE_UNREACHABLE = (
    "unable to open database file",
    "database is locked",
    "disk i/o error",
    "database or disk is full",
    "readonly database",
)
# PostgreSQL's SQLSTATE classes of an unreachable or overwhelmed server: 08 connection exception, 53
# insufficient resources, 57 operator intervention (shutting down, starting up, query cancelled).
_POSTGRES_UNREACHABLE = ("08", "53", "57")


def database_unreachable(exc: BaseException) -> bool:
    """True when ``exc`` says the database cannot be reached or used now; False for a bug of ours."""
    import sqlite3

    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's exception
    if isinstance(cause, sqlite3.OperationalError):
        return any(words in str(cause).lower() for words in _SQLITE_UNREACHABLE)
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return sqlstate[:2] in _POSTGRES_UNREACHABLE
    return True  # no answer from a server at all: refused, timed out, the pool exhausted, the link lost


def unavailable(detail: str | None = None) -> Response:
    """503 problem+json with Retry-After: the database is away, the client should come back."""
    return problem(503, detail, retry_after=RETRY_AFTER_SECONDS)


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    retry_after: int | None = None,
    **extra,
) -> Response:
    """A problem+json response; for a person on the page (a browser asking for HTML), the page saying it.

    ``retry_after`` (seconds) is sent as ``Retry-After``, and said on the page.
    """
    body = problem_body(status, detail, title=title, **extra)
    response = None
    if _for_the_page():
        try:
            page = render_template("error.html", problem=body, retry_after=retry_after)
            response = Response(page, status=status, mimetype="text/html")
        except Exception:  # the page itself broken: the problem still reaches the browser, as JSON
            log.exception("the error page could not be rendered")
    if response is None:
        response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


# Addresses whose errors are always problem+json, whoever asks: the API, and the probes.
_MACHINE_PATHS = ("/api/", "/healthz", "/readyz")


def _for_the_page() -> bool:
    """Whether a person's browser asked for this: not the API's or a probe's address, and HTML preferred.

    A browser asks for ``text/html`` before ``*/*;q=0.8``; curl, fetch() and load balancers send ``*/*``,
    which prefers neither, and get problem+json.
    """
    if not has_request_context() or request.path.startswith(_MACHINE_PATHS):
        return False
    accepted = request.accept_mimetypes
    return accepted["text/html"] > max(accepted[PROBLEM_JSON], accepted["application/json"])


def problem_body(status: int, detail: str | None = None, *, title: str | None = None, **extra) -> dict:
    """The problem details of ``status``: its title, and ``detail`` or what a client can do about it."""
    return {
        "type": "about:blank",
        "title": title or _title(status),
        "status": status,
        "detail": detail or DETAILS.get(status, _title(status)),
        **extra,
    }


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def body_too_slow(exc: RequestReadTimeout) -> Response:
    """408: the body did not arrive in time; the connection is closed."""
    log.warning("request body too slow on %s %s: %s", request.method, request.path, exc.strerror)
    response = problem(408, f"{exc.strerror} Send it at once, or in fewer, larger parts.")
    response.headers["Connection"] = "close"
    return response


def problem_from_http_exception(exc: HTTPException) -> Response:
    """Shape a werkzeug/flask-smorest HTTP error as problem+json, keeping field errors."""
    if isinstance(exc, ClientDisconnected):  # the body stopped short: it is never read again
        if isinstance(exc.__context__, RequestReadTimeout):
            return body_too_slow(exc.__context__)
        return problem(400, "The request's body ended before the length its Content-Length gave.")
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    extra = {}
    messages = data.get("messages")
    if messages:
        # webargs nests errors by location ("json", "query"); the client only needs the fields.
        if (
            isinstance(messages, dict)
            and len(messages) == 1
            and next(iter(messages))
            in (
                "json",
                "query",
                "form",
                "files",
                "headers",
                "view_args",
            )
        ):
            messages = next(iter(messages.values()))
        if isinstance(messages, dict):  # field errors, by field; anything else is said by the detail
            extra["errors"] = messages
    detail = data.get("message") or (exc.description if status != 500 else None)
    if status == 422 and messages:
        detail = "Invalid request: " + _summarise(messages)
    if status == 400 and request.is_json and _json_error():
        detail = f"The body is not valid JSON: {_json_error()}."
    if status == 405:
        detail = f"{request.method} is not allowed here; allowed: {', '.join(exc.valid_methods or [])}."
    if status == 500:
        detail = None
    response = problem(status, detail, **extra)
    for header, value in exc.get_headers() if status in (401, 405) else []:
        if header.lower() in ("allow", "www-authenticate"):
            response.headers[header] = value
    return response


def _json_error() -> str | None:
    """Why the request's JSON body does not parse, or None when it does."""
    try:
        json.loads(request.get_data(cache=True) or b"null")
    except RecursionError:
        return "nested too deeply"
    except ValueError as exc:
        return str(exc)
    return None


def _summarise(messages, prefix: str = "") -> str:
    parts = []
    if isinstance(messages, dict):
        for field, value in messages.items():
            parts.append(_summarise(value, f"{prefix}{field}."))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        parts.append(f"{prefix.rstrip('.')}: {' '.join(messages)}")
    elif isinstance(messages, list):
        parts.extend(_summarise(m, prefix) for m in messages)
    else:
        parts.append(f"{prefix.rstrip('.')}: {messages}")
    return "; ".join(p for p in parts if p)


def register_errorhandlers(app: Flask) -> None:
    """Every error, raised anywhere, leaves as problem+json (to a person's browser off the API, as a page)."""

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return problem_from_http_exception(exc)

    def _database_away(exc: Exception):
        if not database_unreachable(exc):  # a bug (a missing column, bad SQL): ours, not the database's
            log.exception("unhandled database error on %s %s", request.method, request.path)
            return problem_from_http_exception(InternalServerError())
        log.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
        return unavailable()

    for unavailable_error in _database_unavailable_errors():
        app.register_error_handler(unavailable_error, _database_away)

    app.register_error_handler(RequestReadTimeout, body_too_slow)

    @app.errorhandler(deadline.DeadlineExceeded)
    def _too_long(exc: deadline.DeadlineExceeded):
        log.warning("deadline passed on %s %s after %g s", request.method, request.path, exc.seconds)
        return problem(
            503,
            f"This request ran past the service's deadline of {exc.seconds:g} s and was stopped; nothing"
            " was changed. Send less at once (fewer claims, a shorter draft), or retry later.",
            retry_after=RETRY_AFTER_SECONDS,
        )

    @app.before_request
    def _start_the_clock():
        deadline.start(app.config.get("REQUEST_DEADLINE"))

    @app.teardown_request
    def _stop_the_clock(_exc):
        deadline.clear()

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem_from_http_exception(InternalServerError())

    @app.before_request
    def _require_json_bodies():
        # A JSON API: a body in any other type is refused before a view sees it.
        if request.method in ("POST", "PUT", "PATCH") and request.path.startswith("/api/"):
            has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding")
            if has_body and not request.is_json:
                raise UnsupportedMediaType()
