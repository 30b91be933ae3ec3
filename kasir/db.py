"""Engines for a book: SQLite on the laptop, PostgreSQL on a shared server.

SQLite runs in WAL with ``synchronous=FULL`` (a commit survives a power cut),
foreign keys on, and ``BEGIN IMMEDIATE`` for writing transactions (two
deferred writers deadlock on lock upgrade and fail at once with "database is
locked"; an immediate one waits its turn). Reading sessions use a deferred
``BEGIN`` so that a long report does not block the cashier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

APPLICATION_ID = 0x4B534952  # "KSIR", stamped with PRAGMA application_id into every book
SQLITE_HEADER = b"SQLite format 3\x00"
READONLY = "kasir_readonly"


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def dialect_of(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine with the book's durability settings applied on every connection."""
    if dialect_of(url) == "sqlite":
        return _sqlite_engine(url, foreign_keys=foreign_keys)
    return create_engine(url, isolation_level="SERIALIZABLE", pool_pre_ping=True)


def _sqlite_engine(url: str, *, foreign_keys: bool) -> Engine:
    # NullPool: a desktop program opens few connections, and closing them lets
    # SQLite checkpoint the WAL into the main file promptly.
    engine = create_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=10000")
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
