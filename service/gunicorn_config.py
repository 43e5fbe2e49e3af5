"""gunicorn's settings for quotetrace: ``gunicorn -c python:service.gunicorn_config wsgi:app``.

``quotetrace serve`` runs exactly that (its --host, --port and --workers win over what is here). Read by
gunicorn's master before any worker starts, so a bad setting in the environment stops the boot with one
line naming the variable, and exit status 2, instead of a worker's traceback.
"""

from __future__ import annotations

import os
import sys

from service import config as settings
from service.request_line import REQUEST_LINE_LIMIT

# A slow client (one that trickles its request in, "slowloris") holds a thread, not a whole worker: with
# two workers, sixteen such clients before a new one waits. The reverse proxy in front (README) is what
# absorbs slow clients for real; threads keep a few from taking the service down without one. Eight:
# the verify work is CPU-bound and shares one core per worker, so more threads add waiting, not speed.
THREADS_PER_WORKER = 8


def _from_environment() -> tuple[int | None, int]:
    """PORT (when set) and WEB_CONCURRENCY, after checking every setting the app reads; exit 2 if bad."""
    try:
        settings.from_environment()
        port = settings.integer_setting("PORT", 8000, minimum=1, maximum=65535)
        workers = settings.integer_setting("WEB_CONCURRENCY", 2, minimum=1, maximum=64)
    except settings.SettingError as exc:
        sys.stderr.write(f"quotetrace: {exc}\n")
        raise SystemExit(2) from None
    return (port if os.environ.get("PORT", "").strip() else None), workers


_port, workers = _from_environment()
if _port is not None:  # as gunicorn itself reads PORT: every interface, unless HOST says which
    bind = [f"{os.environ.get('HOST') or '0.0.0.0'}:{_port}"]

worker_class = "service.gunicorn_worker.ThreadWorker"
threads = THREADS_PER_WORKER
# Room for the longest valid claim over GET, percent-encoded (service.request_line); longer is a 414.
limit_request_line = REQUEST_LINE_LIMIT

accesslog = "-"
# Lines of at most a few hundred characters, however long the request line (service.access_log).
logger_class = "service.access_log.AccessLogger"
# gunicorn's default line, with the time taken and the request's id (the X-Request-Id echoed to the client).
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms request_id=%({x-request-id}o)s'
)
