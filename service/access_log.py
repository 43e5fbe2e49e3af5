"""gunicorn's access log for quotetrace: each line bounded, whatever the request line was.

A claim may come over GET in the query string, and the request line may then be 75,800 bytes
(service.request_line): written whole, each such request would add a line that long to the log, with
the claim's full text in it. The log keeps the request's method, path and the opening of its query,
and says how much it left out.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

# Characters of the request line kept in the log: the path and a query's first fields (a claim's
# opening), enough to tell requests apart; the rest of a long claim is the client's, not the log's.
LOGGED_REQUEST_LINE = 512


def shortened(text: str, limit: int = LOGGED_REQUEST_LINE) -> str:
    """``text`` itself when short, else its opening and how many characters were left out."""
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}…[{len(text) - limit} more]"


class AccessLogger(Logger):
    """gunicorn's Logger, with the request line, path and query cut to LOGGED_REQUEST_LINE characters."""

    def atoms(self, resp, req, environ, request_time):
        found = super().atoms(resp, req, environ, request_time)
        for atom in ("r", "U", "q"):
            found[atom] = shortened(found[atom])
        return found
