"""Store the seed article, its speakers and its statements; storing them twice changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.embedding import embed_quotes
from service.models import Quote, Source, Speaker, SpeakerAlias, SpeakerRole
from service.search import add_to_index

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def seed(session: Session, directory: Path = SEED_DIR) -> dict[str, int]:
    """Store what ``directory`` holds, adding only what is missing; returns counts of what was added."""
    added = {"speakers": 0, "sources": 0, "quotes": 0}
    speakers = {}
    for entry in json.loads((directory / "speakers.json").read_text(encoding="utf-8")):
        speaker, new = store_speaker(session, entry)
        speakers[speaker.name] = speaker
        added["speakers"] += new
    for article in json.loads((directory / "articles.json").read_text(encoding="utf-8")):
        meta = dict(article["source"])
        body_file = meta.pop("body_file", None)
        body = (directory / body_file).read_text(encoding="utf-8") if body_file else meta.pop("body", None)
        source, new = _source(session, meta, body)
        added["sources"] += new
        for entry in article["quotes"]:
            speaker = speakers.get(entry["speaker"]) or store_speaker(session, {"name": entry["speaker"]})[0]
            quote, new = _quote(session, entry, speaker, source)
            added["quotes"] += new
            for tr in entry.get("translations", ()):
                tr_entry = {**entry, **tr, "kind": entry.get("kind", "direct")}
                translation, new = _quote(session, tr_entry, speaker, source, original=quote)
                translation.translation_provenance = tr["provenance"]
                added["quotes"] += new
    session.flush()
    return added


def store_speaker(session: Session, entry: dict) -> tuple[Speaker, bool]:
    """The speaker named ``entry['name']``, created if new, with the entry's aliases and roles added."""
    speaker = session.scalar(select(Speaker).where(Speaker.name == entry["name"]))
    new = speaker is None
    if new:
        speaker = Speaker(name=entry["name"])
        session.add(speaker)
    # What the entry says replaces what is stored; what it leaves out ("" is something) stays.
    if entry.get("wikidata_qid") is not None:
        speaker.wikidata_qid = entry["wikidata_qid"]
    if entry.get("description") is not None:
        speaker.description = entry["description"]
    known = {a.alias for a in speaker.aliases}
    for alias in entry.get("aliases", ()):
        if alias not in known:
            speaker.aliases.append(SpeakerAlias(alias=alias))
    roles = {(r.title, r.organisation, r.start_date) for r in speaker.roles}
    for role in entry.get("roles", ()):
        start = _date(role.get("start_date"))
        if (role["title"], role.get("organisation"), start) not in roles:
            speaker.roles.append(
                SpeakerRole(
                    title=role["title"],
                    organisation=role.get("organisation"),
                    start_date=start,
                    end_date=_date(role.get("end_date")),
                    aliases=list(role.get("aliases", ())),
                )
            )
    session.flush()
    return speaker, new


def _source(session: Session, meta: dict, body: str | None) -> tuple[Source, bool]:
    published = _date(meta.get("published_at"))
    key = Source.make_key(meta.get("url"), meta.get("publisher"), meta.get("title"), published)
    source = session.scalar(select(Source).where(Source.key == key))
    if source is not None:
        # A database stored before sources had a standing holds the seed article as unvetted.
        source.standing = meta.get("standing", source.standing)
        return source, False
    source = Source(
        key=key,
        url=meta.get("url"),
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        published_at=published,
        language=meta.get("language"),
        standing=meta.get("standing", "unvetted"),
        body=body,
    )
    session.add(source)
    session.flush()
    return source, True


def _quote(
    session: Session, entry: dict, speaker: Speaker, source: Source, *, original: Quote | None = None
) -> tuple[Quote, bool]:
    fingerprint = Quote.make_fingerprint(entry["text"], speaker.name, source.key)
    quote = session.scalar(select(Quote).where(Quote.fingerprint == fingerprint))
    if quote is not None:
        return quote, False
    quote = Quote(
        text=entry["text"],
        language=entry.get("language"),
        kind=entry.get("kind", "direct"),
        speaker=speaker,
        source=source,
        said_on=_date(entry.get("said_on")),
        context=entry.get("context"),
        translation_of=original,
        fingerprint=fingerprint,
    )
    session.add(quote)
    session.flush()
    add_to_index(session, [(quote.id, quote.text)])
    embed_quotes(session, [(quote.id, quote.text)])
    return quote, True
