"""Import: corpus files written to the database in batches, each one transaction with its index entries.

Bad rows are reported by line and skipped; every good row lands; a row already stored (same words,
speaker and source) is not stored again. Speaker strings are resolved to the stored people they surely
are (``identity.resolve``), and large files are parsed in parallel processes.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from service import bulk
from service.corpus.rows import (
    SOURCE_FIELDS,
    Progress,
    Reader,
    Row,
    RowError,
    SpeakerRow,
    decode_record,
    parse_row,
    raw_records,
)
from service.matching.identity import resolve
from service.matching.names import read_name, surname_key
from service.models import Quote, Speaker, utcnow
from service.search import add_postings, plan
from service.seeding import store_speaker

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
            row = parse_row(line, decode_record(raw))
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
    reader = Reader(path)
    positions: deque[int] = deque()  # where the file was read to when each chunk was cut, in order

    def chunks() -> Iterator[list]:
        for chunk in _chunks_of(raw_records(path, reader), CHUNK):
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


