"""gunicorn's worker for quotetrace: gthread's threads, and gunicorn's own refusals as problem+json.

gunicorn answers a request it cannot parse (a request line or headers too large, a malformed line) before
the app sees it, with an HTML page of its own. This worker says the same things the way the app does:
``application/problem+json`` with a detail a client can act on (a request line too long: use POST).

A client that sends its request slowly ("slowloris": a header byte every few seconds) would hold one of
the worker's threads for as long as it likes: gthread hands a connection to a thread once its first
bytes arrive, and the thread then reads the rest blocking. Each connection's socket here carries a
deadline: QUOTETRACE_HEADER_SECONDS (10) for the request line and headers, then QUOTETRACE_BODY_SECONDS
(30) for the body; past it the read fails and the connection is closed (a body cut off this way is a 408
from the app). The deadline ends when the response starts. The reverse proxy in front (README) is still
the defence that absorbs many slow clients; this bounds what each one costs.
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from datetime import datetime
from http import HTTPStatus

from gunicorn import util
from gunicorn.http import errors as http
from gunicorn.http import message
from gunicorn.http.wsgi import Response, default_environ
from gunicorn.workers.gthread import ThreadWorker as _GthreadWorker

from service import config as settings
from service.errors import PROBLEM_JSON, RequestReadTimeout, problem_body
from service.headers import SANE_REQUEST_ID
from service.request_line import LONGEST_QUERY, REQUEST_LINE_LIMIT, TOO_LONG

# gunicorn clamps limit_request_line to its MAX_REQUEST_LINE (8190 bytes) whatever it is set to, and the
# longest valid claim sent over GET needs REQUEST_LINE_LIMIT. Raising the clamp to exactly that keeps
# limit_request_line a limit, in both of gunicorn's parsers (Python's, and gunicorn_h1c's when installed).
message.MAX_REQUEST_LINE = max(message.MAX_REQUEST_LINE, REQUEST_LINE_LIMIT)

# gunicorn's errors for a request it could not read, and the status it gives each (workers/base.py).
_CLIENT_ERRORS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("LimitRequestLine",), 414),
    (("LimitRequestHeaders",), 431),
    (("UnsupportedTransferCoding",), 501),
    (("ExpectationFailed",), 417),
    (("ForbiddenProxyRequest",), 403),
    (("ConfigurationProblem",), 500),
    (
        (
            "InvalidRequestLine",
            "InvalidRequestMethod",
            "InvalidHTTPVersion",
            "InvalidHeader",
            "InvalidHeaderName",
            "InvalidProxyLine",
            "InvalidSchemeHeaders",
            "ObsoleteFolding",
            "InvalidChunkSize",
            "ChunkMissingTerminator",
            "InvalidChunkExtension",
            "InvalidH2CPreface",
        ),
        400,
    ),
)


def refusal(exc: BaseException) -> tuple[int, str] | None:
    """The status and detail for gunicorn's error ``exc`` about the client's request; None: not one."""
    for names, status in _CLIENT_ERRORS:
        kinds = tuple(getattr(http, name) for name in names if hasattr(http, name))
        if kinds and isinstance(exc, kinds):
            return status, _detail(status, exc)
    return None


def _detail(status: int, exc: BaseException) -> str:
    if status == 414:
        return TOO_LONG.format(limit=LONGEST_QUERY)
    if status == 431:
        return "The request's headers are too many or too large; send fewer or shorter headers."
    if status == 400:
        return f"The request could not be read as HTTP/1.1 ({type(exc).__name__}: {str(exc)[:200]})."
    return f"{HTTPStatus(status).phrase}: {str(exc)[:200]}"


class DeadlineSocket(socket.socket):
    """A client's socket whose reads must end by a deadline; sending a response ends the deadline."""

    __slots__ = ("deadline", "reading", "seconds")

    def set_deadline(self, what: str, seconds: float) -> None:
        self.deadline, self.reading, self.seconds = time.monotonic() + seconds, what, seconds

    def recv(self, size: int, flags: int = 0) -> bytes:
        deadline = getattr(self, "deadline", None)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RequestReadTimeout(self.reading, self.seconds)
            self.settimeout(left)
            try:
                return super().recv(size, flags)
            except TimeoutError:
                raise RequestReadTimeout(self.reading, self.seconds) from None
        return super().recv(size, flags)

    def _end_deadline(self) -> None:
        if getattr(self, "deadline", None) is not None:
            self.deadline = None
            self.settimeout(None)

    def send(self, data, flags: int = 0) -> int:
        self._end_deadline()
        return super().send(data, flags)

    def sendall(self, data, flags: int = 0) -> None:
        self._end_deadline()
        super().sendall(data, flags)


class ThreadWorker(_GthreadWorker):
    """gthread's worker (threads, so slow clients do not hold the process), refusing in problem+json,
    and cutting off clients that send their request too slowly."""

    def init_process(self):
        self.header_seconds, self.body_seconds = settings.read_deadlines()
        super().init_process()

    def accept(self, listener):
        """gthread's accept, with the client's socket made a DeadlineSocket (the same descriptor)."""
        real_accept = listener.accept

        def accept_with_deadline():
            client, address = real_accept()
            return DeadlineSocket(fileno=client.detach()), address

        listener.accept = accept_with_deadline
        try:
            return super().accept(listener)
        finally:
            del listener.accept

    def handle(self, conn):
        """One request on a connection: its request line and headers must arrive in header_seconds."""
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.set_deadline("request line and headers", self.header_seconds)
        return super().handle(conn)

    def handle_request(self, req, conn):
        """The headers are read: the body (read by the app, as it needs it) has body_seconds."""
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.set_deadline("body", self.body_seconds)
        return super().handle_request(req, conn)

    def handle_error(self, req, client, addr, exc):
        """gunicorn's error handling, with the body (and type) the app gives every other error."""
        known = refusal(exc)
        if known is None:
            # Not the client's fault: log it as gunicorn does, and answer 500 like the app.
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
            status, detail = 500, None
        else:
            status, detail = known
            self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        reason = HTTPStatus(status).phrase
        body = json.dumps(problem_body(status, detail)).encode()
        request_id = _request_id(req)
        head = (
            f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: {PROBLEM_JSON}\r\n"
            f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n"
            f"X-Request-Id: {request_id}\r\n\r\n"
        )
        if req is not None:
            self._access_log(req, client, addr, status, reason, len(body), request_id)
        try:
            util.write_nonblock(client, head.encode("latin-1") + body)
        except Exception:  # the client is gone: nothing to tell it
            self.log.debug("Failed to send error message.")

    def _access_log(self, req, client, addr, status, reason, length, request_id) -> None:
        addr = addr or ("", -1)
        environ = default_environ(req, client, self.cfg)
        environ["REMOTE_ADDR"], environ["REMOTE_PORT"] = addr[0], str(addr[1])
        response = Response(req, client, self.cfg)
        response.status = f"{status} {reason}"
        response.response_length = length
        response.headers = [("X-Request-Id", request_id)]
        self.log.access(response, req, environ, datetime.now() - datetime.now())


def _request_id(req) -> str:
    """The request's own sane X-Request-Id when its headers were read, else a new one."""
    for name, value in getattr(req, "headers", None) or []:
        if name.upper() == "X-REQUEST-ID" and SANE_REQUEST_ID.fullmatch(value):
            return value
    return uuid.uuid4().hex
