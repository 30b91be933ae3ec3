"""SQLite: a batch of rows as one statement, for an import's batches written in the
background while the next are made.

A batch goes as one JSON text, ``INSERT ... SELECT ... FROM json_each(?)``, which SQLite
unpacks and inserts in C. Values JSON cannot write (dates, time stamps) are written by
SQLAlchemy's own bind processors, so a row is stored exactly as the ORM would store it.
Two things JSON would change are refused here and left to the row-by-row path: a text
holding a NUL character (SQLite's JSON would cut it short), and a column of a kind whose
processor does more than format (an ``Enum`` checks its value). A whole number beyond 64
bits, which the driver refuses, would reach SQLite as a REAL: the insert is followed by a
check of the new rows that refuses the batch if one does.

Being one statement, a batch runs inside SQLite without Python's global lock (the
driver's ``executemany`` takes the lock back after every row), so an import hands its
batches to a thread (``ledger.background_writer``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, String
from sqlalchemy.engine import Connection

# the column types whose values go through JSON unchanged, or (dates) through SQLAlchemy's
# bind processor, as text; an Enum is a String whose processor checks the value
_JSON_TYPES = (Integer, String, Date, DateTime, Boolean)
_JSON_NOT = (Enum,)
NOT_INTEGER = "a whole number beyond 64 bits cannot be stored"

Execute = Callable[[str, tuple], Any]  # runs one statement, returns its first row or None


@dataclass(slots=True)
class JsonInsert:
    """One batch of rows for one table, ready to run (a job of ``BackgroundWriter``)."""

    table: str
    insert: str  # INSERT ... SELECT ... FROM json_each(?)
    params: tuple  # the values every row shares, then the rows as a JSON array of arrays
    rows: int
    check: str | None  # finds one of the batch's rows with a REAL in an integer column
    inserted: bool = False  # the rows went in (when their check then failed, only it reruns)

    def write(self, cursor: Any) -> None:
        """In the writer's thread, on the driver's own cursor."""
        self.run(lambda sql, params: cursor.execute(sql, params).fetchone())

    def again(self, conn: Connection) -> None:
        """In the foreground, through SQLAlchemy (its errors worded by the engine's hooks),
        from the step that failed: SQLite undid the failed statement."""
        def execute(sql: str, params: tuple) -> Any:
            result = conn.exec_driver_sql(sql, params)
            return result.first() if result.returns_rows else None

        self.run(execute)

    def run(self, execute: Execute) -> None:
        if not self.inserted:
            execute(self.insert, self.params)
            self.inserted = True
        if self.check is not None and execute(self.check, (self.rows,)) is not None:
            raise OverflowError(NOT_INTEGER)


def json_insert(dialect, table, columns: tuple[str, ...],  # type: ignore[no-untyped-def]
                rows: list[tuple], shared: Mapping[str, Any] | None = None) -> JsonInsert | None:
    """The batch as one statement, or None when JSON cannot carry it unchanged. ``shared``:
    columns whose value every row has, bound once instead of written in every row (SQLite
    takes the JSON apart value by value: a time stamp in each row was a fifth of it)."""
    shared = shared or {}
    shape = _shape(dialect, table, columns, tuple(shared))
    if shape is None:
        return None
    value = _json_value(dialect)
    text = json.dumps(rows, default=value, ensure_ascii=False,
                      check_circular=False, separators=(",", ":"))
    if "\\u0000" in text or any(isinstance(v, str) and "\x00" in v for v in shared.values()):
        return None
    insert, check = shape
    bound = tuple(v if v is None or isinstance(v, (bool, int, str)) else value(v)
                  for v in shared.values())
    return JsonInsert(table.name, insert, (*bound, text), len(rows), check)


@functools.lru_cache(maxsize=64)
def _shape(dialect, table, columns: tuple[str, ...],  # type: ignore[no-untyped-def]
           shared: tuple[str, ...] = ()) -> tuple[str, str | None] | None:
    types = [table.c[name].type for name in (*columns, *shared)]
    if not all(isinstance(t, _JSON_TYPES) and not isinstance(t, _JSON_NOT) for t in types):
        return None
    insert = (f"INSERT INTO {table.name} ({', '.join((*columns, *shared))}) SELECT "
              + ", ".join([*(f"value ->> {i}" for i in range(len(columns))),
                           *("?" for _ in shared)])
              + " FROM json_each(?)")
    integers = [name for name, t in zip(columns, types) if isinstance(t, Integer)]
    # the batch's rows are the last ones inserted: their rowids run up to last_insert_rowid()
    # (a table's own ids, or ids the journal reserved after the largest, in order)
    check = (f"SELECT 1 FROM {table.name} WHERE rowid > last_insert_rowid() - ? AND ("
             + " OR ".join(f"typeof({name}) = 'real'" for name in integers) + ") LIMIT 1"
             ) if integers else None
    return insert, check


@functools.lru_cache(maxsize=8)
def _json_value(dialect):  # type: ignore[no-untyped-def]
    """``json.dumps``' hook for what JSON cannot write: a date or a time stamp as SQLite's
    dialect stores it (each distinct value processed once: a batch shares a few dates)."""
    as_day = Date().dialect_impl(dialect).bind_processor(dialect)
    as_time = DateTime().dialect_impl(dialect).bind_processor(dialect)
    seen: dict[object, object] = {}

    def value(v: object) -> object:
        try:
            return seen[v]
        except (KeyError, TypeError):
            pass
        if isinstance(v, dt.datetime):
            out = as_time(v)
        elif isinstance(v, dt.date):
            out = as_day(v)
        else:
            raise TypeError(f"{type(v).__name__} cannot be written in bulk")
        if len(seen) > 4096:
            seen.clear()
        seen[v] = out
        return out

    return value

