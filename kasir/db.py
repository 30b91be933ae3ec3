"""Engines for a book: SQLite on the laptop, PostgreSQL on a shared server.

SQLite runs in WAL with ``synchronous=FULL`` (a commit survives a power cut),
foreign keys on, and ``BEGIN IMMEDIATE`` for writing transactions (two
deferred writers deadlock on lock upgrade and fail at once with "database is
locked"; an immediate one waits its turn). Reading sessions use a deferred
``BEGIN`` so that a long report does not block the cashier.

A writer waits at most ``BUSY_SECONDS`` for another program's lock: long enough
for a cashier's commit (milliseconds), short enough that a treasurer whose book
is held by a long import is told so at once instead of staring at a frozen
screen. Every engine carries one ``handle_error`` hook that turns what the
world does to a book (a full disk, a read-only folder, a lock held too long, a
server that is down) into the ``kasir.errors`` refusal worded for people, so
both faces get it from every service and report without knowing the driver.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from kasir.errors import N_, BookInUse, ServerUnreachable, UnknownDriver
from kasir.sqlite_file import BUSY_SECONDS, dialect_of, first_line, sqlite_error

READONLY = "kasir_readonly"  # the execution option of a reading session (a deferred BEGIN)
# On a shared server cashiers queue for each other all day (tens of milliseconds); what
# holds the book for longer is another computer's import or month close.
SERVER_WAIT_SECONDS = 10
DIALECTS = ("sqlite", "postgresql")

BOOK_BUSY_ON_SERVER = N_("The book {path} is busy with work from another computer (an import, "
                         "a month being closed…); Kasir waited {seconds} seconds. Nothing was "
                         "changed: try again in a moment.")
SERVER_UNREACHABLE = N_("Cannot reach the database {path}: {reason}")


def safe_url(url: str) -> str:
    """The URL without its password, for messages (even one SQLAlchemy cannot parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        scheme, _sep, rest = url.partition("://")
        login, at, host = rest.rpartition("@")
        if at and ":" in login:
            rest = f"{login.split(':', 1)[0]}:***@{host}"
        return f"{scheme}://{rest}"


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine with the book's durability settings applied on every connection.

    An address Kasir cannot use (``foo://x``, a driver that is not installed, text
    that is no URL at all) is refused here as ``UnknownDriver``, before any connection.
    """
    kind = dialect_of(url)
    if kind not in DIALECTS:
        raise _unknown_driver(url, kind)
    try:
        if kind == "sqlite":
            engine = _sqlite_engine(url, foreign_keys=foreign_keys)
        else:
            engine = create_engine(url, isolation_level="SERIALIZABLE", pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise _unknown_driver(url, kind) from exc
    where = _where(url)
    event.listen(engine, "handle_error", lambda ctx: _translate(ctx, where))
    return engine


def _unknown_driver(url: str, kind: str) -> UnknownDriver:
    return UnknownDriver(N_("Kasir cannot open {path}: it knows no database of the kind "
                            "\u201c{kind}\u201d or its driver is not installed; give a .kasir "
                            "file or a postgresql+psycopg:// address."),
                         path=safe_url(url), kind=url.split("://", 1)[0] or kind or "?")


def _where(url: str) -> str:
    """What messages call the book: its file for SQLite, its password-less URL otherwise."""
    if dialect_of(url) == "sqlite":
        return url.split(":///", 1)[-1] if ":///" in url else url
    return safe_url(url)


def _translate(ctx: ExceptionContext, where: str) -> BaseException | None:
    """The engine's ``handle_error`` hook: a refusal in people's words, or None to let
    SQLAlchemy raise its own error (a constraint, a bug, a conflict to retry)."""
    if ctx.is_pre_ping:
        return None  # the pool reconnects by itself; a failed reconnect comes back here
    orig = ctx.original_exception
    if isinstance(orig, sqlite3.Error):
        return sqlite_error(orig, where)
    if ctx.dialect.name != "postgresql" or not isinstance(orig, Exception):
        return None
    if getattr(orig, "sqlstate", None) in ("40001", "40P01"):
        return None  # ``Book.run`` retries these
    if getattr(orig, "sqlstate", None) == "55P03":  # lock_timeout: the unit of work's wait
        return BookInUse(BOOK_BUSY_ON_SERVER, path=where, seconds=SERVER_WAIT_SECONDS)
    dbapi = ctx.dialect.loaded_dbapi
    network = (dbapi.OperationalError, dbapi.InterfaceError)
    if (ctx.connection is None or ctx.is_disconnect) and isinstance(orig, network):
        return ServerUnreachable(SERVER_UNREACHABLE, path=where, reason=first_line(orig))
    return None


def _sqlite_engine(url: str, *, foreign_keys: bool) -> Engine:
    # NullPool: a desktop program opens few connections, and closing them lets
    # SQLite checkpoint the WAL into the main file promptly.
    engine = create_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        # 32 MiB of page cache (SQLite's default is 2 MiB): a big book's indexes stay
        # warm across the short transactions of a working day
        cur.execute("PRAGMA cache_size=-32768")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
