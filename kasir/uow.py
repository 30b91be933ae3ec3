"""The open book and its unit of work: one transaction per use case.

Every service writes through ``Book.run``: the work runs in one transaction
that commits once at the end, or changes nothing and lets the refusal rise.
A PostgreSQL serialization conflict (40001/40P01) is retried so concurrent
cashiers never see it. Reads use ``read_session`` (a deferred ``BEGIN`` on
SQLite, so a long report never blocks the cashier).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from kasir.clock import SYSTEM_CLOCK, Clock
from kasir.db import READONLY

T = TypeVar("T")
RETRYABLE = ("40001", "40P01")  # serialization failure, deadlock


class Book:
    """An open book: an engine, sessions with the right transaction mode, a clock."""

    def __init__(self, url: str, path: Path | None, engine: Engine,
                 clock: Clock = SYSTEM_CLOCK) -> None:
        self.url = url
        self.path = path
        self.engine = engine
        self.dialect = engine.dialect.name
        self.clock = clock

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url

    def session(self) -> Session:
        """A writing session (``BEGIN IMMEDIATE`` on SQLite)."""
        return Session(self.engine, expire_on_commit=False)

    def read_session(self) -> Session:
        return Session(self.engine.execution_options(**{READONLY: True}), expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit once at the end, roll back on any error."""
        with self.session() as s, s.begin():
            yield s

    def run(self, work: Callable[[Session], T], retries: int = 5) -> T:
        """Run ``work(session)`` in one transaction and return what it returns."""
        for attempt in range(retries + 1):
            try:
                with self.transaction() as s:
                    return work(s)
            except (OperationalError, DBAPIError) as exc:
                code = getattr(getattr(exc, "orig", None), "sqlstate", None)
                if code in RETRYABLE and attempt < retries:
                    time.sleep(0.01 * (attempt + 1))
                    continue
                raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def read(self, query: Callable[[Session], T]) -> T:
        """Run ``query(session)`` in one read-only session."""
        with self.read_session() as s:
            return query(s)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
