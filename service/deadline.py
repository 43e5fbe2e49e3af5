"""A request's deadline, checked cooperatively where the work is: between claims, quotations and stages.

gunicorn's own timeout kills a worker that runs too long (and the client gets an HTML 502 or nothing);
instead, each request carries a deadline, and the loops that can run long (a batch's claims, a draft's
quotations, each verification's stages) call ``check()``. Past the deadline it raises DeadlineExceeded,
which the API answers with a 503 problem+json; the write views roll back, so nothing is half stored,
and the worker goes on to its next request. Pure: no Flask; a context variable holds the deadline.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("quotetrace_deadline", default=None)


class DeadlineExceeded(Exception):
    """The request ran past its deadline; ``seconds`` is the budget it had."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"past the request's deadline of {seconds:g} s")
        self.seconds = seconds


_budget: ContextVar[float] = ContextVar("quotetrace_budget", default=0.0)


def start(seconds: float | None) -> None:
    """Give this request (context) ``seconds`` from now; None or 0: no deadline."""
    _deadline.set(time.monotonic() + seconds if seconds else None)
    _budget.set(seconds or 0.0)


def clear() -> None:
    """No deadline any more (the request is over)."""
    _deadline.set(None)


def check() -> None:
    """Raise DeadlineExceeded when this request's deadline has passed."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded(_budget.get())
