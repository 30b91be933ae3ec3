"""SQLite: a batch of rows as one statement, and an import's batches written in the
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
batches to a ``BackgroundWriter``: a thread writes batch *k* on the
second core while the importer reads and checks the events of batch *k + 1*. The
importer's own statements (the contracts, the entries' numbers) wait until the writer has
written everything handed to it (a hook on the connection), so the book sees the same
statements in the same order as without the writer, in the same transaction. A batch the
database refuses in the background is run again in the foreground, through SQLAlchemy,
at the next ``drain``: the same refusal then comes back worded as any other.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, String, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

WRITER = "ledger_background_writer"  # session.info: the writer bulk inserts go to
# the column types whose values go through JSON unchanged, or (dates) through SQLAlchemy's
# bind processor, as text; an Enum is a String whose processor checks the value
_JSON_TYPES = (Integer, String, Date, DateTime, Boolean)
_JSON_NOT = (Enum,)
NOT_INTEGER = "a whole number beyond 64 bits cannot be stored"
# While a writer runs, the interpreter hands its lock to the other thread after this long
# (Python's default is 5 ms): the writer needs it back for a moment after each statement.
_SWITCH_SECONDS = 0.0005

Execute = Callable[[str, tuple], Any]  # runs one statement, returns its first row or None


@dataclass(frozen=True, slots=True)
class JsonInsert:
    """One batch of rows for one table, ready to run."""

    table: str
    insert: str  # INSERT ... SELECT ... FROM json_each(?)
    text: str  # the rows, as a JSON array of arrays
    check: str | None  # finds a new row with a REAL in an integer column

    def run(self, execute: Execute, *, checked_only: bool = False) -> None:
        """Insert the rows, then check them (``checked_only``: they are in already)."""
        if not checked_only:
            execute(self.insert, (self.text,))
        self.check_rows(execute)

    def check_rows(self, execute: Execute) -> None:
        if self.check is not None and execute(self.check, ()) is not None:
            raise OverflowError(NOT_INTEGER)


def json_insert(dialect, table, columns: tuple[str, ...],  # type: ignore[no-untyped-def]
                rows: list[tuple]) -> JsonInsert | None:
    """The batch as one statement, or None when JSON cannot carry it unchanged."""
    shape = _shape(dialect, table, columns)
    if shape is None:
        return None
    text = json.dumps(rows, default=_json_value(dialect), ensure_ascii=False,
                      check_circular=False, separators=(",", ":"))
    if "\\u0000" in text:
        return None
    insert, check = shape
    return JsonInsert(table.name, insert, text, check and check.replace(":n", str(len(rows))))


@functools.lru_cache(maxsize=64)
def _shape(dialect, table, columns: tuple[str, ...]) -> tuple[str, str | None] | None:  # type: ignore[no-untyped-def]
    types = [table.c[name].type for name in columns]
    if not all(isinstance(t, _JSON_TYPES) and not isinstance(t, _JSON_NOT) for t in types):
        return None
    insert = (f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT "
              + ", ".join(f"value ->> {i}" for i in range(len(columns)))
              + " FROM json_each(?)")
    integers = [name for name, t in zip(columns, types) if isinstance(t, Integer)]
    # the batch's rows are the last ones inserted: their rowids run up to last_insert_rowid()
    # (a table's own ids, or ids the journal reserved after the largest, in order)
    check = (f"SELECT 1 FROM {table.name} WHERE rowid > last_insert_rowid() - :n AND ("
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


def through(conn: Connection) -> Execute:
    """Statements run by SQLAlchemy, as any other (its errors worded by the engine's hooks)."""
    def run(sql: str, params: tuple) -> Any:
        result = conn.exec_driver_sql(sql, params)
        return result.first() if result.returns_rows else None

    return run


class BackgroundWriter:
    """A thread that writes the batches handed to it, in order, on the session's own
    connection and transaction; see the module's docstring."""

    def __init__(self, session: Session) -> None:
        self.conn = session.connection()
        self.raw = self.conn.connection.dbapi_connection
        self.session = session
        self.todo: deque[JsonInsert] = deque()
        self.left = threading.Condition()
        self.busy = 0  # batches handed over and not yet written (or skipped)
        # the refused batch and those skipped after it, each with whether its rows are in
        self.failed: list[tuple[JsonInsert, bool]] = []
        self.stopping = False
        self.thread = threading.Thread(target=self._work, name="kasir-bulk-writer",
                                       daemon=True)

    def __enter__(self) -> BackgroundWriter:
        self.switch = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_SECONDS)
        event.listen(self.conn, "before_cursor_execute", self._before_statement)
        event.listen(self.conn, "commit", self._before_end)
        event.listen(self.conn, "rollback", self._before_end)
        self.thread.start()
        self.session.info[WRITER] = self
        return self

    def __exit__(self, kind: object, _exc: object, _tb: object) -> None:
        self.session.info.pop(WRITER, None)
        try:
            if kind is None:
                self.drain()
            else:
                self.wait()
        finally:
            with self.left:
                self.stopping = True
                self.left.notify_all()
            self.thread.join()
            event.remove(self.conn, "before_cursor_execute", self._before_statement)
            event.remove(self.conn, "commit", self._before_end)
            event.remove(self.conn, "rollback", self._before_end)
            sys.setswitchinterval(self.switch)

    def submit(self, batch: JsonInsert) -> None:
        with self.left:
            self.todo.append(batch)
            self.busy += 1
            self.left.notify_all()

    def wait(self) -> None:
        """Until everything handed over is written (or skipped after a refusal)."""
        with self.left:
            while self.busy:
                self.left.wait()

    def drain(self) -> None:
        """Wait; then a batch refused in the background is run again here, through
        SQLAlchemy, from the step that failed (SQLite undid the failed statement), with
        those skipped after it: its refusal is raised as any other."""
        self.wait()
        failed, self.failed = self.failed, []
        run = through(self.conn)
        for batch, inserted in failed:
            batch.run(run, checked_only=inserted)

    def _before_statement(self, *_args: object) -> None:
        self.wait()

    def _before_end(self, _conn: object) -> None:
        self.wait()

    def _work(self) -> None:
        cursor = self.raw.cursor()

        def execute(sql: str, params: tuple) -> Any:
            return cursor.execute(sql, params).fetchone()

        while True:
            with self.left:
                while not self.todo and not self.stopping:
                    self.left.wait()
                if not self.todo:
                    break
                batch = self.todo[0]
            if not self.failed:
                inserted = False
                try:
                    execute(batch.insert, (batch.text,))
                    inserted = True
                    batch.check_rows(execute)
                except BaseException:  # noqa: BLE001 - run again in the foreground
                    self.failed.append((batch, inserted))
            else:
                self.failed.append((batch, False))
            with self.left:
                self.todo.popleft()
                self.busy -= 1
                self.left.notify_all()
        cursor.close()


def in_background(session: Session) -> BackgroundWriter | _Nothing:
    """A writer for the session's bulk inserts on SQLite; elsewhere nothing changes."""
    if session.get_bind().dialect.name != "sqlite":
        return _Nothing()
    return BackgroundWriter(session)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


__all__ = ["WRITER", "BackgroundWriter", "JsonInsert", "in_background", "json_insert",
           "through"]
