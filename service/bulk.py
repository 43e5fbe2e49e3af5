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


def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``."""
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    dated = [i for i, c in enumerate(columns) if c in DATE_COLUMNS]
    if dated:
        memo: dict = {}
        rows = [_sqlite_dates(row, dated, memo) for row in rows]
    conn.connection.driver_connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def add_counts(conn: Connection, table: str, key: str, count: str, rows: Iterable[tuple[int, int]]) -> None:
    """For each ``(key, n)``: insert the row, or add ``n`` to the count of the row already there."""
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    sql = (
        f"INSERT INTO {table} ({key}, {count}) VALUES ({mark}, {mark}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    )
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cursor:
            cursor.executemany(sql, list(rows))
    else:
        raw.executemany(sql, rows)
