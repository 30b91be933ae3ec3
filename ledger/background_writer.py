"""A thread that writes an import's batches while the importer reads the next.

A batch handed over is one statement that runs without Python's global lock: on SQLite
one ``INSERT ... SELECT ... FROM json_each(?)`` (``ledger.sqlite_rows``), on PostgreSQL a
``COPY`` whose server work (the rows, their indexes, the statement's checks) the thread
waits for while the importer goes on. The thread uses the session's own connection and
transaction; every statement of the session's waits until the thread has written
everything handed to it (a hook on the connection), so the book sees the same statements
in the same order as without the writer. A batch the database refuses in the thread is
undone (SQLite undoes the statement; on PostgreSQL the batch runs inside a savepoint) and
run again in the foreground, through SQLAlchemy, at the next ``drain``: the same refusal
then comes back worded as any other.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

WRITER = "ledger_background_writer"  # session.info: the writer bulk inserts go to
# While a writer runs, the interpreter hands its lock to the other thread after this long
# (Python's default is 5 ms): the writer needs it back for a moment after each statement.
_SWITCH_SECONDS = 0.0005


class Job(Protocol):
    def write(self, cursor: Any) -> None:
        """In the writer's thread, on the driver's own cursor; a refusal leaves the book as
        it was before the job, or says (to ``again``) how far it went."""

    def again(self, conn: Any) -> None:
        """In the foreground, through SQLAlchemy: the refusal raised as any other."""


class BackgroundWriter:
    """A thread that writes the batches handed to it, in order, on the session's own
    connection and transaction; see the module's docstring."""

    def __init__(self, session: Session) -> None:
        self.conn = session.connection()
        self.raw = self.conn.connection.dbapi_connection
        self.session = session
        self.todo: deque[Job] = deque()
        self.left = threading.Condition()
        self.busy = 0  # batches handed over and not yet written (or skipped)
        self.failed: list[Job] = []  # the refused batch and those skipped after it
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

    def submit(self, batch: Job) -> None:
        with self.left:
            self.todo.append(batch)
            self.busy += 1
            self.left.notify_all()

    def wait(self, keep: int = 0) -> None:
        """Until no more than ``keep`` batches handed over are left to write (a refused
        one and those after it count as written: they are skipped)."""
        with self.left:
            while self.busy > keep:
                self.left.wait()

    def drain(self, keep: int = 0) -> None:
        """Wait until ``keep`` batches or fewer are left; then a batch refused in the
        background is run again here, once everything after it was skipped, with those:
        its refusal is raised as any other. ``keep`` lets a caller hand over the next
        batches while the thread still writes the last ones."""
        self.wait(keep)
        if not self.failed:
            return
        self.wait()
        failed, self.failed = self.failed, []
        for batch in failed:
            batch.again(self.conn)

    def _before_statement(self, *_args: object) -> None:
        self.wait()

    def _before_end(self, _conn: object) -> None:
        self.wait()

    def _work(self) -> None:
        cursor = self.raw.cursor()
        while True:
            with self.left:
                while not self.todo and not self.stopping:
                    self.left.wait()
                if not self.todo:
                    break
                batch = self.todo[0]
            if not self.failed:
                try:
                    batch.write(cursor)
                except BaseException:  # noqa: BLE001 - run again in the foreground
                    self.failed.append(batch)
            else:
                self.failed.append(batch)
            with self.left:
                self.todo.popleft()
                self.busy -= 1
                self.left.notify_all()
        cursor.close()


def in_background(session: Session) -> BackgroundWriter | _Nothing:
    """A writer for the session's bulk inserts on SQLite, or on PostgreSQL through
    psycopg; elsewhere nothing changes."""
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite" and (dialect.name, dialect.driver) != ("postgresql",
                                                                        "psycopg"):
        return _Nothing()
    return BackgroundWriter(session)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


__all__ = ["WRITER", "BackgroundWriter", "Job", "in_background"]
