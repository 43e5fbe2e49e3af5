"""Writing many rows fast, inside the caller's transaction: COPY on PostgreSQL, executemany on SQLite.

For import, where SQLAlchemy's per-row parameter handling costs more than the database's own work.
Values must be plain Python values; dates and datetimes are written as SQLAlchemy writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Connection


def _sqlite_value(value):
    # SQLAlchemy's SQLite types store dates and datetimes as ISO strings without a zone.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


DATE_COLUMNS = frozenset({"created_at", "said_on", "published_at"})


def _sqlite_dates(row: Sequence, positions: list[int], memo: dict) -> Sequence:
    row = list(row)
    for i in positions:
        value = row[i]
        if value is not None:
            # A batch shares one created_at: format it once, not once a row.
            if value not in memo:
                memo[value] = _sqlite_value(value)
            row[i] = memo[value]
    return row


def db_value(conn: Connection, value):
    """``value`` as this connection's driver stores it (rows for ``insert_rows(..., ready=True)``)."""
    return value if conn.dialect.name == "postgresql" else _sqlite_value(value)


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence], *, ready: bool = False
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``.

    ``ready``: dates and datetimes in the rows were already passed through ``db_value``.
    """
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    dated = [i for i, c in enumerate(columns) if c in DATE_COLUMNS]
    if dated and not ready:
        memo: dict = {}
        rows = [_sqlite_dates(row, dated, memo) for row in rows]
    conn.connection.driver_connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def next_ids(conn: Connection, table: str, count: int) -> list[int] | None:
    """PostgreSQL: ``count`` fresh ids from the sequence behind ``table``'s id column; elsewhere None."""
    if conn.dialect.name != "postgresql":
        return None
    with conn.connection.driver_connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, count)
        )
        return [quote_id for (quote_id,) in cursor.fetchall()]


# Above this many rows, PostgreSQL gets the counts by COPY into a temporary table and merges them in one
# statement: an upsert a row (even pipelined) cost ~25 us a row of round trips and planning.
_COPY_COUNTS_FROM = 1_000


def add_counts(conn: Connection, table: str, key: str, count: str, rows: Iterable[tuple[int, int]]) -> None:
    """For each ``(key, n)``: insert the row, or add ``n`` to the count of the row already there.

    Rows should come sorted by key, so that concurrent writers lock rows in the same order.
    """
    rows = list(rows)
    raw = conn.connection.driver_connection
    if conn.dialect.name != "postgresql":
        raw.executemany(
            f"INSERT INTO {table} ({key}, {count}) VALUES (?, ?) "
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
            rows,
        )
        return
    with raw.cursor() as cursor:
        if len(rows) < _COPY_COUNTS_FROM:
            cursor.executemany(
                f"INSERT INTO {table} ({key}, {count}) VALUES (%s, %s) "
                f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
                rows,
            )
            return
        staging = f"staged_{table}"
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} (LIKE {table}) ON COMMIT DELETE ROWS")
        cursor.execute(f"TRUNCATE {staging}")
        with cursor.copy(f"COPY {staging} ({key}, {count}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({key}, {count}) SELECT {key}, {count} FROM {staging} ORDER BY {key} "
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
        )


# SQLite's default limit on bound parameters is 32766; stay well under it.
_SQLITE_CHUNK = 5_000


def lookup(conn: Connection, table: str, key: str, value: str, keys: Sequence) -> dict:
    """``{key: value}`` for the rows of ``table`` whose ``key`` is one of ``keys`` (raw SQL: no compiling)."""
    return dict(lookup_all(conn, table, key, (value,), keys))


def lookup_all(conn: Connection, table: str, key: str, columns: Sequence[str], keys: Sequence) -> list[tuple]:
    """``(key, *columns)`` of every row of ``table`` whose ``key`` is one of ``keys`` (several a key)."""
    raw = conn.connection.driver_connection
    names = ", ".join((key, *columns))
    found: list[tuple] = []
    if not keys:
        return found
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cursor:
            cursor.execute(f"SELECT {names} FROM {table} WHERE {key} = ANY(%s)", (list(keys),))
            found.extend(cursor.fetchall())
        return found
    keys = list(keys)
    for i in range(0, len(keys), _SQLITE_CHUNK):
        chunk = keys[i : i + _SQLITE_CHUNK]
        marks = ",".join("?" * len(chunk))
        found.extend(raw.execute(f"SELECT {names} FROM {table} WHERE {key} IN ({marks})", chunk))
    return found
