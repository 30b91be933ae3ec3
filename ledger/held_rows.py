"""Rows a bulk writer adds beside the unit of work: their ids reserved ahead, their objects
held by the session as if loaded, their rows written with the writer's next batch.

An import adds members and groups among hundreds of thousands of postings. Adding each
through the session meant a flush for its id, which also wrote every contract the import
had changed since the last one and waited for the batch being written in the background
(``ledger.background_writer``). Held this way, an object is found by id (``Session.get``
makes no statement) and its later changes are tracked as any loaded object's; the caller
writes its row before anything that refers to it, and before the session's next flush.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Engine, Table, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state

BLOCK = 1024  # ids taken from a PostgreSQL sequence at a time (a statement each)


class ReservedIds:
    """Ids for the rows of one table that the caller writes later. PostgreSQL hands them
    out from the table's own sequence, ``block`` at a time (one left unused is a gap, as
    a rolled-back insert leaves one); on SQLite the caller holds the book's only write
    transaction, so they are those after the largest, counted on from the first asked.

    ``aside``: on PostgreSQL, take them through a connection of their own (a sequence is
    outside every transaction anyway), so that the session's statement does not wait for
    the rows its background writer has not yet written (``ledger.background_writer``)."""

    def __init__(self, session: Session, table: Table, block: int = BLOCK, *,
                 aside: bool = False) -> None:
        self.session, self.table, self.block, self.aside = session, table, block, aside
        self.free: Iterator[int] = iter(())
        self.left: float = 0  # ids reserved and not yet given (without end on SQLite)

    def next(self) -> int:
        return self.take(1)[0]

    def take(self, n: int) -> list[int]:
        if self.left < n:
            self._reserve(n)
        self.left -= n
        return list(itertools.islice(self.free, n))

    def _reserve(self, n: int) -> None:
        name = self.table.name
        if self.session.get_bind().dialect.name == "postgresql":
            more = max(n, self.block)
            self.free = itertools.chain(self.free, self._from_sequence(more))
            self.left += more
            return
        last = self.session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {name}")
                                    ).scalar_one()
        self.free, self.left = itertools.count(last + 1), math.inf  # nothing else adds rows

    def _from_sequence(self, n: int) -> Iterable[int]:
        """``n`` values of the table's sequence, in ascending order: as a range when no one
        else drew between them (the usual case: no list of a hundred thousand numbers
        made and read), else each one."""
        bind = self.session.get_bind()
        if self.aside and isinstance(bind, Engine):
            with bind.connect() as conn:
                return self._draw(conn, n)
        return self._draw(self.session, n)

    def _draw(self, conn: Connection | Session, n: int) -> Iterable[int]:
        # the sequence named once for the statement (a CTE made once), where a call of
        # pg_get_serial_sequence beside nextval would be made for every value drawn
        low, high, count, each = conn.execute(text(
            "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(:t, 'id')::regclass AS r) "
            "SELECT min(v), max(v), count(*), CASE WHEN max(v) - min(v) + 1 <> count(*) "
            "THEN array_agg(v ORDER BY v) END "
            "FROM (SELECT nextval(s.r) AS v FROM s, generate_series(1, :n)) drawn"),
            {"t": self.table.name, "n": n}).one()
        if isinstance(conn, Connection):
            conn.commit()
        return range(low, high + 1) if each is None else each


def hold(session: Session, obj: object) -> None:
    """``obj``, its id reserved, becomes persistent without an INSERT: the session finds it
    by id and records its changes from now on. A column left unset takes its default, as
    an INSERT would give it (an unset column would otherwise be read from the book)."""
    values = instance_state(obj).dict
    for column in obj.__table__.columns:  # type: ignore[attr-defined]
        if column.key not in values:
            default = column.default
            if default is not None and default.is_scalar:
                setattr(obj, column.key, default.arg)
            elif default is None and column.nullable:
                setattr(obj, column.key, None)
    make_transient_to_detached(obj)
    session.add(obj)


def row_of(table: Table, obj: object) -> tuple[Any, ...]:
    """The object's row, in the order of ``table.columns``, from its attributes as set."""
    values = instance_state(obj).dict
    return tuple(values[key] for key in _keys(type(obj), table))


@functools.cache
def _keys(cls: type, table: Table) -> tuple[str, ...]:
    mapper = inspect(cls)
    return tuple(mapper.get_property_by_column(column).key for column in table.columns)
