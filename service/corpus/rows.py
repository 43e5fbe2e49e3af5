"""Corpus rows as read from a file: each JSON line or CSV record checked and made a ``Row``.

A row that cannot be stored raises ``RowError`` saying why; import reports it by line. Writes nothing.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple

from service.matching import index_terms
from service.models import STANDINGS, Quote, Source
from service.storable import bad_strings
from service.store import NO_WORD

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



class Reader:
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


def raw_records(path: Path, reader: Reader) -> Iterator[tuple[int, str | dict]]:
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


def decode_record(raw: str | dict) -> dict:
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


