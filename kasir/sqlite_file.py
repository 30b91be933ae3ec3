"""A book's database as SQLite and the driver know it, without SQLAlchemy.

What a book file is (its header and the application id stamped into it), how a location
names one (a path or a URL) and what a ``sqlite3`` error means for the person at the
keyboard. Opening a file to look at it (``kasir.book.files``) and the command line's
quick answers (``kasir.book.quick_read``) need only this; the engines (``kasir.db``)
build on it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kasir.errors import (
    DISK_FULL,
    DISK_TROUBLE,
    N_,
    READ_ONLY,
    SUM_OVERFLOW,
    BookInUse,
    DiskFull,
    DiskTrouble,
    KasirError,
    ReadOnly,
    SumOverflow,
)

APPLICATION_ID = 0x4B534952  # "KSIR", stamped with PRAGMA application_id into every book
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_SECONDS = 3  # how long a writer waits for another program's lock on the book

BOOK_IN_USE = N_("The book {path} is in use by another program (Kasir waited {seconds} "
                 "seconds for it); nothing was changed, so try again when the other program "
                 "has finished.")
BOOK_READ_ONLY = N_("The book {path} is read-only or in a read-only folder, and Kasir must write "
                    "beside it to use it; copy it to a folder you may write to.")
CANNOT_USE = N_("The database {path} could not be used ({reason}); nothing was changed.")


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def dialect_of(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]


def sqlite_error(exc: sqlite3.Error, where: str) -> KasirError | None:
    """What a SQLite error means for the person at the keyboard, or None when it is not
    the world's doing (a constraint, a trigger's refusal, a bug).

    The code name (Python 3.11's ``sqlite_errorname``) is read first, then the message,
    which is all an error raised by hand carries.
    """
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError,
                        sqlite3.InterfaceError)):
        return None  # a trigger's refusal or a bug, whatever its words
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if "integer overflow" in text:
        return SumOverflow(SUM_OVERFLOW)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return DiskFull(DISK_FULL, path=where)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return BookInUse(BOOK_IN_USE, path=where, seconds=BUSY_SECONDS)
    readonly = name.startswith("SQLITE_READONLY") or "readonly database" in text
    cantopen = name.startswith("SQLITE_CANTOPEN") or "unable to open database" in text
    if (readonly or cantopen) and not _writable(Path(where)):
        return ReadOnly(BOOK_READ_ONLY, path=where)
    if readonly:
        return ReadOnly(READ_ONLY, path=where)
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DiskTrouble(DISK_TROUBLE, path=where, reason=str(exc))
    if cantopen:
        return KasirError(CANNOT_USE, path=where, reason=str(exc))
    return None


def _writable(path: Path) -> bool:
    """Whether SQLite may write the book and the ``-wal``/``-shm`` files beside it
    (``os.access`` also says no on a read-only medium, even to root)."""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK | os.X_OK)


def first_line(exc: BaseException) -> str:
    """A driver's message cut to its first line: psycopg adds hints and SQLAlchemy a
    link on the lines after, which a sentence for the treasurer does not need."""
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__


def is_book_file(book: Path, candidate: Path) -> bool:
    """Whether writing to ``candidate`` would write over the book at ``book``: its file or
    the files SQLite keeps beside it (``-wal``, ``-shm``, ``-journal``), reached by any
    name (a relative path, a symbolic or a hard link, another letter case)."""
    target = Path(candidate).expanduser()
    for suffix in ("", "-wal", "-shm", "-journal"):
        own = Path(f"{book}{suffix}")
        if target.resolve() == own.resolve():
            return True
        try:
            if target.exists() and own.exists() and target.samefile(own):
                return True
        except OSError:
            continue
    return False
