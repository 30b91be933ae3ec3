"""The open book and its unit of work: one transaction per use case.

Every service writes through ``Book.run``: the work runs in one transaction
that commits once at the end, or changes nothing and lets the refusal rise.
A PostgreSQL serialization conflict (40001/40P01) is retried so concurrent
cashiers never see it; one that outlasts every retry is refused as
``WriteConflict`` (nothing was saved), never a driver traceback. The other
failures of the world (a full disk, a book held by another program, a server
that is down) are worded by the engine's hook (``kasir.db``) and rise through
here after the rollback. Reads use ``read_session`` (a deferred ``BEGIN`` on
SQLite, so a long report never blocks the cashier).
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

import kasir.audit  # noqa: F401  (every session's changes go into the audit trail)
from kasir import db as _db
from kasir.actor import Actor
from kasir.clock import SYSTEM_CLOCK, Clock
from kasir.db import READONLY, safe_url
from kasir.errors import N_, SUM_OVERFLOW, SumOverflow, WriteConflict
from kasir.sqlite_file import is_book_file

T = TypeVar("T")
RETRYABLE = ("40001", "40P01")  # serialization failure, deadlock
WRITE_LOCK = 0x4B415349  # "KASI": the book's write lock on PostgreSQL (pg_advisory_xact_lock)
# Called with the book after each committed unit of work (the seal log notes the new head
# outside the book); a hook never fails the work, which is already committed.
COMMITTED: list[Callable[[Book], None]] = []
# What this process's units of work did, for benchmarks and diagnostics (never read by the
# program itself): "units" committed, "retries" after a serialization conflict, "gave_up"
# (refused as ``WriteConflict``), and on PostgreSQL "lock_wait" and "lock_held" in seconds
# (from asking for the write lock to holding it; from holding it to the commit) and
# "lock_cpu", this process's own CPU time while it held the lock.
STATS: Counter[str] = Counter()
HEAD = kasir.audit.HEAD  # session.info: (seq, hash) of the chain as the audit trail left it
_committed = threading.local()


def committed_head() -> tuple[int, str] | None:
    """For a ``COMMITTED`` hook: the chain's head (seq, hash) as the unit of work that has
    just committed left it, when that work sealed something (a posting with its receipt,
    a change); None when the hook must read it from the book."""
    return getattr(_committed, "head", None)


def _lock(s: Session, holds: Sequence[str] | None,
          waiting: Callable[[], Callable[[], None]] | None = None) -> None:
    """The book's write lock, whole; or shared, then each name held, in one statement (the
    select list is taken left to right, so every unit asks in the same, sorted order). The
    first item sets how long any wait of this unit of work (these locks, the rows it locks
    later) may last: ``kasir.db.SERVER_WAIT_SECONDS``, past which the cashier is told the
    book is busy and nothing changed, instead of a window frozen behind an import.

    The book's lock is only *tried* at first: taken at once, the names follow in the same
    statement (``CASE`` keeps the order); held by another computer's long work, the
    window's ``waiting`` is told before the wait begins (it says so and shows a busy
    pointer), and the end it hands back is called once the wait is over, either way."""
    limit = f"{int(_db.SERVER_WAIT_SECONDS * 1000)}ms"
    names = sorted(set(holds)) if holds is not None else []
    shared = "_shared" if holds is not None else ""
    each = [f"pg_advisory_xact_lock(:book, hashtext(:h{i}))" for i in range(len(names))]
    params = {"limit": limit, "book": WRITE_LOCK, **{f"h{i}": n for i, n in enumerate(names)}}
    then = f"(SELECT 1 FROM (SELECT {', '.join(each)}) AS held)" if names else "1"
    got = s.execute(text(
        "SELECT set_config('lock_timeout', :limit, true), "
        f"CASE WHEN pg_try_advisory_xact_lock{shared}(:book) THEN {then} ELSE 0 END"),
        params).one()[1]
    if got:
        return
    done = waiting() if waiting is not None else None
    try:
        s.execute(text("SELECT " + ", ".join([f"pg_advisory_xact_lock{shared}(:book)", *each])),
                  params)
    finally:
        if done is not None:
            done()


class Book:
    """An open book: an engine, sessions with the right transaction mode, a clock."""

    def __init__(self, url: str, path: Path | None, engine: Engine,
                 clock: Clock = SYSTEM_CLOCK) -> None:
        self.url = url
        self.path = path
        self.engine = engine
        self.dialect = engine.dialect.name
        self.clock = clock
        # the window's: told when a unit of work must wait for another computer's work on
        # a shared book; hands back what to call once the wait is over (``_lock``)
        self.waiting: Callable[[], Callable[[], None]] | None = None

    @property
    def label(self) -> str:
        """What people are shown: the file, or the server's address without its password."""
        return str(self.path) if self.path else safe_url(self.url)

    def is_its_file(self, candidate: Path) -> bool:
        """Whether writing to ``candidate`` would write over this book (``kasir.book.files.
        is_book_file``)."""
        return self.path is not None and is_book_file(self.path, candidate)

    def session(self) -> Session:
        """A writing session (``BEGIN IMMEDIATE`` on SQLite)."""
        return Session(self.engine, expire_on_commit=False)

    def read_session(self) -> Session:
        return Session(self.engine.execution_options(**{READONLY: True}), expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self, guard: Callable[[Session], None] | None = None,
                    holds: Sequence[str] | None = None) -> Iterator[Session]:
        """One unit of work: commit once at the end, roll back on any error.

        On PostgreSQL a unit of work first takes the book's write lock (a transaction-level
        advisory lock) and then reads and writes at READ COMMITTED: writers queue in one
        order, as SQLite's ``BEGIN IMMEDIATE`` makes them queue on a file, so a cashier's
        withdrawal reads the balance the previous one left and two cannot overdraw a
        member, and no transaction is undone late for a conflict it could not see.

        ``holds``: a cashier's operation that names what it will read and change (one
        member's savings, one contract: ``"member:A-001"``) takes the write lock *shared*
        and then a lock of its own on each of those names, in sorted order. Cashiers
        serving different members then go side by side, queueing only where their
        entries meet: the journal's head (``ledger_state``, locked by the posting), the
        entry and receipt counters, always in that order. Two withdrawals from one member
        still queue on her name, so neither can overdraw her. Everything else (closing a
        month, an import, a reversal, a member leaving) takes the write lock whole, and so
        waits for the cashiers in flight and keeps them out until it commits.

        ``guard`` (who may do this: ``kasir.users.permissions.run_as``) reads, in the same
        transaction, before the write lock is asked for: a refused actor never queues, and
        a permitted one needs no transaction of its own to be told so."""
        held = 0.0
        with self.session() as s, s.begin():
            if self.dialect == "postgresql":
                s.connection(execution_options={"isolation_level": "READ COMMITTED"})
            if guard is not None:
                guard(s)
            if self.dialect == "postgresql":
                asked = time.perf_counter()
                _lock(s, holds, self.waiting)
                held = time.perf_counter()
                cpu = time.process_time()
                STATS["lock_wait"] += held - asked
            yield s
        if held:
            STATS["lock_held"] += time.perf_counter() - held
            STATS["lock_cpu"] += time.process_time() - cpu
        STATS["units"] += 1
        _committed.head = s.info.get(HEAD)
        try:
            for hook in COMMITTED:
                hook(self)
        finally:
            _committed.head = None

    def run(self, work: Callable[[Session], T], retries: int = 5, *,
            actor: Actor | None = None, guard: Callable[[Session], None] | None = None,
            holds: Sequence[str] | None = None) -> T:
        """Run ``work(session)`` in one transaction and return what it returns.

        ``actor`` is who does the work: it rides on the session as
        ``session.info["actor"]``, so whatever the transaction records about itself
        (the audit trail) knows who, with which role and from which computer,
        without every rule passing it down. ``guard``, ``holds``: see ``transaction``."""
        for attempt in range(retries + 1):
            try:
                with self.transaction(guard, holds) as s:
                    if actor is not None:
                        s.info["actor"] = actor
                    return work(s)
            except DBAPIError as exc:
                code = getattr(getattr(exc, "orig", None), "sqlstate", None)
                if code not in RETRYABLE:
                    raise
                if attempt < retries:  # jittered, growing: retries do not meet again
                    STATS["retries"] += 1
                    time.sleep(random.uniform(0.005, 0.02) * 2 ** attempt)
                    continue
                STATS["gave_up"] += 1
                raise WriteConflict(
                    N_("Other people were changing the same records at the same moment and "
                       "after {tries} tries it still clashed; nothing was saved, so please try "
                       "again."), tries=retries + 1) from exc
        raise AssertionError("unreachable: the last attempt returns or raises")

    def read(self, query: Callable[[Session], T]) -> T:
        """Run ``query(session)`` in one read-only session."""
        with self.read_session() as s:
            try:
                return query(s)
            except OverflowError:  # a sum beyond what money can hold: lines put there by hand
                raise SumOverflow(SUM_OVERFLOW) from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
