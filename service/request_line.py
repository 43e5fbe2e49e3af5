"""How long a request line may be: room for the longest valid claim sent over GET, and no more.

A claim is at most MAX_CLAIM characters, and ``GET /api/v1/verify?claim=…`` carries it percent-encoded:
one byte a character for plain Latin letters, nine for Korean, Chinese or Hindi (three UTF-8 bytes,
``%EA%B0%80``), twelve for a character beyond the BMP (four bytes: an emoji, a rare CJK ideograph).
So the server's byte limit on the request line (gunicorn's ``limit_request_line``, set in
``service.gunicorn_config``) is REQUEST_LINE_LIMIT, which fits the longest valid query written entirely
in twelve-byte characters; and the app refuses, with a 414 that says to POST, any query longer than the
longest valid one counted in *characters* once decoded (LONGEST_QUERY), however it was encoded. A request
line past gunicorn's limit gets the same 414 problem+json from the worker (``service.gunicorn_worker``).
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, request
from werkzeug.exceptions import RequestURITooLarge

from service.api.schemas import MAX_CLAIM, MAX_SPEAKER

# Characters a GET query needs besides the claim and the speaker: the field names, the dates, language,
# limit, fields, standings and a few publishers. A query that filters by dozens of publishers is a POST.
ROOM_FOR_OTHER_FIELDS = 1_000
LONGEST_QUERY = MAX_CLAIM + MAX_SPEAKER + ROOM_FOR_OTHER_FIELDS  # characters, decoded
# The most bytes one character takes percent-encoded: four UTF-8 bytes, each written as three ("%F0").
MOST_BYTES_PER_CHARACTER = 12
# "GET " + the longest path we serve with a query + "?" + " HTTP/1.1", with room to spare.
ROOM_FOR_METHOD_PATH_AND_VERSION = 200
REQUEST_LINE_LIMIT = LONGEST_QUERY * MOST_BYTES_PER_CHARACTER + ROOM_FOR_METHOD_PATH_AND_VERSION  # bytes

TOO_LONG = (
    "The request line is longer than any valid request needs (a query of at most {limit:,} characters):"
    " send the same fields as a JSON body with POST (POST /api/v1/verify takes the claim, speaker and"
    " filters)."
)


def refuse_long_queries() -> None:
    """414 for a query longer, decoded, than the longest valid query (LONGEST_QUERY characters)."""
    raw = request.query_string
    # Decoding cannot make a query longer, so the short ones (nearly all) are not decoded at all.
    if len(raw) > LONGEST_QUERY and len(unquote_to_bytes(raw).decode(errors="replace")) > LONGEST_QUERY:
        raise RequestURITooLarge(TOO_LONG.format(limit=LONGEST_QUERY))


def init_app(app: Flask) -> None:
    """Refuse over-long queries before any view reads them."""
    app.before_request(refuse_long_queries)
