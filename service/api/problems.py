"""The problem+json errors each operation can answer, declared in one place for the OpenAPI document.

Two ways to declare that an operation can answer a status:

- on one view, where its code raises it: ``@problems(404)``, ``@problems(401, 409)``;
- on every operation that a rule picks, in ``EVERYWHERE`` below: errors that the service gives before or
  around any view (a body that is not JSON, a request line too long, and later rate limits or a
  database that is away) belong there, so no view can forget them.

Every status is documented as ``application/problem+json`` with the Problem schema, described by the
detail the service gives for it (``service.errors.DETAILS``). The same plugin gives every operation an
``operationId`` (the method and the view's name: ``getQuoteById``) unless the view sets its own with
``@blp.doc(operationId=...)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

import flask_smorest
from apispec import BasePlugin

from service.errors import DETAILS, PROBLEM_JSON


@dataclass(frozen=True)
class Rule:
    """Statuses declared on every operation for which ``applies(method, operation)`` is true."""

    statuses: tuple[int, ...]
    applies: Callable[[str, dict], bool]
    why: str


def _has_body(_method: str, operation: dict) -> bool:
    return "requestBody" in operation


def _has_query(_method: str, operation: dict) -> bool:
    return any(p.get("in") == "query" for p in operation.get("parameters", []) if isinstance(p, dict))


EVERYWHERE: tuple[Rule, ...] = (
    Rule((503,), lambda _method, _operation: True, "the database is away (with Retry-After)"),
    Rule((429,), lambda _method, _operation: True, "a rate limit spent (service.limits; with Retry-After)"),
    Rule((400, 413, 415), _has_body, "a body that is not JSON, too large, or not sent as JSON"),
    Rule((414,), _has_query, "a query string too long for a request line: send it with POST"),
    Rule(
        (422,),
        lambda method, operation: _has_body(method, operation) or _has_query(method, operation),
        "a field holding text no database can store: NUL or a lone surrogate (service.api.bodies)",
    ),
)


def problems(*statuses: int) -> Callable:
    """Declare that this view can answer each of ``statuses`` with a problem+json body."""
    for status in statuses:
        _error_status(status)
    return flask_smorest.Blueprint.doc(responses={str(s): HTTPStatus(s).name for s in statuses})


def _error_status(status: int) -> HTTPStatus:
    status = HTTPStatus(status)
    if status < 400:
        raise ValueError(f"{status} is not an error status")
    return status


def problem_response(status: HTTPStatus, schema) -> dict:
    """The OpenAPI response object of one error status: problem+json, the Problem schema, an example."""
    detail = DETAILS.get(status, status.phrase)
    return {
        "description": detail,
        "content": {
            PROBLEM_JSON: {
                "schema": schema,
                "example": {
                    "type": "about:blank",
                    "title": status.phrase,
                    "status": int(status),
                    "detail": detail,
                },
            }
        },
    }


def register_problem_responses(spec, schema) -> None:
    """Every error status as a (lazy) response component named after it, e.g. NOT_FOUND."""
    for status in HTTPStatus:
        if status >= 400:
            spec.components.response(status.name, problem_response(status, schema), lazy=True)
    default = problem_response(HTTPStatus.INTERNAL_SERVER_ERROR, schema)
    spec.components.response("DEFAULT_ERROR", default, lazy=True)


# Docstrings mark literals the RST way (``q``); OpenAPI readers show that literally.
_RST_LITERAL = re.compile(r"``([^`]+)``")


def _plain(text: str, *, markdown: bool) -> str:
    """``q`` as Markdown code (`q`) in a description, as 'q' in a summary (plain text)."""
    return _RST_LITERAL.sub(r"`\1`" if markdown else r"'\1'", text)


class ProblemsPlugin(BasePlugin):
    """apispec plugin: the EVERYWHERE rules' statuses, an operationId, and docstrings free of RST."""

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        rule = kwargs.get("rule")
        view = rule.endpoint.rpartition(".")[2] if rule is not None else ""
        for method, operation in (operations or {}).items():
            operation.setdefault("operationId", method + view[:1].upper() + view[1:])
            for key in ("summary", "description"):
                if isinstance(operation.get(key), str):
                    operation[key] = _plain(operation[key], markdown=key == "description")
            responses = operation.setdefault("responses", {})
            for everywhere in EVERYWHERE:
                if everywhere.applies(method, operation):
                    for status in everywhere.statuses:
                        responses.setdefault(str(status), HTTPStatus(status).name)
