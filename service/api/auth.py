"""Who may call what: API keys with scopes, one transaction per write, the store's refusals as HTTP errors.

Scopes (service.keys): ``verify`` < ``write`` < ``admin``, each implying the ones before it. Writes need
``write``, merging speakers and reading feedback need ``admin``; with ``QUOTETRACE_REQUIRE_KEYS=1`` every
other API request (reads, verification) and the page need ``verify``. No key, or one that is not live:
401. A live key without the scope: 403, naming the scope it lacks.
"""

from __future__ import annotations

import base64
import binascii
import functools
from collections.abc import Callable

import flask_smorest
from apispec import BasePlugin
from flask import Flask, current_app, g, has_app_context, request
from flask_smorest import abort
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized

from service import store
from service.api.problems import problems
from service.db import get_session, session_scope
from service.keys import LiveKey, check_key
from service.models import Quote, Source

BEARER = "bearerAuth"
BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API key made with 'quotetrace keys create NAME --scope SCOPE', sent as "
    "'Authorization: Bearer <key>'. Scopes: verify < write < admin, each implying the ones before it.",
}
# Never behind a key, even with REQUIRE_KEYS: load balancers' probes, the page's assets, the API's docs.
OPEN_ENDPOINTS = frozenset(
    {
        "health.healthz",
        "health.readyz",
        "web.static",
        "api-docs.openapi_json",
        "api-docs.openapi_swagger_ui",
        "swagger_ui_static",
        "swagger_ui_slash",
        "static",
    }
)


def sent_key() -> str | None:
    """The key this request carries: 'Bearer <key>', or for a browser, HTTP Basic with the key as password."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer":
        return credentials or None
    if scheme.lower() == "basic":
        try:
            _user, _, password = base64.b64decode(credentials, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return password or None
    return None


def current_key() -> LiveKey | None:
    """The live key this request carries (looked up once a request), or None."""
    if "api_key" not in g:
        key = sent_key()
        live = None
        if key is not None:
            # Its own short transaction: the last-used time is written whatever becomes of the request.
            with session_scope(current_app.extensions["quotetrace.engine"]) as session:
                live = check_key(session, key)
        g.api_key = live
        g.api_key_id = live.id if live else None
    return g.api_key


def require_key(scope: str = "write", *, challenge: str = "bearer") -> LiveKey:
    """The request's live key if it holds ``scope``; else 401 (no live key) or 403 (not that scope)."""
    live = current_key()
    if live is None:
        if sent_key() is None:
            detail = "This request needs an API key: send 'Authorization: Bearer <key>'."
            raise _unauthorized(detail, challenge)
        raise _unauthorized("This API key is not valid, or has been revoked.", challenge)
    if not live.allows(scope):
        raise Forbidden(
            f"This needs a key with the '{scope}' scope; the key '{live.name}' has '{live.scope}'. "
            f"Ask for one made with 'quotetrace keys create NAME --scope {scope}'."
        )
    return live


def _unauthorized(detail: str, challenge: str) -> Unauthorized:
    realm = {"realm": "quotetrace"} if challenge == "basic" else None
    return Unauthorized(detail, www_authenticate=WWWAuthenticate(challenge, realm))


def _document_bearer_scheme(state) -> None:
    api = state.app.extensions["flask-smorest"]["blp_name_to_api"][state.name]
    if BEARER not in api.spec.components.security_schemes:
        api.spec.components.security_scheme(BEARER, BEARER_SCHEME)


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint whose write views need a scoped API key and run as one transaction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_once(_document_bearer_scheme)

    def write(self, view: Callable | None = None, *, scope: str = "write") -> Callable:
        """Require a ``scope`` key, run ``view`` and commit: all it stores, or (on any error) nothing."""
        if view is None:
            return functools.partial(self.write, scope=scope)

        @functools.wraps(view)
        def write(*args, **kwargs):
            session = get_session()
            try:
                response = view(*args, **kwargs)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            return response

        return problems(409)(self.needs(scope)(_refusals_as_http(write)))

    def needs(self, scope: str) -> Callable:
        """A view that needs a ``scope`` key (and no transaction of its own), documented as such."""

        def decorate(view: Callable) -> Callable:
            @functools.wraps(view)
            def needs_key(*args, **kwargs):
                require_key(scope)
                return view(*args, **kwargs)

            return problems(401, 403)(self.doc(security=[{BEARER: []}])(needs_key))

        return decorate


def _refusals_as_http(view: Callable) -> Callable:
    @functools.wraps(view)
    def refusals_as_http(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except store.NotFound as exc:
            abort(404, message=str(exc))
        except store.Conflict as exc:
            abort(409, message=str(exc))
        except store.Invalid as exc:
            abort(422, messages={"json": exc.errors})
        except IntegrityError:
            # Another request stored the same thing between our check and our commit.
            abort(409, message="This conflicts with something stored at the same moment; nothing was stored.")

    return refusals_as_http


class RequiredKeysPlugin(BasePlugin):
    """apispec plugin for REQUIRE_KEYS: every operation is documented as needing a key (401, 403)."""

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for operation in (operations or {}).values():
            operation.setdefault("security", [{BEARER: []}])
            responses = operation.setdefault("responses", {})
            for status, name in (("401", "UNAUTHORIZED"), ("403", "FORBIDDEN")):
                responses.setdefault(status, name)


def _require_verify_key() -> None:
    """With REQUIRE_KEYS, every request but the open endpoints needs a ``verify`` key."""
    if request.endpoint in OPEN_ENDPOINTS or request.method == "OPTIONS":
        return
    # The page is read by browsers: challenge them for HTTP Basic, so they ask for the key.
    require_key("verify", challenge="bearer" if request.path.startswith("/api/") else "basic")


def _record_writer(session: Session, _context, _instances) -> None:
    """Every quote and source a keyed request stores records the key (``created_by_key_id``)."""
    key_id = g.get("api_key_id") if has_app_context() else None
    if key_id is None:
        return
    for row in session.new:
        if isinstance(row, Quote | Source) and row.created_by_key_id is None:
            row.created_by_key_id = key_id


def spec_plugins(app: Flask) -> list[BasePlugin]:
    """The apispec plugins this app's key settings need in its OpenAPI document."""
    return [RequiredKeysPlugin()] if app.config.get("REQUIRE_KEYS") else []


def init_app(app: Flask) -> None:
    """Keys on every request that needs one, and the key recorded on what it stores."""
    if app.config.get("REQUIRE_KEYS"):
        app.before_request(_require_verify_key)
    event.listen(app.extensions["quotetrace.sessionmaker"], "before_flush", _record_writer)
