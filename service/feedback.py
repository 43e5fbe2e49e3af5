"""Readers' feedback on verifications, and the report that tunes thresholds on it. SQLAlchemy only.

Each piece of feedback keeps the claim and the answer given (its verdict and the quotes it showed), so
the report can say, per verdict, how often readers agreed, and list the claims answered wrongly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.models import Feedback

RIGHT = "right"


def record_feedback(
    session: Session, fields: Mapping[str, Any], *, api_key_id: int | None = None
) -> Feedback:
    """Store one piece of feedback (fields as POST /feedback loads them)."""
    feedback = Feedback(
        claim=fields["claim"],
        speaker=fields.get("speaker"),
        verdict=fields["verdict"],
        shown_quote_ids=list(fields.get("shown_quote_ids") or ()),
        rating=fields["rating"],
        reason=fields.get("reason"),
        quote_id=fields.get("quote_id"),
        api_key_id=api_key_id,
    )
    session.add(feedback)
    session.flush()
    return feedback


def list_feedback(
    session: Session, *, page: int = 1, page_size: int = 20, rating: str | None = None
) -> dict[str, Any]:
    """A page of feedback, newest first, optionally of one rating."""
    stmt = select(Feedback)
    if rating:
        stmt = stmt.where(Feedback.rating == rating)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    newest_first = stmt.order_by(Feedback.created_at.desc(), Feedback.id.desc())
    items = session.scalars(newest_first.limit(page_size).offset((page - 1) * page_size)).all()
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def report(session: Session, *, wrong_limit: int = 50) -> dict[str, Any]:
    """Agreement per verdict given (the share rated right), and the latest claims rated wrong."""
    counts: dict[str, Counter[str]] = {}
    for verdict, rating, n in session.execute(
        select(Feedback.verdict, Feedback.rating, func.count()).group_by(Feedback.verdict, Feedback.rating)
    ):
        counts.setdefault(verdict, Counter())[rating] += n
    verdicts = {
        verdict: {
            "feedback": sum(c.values()),
            "right": c[RIGHT],
            "agreement": round(c[RIGHT] / sum(c.values()), 3),
            "ratings": dict(sorted(c.items())),
        }
        for verdict, c in sorted(counts.items())
    }
    wrong = session.scalars(
        select(Feedback)
        .where(Feedback.rating != RIGHT)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        .limit(wrong_limit)
    ).all()
    return {"verdicts": verdicts, "wrong": wrong}
