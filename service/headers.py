"""Headers on every response: the request's id, and what keeps browsers from misreading what we send.

- ``X-Request-Id``: the one the client (or the proxy in front) sent, when it is a sane token, else a new
  one; echoed on the response, so gunicorn's access log line (``service.gunicorn_config``) and a client's
  bug report name the same request.
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy`` everywhere.
- A Content-Security-Policy on every HTML page: everything from this origin, nothing inline except the
  inline scripts and styles of that very page, allowed by their hashes (the API docs page initialises
  Swagger UI inline; the journalist's page has none).
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid

from flask import Flask, Response, g, request

REQUEST_ID = "X-Request-Id"
# What an id may look like: a UUID, nginx's $request_id, a tracing id. No spaces or quotes, so it cannot
# split or forge a log line; 128 characters fit every scheme in use.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._~:+/=-]{1,128}")

REFERRER_POLICY = "same-origin"
# Everything from this origin, nothing inline, no frames, forms only to ourselves.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
# Inline <script> and <style> elements that a browser would run or apply (a JSON-LD data block is neither).
_INLINE = re.compile(
    r"<(script|style)((?:\s+(?!src\b)[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>(.*?)</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_DATA_BLOCK = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.IGNORECASE)


def request_id() -> str:
    """This request's id: the sane ``X-Request-Id`` it came with, or a new one (32 hex digits)."""
    if "request_id" not in g:
        sent = request.headers.get(REQUEST_ID, "")
        g.request_id = sent if SANE_REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
    return g.request_id


def content_security_policy(html: str) -> str:
    """The policy for one HTML page: the strict one, plus the hashes of that page's own inline code."""
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for tag, attributes, body in _INLINE.findall(html):
        if tag.lower() == "script" and _DATA_BLOCK.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        hashes[tag.lower()].append(f"'sha256-{digest}'")
    directives = []
    for directive in CONTENT_SECURITY_POLICY:
        name = directive.split()[0].removesuffix("-src")
        directives.append(" ".join([directive, *hashes.get(name, [])]))
    return "; ".join(directives)


def _secure(response: Response) -> Response:
    response.headers[REQUEST_ID] = request_id()
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    if response.mimetype == "text/html" and "Content-Security-Policy" not in response.headers:
        html = "" if response.is_streamed else response.get_data(as_text=True)
        response.headers["Content-Security-Policy"] = content_security_policy(html)
    return response


def init_app(app: Flask) -> None:
    """Give every response its request id and the browser-safety headers."""
    app.after_request(_secure)
