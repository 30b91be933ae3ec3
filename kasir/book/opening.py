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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Connection, inspect, text
from sqlalchemy.orm import Session

import kasir
from kasir.book import backup, migrate
from kasir.book.checked import checked_recently, forget_check, remember_check
from kasir.clock import SYSTEM_CLOCK, Clock
from kasir.db import (
    APPLICATION_ID,
    CANNOT_USE,
    SQLITE_HEADER,
    is_url,
    make_engine,
    safe_url,
    sqlite_error,
    sqlite_url,
)
from kasir.errors import (
    N_,
    BookExists,
    BookMissing,
    DamagedBook,
    KasirError,
    NotABook,
    file_error,
)
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
    migrate.check_not_newer(revision, str(path))
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

