"""Hot-path reads as plain SQL on the driver's connection: compiled once, not once a call.

A verification runs a handful of ``... WHERE id IN (<ids>)`` queries. Through SQLAlchemy each call
re-renders the expanding parameter and processes every bound value (~1.2 ms a verification here,
a fifth of it); the statements are still written in Core, and compiled here once per backend.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import JSON, Connection, Date, Select

_TOKEN = "IN (__[POSTCOMPILE_ids])"


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


class InQuery:
    """A Core select whose one parameter is an expanding ``ids`` list, run as plain SQL."""

    def __init__(self, stmt: Select) -> None:
        self.stmt = stmt
        self.keys = [c.key for c in stmt.selected_columns]
        self._compiled: dict[str, tuple[str, list[tuple[int, Callable]]]] = {}

    def _for(self, conn: Connection) -> tuple[str, list[tuple[int, Callable]]]:
        name = conn.dialect.name
        if name not in self._compiled:
            sql = str(self.stmt.compile(dialect=conn.dialect))
            if sql.count(_TOKEN) != 1:
                raise ValueError(f"expected one expanding 'ids' parameter in: {sql}")
            converters: list[tuple[int, Callable]] = []
            if name == "postgresql":
                sql = sql.replace(_TOKEN, "= ANY(%(ids)s)")
            else:
                # SQLite hands back dates and JSON as text; SQLAlchemy's types would have parsed them.
                for i, column in enumerate(self.stmt.selected_columns):
                    if isinstance(column.type, Date):
                        converters.append((i, _date))
                    elif isinstance(column.type, JSON):
                        converters.append((i, _json))
            self._compiled[name] = (sql, converters)
        return self._compiled[name]

    def rows(self, conn: Connection, ids: Sequence) -> list[tuple]:
        """The rows for these ids (tuples in the select's column order)."""
        if not ids:
            return []
        sql, converters = self._for(conn)
        raw = conn.connection.driver_connection
        if conn.dialect.name == "postgresql":
            with raw.cursor() as cursor:
                cursor.execute(sql, {"ids": list(ids)})
                return cursor.fetchall()
        found = raw.execute(sql.replace(_TOKEN, f"IN ({','.join('?' * len(ids))})"), list(ids)).fetchall()
        if converters:
            for n, row in enumerate(found):
                row = list(row)
                for i, convert in converters:
                    row[i] = convert(row[i])
                found[n] = tuple(row)
        return found

    def dicts(self, conn: Connection, ids: Sequence) -> list[dict]:
        """The rows for these ids, as dicts keyed by the select's column names."""
        keys = self.keys
        return [dict(zip(keys, row, strict=True)) for row in self.rows(conn, ids)]
