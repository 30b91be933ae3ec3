"""Writing a batch of checked entries into the book, each row once.

Bulk posting is the hot path of an import. Each entry is *born posted*
(``ledger.ddl_born_posted``): its ids, official numbers and chain hashes are taken
first, then its lines are inserted already posted, then the entry itself, posted,
which is when the database checks it whole. Nothing is updated afterwards, so a line
is written once and enters the posted-line indexes once. The rows go through the
driver's own ``executemany`` with SQLAlchemy's bind processors applied once per
column, not per row through the compiler; the statements are the same on both
backends, only the placeholder differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import event, insert, select, text, update
from sqlalchemy.orm import Session

from ledger import chain
from ledger.entry import EntryDraft, PostingContext
from ledger.schema import ENTRY_POSTED, JournalEntry, JournalLine, LedgerState, utcnow


def entry_label(fiscal_year: int | None, number: int | None) -> str:
    """The official number as printed: ``2026/000123``."""
    if fiscal_year is None or number is None:
        return "—"
    return f"{fiscal_year}/{number:06d}"


def fiscal_year_of(day: dt.date) -> int:
    """Fiscal years follow the calendar year (Permenkop: the cooperative's book year)."""
    return day.year


@dataclass(frozen=True, slots=True)
class PostedRef:
    """Identity of a posted entry, as handed back to the caller."""

    id: int
    fiscal_year: int
    number: int
    posted_seq: int
    duplicate: bool = False  # True when the uuid had already been posted

    @property
    def label(self) -> str:
        return entry_label(self.fiscal_year, self.number)


# session.info: the journal's head (seq, hash) this transaction reached and holds locked
# until it commits, so what appends after it (more entries, the audit trail) need not
# read it again; and whether ``ledger_state`` has yet to be told (``hold_head``)
HEAD_HELD = "ledger_head_held"
HEAD_UNWRITTEN = "ledger_head_unwritten"

_ENTRY_COLUMNS = ("id", "uuid", "status", "date", "memo", "operation", "reverses_entry_id",
                  "reversal_reason", "created_at", "created_by", "fiscal_year", "number",
                  "posted_seq", "prev_hash", "hash", "posted_at", "posted_by")
_LINE_COLUMNS = ("entry_id", "line_no", "account_id", "party_id", "debit", "credit", "memo",
                 "entry_date", "posted")


def write_posted(session: Session, items: Sequence[tuple[EntryDraft, str]],
                 ctx: PostingContext, user: str) -> list[PostedRef]:
    """Write checked drafts (with their keys) as posted entries, in the order given.

    What needs no lock is read first (ids from PostgreSQL's sequence, the keys of the
    entries reversed); the journal's head is locked only then, and held to the commit:
    on a shared book, cashiers queue for as short a time as the rows take to write."""
    ids = _reserve_ids(session, len(items))
    reversed_uuids = _uuids_of(session, [d.reverses_entry_id for d, _ in items
                                         if d.reverses_entry_id is not None])
    held = session.info.get(HEAD_HELD)
    if held is None:
        state = session.execute(
            select(LedgerState.last_seq, LedgerState.last_hash)
            .where(LedgerState.id == 1).with_for_update()
        ).one()
        held = (state.last_seq, state.last_hash)
    seq, prev_hash = held[0], held[1] or chain.GENESIS
    numbers = _allocate_numbers(session, [fiscal_year_of(d.date) for d, _ in items])
    accounts, parties = ctx.accounts, ctx.parties
    now = utcnow()
    entries: list[tuple] = []
    lines: list[tuple] = []
    refs: list[PostedRef] = []
    for (d, key), (fy, number), eid in zip(items, numbers, ids):
        seq += 1
        digest = chain.link_values(
            prev_hash, seq, key, fy, number, d.date, d.memo, d.operation,
            reversed_uuids.get(d.reverses_entry_id) if d.reverses_entry_id else None,
            d.reversal_reason,
            [[no, ln.account_code, ln.party_code, ln.debit.sen, ln.credit.sen, ln.memo]
             for no, ln in enumerate(d.lines, start=1)])
        entries.append((eid, key, ENTRY_POSTED, d.date, d.memo, d.operation,
                        d.reverses_entry_id, d.reversal_reason, now, user, fy, number, seq,
                        prev_hash, digest, now, user))
        lines.extend(
            (eid, no, accounts[ln.account_code].id,
             parties[ln.party_code] if ln.party_code else None,
             ln.debit.sen, ln.credit.sen, ln.memo, d.date, True)
            for no, ln in enumerate(d.lines, start=1))
        refs.append(PostedRef(eid, fy, number, seq))
        prev_hash = digest
    _insert(session, JournalLine.__table__, _LINE_COLUMNS, lines)  # lines first: the
    _insert(session, JournalEntry.__table__, _ENTRY_COLUMNS, entries)  # entry checks them
    hold_head(session, seq, prev_hash)
    return refs


def hold_head(session: Session, seq: int, last_hash: str) -> None:
    """The chain reached (``seq``, ``last_hash``) in this transaction, which holds the
    head's row locked to its end. ``ledger_state`` is written once, as the transaction
    commits (``_write_head``): a cashier's posting and its audit records then take one
    update of that row instead of two, inside the stretch every cashier queues for."""
    session.info[HEAD_HELD] = (seq, last_hash)
    session.info[HEAD_UNWRITTEN] = True


@event.listens_for(Session, "before_commit")
def _write_head(session: Session) -> None:
    """The head this transaction reached, into ``ledger_state``. Registered here, first,
    so it runs after any ``before_commit`` hook registered with ``insert=True`` that
    appends more (kasir's audit trail)."""
    if session.info.pop(HEAD_UNWRITTEN, False):
        seq, last_hash = session.info[HEAD_HELD]
        state_t = LedgerState.__table__  # the table, not the class: no search of the session
        session.connection().execute(  # for objects to synchronise
            update(state_t).where(state_t.c.id == 1).values(last_seq=seq, last_hash=last_hash))


@event.listens_for(Session, "after_soft_rollback")
def _forget_head(session: Session, _previous: object) -> None:
    session.info.pop(HEAD_HELD, None)
    session.info.pop(HEAD_UNWRITTEN, None)


def insert_rows(session: Session, table, rows: Sequence[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    """Rows of one shape (the keys of the first) into ``table``, through the driver's own
    ``executemany``: for bulk writers (an import's event records) that need no ids back."""
    if rows:
        columns = tuple(rows[0])
        _insert(session, table, columns, [tuple(r[c] for c in columns) for r in rows])


def _insert(session: Session, table, columns: Sequence[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    mark = _placeholder(session)
    if mark is None:  # an unknown driver: let SQLAlchemy do it all
        session.execute(insert(table), [dict(zip(columns, r)) for r in rows])
        return
    session.connection().exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})",
        _convert(rows, _processors(session, table, columns)),
    )


def _placeholder(session: Session) -> str | None:
    style = session.get_bind().dialect.paramstyle
    return {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(style)


def _processors(session: Session, table, columns: Sequence[str]):  # type: ignore[no-untyped-def]
    """Per column, the dialect's conversion of a Python value for the driver (or None)."""
    dialect = session.get_bind().dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _convert(rows: list[tuple], procs) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Apply the processors; each distinct value (a batch shares a few dates) once."""
    active = [(i, f, {}) for i, f in enumerate(procs) if f is not None]
    if not active:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i, f, seen in active:
            v = values[i]
            try:
                values[i] = seen[v]
            except KeyError:
                values[i] = seen[v] = f(v)
        out.append(tuple(values))
    return out


def _reserve_ids(session: Session, n: int) -> list[int]:
    """Ids for ``n`` new entries, taken before their lines are written. PostgreSQL
    hands them out from the table's own sequence (safe between cashiers); on SQLite
    the caller holds the book's only write transaction, so the next ids are simply
    those after the largest, as SQLite itself would choose."""
    if session.get_bind().dialect.name == "postgresql":
        return list(session.execute(text(
            "SELECT nextval(pg_get_serial_sequence('journal_entry', 'id')) "
            "FROM generate_series(1, :n)"), {"n": n}).scalars())
    last = session.execute(text("SELECT COALESCE(MAX(id), 0) FROM journal_entry")).scalar_one()
    return list(range(last + 1, last + 1 + n))


def _allocate_numbers(session: Session, years: list[int]) -> list[tuple[int, int]]:
    """Official numbers, gap-free per fiscal year, taken inside the posting transaction."""
    need: dict[int, int] = {}
    for y in years:
        need[y] = need.get(y, 0) + 1
    next_no: dict[int, int] = {}
    for y in sorted(need):
        # one statement: the year's counter made at its first entry, or moved on by n
        last = session.execute(text(
            "INSERT INTO entry_counter (fiscal_year, last_number) VALUES (:y, :n) "
            "ON CONFLICT (fiscal_year) DO UPDATE "
            "SET last_number = entry_counter.last_number + excluded.last_number "
            "RETURNING last_number"), {"n": need[y], "y": y}).scalar_one()
        next_no[y] = last - need[y] + 1
    out: list[tuple[int, int]] = []
    for y in years:
        out.append((y, next_no[y]))
        next_no[y] += 1
    return out


def _uuids_of(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(
        select(JournalEntry.id, JournalEntry.uuid).where(JournalEntry.id.in_(ids))
    ).all())
