"""Export: every stored quote, speaker, alias and role as corpus rows (JSONL, or CSV with the same columns).

What export writes, import reads back: export → import → export is byte-identical.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from service.corpus.rows import CSV_COLUMNS, Progress
from service.models import Quote, Source, Speaker


def export_rows(session: Session, *, batch: int = 5_000) -> Iterator[dict]:
    """Every stored quote as a corpus row, in id order; then a row for each speaker with no quote."""
    speakers = dict(session.execute(select(Speaker.id, Speaker.name)).all())
    details = _speaker_details(session)
    sources = {s.id: s for s in session.scalars(select(Source))}
    last = 0
    while True:
        quotes = session.scalars(select(Quote).where(Quote.id > last).order_by(Quote.id).limit(batch)).all()
        if not quotes:
            break
        originals = {q.translation_of_id for q in quotes if q.translation_of_id}
        refs = (
            dict(session.execute(select(Quote.id, Quote.ref).where(Quote.id.in_(originals))).all())
            if originals
            else {}
        )
        for q in quotes:
            src = sources.get(q.source_id)
            yield {
                "ref": q.ref or f"quote-{q.id}",
                "text": q.text,
                "speaker": speakers[q.speaker_id],
                "language": q.language,
                "kind": q.kind,
                "said_on": q.said_on.isoformat() if q.said_on else None,
                "context": q.context,
                "translation_of": (refs.get(q.translation_of_id) or f"quote-{q.translation_of_id}")
                if q.translation_of_id
                else None,
                "translation_provenance": q.translation_provenance,
                # A speaker's aliases and roles travel once, with the first of their quotes.
                "speaker_info": details.pop(q.speaker_id, None),
                "source": None
                if src is None
                else {
                    "title": src.title,
                    "publisher": src.publisher,
                    "url": src.url,
                    "published_at": src.published_at.isoformat() if src.published_at else None,
                    "author": src.author,
                    "language": src.language,
                    "standing": src.standing,
                },
            }
        last = quotes[-1].id
        session.expunge_all()
    # Speakers no quote names (an alias-only record, a merged-away speaker's target): kept with their
    # aliases and roles, as rows with no text.
    quoted = set(session.scalars(select(Quote.speaker_id).distinct()))
    for speaker_id, name in sorted(speakers.items(), key=lambda item: item[1]):
        if speaker_id not in quoted:
            yield {"speaker": name, "speaker_info": details.pop(speaker_id, None)}


def _speaker_details(session: Session) -> dict[int, dict]:
    """Aliases, roles, QID and description of every speaker that has any."""
    details: dict[int, dict] = {}
    stmt = select(Speaker).options(selectinload(Speaker.aliases), selectinload(Speaker.roles))
    for sp in session.scalars(
        stmt.where(
            Speaker.aliases.any()
            | Speaker.roles.any()
            | Speaker.wikidata_qid.is_not(None)
            | Speaker.description.is_not(None)
        )
    ):
        details[sp.id] = {
            "aliases": [a.alias for a in sp.aliases],
            "roles": [
                {
                    "title": r.title,
                    "organisation": r.organisation,
                    "start_date": r.start_date.isoformat() if r.start_date else None,
                    "end_date": r.end_date.isoformat() if r.end_date else None,
                    "aliases": list(r.aliases or ()),
                }
                for r in sp.roles
            ],
            "wikidata_qid": sp.wikidata_qid,
            "description": sp.description,
        }
    return details


# Quotes written between two calls of export's progress callback.
EXPORT_PROGRESS_EVERY = 1_000


def export_file(session: Session, path: Path, *, progress: Progress | None = None) -> int:
    """Write every stored quote and speaker to ``path`` (CSV when it ends in .csv, else JSONL).

    Returns how many quotes it wrote. ``progress(written, total)`` is called every
    EXPORT_PROGRESS_EVERY quotes and at the end.
    """
    total = session.scalar(select(func.count()).select_from(Quote)) if progress else 0
    count = 0

    def wrote(row: dict) -> None:
        nonlocal count
        if "text" not in row:  # a speaker's own row (a speaker with no quotes), not a quote
            return
        count += 1
        if progress and count % EXPORT_PROGRESS_EVERY == 0:
            progress(count, total)

    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".csv":
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            for row in export_rows(session):
                source = row.pop("source", None) or {}
                info = row.pop("speaker_info")
                row["speaker_info"] = json.dumps(info, ensure_ascii=False) if info else None
                writer.writerow({**row, **{f"source.{k}": v for k, v in source.items()}})
                wrote(row)
        else:
            for row in export_rows(session):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                wrote(row)
    if progress:
        progress(count, total)
    return count
