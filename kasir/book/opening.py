"""Opening and creating a book: one cooperative's database.

Before anything writes to an existing SQLite file it is inspected read-only:
a file that is not a Kasir book, a damaged one, or one written by a newer
Kasir is refused with a clear message and left byte-for-byte as it was. An
older book is backed up, then upgraded. A new book is built under a temporary
name and renamed into place only when complete, so a crash during creation
never leaves a half-made book behind.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import kasir
from kasir.book import backup, migrate
from kasir.clock import SYSTEM_CLOCK, Clock
from kasir.db import (
    APPLICATION_ID,
    SQLITE_HEADER,
    is_url,
    make_engine,
    sqlite_url,
)
from kasir.errors import N_, BookExists, BookMissing, DamagedBook, KasirError, NotABook
from kasir.settings import set_setting
from kasir.uow import Book

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


def inspect_sqlite(path: Path) -> FileInfo:
    """Read-only look at a file: is it a Kasir book, healthy, of a known version?"""
    if not path.exists():
        raise BookMissing(N_("There is no book at {path}."), path=str(path))
    if path.is_dir():
        raise NotABook(N_("{path} is a folder, not a Kasir book."), path=str(path))
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotABook(N_("{path} is not a Kasir book (or its beginning is damaged). It was "
                          "not changed."), path=str(path))
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if app_id != APPLICATION_ID:
                raise NotABook(N_("{path} is a database of another program, not a Kasir book. "
                                  "It was not changed."), path=str(path))
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedBook(_damaged_message(), path=str(path), reason=str(exc)) from exc
    if check != "ok":
        raise DamagedBook(_damaged_message(), path=str(path), reason=check)
    migrate.check_not_newer(revision, str(path))
    return FileInfo(revision=revision, has_tables=bool(tables - {"alembic_version"}))


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


def open_book(location: str | Path | None = None, *, backup_dir: Path | None = None,
              clock: Clock = SYSTEM_CLOCK) -> Book:
    """Open an existing book, upgrading its schema (after a backup) when it is older."""
    loc = resolve_location(location)
    if isinstance(loc, str):
        book = _open_server_book(loc)
        book.clock = clock
        return book
    info = inspect_sqlite(loc)
    url = sqlite_url(loc)
    if not info.has_tables:
        raise NotABook(N_("{path} is an empty database, not a Kasir book."), path=str(loc))
    if info.revision != migrate.head_revision():
        backup.automatic_backup(loc, f"sebelum-{migrate.head_revision()}", backup_dir)
        migrate.upgrade(url)
    return Book(url, loc, make_engine(url), clock)


def _open_server_book(url: str) -> Book:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" not in tables or "book_setting" not in tables:
                raise NotABook(N_("The database {path} does not hold a Kasir book."),
                               path=safe_url(url))
            revision = migrate.current_revision(conn)
    except OperationalError as exc:
        engine.dispose()
        raise KasirError(N_("Cannot reach the database {path}: {reason}"),
                         path=safe_url(url), reason=str(exc.orig)) from exc
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


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


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
    loc.parent.mkdir(parents=True, exist_ok=True)
    tmp = loc.with_name(f".{loc.name}.baru-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    try:
        con = sqlite3.connect(tmp)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA journal_mode = WAL")
        con.close()
        url = sqlite_url(tmp)
        migrate.upgrade(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            _stamp_new_book(conn, name)
        engine.dispose()
        # fold the WAL into the main file before the rename
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        if loc.exists():
            raise BookExists(N_("{path} already exists; Kasir never overwrites a book."),
                             path=str(loc))
        os.replace(tmp, loc)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return open_book(loc, clock=clock)


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
        s.flush()


def schema_revision(book: Book) -> str | None:
    with book.engine.connect() as conn:
        return migrate.current_revision(conn)


def sqlite_integrity(book: Book) -> str:
    """``ok`` or SQLite's own description of the damage."""
    if book.dialect != "sqlite":
        return "ok"
    with book.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA integrity_check")).fetchall()
    return "; ".join(r[0] for r in rows)

