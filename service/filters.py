"""What a verification may be checked against: quotes of a period, a language, some publishers, standings.

The filters become WHERE clauses of the query that reads the retrieved candidates' texts (see
``verification``), so the engine never sees a quote they leave out; ``min_score`` alone applies to
the engine's matches, since the score exists only once a quote is aligned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, func

from service.models import Quote, Source


@dataclass(frozen=True)
class Filters:
    """Which stored quotes count; every field unset means every quote."""

    since: date | None = None
    until: date | None = None
    language: str | None = None
    publishers: tuple[str, ...] = ()
    standings: tuple[str, ...] = ()
    min_score: float | None = None

    @classmethod
    def from_args(
        cls,
        *,
        since: date | None = None,
        until: date | None = None,
        max_age_days: int | None = None,
        language: str | None = None,
        publisher: Iterable[str] | None = None,
        standing: Iterable[str] | None = None,
        min_score: float | None = None,
        today: date | None = None,
    ) -> Filters:
        """Filters from request arguments; ``max_age_days`` is a ``since`` counted back from today (UTC)."""
        if max_age_days is not None:
            oldest = (today or datetime.now(UTC).date()) - timedelta(days=max_age_days)
            since = max(since, oldest) if since else oldest
        return cls(
            since=since,
            until=until,
            language=language.strip().lower() if language and language.strip() else None,
            publishers=tuple(p.strip().lower() for p in publisher or () if p.strip()),
            standings=tuple(standing or ()),
            min_score=min_score,
        )

    def clauses(self) -> list[ColumnElement[bool]]:
        """WHERE clauses on ``quotes`` left-joined to ``sources``: a quote passes all of them."""
        out: list[ColumnElement[bool]] = []
        # When a quote appeared: its source's date, else the day it was said.
        appeared = func.coalesce(Source.published_at, Quote.said_on)
        if self.since:
            out.append(appeared >= self.since)
        if self.until:
            out.append(appeared <= self.until)
        if self.language:
            out.append(func.lower(Quote.language) == self.language)
        if self.publishers:
            out.append(func.lower(Source.publisher).in_(self.publishers))
        if self.standings:
            # A quote with no source has nothing to vouch for it.
            out.append(func.coalesce(Source.standing, "unvetted").in_(self.standings))
        return out

    def narrows_candidates(self) -> bool:
        """True when some quotes are left out before the engine looks (every filter but min_score)."""
        return bool(self.clauses())


NO_FILTERS = Filters()
