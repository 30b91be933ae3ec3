"""Rows of one shape written in bulk, each through the fastest way the driver offers.

The journal's writer (``ledger.posted_rows``) and an import's record tables need no ids
back, only their rows in the book in order. On SQLite they go through the driver's own
``executemany`` with SQLAlchemy's bind processors applied once per column. On PostgreSQL a
batch is one statement, so that the triggers checking its rows run once for all of them
(``ledger.ddl_per_statement``): a binary ``COPY ... FROM STDIN`` from 50 rows, streamed
(the server inserts the first rows while the next are made), and below that (a cashier's
entry) one multi-row ``INSERT``, which costs one round trip to the server where a COPY
costs two. During an import a thread writes the batches (``ledger.background_writer``): on
SQLite each as one JSON statement (``ledger.sqlite_rows``), on PostgreSQL its COPY.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ledger import sqlite_rows
from ledger.background_writer import WRITER


def insert_rows(session: Session, table, rows: Sequence[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    """Rows of one shape (the keys of the first) into ``table``, as the journal's rows are
    (the driver's own ``executemany``, a COPY on PostgreSQL): for bulk writers (an import's
    event records) that need no ids back."""
    if rows:
        columns = tuple(rows[0])
        insert_tuples(session, table, columns, [tuple(r[c] for c in columns) for r in rows])


def insert_tuples(session: Session, table, columns: Sequence[str], rows: Iterable[tuple],  # type: ignore[no-untyped-def]
                  shared: Mapping[str, Any] | None = None) -> None:
    """``rows`` (tuples in the order of ``columns``) into ``table``, in order; a COPY takes
    them as they come, any other way once they are all made. ``shared``: columns with
    the same value in every row, given once (a batch's time stamp, its user)."""
    conn = session.connection()
    writer = session.info.get(WRITER)  # an import's
    columns = tuple(columns)
    if writer is not None and conn.dialect.name == "sqlite":
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return
        batch = sqlite_rows.json_insert(conn.dialect, table, columns, rows, shared)
        if batch is not None:  # else a NUL in a text, a column of another kind: row by row
            writer.submit(batch)
            return
    procs = _processors_of(conn, table, columns)
    extra: tuple = ()
    if shared:  # every other way takes whole rows; the shared values processed once
        extra = tuple(v if f is None else f(v)
                      for v, f in zip(shared.values(), _processors_of(conn, table, shared)))
        columns, procs = (*columns, *shared), procs + [None] * len(extra)
    types = _copy_types(conn, table, columns)
    if types is not None and writer is not None:
        # PostgreSQL, an import: the rows made here, written by the writer's thread (whose
        # round trips nobody waits for: a COPY however few the rows), which also adds the
        # shared values to each
        rows = rows if isinstance(rows, list) else list(rows)
        if rows:
            writer.submit(CopyRows(table, columns, types, rows, procs, extra))
        return
    if extra:
        rows = (row + extra for row in rows)
    if types is not None:  # PostgreSQL: one statement, whatever the number of rows
        rows = iter(rows)
        first = list(itertools.islice(rows, _COPY_FROM))
        if len(first) < _COPY_FROM:
            _insert_values(conn, table, columns, first, procs)
        else:
            _copy(conn, table, columns, types, itertools.chain(first, rows), procs)
        return
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(conn.dialect.paramstyle)
    if mark is None:  # an unknown driver: let SQLAlchemy do it all
        session.execute(insert(table), [dict(zip(columns, r)) for r in rows])
        return
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})",
        _convert(rows, procs),
    )


# SQL type (as SQLAlchemy writes it for PostgreSQL, less any length) -> the type psycopg
# writes in a binary COPY; a table with a column of another type is inserted as before
_COPY_TYPES = {"INTEGER": "int4", "BIGINT": "int8", "VARCHAR": "varchar", "TEXT": "text",
               "DATE": "date", "TIMESTAMP WITHOUT TIME ZONE": "timestamp", "BOOLEAN": "bool"}
_COPY_ROWS = "kasir_copy_rows"  # execution option: what a COPY statement of ``_copy`` writes
# from this many rows a COPY; fewer (a cashier's entry) in one multi-row INSERT, which
# needs one round trip to the server where a COPY needs two
_COPY_FROM = 50


def _copy_types(conn: Connection, table, columns: tuple[str, ...]) -> list[str] | None:  # type: ignore[no-untyped-def]
    """The binary COPY types of ``columns`` on PostgreSQL through psycopg, else None."""
    dialect = conn.dialect
    if dialect.name != "postgresql" or dialect.driver != "psycopg":
        return None
    return _types_of(dialect, table, columns)


@functools.lru_cache(maxsize=64)
def _types_of(dialect, table, columns: tuple[str, ...]) -> list[str] | None:  # type: ignore[no-untyped-def]
    out = []
    for name in columns:
        kind = _COPY_TYPES.get(table.c[name].type.compile(dialect=dialect).split("(")[0])
        if kind is None:
            return None
        out.append(kind)
    return out


def _copy(conn: Connection, table, columns: Sequence[str], types: list[str],  # type: ignore[no-untyped-def]
          rows: Iterable[tuple], procs: list[Any]) -> None:
    """The rows in one ``COPY ... FROM STDIN``, run by SQLAlchemy as any statement is (its
    errors come back as ``IntegrityError``, ``OperationalError``... through the engine's
    own hooks): the dialect's ``do_execute`` event hands the cursor to ``_run_copy``."""
    if not event.contains(conn.dialect, "do_execute", _run_copy):
        event.listen(conn.dialect, "do_execute", _run_copy)
    conn.exec_driver_sql(
        _copy_sql(table, columns),
        execution_options={_COPY_ROWS: (types, _convert(rows, procs))})


def _copy_sql(table, columns: Sequence[str]) -> str:  # type: ignore[no-untyped-def]
    return f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"


@dataclass(slots=True)
class CopyRows:
    """A batch for ``ledger.background_writer`` on PostgreSQL: a binary COPY inside a
    savepoint, so that a refusal leaves the transaction as it was (PostgreSQL would
    otherwise refuse every later statement) and the batch can be run again in the
    foreground, through SQLAlchemy, to be refused in the usual words."""

    table: Any
    columns: tuple[str, ...]
    types: list[str]
    rows: list[tuple]
    procs: list[Any]  # SQLAlchemy's bind processors of the columns
    extra: tuple = ()  # values of the last columns, the same in every row

    def write(self, cursor: Any) -> None:
        cursor.execute("SAVEPOINT kasir_bulk_rows")
        try:
            with cursor.copy(_copy_sql(self.table, self.columns)) as copy:
                copy.set_types(self.types)
                extra, write_row = self.extra, copy.write_row
                for row in _convert(self.rows, self.procs):
                    write_row(row + extra)
        except BaseException:
            cursor.execute("ROLLBACK TO SAVEPOINT kasir_bulk_rows")
            cursor.execute("RELEASE SAVEPOINT kasir_bulk_rows")
            raise
        cursor.execute("RELEASE SAVEPOINT kasir_bulk_rows")

    def again(self, conn: Connection) -> None:
        rows = [row + self.extra for row in self.rows]
        _copy(conn, self.table, self.columns, self.types, rows, self.procs)


def _insert_values(conn: Connection, table, columns: Sequence[str], rows: list[tuple],  # type: ignore[no-untyped-def]
                   procs: list[Any]) -> None:
    if not rows:
        return
    row = f"({', '.join(['%s'] * len(columns))})"
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES {', '.join([row] * len(rows))}",
        tuple(v for r in _convert(rows, procs) for v in r))


def _run_copy(cursor, statement: str, parameters, context) -> bool:  # type: ignore[no-untyped-def]
    """``do_execute`` listener: writes the rows of a ``_copy`` statement, leaves others."""
    job = context.execution_options.get(_COPY_ROWS)
    if job is None:
        return False
    types, rows = job
    with cursor.copy(statement) as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)
    return True


def _processors_of(conn: Connection, table, columns: Iterable[str]) -> list[Any]:  # type: ignore[no-untyped-def]
    dialect = conn.dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _convert(rows: Iterable[tuple], procs) -> Iterable[tuple]:  # type: ignore[no-untyped-def]
    """Apply the processors; each distinct value (a batch shares a few dates) once. The
    rows themselves when there is nothing to apply, else a list (or, of an iterator that
    is not a list, an iterator: a COPY writes them as they come)."""
    active = [(i, f, {}) for i, f in enumerate(procs) if f is not None]
    if not active:
        return rows
    out = (_processed(row, active) for row in rows)
    return list(out) if isinstance(rows, list) else out


def _processed(row: tuple, active) -> tuple:  # type: ignore[no-untyped-def]
    """The row with its values processed; the row itself when each processor gives its
    value back (PostgreSQL's check that a posted flag is a bool): no copy of every line."""
    values = None
    for i, f, seen in active:
        v = row[i]
        try:
            w = seen[v]
        except KeyError:
            w = seen[v] = f(v)
        if w is not v:
            if values is None:
                values = list(row)
            values[i] = w
    return row if values is None else tuple(values)
