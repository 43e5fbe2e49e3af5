"""Import and export quotes in the corpus format (JSON Lines, or CSV with the same columns).

One row a quote: ``{"ref", "text", "speaker", "language", "source": {"title", "publisher", "url",
"published_at"}}``, plus optional ``kind``, ``said_on``, ``context``, ``translation_of`` (another row's
ref) and ``translation_provenance``. Rows of Goodreads-style collections (``{"quote", "author"}``, as
in Quotes-500K) are read too. Bad rows are reported by line and skipped; every good row lands;
a row already stored (same words, speaker and source) is not stored again. Rows are written in
batches, each batch one transaction holding the quotes and their index entries together.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import multiprocessing
import os
import sqlite3
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, NamedTuple

import numpy as np
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from service import bulk
from service.matching import index_terms
from service.matching.identity import resolve
from service.matching.names import read_name, surname_key
from service.models import STANDINGS, Quote, Source, Speaker, utcnow
from service.search import add_postings, plan
from service.seeding import store_speaker
from service.storable import bad_strings
from service.store import NO_WORD

# What a database says when it refuses rows: through SQLAlchemy, or from the driver (bulk writes on the
# driver's own connection).
_REFUSALS: tuple[type[Exception], ...] = (DBAPIError, sqlite3.Error)
try:
    import psycopg

    _REFUSALS += (psycopg.Error,)
except ImportError:  # PostgreSQL is optional
    pass

# Rows per transaction: each batch writes one run of ids per word, so bigger batches mean fewer,
# longer runs for queries to read (~50 per common word at 1M quotes); SQLite's write lock is held
# a few seconds per batch, readers are not blocked (WAL).
BATCH = 20_000

# progress(done, rows): import passes the bytes of the file read so far and the rows read;
# export the quotes written so far and the number it will write.
Progress = Callable[[int, int], None]
MAX_TEXT = 20_000
SOURCE_FIELDS = ("title", "publisher", "url", "published_at", "author", "language", "standing")
CSV_COLUMNS = (
    "ref",
    "text",
    "speaker",
    "language",
    "kind",
    "said_on",
    "context",
    "translation_of",
    "translation_provenance",
    "speaker_info",
    *(f"source.{f}" for f in SOURCE_FIELDS),
)


_QUOTE_COLUMNS = (
    "text",
    "language",
    "kind",
    "speaker_id",
    "source_id",
    "said_on",
    "context",
    "translation_provenance",
    "ref",
    "fingerprint",
    "created_at",
)


class RowError(ValueError):
    """A row that cannot be stored, and why."""


class Row(NamedTuple):
    """A validated row, with the identities import needs (computed where the row is parsed)."""

    line: int
    ref: str | None
    text: str
    speaker: str
    language: str | None
    kind: str
    said_on: date | None
    context: str | None
    translation_of: str | None
    translation_provenance: str | None
    source: dict | None
    speaker_info: dict | None
    source_key: str | None
    fingerprint: str


class SpeakerRow(NamedTuple):
    """A row that stores a speaker (with their aliases and roles) and no quote."""

    line: int
    speaker: str
    speaker_info: dict | None


@dataclass
class ImportReport:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    speakers_added: int = 0
    speakers_resolved: int = 0  # speaker strings recorded as an alias of a stored speaker
    sources_added: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a person at a terminal."""
        return (
            f"read {self.read} rows: {self.added} quotes added, {self.duplicates} already stored, "
            f"{len(self.errors)} bad; {self.speakers_added} new speakers, {self.sources_added} new sources"
            + (
                f" ({self.speakers_resolved} speaker names resolved to stored speakers)"
                if self.speakers_resolved
                else ""
            )
        )


# --- reading -------------------------------------------------------------------------------------


class _Reader:
    """A corpus file opened for reading: its text, and how far into the file (bytes on disk) it has read.

    The position is the raw file's, so for a .gz file it is the compressed position: progress against
    the size ``ls`` shows.
    """

    def __init__(self, path: Path):
        self._raw = path.open("rb")
        binary = gzip.GzipFile(fileobj=self._raw, mode="rb") if path.suffix == ".gz" else self._raw
        # Bytes that are not UTF-8 become lone surrogates, which the row's check reports by line.
        self.text: IO[str] = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape", newline="")

    def position(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self.text.close()
        self._raw.close()


def _raw_records(path: Path, reader: _Reader) -> Iterator[tuple[int, str | dict]]:
    """``(line, record)`` for every record of a JSONL (the line, undecoded) or CSV file (a dict)."""
    fh = reader.text
    if ".csv" in path.suffixes:
        rows = csv.DictReader(fh)
        for record in rows:
            yield rows.line_num, _unflatten(record)
        return
    for line_no, line in enumerate(fh, start=1):
        if line.strip():
            yield line_no, line


def _decode(raw: str | dict) -> dict:
    if isinstance(raw, dict):
        _refuse_unstorable(raw)
        return raw
    try:
        record = json.loads(raw)
    except RecursionError:
        raise RowError("not valid JSON (nested too deeply)") from None
    except ValueError as exc:
        raise RowError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise RowError("not a JSON object")
    if _may_be_unstorable(raw):
        _refuse_unstorable(record)
    return record


def _may_be_unstorable(line: str) -> bool:
    """Whether a JSON line may decode to a NUL or a lone surrogate (cheap: most lines cannot)."""
    if "\\u" in line and ("\\u0000" in line or "\\ud" in line.lower()):
        return True
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_unstorable(record: dict) -> None:
    """A RowError naming the first field whose text no database can store (NUL, lone surrogate)."""
    for path, reason in bad_strings(record):
        name = ".".join(map(str, path)) or "row"
        raise RowError(f"{name}: nested too deeply" if reason == "depth" else f"{name}: {reason}")


def _unflatten(record: dict[str | None, str | list | None]) -> dict:
    row: dict = {}
    source: dict = {}
    for key, value in record.items():
        if key is None:  # more cells than headers
            row["__extra__"] = value
            continue
        value = value if value != "" else None
        if key.startswith("source.") or key.startswith("source_"):
            source[key[7:]] = value
        else:
            row[key] = value
    row["source"] = source if any(v is not None for v in source.values()) else None
    return row


def _str(record: dict, name: str, *, required: bool = False, limit: int = 300) -> str | None:
    value = record.get(name)
    if required and (value is None or (isinstance(value, str) and not value.strip())):
        raise RowError(f"{name}: missing")
    if value is None:
        return None  # an empty string stays one: export then import gives back what was stored
    if not isinstance(value, str):
        raise RowError(f"{name}: must be a string, not {type(value).__name__}")
    if len(value) > limit:
        raise RowError(f"{name}: longer than {limit} characters")
    return value


def _date(record: dict, name: str) -> date | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RowError(f"{name}: must be a date string (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _speaker_info(value) -> dict | None:
    """Aliases, roles, Wikidata QID and description of the row's speaker, checked; None when absent."""
    if value in (None, ""):
        return None
    if isinstance(value, str):  # a CSV cell holds it as JSON
        try:
            value = json.loads(value)
        except ValueError:
            raise RowError("speaker_info: not valid JSON") from None
    if not isinstance(value, dict):
        raise RowError("speaker_info: must be an object")
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and 0 < len(a) <= 300 for a in aliases):
        raise RowError("speaker_info.aliases: must be a list of names")
    roles = value.get("roles") or []
    if not isinstance(roles, list) or not all(
        isinstance(r, dict) and isinstance(r.get("title"), str) for r in roles
    ):
        raise RowError("speaker_info.roles: must be a list of objects with a title")
    for role in roles:
        for name in ("start_date", "end_date"):
            _date(role, name)
    return {
        "aliases": aliases,
        "roles": roles,
        "wikidata_qid": _str(value, "wikidata_qid", limit=20),
        "description": _str(value, "description", limit=5_000),
    }


def _from_quote_author(record: dict) -> dict:
    """A row of Goodreads-style quote collections (Quotes-500K: ``{quote, author, category}``).

    The author field often carries the work after a comma ("Jane Austen, Pride and Prejudice"): the
    speaker is the part before it, the work becomes the source's title.
    """
    author = record.get("author")
    if not isinstance(author, str):
        return {"text": record.get("quote"), "speaker": author}
    speaker, _, work = author.partition(",")
    return {
        "text": record.get("quote"),
        "speaker": speaker,
        "source": {"title": work.strip()} if work.strip() else None,
    }


def _standing(raw_source: dict) -> str | None:
    standing = _str(raw_source, "standing", limit=20)
    if standing not in (None, *STANDINGS):
        raise RowError(f"source.standing: {standing!r} is not one of {', '.join(STANDINGS)}")
    return standing


def parse_row(line: int, record: dict) -> Row:
    """A validated row, or RowError saying what is wrong with it."""
    if "__extra__" in record:
        raise RowError("more cells than columns")
    if "text" not in record and "speaker" not in record and "quote" in record:
        record = _from_quote_author(record)
    if record.get("text") is None and "speaker" in record:
        return _speaker_row(line, record)
    text = _str(record, "text", required=True, limit=MAX_TEXT)
    if not index_terms(text):
        raise RowError(f"text: {NO_WORD}")
    speaker = _str(record, "speaker", required=True).strip()
    kind = _str(record, "kind") or "direct"
    if kind not in ("direct", "reported"):
        raise RowError(f"kind: {kind!r} is not 'direct' or 'reported'")
    provenance = _str(record, "translation_provenance")
    if provenance not in (None, "editorial", "official"):
        raise RowError(f"translation_provenance: {provenance!r} is not 'editorial' or 'official'")
    raw_source = record.get("source")
    source = None
    if raw_source is not None:
        if not isinstance(raw_source, dict):
            raise RowError("source: must be an object")
        source = {
            "title": _str(raw_source, "title", limit=5_000),
            "publisher": _str(raw_source, "publisher"),
            "url": _str(raw_source, "url", limit=2_000),
            "author": _str(raw_source, "author"),
            "language": _str(raw_source, "language", limit=20),
            "published_at": _date(raw_source, "published_at"),
        }
        if not any(source.values()):
            source = None
        else:
            source["standing"] = _standing(raw_source)
    ref = record.get("ref")
    source_key = (
        Source.make_key(source["url"], source["publisher"], source["title"], source["published_at"])
        if source
        else None
    )
    return Row(
        line=line,
        ref=str(ref) if ref is not None else None,
        text=text,
        speaker=speaker,
        language=_str(record, "language", limit=20),
        kind=kind,
        said_on=_date(record, "said_on"),
        context=_str(record, "context", limit=MAX_TEXT),
        translation_of=_str(record, "translation_of", limit=100),
        translation_provenance=provenance,
        source=source,
        speaker_info=_speaker_info(record.get("speaker_info")),
        source_key=source_key,
        fingerprint=Quote.make_fingerprint(text, speaker, source_key),
    )


def _speaker_row(line: int, record: dict) -> SpeakerRow:
    """A row naming a speaker and no quote: export writes one for each speaker with no quotes."""
    extra = sorted(k for k, v in record.items() if v is not None and k not in ("speaker", "speaker_info"))
    if extra:
        raise RowError(f"text: missing (a row with {', '.join(extra)} is a quote, and needs its words)")
    speaker = _str(record, "speaker", required=True).strip()
    return SpeakerRow(line=line, speaker=speaker, speaker_info=_speaker_info(record.get("speaker_info")))


# --- writing -------------------------------------------------------------------------------------


class _Resolver:
    """Speaker names and source keys → ids, remembered across batches."""

    def __init__(self, *, standing: str = "unvetted") -> None:
        self.speakers: dict[str, int] = {}
        self.sources: dict[str, int] = {}
        self.standing = standing  # of new sources whose row says none

    def speaker_ids(self, session: Session, names: Counter, report: ImportReport) -> None:
        """Ids for these speaker strings (with their row counts): stored, resolved, or new.

        In bulk: one query by name, one by alias, one for the stored speakers of the strings' surnames;
        then ``identity.resolve`` (pure) folds each string that is surely a stored person into them,
        and records it as an alias. Strings of one person new in this batch become one speaker.
        """
        missing = sorted(n for n in names if n not in self.speakers)
        if not missing:
            return
        conn = session.connection()
        self.speakers.update(bulk.lookup(conn, "speakers", "name", "id", missing))
        missing = [n for n in missing if n not in self.speakers]
        self.speakers.update(bulk.lookup(conn, "speaker_aliases", "alias", "speaker_id", missing))
        missing = [n for n in missing if n not in self.speakers]
        if not missing:
            return
        keys = {n: surname_key(n) for n in missing}
        group: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
        for key, sid, name in bulk.lookup_all(
            conn, "speakers", "surname_key", ("id", "name"), sorted({k for k in keys.values() if k})
        ):
            group[key].append((sid, [name]))
        new: list[str] = []  # speakers to create; -(i + 1) stands for new[i] until it has an id
        aliases: list[tuple[int, str]] = []
        of_new: dict[str, int] = {}

        # Full names before surnames alone (which fold into one only when it is the surname's one person);
        # then the most quoted, plainest form of a person first: it is the one the others fold into.
        def order(n: str) -> tuple:
            readings = read_name(n)
            return (not (readings and readings[0].given), -names[n], _decoration(n), n)

        for name in sorted(missing, key=order):
            key = keys[name]
            hit = resolve(name, group[key]) if key else None
            if hit is None:
                new.append(name)
                if key:
                    group[key].append((-len(new), [name]))
            elif hit < 0:
                of_new[name] = -hit - 1
            else:
                self.speakers[name] = hit
                aliases.append((hit, name))
        if new:
            bulk.insert_rows(conn, "speakers", ("name", "surname_key"), [(n, surname_key(n)) for n in new])
            self.speakers.update(bulk.lookup(conn, "speakers", "name", "id", new))
            report.speakers_added += len(new)
        for name, i in of_new.items():
            self.speakers[name] = self.speakers[new[i]]
            aliases.append((self.speakers[name], name))
        if aliases:
            bulk.insert_rows(conn, "speaker_aliases", ("speaker_id", "alias"), sorted(aliases))
            report.speakers_resolved += len(aliases)

    def source_ids(self, session: Session, rows: Iterable[Row], report: ImportReport) -> None:
        wanted: dict[str, dict] = {}
        for row in rows:
            if row.source_key and row.source_key not in self.sources:
                wanted[row.source_key] = {**row.source, "standing": row.source["standing"] or self.standing}
        if not wanted:
            return
        keys = sorted(wanted)
        conn = session.connection()
        self.sources.update(bulk.lookup(conn, "sources", "key", "id", keys))
        new = [k for k in keys if k not in self.sources]
        if new:
            urls = [wanted[k]["url"] for k in new if wanted[k]["url"]]
            taken = set(bulk.lookup(conn, "sources", "url", "id", urls)) if urls else set()
            bulk.insert_rows(
                conn,
                "sources",
                ("key", *SOURCE_FIELDS),
                [(k, *(wanted[k][f] for f in SOURCE_FIELDS)) for k in new if wanted[k]["url"] not in taken],
            )
            self.sources.update(bulk.lookup(conn, "sources", "key", "id", new))
            report.sources_added += len(new)


def _decoration(name: str) -> int:
    """How far a speaker string is from a plain name (spacing, capitals, titles, tags): plainer is kept."""
    readings = read_name(name)
    name_words = len(readings[0].given) + 1 if readings else 0
    return (
        (name != " ".join(name.split()))
        + name.isupper()
        + sum(name.count(c) for c in "().,[]")
        + max(0, len(name.split()) - name_words)  # words of a title or role ("pollster Frank Luntz")
    )


@dataclass
class _Parsed:
    """Good rows of some records, with their index keys (flat, ``lengths[i]`` keys for ``rows[i]``)."""

    rows: list[Row] = field(default_factory=list)
    speakers: list[SpeakerRow] = field(default_factory=list)
    keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    lengths: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    errors: list[tuple[int, str]] = field(default_factory=list)
    read: int = 0

    def halves(self) -> list[_Parsed]:
        """The batch (of two rows or more) in two non-empty parts, each with its rows' index keys."""
        if len(self.rows) >= 2:
            mid = len(self.rows) // 2
            cut = int(self.lengths[:mid].sum())
            first = _Parsed(self.rows[:mid], self.speakers, self.keys[:cut], self.lengths[:mid])
            return [first, _Parsed(self.rows[mid:], [], self.keys[cut:], self.lengths[mid:])]
        mid = (len(self.speakers) + 1) // 2
        rest = _Parsed(self.rows, self.speakers[mid:], self.keys, self.lengths)
        return [_Parsed([], self.speakers[:mid]), rest]

    @classmethod
    def join(cls, parts: list[_Parsed]) -> _Parsed:
        return cls(
            rows=[row for part in parts for row in part.rows],
            speakers=[row for part in parts for row in part.speakers],
            keys=np.concatenate([part.keys for part in parts]),
            lengths=np.concatenate([part.lengths for part in parts]),
            errors=[error for part in parts for error in part.errors],
            read=sum(part.read for part in parts),
        )


def _parse_records(records: list[tuple[int, str | dict]]) -> _Parsed:
    """Decode, validate and tokenise records: pure, so it runs in worker processes too."""
    parsed = _Parsed(read=len(records))
    key_lists = []
    for line, raw in records:
        try:
            row = parse_row(line, _decode(raw))
        except RowError as exc:
            parsed.errors.append((line, str(exc)))
            continue
        if isinstance(row, SpeakerRow):
            parsed.speakers.append(row)
            continue
        parsed.rows.append(row)
        key_lists.append(plan.quote_keys(row.text))
    parsed.lengths = np.fromiter(map(len, key_lists), dtype=np.int64, count=len(key_lists))
    parsed.keys = np.fromiter(chain.from_iterable(key_lists), dtype=np.int64, count=int(parsed.lengths.sum()))
    return parsed


def _store_batch(engine: Engine, batch: _Parsed, resolver: _Resolver, report: ImportReport) -> None:
    """Store a batch in one transaction; when the database refuses it, store it in halves.

    Rows are checked before they get here, but the database has the last word (a constraint, a type):
    a refused batch is split until the rows it refuses stand alone, each reported by line like any
    other bad row, and every other row lands.
    """
    saved = (
        dict(resolver.speakers),
        dict(resolver.sources),
        report.speakers_added,
        report.sources_added,
        report.speakers_resolved,
    )
    saved_counts = (report.added, report.duplicates)
    try:
        _store_in_one_transaction(engine, batch, resolver, report)
    except _REFUSALS as exc:
        # The transaction is gone: so are the ids the resolver learnt in it.
        (
            resolver.speakers,
            resolver.sources,
            report.speakers_added,
            report.sources_added,
            report.speakers_resolved,
        ) = saved
        report.added, report.duplicates = saved_counts
        rows = [*batch.speakers, *batch.rows]
        if len(rows) == 1:
            report.errors.append((rows[0].line, f"refused by the database: {_first_line(exc)}"))
            return
        for half in batch.halves():
            _store_batch(engine, half, resolver, report)


def _first_line(exc: Exception) -> str:
    reason = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return (str(reason).strip().splitlines() or [type(reason).__name__])[0]


def _store_in_one_transaction(
    engine: Engine, batch: _Parsed, resolver: _Resolver, report: ImportReport
) -> None:
    rows = batch.rows
    with Session(engine) as session, session.begin():
        if engine.dialect.name == "sqlite":
            # A bigger page cache for this connection: index pages are rewritten batch after batch.
            session.execute(text("PRAGMA cache_size=-262144"))
        resolver.speaker_ids(session, Counter(r.speaker for r in chain(rows, batch.speakers)), report)
        for row in chain(batch.speakers, rows):
            if row.speaker_info:
                # On the speaker the name resolved to (its own name, when it is new).
                stored = session.get(Speaker, resolver.speakers[row.speaker])
                store_speaker(session, {**row.speaker_info, "name": stored.name})
        resolver.source_ids(session, rows, report)
        first: dict[str, int] = {}  # fingerprint -> position of its first row in the batch
        for i, row in enumerate(rows):
            first.setdefault(row.fingerprint, i)
        report.duplicates += len(rows) - len(first)
        conn = session.connection()
        stored = bulk.lookup(conn, "quotes", "fingerprint", "id", list(first))
        report.duplicates += len(stored)
        fresh = [i for fp, i in first.items() if fp not in stored]
        if not fresh:
            return
        now = bulk.db_value(conn, utcnow())
        speakers, sources = resolver.speakers, resolver.sources
        # PostgreSQL: ids taken from the sequence up front, so no query has to find them afterwards.
        new_ids = bulk.next_ids(conn, "quotes", len(fresh))
        bulk.insert_rows(
            conn,
            "quotes",
            _QUOTE_COLUMNS if new_ids is None else ("id", *_QUOTE_COLUMNS),
            [
                (
                    row.text,
                    row.language,
                    row.kind,
                    speakers[row.speaker],
                    sources.get(row.source_key) if row.source_key else None,
                    bulk.db_value(conn, row.said_on) if row.said_on else None,
                    row.context,
                    row.translation_provenance,
                    row.ref,
                    row.fingerprint,
                    now,
                )
                for row in map(rows.__getitem__, fresh)
            ]
            if new_ids is None
            else [
                (
                    quote_id,
                    row.text,
                    row.language,
                    row.kind,
                    speakers[row.speaker],
                    sources.get(row.source_key) if row.source_key else None,
                    row.said_on,
                    row.context,
                    row.translation_provenance,
                    row.ref,
                    row.fingerprint,
                    now,
                )
                for quote_id, row in zip(new_ids, map(rows.__getitem__, fresh), strict=True)
            ],
            ready=True,
        )
        if new_ids is None:
            ids = bulk.lookup(conn, "quotes", "fingerprint", "id", [rows[i].fingerprint for i in fresh])
            new_ids = [ids[rows[i].fingerprint] for i in fresh]
        keep = np.zeros(len(rows), dtype=bool)
        keep[fresh] = True
        add_postings(
            session,
            np.array(new_ids, dtype=np.int64),
            batch.lengths[keep],
            batch.keys[np.repeat(keep, batch.lengths)],
        )
        report.added += len(fresh)


def _link_translations(engine: Engine, links: list[tuple[str, str]]) -> None:
    """Point each translation at its original, by the rows' refs, once every row is stored."""
    with Session(engine) as session, session.begin():
        refs = sorted({r for pair in links for r in pair})
        ids = bulk.lookup(session.connection(), "quotes", "ref", "id", refs)
        for ref, original in links:
            if ref in ids and original in ids and ids[ref] != ids[original]:
                session.execute(
                    update(Quote).where(Quote.id == ids[ref]).values(translation_of_id=ids[original])
                )


# Records a worker parses at a time, and how many such chunks may wait to be stored: memory stays
# bounded whatever the file's size.
CHUNK = 2_000
WINDOW = 4
# Below this file size, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 4 << 20


def _parsed_batches(
    path: Path, report: ImportReport, batch: int, jobs: int, progress: Progress | None
) -> Iterator[_Parsed]:
    """Good rows of ``path`` in batches of about ``batch``, parsed by ``jobs`` processes; bad rows noted."""
    pending: list[_Parsed] = []
    size = 0
    reader = _Reader(path)
    positions: deque[int] = deque()  # where the file was read to when each chunk was cut, in order

    def chunks() -> Iterator[list]:
        for chunk in _chunks_of(_raw_records(path, reader), CHUNK):
            positions.append(reader.position())
            yield chunk

    try:
        for part in _map_in_order(_parse_records, chunks(), jobs):
            report.read += part.read
            report.errors.extend(part.errors)
            if progress:
                progress(positions.popleft(), report.read)
            pending.append(part)
            size += len(part.rows) + len(part.speakers)
            if size >= batch:
                yield _Parsed.join(pending)
                pending, size = [], 0
        if size:
            yield _Parsed.join(pending)
    finally:
        reader.close()


def _chunks_of(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _map_in_order(fn: Callable, items: Iterator, jobs: int) -> Iterator:
    """``map(fn, items)`` in order, computed by ``jobs`` worker processes (none: in this one)."""
    if jobs < 1:
        yield from map(fn, items)
        return
    # fork: the workers inherit the imported code and start at once; they only run pure functions.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        window: deque = deque()
        for item in items:
            window.append(pool.submit(fn, item))
            if len(window) >= jobs * WINDOW:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def default_jobs(path: Path) -> int:
    """Worker processes for parsing ``path``: one a core (none for small files).

    One a core, not one fewer: the writing process waits on the database much of the time (500k rows
    into SQLite on 2 cores: 60 s with one worker, 43 s with two).
    """
    if path.stat().st_size < PARALLEL_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(1, min(4, os.cpu_count() or 1))


def import_file(
    engine: Engine,
    path: Path,
    *,
    batch: int = BATCH,
    jobs: int | None = None,
    progress: Progress | None = None,
    standing: str = "unvetted",
) -> ImportReport:
    """Import every good row of ``path``; the report lists the bad ones by line.

    ``jobs`` processes parse and tokenise rows (default: ``default_jobs``) while this one writes.
    New sources get ``standing`` unless their row gives one (``source.standing``).
    ``progress(position, rows)`` is called as rows are read: bytes of the file read so far (the
    compressed position of a .gz file) and rows read so far.
    """
    report = ImportReport()
    resolver = _Resolver(standing=standing)
    links: list[tuple[str, str]] = []
    jobs = default_jobs(path) if jobs is None else jobs
    for parsed in _parsed_batches(path, report, batch, jobs, progress):
        rows = parsed.rows
        links.extend((row.ref, row.translation_of) for row in rows if row.translation_of and row.ref)
        _store_batch(engine, parsed, resolver, report)
    if links:
        _link_translations(engine, links)
    if report.added:
        _refresh_statistics(engine)
    return report


def _refresh_statistics(engine: Engine) -> None:
    """PostgreSQL: let the query planner see the rows just loaded."""
    # After a bulk load PostgreSQL's estimates stay stale until autovacuum gets to them: at 1M quotes
    # verify's candidate query took 16 ms on a seq-scan plan, 5 ms after ANALYZE. SQLite plans these
    # queries well without statistics (and ANALYZE is the DBA's call there: see migration 0003).
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE quotes, speakers, speaker_aliases, sources, index_terms, postings")


# --- export --------------------------------------------------------------------------------------


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
