"""A book's file looked at with ``sqlite3`` alone: where it is, whether it is a Kasir
book, healthy and of a version this program knows.

``kasir.book.opening`` runs these checks before it opens a book with SQLAlchemy; the
command line's quick answers (``kasir.book.quick_read``) run the same ones without it,
so both refuse the same files with the same words.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from kasir.book.checked import checked_recently, forget_check, remember_check
from kasir.book.revisions import check_not_newer
from kasir.errors import N_, BookMissing, DamagedBook, KasirError, NotABook, file_error
from kasir.sqlite_file import (
    APPLICATION_ID,
    CANNOT_USE,
    SQLITE_HEADER,
    is_url,
    sqlite_error,
)

BOOK_SUFFIX = ".kasir"


def default_book_path() -> Path:
    env = os.environ.get("KASIR_BOOK")
    if env:
        return Path(env)
    return Path(user_data_dir("Kasir", appauthor=False)) / f"buku{BOOK_SUFFIX}"


def resolve_location(location: str | Path | None) -> str | Path:
    """A URL stays a URL; anything else is a path (default: the user's own book)."""
    if location is None or str(location) == "":
        env = os.environ.get("KASIR_BOOK")
        location = env if env else default_book_path()
    if is_url(location):
        return str(location)
    return Path(location).expanduser().resolve()


@dataclass(frozen=True)
class FileInfo:
    revision: str | None
    has_tables: bool


def inspect_sqlite(path: Path, *, full_check: bool | None = True) -> FileInfo:
    """Read-only look at a file: is it a Kasir book, healthy, of a known version?

    ``full_check``: True runs SQLite's ``quick_check`` of the whole file, False only the
    cheap checks, None the quick check when none has passed on this file in the last
    ``checked.CHECK_EVERY`` seconds (see ``kasir.book.checked``)."""
    if not path.exists():
        raise BookMissing(N_("There is no book at {path}."), path=str(path))
    if path.is_dir():
        raise NotABook(N_("{path} is a folder, not a Kasir book."), path=str(path))
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotABook(N_("{path} is not a Kasir book (or its beginning is damaged). It was "
                          "not changed."), path=str(path))
    if full_check is None:
        full_check = not checked_recently(path)
    check = "ok"
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if app_id != APPLICATION_ID:
                raise NotABook(N_("{path} is a database of another program, not a Kasir book. "
                                  "It was not changed."), path=str(path))
            if full_check:
                check = con.execute("PRAGMA quick_check").fetchone()[0]
            else:
                check = _cut_short(path, con)
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        # a full disk or a lock is the world's doing, not damage: say which
        raise (sqlite_error(exc, str(path))
               or DamagedBook(_damaged_message(), path=str(path), reason=str(exc))) from exc
    if check != "ok":
        forget_check(path)
        raise DamagedBook(_damaged_message(), path=str(path), reason=check)
    check_not_newer(revision, str(path))
    if full_check:
        remember_check(path)  # only for a file that passed every check
    return FileInfo(revision=revision, has_tables=bool(tables - {"alembic_version"}))


def _cut_short(path: Path, con: sqlite3.Connection) -> str:
    """The cheap stand-in for the quick check: ``ok``, or why the file is shorter than its
    own header says (a copy cut short, a truncated disk file). With a ``-wal`` beside it
    the header may lag the log, so nothing is concluded then."""
    if Path(f"{path}-wal").exists():
        return "ok"
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    if path.stat().st_size < pages * size:
        return f"the file is {path.stat().st_size} bytes, its header says {pages * size}"
    return "ok"


def readonly_uri(path: Path) -> str:
    """A URI that reads the file without writing anything beside it.

    With no ``-wal`` file present the book is fully checkpointed and can be read
    as immutable (SQLite then creates no ``-wal``/``-shm``); with one present,
    for instance after a crash, the log must be read too.
    """
    uri = f"{path.as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _damaged_message() -> str:
    return N_("The book {path} is damaged ({reason}). It was not changed; restore the latest "
              "backup (kasir restore).")


@contextlib.contextmanager
def worded(where: str | Path, *, always_where: bool = False) -> Iterator[None]:
    """Raise the system's and raw SQLite's failures as refusals naming ``where``
    (or the file the system names, unless ``always_where``: a temporary name means
    nothing to people): a full disk, a read-only folder, a lock."""
    try:
        yield
    except OSError as exc:
        named = where if always_where else exc.filename or where
        raise file_error(exc, named) from exc
    except sqlite3.Error as exc:
        raise (sqlite_error(exc, str(where))
               or KasirError(CANNOT_USE, path=str(where), reason=str(exc))) from exc

