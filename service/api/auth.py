"""What every write goes through: a live API key, one transaction, the store's refusals as HTTP errors."""

from __future__ import annotations

import functools
from collections.abc import Callable

import flask_smorest
from flask import g, request
from flask_smorest import abort
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from service import store
from service.api.problems import problems
from service.db import get_session
from service.keys import check_key

BEARER = "bearerAuth"
BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API key made with 'quotetrace keys create', sent as 'Authorization: Bearer <key>'.",
}


def require_key() -> None:
    """Refuse the request (401) unless it carries a live API key."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise _unauthorized("This request needs an API key: send 'Authorization: Bearer <key>'.")
    live = check_key(get_session(), key.strip())
    if live is None:
        raise _unauthorized("This API key is not valid, or has been revoked.")
    g.api_key_id = live.id


def _unauthorized(detail: str) -> Unauthorized:
    return Unauthorized(detail, www_authenticate=WWWAuthenticate("bearer"))


def _document_bearer_scheme(state) -> None:
    api = state.app.extensions["flask-smorest"]["blp_name_to_api"][state.name]
    if BEARER not in api.spec.components.security_schemes:
        api.spec.components.security_scheme(BEARER, BEARER_SCHEME)


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint whose write views need an API key and run as one transaction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_once(_document_bearer_scheme)

    def write(self, view: Callable) -> Callable:
        """Require a key, run ``view`` and commit: everything it stores, or (on any error) nothing."""

        @functools.wraps(view)
        def write(*args, **kwargs):
            require_key()
            session = get_session()
            try:
                response = view(*args, **kwargs)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            return response

        write = self.doc(security=[{BEARER: []}])(_refusals_as_http(write))
        return problems(401, 409)(write)


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
