"""``kasir db copy FROM TO``: a book moved between databases (a file, a PostgreSQL server)
with an identical trial balance, row counts and audit chain.

Before anything is written, the source must be a book at this program's schema (an
older one is upgraded first with ``kasir db upgrade``) that passes ``verify``, and the
target must be new: a file that does not exist, or a database without a table. Kasir
never copies over anything.

The target is built by the migrations, as ``kasir init`` builds a book, and then holds
exactly the source's rows: the rows the migrations seeded (the chart, the ledger's
state) are replaced, every table is copied in the order of its foreign keys, row by row
with its own primary key, streamed from one consistent snapshot of the source in
batches (memory stays flat on a book of any size). The protective triggers would refuse
this, rightly: a posted entry may only be born a draft, sealed records never change.
So the triggers the migrations created are read back from the target itself (whatever
migration made them), dropped for the bulk copy and created again from their own text
before the end; a reference to a later row of the same table (a parent account added
after its child) is filled in once that row exists; PostgreSQL's sequences are set
past the highest key. It is all one transaction on a server; a file is built under a
temporary name and renamed into place when complete, as ``kasir init`` does, so a
failure leaves nothing behind either way.

Then the copy is opened as a book and checked: ``verify`` must find nothing, and the
figures of the source's snapshot (every table's rows, the posted entries, the trial
balance account by account, the seal of the audit chain's head, the schema and the
protective triggers) must be the copy's. A copy that differs is not kept when it is a
file this command made; a server's database is left for inspection and named.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, Table, bindparam, func, insert, inspect, select, text
from sqlalchemy.exc import StatementError

import kasir.tables  # noqa: F401  (every table of the book on the ledger's metadata)
from kasir.actor import Actor
from kasir.book import migrate, seals
from kasir.book.copy_figures import Figures, differences, figures_of
from kasir.book.opening import inspect_sqlite, open_book, resolve_location, worded
from kasir.book.verify import verify_book
from kasir.db import READONLY, make_engine, safe_url
from kasir.errors import N_, BookExists, DamagedBook, KasirError, NotABook
from kasir.sqlite_file import APPLICATION_ID, first_line, sqlite_url
from kasir.users.permissions import Permission, require
from ledger.audit import Finding
from ledger.schema import Base

BATCH = 2_000  # rows read and inserted at a time
# called after each batch: the table, its rows copied so far, its rows in all
Progress = Callable[[str, int, int], None]

FILE_EXISTS = N_("{path} already exists; Kasir never overwrites a book.")
DATABASE_NOT_EMPTY = N_("The database {path} is not empty; Kasir never overwrites a book.")
OLDER_SCHEMA = N_("The book {book} has an older schema ({revision}; this program's is "
                  "{head}): upgrade it first with `kasir db upgrade --book {book}`, then copy "
                  "it. Nothing was copied.")
NOT_SOUND = N_("The book {book} did not pass verification ({count} problem(s); `kasir verify "
               "--book {book}` names them): only a sound book is copied. Nothing was copied.")
UNKNOWN_TABLES = N_("The book {book} holds tables this program does not know ({tables}); "
                    "nothing was copied.")
TABLE_FAILED = N_("The table {table} could not be copied into {target} ({reason}); nothing "
                  "was kept.")
COPY_FAILED = N_("The copy into {target} failed ({reason}); nothing was kept.")
BROKEN_REFERENCES = N_("The copy into {target} left rows referring to rows that are not "
                       "there; nothing was kept.")


@dataclass(frozen=True, slots=True)
class Copied:
    source: str
    target: str
    figures: Figures  # the source's, from the snapshot that was copied
    findings: list[Finding]  # the copy's problems and differences: empty when done
    kept: bool  # whether the target is still there (a server's database after a failure)
    seconds: float

    @property
    def done(self) -> bool:
        return not self.findings


def copy_book(source: str | Path | None, target: str | Path, *, actor: Actor | None = None,
              progress: Progress | None = None) -> Copied:
    """Copy the book at ``source`` into the new ``target`` and check the copy; a book with
    users is copied by its administrator (``actor``)."""
    started = time.monotonic()
    src, dst = check_places(source, target)
    with open_book(src) as book:
        require(book, actor, Permission.COPY)
        problems = verify_book(book, full=True)
        if problems:
            raise KasirError(NOT_SOUND, book=book.label, count=len(problems))
        src_url, src_label = book.url, book.label
    if isinstance(dst, Path):
        figures = _into_file(src_url, dst, progress)
        dst_label = str(dst)
    else:
        figures = _into_server(src_url, dst, progress)
        dst_label = safe_url(dst)
    findings = _check(dst, figures)
    kept = True
    if findings and isinstance(dst, Path):
        _remove(dst)
        kept = False
    return Copied(src_label, dst_label, figures, findings, kept, time.monotonic() - started)


def check_places(source: str | Path | None,
                 target: str | Path) -> tuple[str | Path, str | Path]:
    """Refuse, before anything is opened, a target that is not new and a source that is
    no book of this program's schema (opening an older one would upgrade it); returns
    both, resolved."""
    src = resolve_location(source)
    dst = resolve_location(target)
    _refuse_occupied(dst)
    _refuse_older(src)
    return src, dst


def _refuse_occupied(dst: str | Path) -> None:
    if isinstance(dst, Path):
        if dst.exists() or dst.is_symlink():
            raise BookExists(FILE_EXISTS, path=str(dst))
        return
    engine = make_engine(dst)  # its hook words a server that is down
    try:
        with engine.connect() as conn:
            occupied = _occupied(conn)
    finally:
        engine.dispose()
    if occupied:
        raise BookExists(DATABASE_NOT_EMPTY, path=safe_url(dst))


def _occupied(conn: Connection) -> bool:
    found = inspect(conn)
    return bool(found.get_table_names() or found.get_view_names())


def _refuse_older(src: str | Path) -> None:
    """The source is a book of this program's schema (a newer one is refused as every
    opening refuses it; an older one would be upgraded by opening it: not here)."""
    if isinstance(src, Path):
        info = inspect_sqlite(src)  # missing, foreign, damaged, newer: refused in words
        if not info.has_tables:
            raise NotABook(N_("{path} is an empty database, not a Kasir book."), path=str(src))
        revision, label = info.revision, str(src)
    else:
        engine = make_engine(src)
        try:
            with engine.connect() as conn:
                names = set(inspect(conn).get_table_names())
                revision = migrate.current_revision(conn) if "alembic_version" in names else None
        finally:
            engine.dispose()
        label = safe_url(src)
        if revision is None or "book_setting" not in names:
            raise NotABook(N_("The database {path} does not hold a Kasir book."), path=label)
        migrate.check_not_newer(revision, label)
    if revision != migrate.head_revision():
        raise KasirError(OLDER_SCHEMA, book=label, revision=revision or "-",
                         head=migrate.head_revision())


# --- building the target -------------------------------------------------------------

def _into_file(src_url: str, dst: Path, progress: Progress | None) -> Figures:
    """The copy under a temporary name beside ``dst``, renamed into place when complete."""
    tmp = dst.with_name(f".{dst.name}.salin-{os.getpid()}")
    try:
        with worded(dst, always_where=True):
            dst.parent.mkdir(parents=True, exist_ok=True)
            _unlink_beside(tmp)
            with contextlib.closing(sqlite3.connect(tmp)) as con:
                con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                con.execute("PRAGMA journal_mode = WAL")
            # foreign keys are checked once, at the end: batch migrations re-create tables
            engine = migrate.migration_engine(sqlite_url(tmp))
            try:
                with engine.begin() as conn:
                    figures = _fill(src_url, conn, str(dst), progress)
                    if conn.execute(text("PRAGMA foreign_key_check")).first() is not None:
                        raise DamagedBook(BROKEN_REFERENCES, target=str(dst))
            finally:
                engine.dispose()
            with contextlib.closing(sqlite3.connect(tmp)) as con:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one whole file
            if dst.exists() or dst.is_symlink():  # made meanwhile by someone else
                raise BookExists(FILE_EXISTS, path=str(dst))
            os.replace(tmp, dst)
    except KasirError as exc:
        for key in ("path", "book", "target"):  # the temporary name means nothing to people
            if exc.params.get(key) == str(tmp):
                exc.params[key] = str(dst)
        raise
    finally:
        _unlink_beside(tmp)
    return figures


def _into_server(src_url: str, url: str, progress: Progress | None) -> Figures:
    """The copy in one transaction on the server: all of it, or nothing."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if _occupied(conn):  # filled meanwhile by someone else
                raise BookExists(DATABASE_NOT_EMPTY, path=safe_url(url))
            return _fill(src_url, conn, safe_url(url), progress)
    finally:
        engine.dispose()


def _fill(src_url: str, conn: Connection, target: str, progress: Progress | None) -> Figures:
    """The schema by the migrations, then the source's rows in place of the seeded ones;
    returns the source's figures, read from the snapshot copied. What the target's
    database refuses (a role that may not create tables) is said in one sentence."""
    try:
        return _fill_in(src_url, conn, target, progress)
    except StatementError as exc:
        raise KasirError(COPY_FAILED, target=target, reason=first_line(exc.orig or exc)) from exc


def _fill_in(src_url: str, conn: Connection, target: str,
             progress: Progress | None) -> Figures:
    _migrate(conn)
    source = make_engine(src_url)
    try:
        with _snapshot(source) as src:
            tables = _tables(src, safe_url(src_url))
            totals = {t.name: int(src.scalar(select(func.count()).select_from(t)) or 0)
                      for t in tables}
            triggers = _drop_triggers(conn)
            for table in reversed(tables):  # what the migrations seeded
                conn.execute(table.delete())
            for table in tables:
                _copy_table(src, conn, table, totals[table.name], target, progress)
            _create_triggers(conn, triggers)
            if conn.dialect.name == "postgresql":
                _set_sequences(conn, tables)
            return figures_of(src, tables)
    finally:
        source.dispose()


def _migrate(conn: Connection) -> None:
    """Alembic on the caller's connection and transaction, as ``migrate.upgrade`` runs it."""
    cfg = migrate.alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


@contextlib.contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction on the source: every table as of one moment, while others
    may keep working (PostgreSQL: a read-only deferrable snapshot that never fails a
    serialization check; SQLite: a deferred read in WAL mode)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="SERIALIZABLE", postgresql_readonly=True,
                                   postgresql_deferrable=True)
        else:
            conn.execution_options(**{READONLY: True})
        with conn.begin():
            yield conn


def _tables(src: Connection, label: str) -> list[Table]:
    """Every table of the book in the order of their foreign keys; a table the program
    does not know would not be copied, so it refuses the copy."""
    known = {t.name for t in Base.metadata.sorted_tables}
    unknown = sorted(set(inspect(src).get_table_names()) - known - {"alembic_version"})
    if unknown:
        raise KasirError(UNKNOWN_TABLES, book=label, tables=", ".join(unknown))
    return list(Base.metadata.sorted_tables)


def _drop_triggers(conn: Connection) -> list[tuple[str, str, str]]:
    """Every trigger of the new book (name, table, its own CREATE statement), dropped."""
    if conn.dialect.name == "sqlite":
        found = [(r[0], r[1], r[2]) for r in conn.execute(text(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
            "ORDER BY name"))]
        for name, _table, _sql in found:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        return found
    found = [(r[0], r[1], r[2]) for r in conn.execute(text(
        "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace "
        "ORDER BY t.tgname"))]
    for name, table, _sql in found:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}" ON "{table}"')
    return found


def _create_triggers(conn: Connection, triggers: list[tuple[str, str, str]]) -> None:
    for _name, _table, sql in triggers:
        conn.exec_driver_sql(sql)


def _copy_table(src: Connection, dst: Connection, table: Table, total: int, target: str,
                progress: Progress | None) -> None:
    """The table's rows in primary-key order, a batch at a time. A reference to a later
    row of the same table (a parent account added after its child) is set once that
    row is there: a server checks every foreign key at once."""
    keys = list(table.primary_key.columns)
    own = keys[0].key if len(keys) == 1 else None
    selfref = [fk.parent.key for fk in table.foreign_keys if fk.column.table is table]
    later: list[tuple[str, object, object]] = []
    done = 0
    try:
        result = src.execute(select(table).order_by(*keys)
                             .execution_options(yield_per=BATCH))
        for part in result.partitions():
            rows = [dict(r._mapping) for r in part]
            if own is not None:
                for row in rows:
                    for col in selfref:
                        if row[col] is not None and row[col] > row[own]:
                            later.append((col, row[own], row[col]))
                            row[col] = None
            dst.execute(insert(table), rows)
            done += len(rows)
            if progress is not None:
                progress(table.name, done, total)
        for col in {c for c, _k, _v in later}:
            dst.execute(table.update().where(table.c[own] == bindparam("k_"))
                        .values({col: bindparam("v_")}),
                        [{"k_": k, "v_": v} for c, k, v in later if c == col])
    except StatementError as exc:
        raise KasirError(TABLE_FAILED, table=table.name, target=target,
                         reason=first_line(exc.orig or exc)) from exc
    if done == 0 and progress is not None:
        progress(table.name, 0, 0)


def _set_sequences(conn: Connection, tables: list[Table]) -> None:
    """Each serial key's sequence past the highest key copied, so the next row added on
    the server takes a new number."""
    quote = conn.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": keys[0].name})
        if sequence is None:
            continue
        highest = f"(SELECT MAX({quote(keys[0].name)}) FROM {quote(table.name)})"
        conn.execute(text(f"SELECT setval(:s, COALESCE({highest}, 1), {highest} IS NOT NULL)"),
                     {"s": sequence})


# --- checking the copy -----------------------------------------------------------------

def _check(dst: str | Path, source: Figures) -> list[Finding]:
    """``verify`` on the copy, then every figure compared with the source's."""
    with open_book(dst) as book:
        findings = verify_book(book, full=True)
        with book.read_session() as s:
            copied = figures_of(s.connection(), list(Base.metadata.sorted_tables))
        findings.extend(differences(source, copied))
        if not findings:
            seals.record(book, "kasir db copy")  # the copy's seal at its birth, in the log
    return findings


def _remove(dst: Path) -> None:
    """The copy this command made, and the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{dst}{suffix}").unlink(missing_ok=True)


def _unlink_beside(tmp: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
