"""Answers the command line gives straight from a book, with the database driver alone.

``kasir report trial-balance`` is asked often (by scripts, by an auditor's checks, by
a treasurer at the terminal) and should come back at once, but loading SQLAlchemy and
the models takes longer than the whole answer on a million lines. So an ordinary
question on an ordinary book is answered here, by the same means the full path uses:
a file is looked at by the checks every open runs (``kasir.book.files``: the header,
the application id, the schema version, SQLite's quick check once a day), a server's
book by its schema version, and the trial balance is the statement and the builder of
``ledger.trial_balance``.

Anything out of the ordinary answers None, and the full path (``open_book``, signing
in, the report) answers instead, in its own words: a book whose people sign in first,
a book to upgrade, one refused by a check, a server that does not answer, a driver's
error of any kind. Nothing here writes to the book.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from kasir.book.files import inspect_sqlite, resolve_location
from kasir.book.revisions import head_revision
from kasir.sqlite_file import BUSY_SECONDS
from ledger import trial_balance as tb
from ledger.errors import LedgerError

USERS = "SELECT EXISTS (SELECT 1 FROM book_user)"
SERVER_DRIVER = "postgresql+psycopg://"  # the one driver Kasir opens a server's book with


def trial_balance(location: str | Path | None,
                  as_of: dt.date | None = None) -> tb.TrialBalance | None:
    """The trial balance of the book at ``location`` (a file or a server's), or None when
    the full path must answer."""
    path = resolve_location(location)
    if isinstance(path, str):
        return _from_server(path, as_of)
    if not _ordinary(path):
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        # read-write, as the full path opens it: the last connection to close folds the
        # write-ahead log back into the file (a read-only one would leave it behind)
        con.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        con.execute("BEGIN")  # the users and the sums seen at one moment
        if con.execute(USERS).fetchone()[0]:
            return None  # its people sign in first: the full path asks who
        rows = con.execute(tb.statement("sqlite", "qmark", as_of),
                           tb.parameters("qmark", as_of, date_as_text=True)).fetchall()
        con.execute("COMMIT")
    except sqlite3.Error:
        return None  # a sum past what money holds, a lock, damage: said by the full path
    finally:
        con.close()
    return _built(as_of, rows)


def _built(as_of: dt.date | None, rows: list) -> tb.TrialBalance | None:  # type: ignore[type-arg]
    """The rows as a trial balance; None for a sum beyond what money holds (lines put
    there by hand: PostgreSQL adds bigints into a numeric that may pass 64 bits, where
    SQLite stops with an overflow), which the full path names."""
    try:
        return tb.build(as_of, rows)
    except OverflowError:
        return None


def _ordinary(path: Path) -> bool:
    """Whether the file passes the checks of an open and needs no upgrade."""
    try:
        info = inspect_sqlite(path, full_check=None)
    except (LedgerError, OSError):
        return False  # refused: the full path runs the same check and says why
    return info.has_tables and info.revision == head_revision()


def _from_server(url: str, as_of: dt.date | None) -> tb.TrialBalance | None:
    """The trial balance of a PostgreSQL book, read in one read-only transaction."""
    if not url.startswith(SERVER_DRIVER):
        return None  # an address the full path refuses, in words
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect("postgresql://" + url[len(SERVER_DRIVER):],
                             connect_timeout=5) as con:
            con.read_only = True
            cur = con.cursor()
            found = cur.execute("SELECT to_regclass('alembic_version') IS NOT NULL AND "
                                "to_regclass('book_setting') IS NOT NULL").fetchone()
            if not found or not found[0]:
                return None  # not a Kasir book: the full path says so
            revision = cur.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != head_revision():
                return None
            if cur.execute(USERS).fetchone()[0]:
                return None
            rows = cur.execute(tb.statement("postgresql", "pyformat", as_of),
                               tb.parameters("pyformat", as_of, date_as_text=False)).fetchall()
    except (psycopg.Error, OSError, ValueError):
        return None  # a server that is down, a wrong password, a bad address: said in full
    return _built(as_of, rows)
