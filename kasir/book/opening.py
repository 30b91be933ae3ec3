"""Opening and creating a book: one cooperative's database.

Before anything writes to an existing SQLite file it is inspected read-only:
a file that is not a Kasir book, a damaged one, or one written by a newer
Kasir is refused with a clear message and left byte-for-byte as it was. The
cheap checks run at every open (SQLite's header, the application id, the schema
version, a file shorter than its header says); SQLite's ``quick_check`` reads the
whole file (0.3 s at a million journal lines), so it runs at the first open of a
book, then once a day (``kasir.book.checked``; when it last passed is remembered in the
user's state folder, never in the book, since that would write on a read), on
demand (``open_book(..., full_check=True)``), and always in ``kasir verify`` and
on backup and restore copies. An
older book is backed up, then upgraded. A new book is built under a temporary
name and renamed into place only when complete, so a crash during creation
never leaves a half-made book behind.

Opening and creating say why they failed in words, never with a driver's or the
system's exception: what the raw ``sqlite3`` connections and the file system
raise here is turned into the same ``kasir.errors`` refusals the engine's hook
(``kasir.db``) gives for the book's own connections, so the window and the
command line only ever catch ``LedgerError``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.orm import Session

import kasir
from kasir.book import backup, migrate
from kasir.book.files import BOOK_SUFFIX as BOOK_SUFFIX  # for the callers
from kasir.book.files import inspect_sqlite, resolve_location, worded
from kasir.clock import SYSTEM_CLOCK, Clock
from kasir.db import make_engine, safe_url
from kasir.errors import N_, BookExists, KasirError, NotABook
from kasir.settings import set_setting
from kasir.sqlite_file import APPLICATION_ID, sqlite_url
from kasir.uow import Book


def open_book(location: str | Path | None = None, *, backup_dir: Path | None = None,
              clock: Clock = SYSTEM_CLOCK, full_check: bool | None = None) -> Book:
    """Open an existing book, upgrading its schema (after a backup) when it is older.

    ``full_check`` (SQLite files): None runs SQLite's quick check of the whole file when
    it has not passed on this file today, True always, False never (the cheap checks of
    ``inspect_sqlite`` always run)."""
    loc = resolve_location(location)
    if isinstance(loc, str):
        book = _open_server_book(loc)
        book.clock = clock
        return book
    with worded(loc):
        return _open_sqlite(loc, backup_dir, clock, full_check)


def _open_sqlite(loc: Path, backup_dir: Path | None, clock: Clock,
                 full_check: bool | None = None) -> Book:
    info = inspect_sqlite(loc, full_check=full_check)
    url = sqlite_url(loc)
    if not info.has_tables:
        raise NotABook(N_("{path} is an empty database, not a Kasir book."), path=str(loc))
    if info.revision != migrate.head_revision():
        backup.automatic_backup(loc, f"sebelum-{migrate.head_revision()}", backup_dir)
        migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect():
            pass  # a book that cannot be used (a read-only folder) is refused now, in words
    except BaseException:
        engine.dispose()
        raise
    return Book(url, loc, engine, clock)


def _open_server_book(url: str) -> Book:
    engine = make_engine(url)  # its hook words a server that is down (ServerUnreachable)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" not in tables or "book_setting" not in tables:
                raise NotABook(N_("The database {path} does not hold a Kasir book."),
                               path=safe_url(url))
            revision = migrate.current_revision(conn)
    except Exception:
        engine.dispose()
        raise
    try:
        migrate.check_not_newer(revision, safe_url(url))
        if revision != migrate.head_revision():
            migrate.upgrade(url)
    except Exception:
        engine.dispose()
        raise
    return Book(url, None, engine)


def create_book(location: str | Path | None, *, name: str,
                clock: Clock = SYSTEM_CLOCK) -> Book:
    """Make a new book with the default chart; refuses to overwrite anything."""
    loc = resolve_location(location)
    if isinstance(loc, str):
        book = _create_server_book(loc, name)
        book.clock = clock
        return book
    if loc.exists():
        raise BookExists(N_("{path} already exists; Kasir never overwrites a book."),
                         path=str(loc))
    with worded(loc, always_where=True):
        _build_sqlite(loc, name)
    return open_book(loc, clock=clock, full_check=False)  # just built; checked at next open


def _build_sqlite(loc: Path, name: str) -> None:
    """The new book under a temporary name, renamed into place when complete; nothing of
    it is left behind on any failure (a full disk, a read-only folder)."""
    loc.parent.mkdir(parents=True, exist_ok=True)
    tmp = loc.with_name(f".{loc.name}.baru-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as con:
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute("PRAGMA journal_mode = WAL")
        url = sqlite_url(tmp)
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                _stamp_new_book(conn, name)
        finally:
            engine.dispose()
        # fold the WAL into the main file before the rename
        with contextlib.closing(sqlite3.connect(tmp)) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if loc.exists():
            raise BookExists(N_("{path} already exists; Kasir never overwrites a book."),
                             path=str(loc))
        os.replace(tmp, loc)
    except KasirError as exc:
        if exc.params.get("path") == str(tmp):  # the temporary name means nothing to people
            exc.params["path"] = str(loc)
        raise
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _create_server_book(url: str, name: str) -> Book:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            occupied = bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    if occupied:
        raise BookExists(N_("The database {path} is not empty; Kasir never overwrites a book."),
                         path=safe_url(url))
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        _stamp_new_book(conn, name)
    return Book(url, None, engine)


def _stamp_new_book(conn: Connection, name: str) -> None:
    with Session(bind=conn) as s:
        set_setting(s, "kasir_book", "1")
        set_setting(s, "name", name)
        set_setting(s, "created_at", dt.datetime.now().isoformat(timespec="seconds"))
        set_setting(s, "created_with", kasir.__version__)
        s.commit()  # into the caller's transaction (a savepoint): the trail records them


def schema_revision(book: Book) -> str | None:
    with book.engine.connect() as conn:
        return migrate.current_revision(conn)


def sqlite_integrity(book: Book, *, full: bool = False) -> str:
    """``ok`` or SQLite's own description of the damage.

    ``quick_check`` by default: every page, record and b-tree of the file, but not
    whether each index holds exactly its table's rows (the part that makes
    ``integrity_check`` five times slower: 0.4 s against 1.9 s at a million lines).
    ``full`` runs ``integrity_check`` (``kasir verify --full``, restores, copies)."""
    if book.dialect != "sqlite":
        return "ok"
    pragma = "integrity_check" if full else "quick_check"
    with book.engine.connect() as conn:
        rows = conn.execute(text(f"PRAGMA {pragma}")).fetchall()
    return "; ".join(r[0] for r in rows)

