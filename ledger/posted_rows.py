"""Writing a batch of checked entries into the book, each row once.

Bulk posting is the hot path of an import. Each entry is *born posted*
(``ledger.ddl_born_posted``): its ids, official numbers and chain hashes are taken
first, then its lines are inserted already posted, then the entry itself, posted,
which is when the database checks it whole. Nothing is updated afterwards, so a line
is written once and enters the posted-line indexes once. The rows go in through
``ledger.bulk_rows`` (one statement per table on PostgreSQL, the lines streamed while the
next entries are hashed).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import event, select, text, update
from sqlalchemy.orm import Session

from ledger import chain
from ledger.bulk_rows import insert_tuples
from ledger.entry import EntryDraft, PostingContext
from ledger.held_rows import ReservedIds
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

_ENTRY_COLUMNS = ("id", "uuid", "date", "memo", "operation", "reverses_entry_id",
                  "reversal_reason", "fiscal_year", "number", "posted_seq", "prev_hash", "hash")
_LINE_COLUMNS = ("entry_id", "line_no", "account_id", "party_id", "debit", "credit", "memo",
                 "entry_date")


def write_posted(session: Session, items: Sequence[tuple[EntryDraft, str]],
                 ctx: PostingContext, user: str) -> list[PostedRef]:
    """Write checked drafts (with their keys) as posted entries, in the order given.

    What needs no lock is read first (ids from PostgreSQL's sequence, the keys of the
    entries reversed); the journal's head is locked only then, and held to the commit:
    on a shared book, cashiers queue for as short a time as the rows take to write."""
    run: BulkRun | None = session.info.get(RUN)
    ids = _reserve_ids(session, len(items)) if run is None else run.ids(len(items))
    reversed_uuids = _uuids_of(session, [d.reverses_entry_id for d, _ in items
                                         if d.reverses_entry_id is not None])
    years = [fiscal_year_of(d.date) for d, _ in items]
    held = session.info.get(HEAD_HELD)
    taken: dict[int, int] = {}
    if held is None:
        held, taken = _take_head(session, years if run is None else [])
    seq, prev_hash = held[0], held[1] or chain.GENESIS
    numbers = _allocate_numbers(session, years, taken) if run is None \
        else run.numbers(session, years)
    accounts, parties = ctx.accounts, ctx.parties
    now = utcnow()
    entries: list[tuple] = []
    refs: list[PostedRef] = []

    def lines() -> Iterator[tuple]:
        """The rows of every line, each entry's chain link and row made as its lines go out:
        on PostgreSQL the server inserts the first lines while the next are hashed."""
        nonlocal seq, prev_hash
        for (d, key), (fy, number), eid in zip(items, numbers, ids):
            seq += 1
            day, linked, rows = d.date, [], []
            for no, ln in enumerate(d.lines, start=1):  # one pass: the link's and the row's
                party, debit, credit = ln.party_code, ln.debit.sen, ln.credit.sen
                linked.append([no, ln.account_code, party, debit, credit, ln.memo])
                rows.append((eid, no, accounts[ln.account_code].id,
                             parties[party] if party else None, debit, credit, ln.memo, day))
            digest = chain.link_values(
                prev_hash, seq, key, fy, number, day, d.memo, d.operation,
                reversed_uuids.get(d.reverses_entry_id) if d.reverses_entry_id else None,
                d.reversal_reason, linked, ordered=True)
            entries.append((eid, key, day, d.memo, d.operation, d.reverses_entry_id,
                            d.reversal_reason, fy, number, seq, prev_hash, digest))
            refs.append(PostedRef(eid, fy, number, seq))
            prev_hash = digest
            yield from rows

    # the lines first: the entry, inserted after them, is where the database checks them
    insert_tuples(session, JournalLine.__table__, _LINE_COLUMNS, lines(), {"posted": True})
    insert_tuples(session, JournalEntry.__table__, _ENTRY_COLUMNS, entries, {
        "status": ENTRY_POSTED, "created_at": now, "created_by": user, "posted_at": now,
        "posted_by": user})
    hold_head(session, seq, prev_hash)
    return refs


def hold_head(session: Session, seq: int, last_hash: str) -> None:
    """The chain reached (``seq``, ``last_hash``) in this transaction, which holds the
    head's row locked to its end. ``ledger_state`` is written once, as the transaction
    commits (``_write_head``): a cashier's posting and its audit records then take one
    update of that row instead of two, inside the stretch every cashier queues for."""
    session.info[HEAD_HELD] = (seq, last_hash)
    session.info[HEAD_UNWRITTEN] = True


def head_written(session: Session, seq: int, last_hash: str) -> None:
    """The chain reached (``seq``, ``last_hash``) and ``ledger_state`` already says so
    (the commit's audit records wrote it in their own statement): nothing is left to write."""
    session.info[HEAD_HELD] = (seq, last_hash)
    session.info.pop(HEAD_UNWRITTEN, None)


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
    session.info.pop(RUN, None)


RUN = "ledger_bulk_run"  # session.info: the ids and numbers a run of batches holds


class BulkRun:
    """What a run of batches in one transaction (an import) holds in memory: the entries'
    ids, counted on from the largest on SQLite (the run holds the book's only write
    transaction) or taken from PostgreSQL's sequence ``ID_BLOCK`` at a time, and each
    year's official numbers, counted on from its counter, which is moved on once, at the
    end of the run (``end_run``). The journal's head, locked by the run's first batch
    until the commit, keeps every other posting out meanwhile, as it always does. A
    batch then makes no statement: none waits for what the background writer has yet to
    write (``ledger.background_writer``)."""

    # ids taken from PostgreSQL's sequence at a time (through a connection of their own:
    # none waits for the writer); those an import leaves unused are a gap in the ids, as a
    # rollback leaves
    ID_BLOCK = 10_000

    def __init__(self, session: Session) -> None:
        self.entry_ids = ReservedIds(session, JournalEntry.__table__, self.ID_BLOCK,
                                    aside=True)
        self.last: dict[int, int] = {}  # year -> the last number given
        self.given: dict[int, int] = {}  # year -> numbers given by the run

    def ids(self, n: int) -> list[int]:
        return self.entry_ids.take(n)

    def numbers(self, session: Session, years: list[int]) -> list[tuple[int, int]]:
        """(year, number) for each entry, in order: a run of entries of one year (a
        batch's, nearly always) numbered at once."""
        out: list[tuple[int, int]] = []
        last = self.last
        for y, same in itertools.groupby(years):
            n = sum(1 for _ in same)
            if y not in last:
                last[y] = session.execute(text(
                    "SELECT last_number FROM entry_counter WHERE fiscal_year = :y"),
                    {"y": y}).scalar() or 0
                self.given[y] = 0
            first = last[y] + 1
            last[y] += n
            self.given[y] += n
            out.extend(zip(itertools.repeat(y, n), range(first, first + n)))
        return out


def start_run(session: Session) -> None:
    """The session's next batches are one run (``BulkRun``), until ``end_run``."""
    session.info[RUN] = BulkRun(session)


def end_run(session: Session, *, keep: bool = True) -> None:
    """The run's counters moved on by the numbers it gave (``keep``), or the run
    forgotten (a refused import, whose transaction is rolled back)."""
    run: BulkRun | None = session.info.pop(RUN, None)
    if run is None or not keep:
        return
    for year, n in sorted(run.given.items()):
        if n:
            session.execute(text(_COUNT_ENTRIES.format(rows="VALUES (:y, :n)")),
                            {"y": year, "n": n})


def _reserve_ids(session: Session, n: int) -> list[int]:
    """Ids for ``n`` new entries, taken before their lines are written. PostgreSQL
    hands them out from the table's own sequence (safe between cashiers); on SQLite
    the caller holds the book's only write transaction, so the next ids are simply
    those after the largest, as SQLite itself would choose."""
    return ReservedIds(session, JournalEntry.__table__, block=n).take(n)


_COUNT_ENTRIES = ("INSERT INTO entry_counter (fiscal_year, last_number) {rows} "
                  "ON CONFLICT (fiscal_year) DO UPDATE "
                  "SET last_number = entry_counter.last_number + excluded.last_number "
                  "RETURNING last_number")


def _take_head(session: Session, years: list[int]) -> tuple[tuple[int, str], dict[int, int]]:
    """Lock the journal's head and read it; on PostgreSQL, when the entries are of one
    fiscal year, move that year's counter on in the same statement: its source reads the
    locked head, so the head is always taken before the counter, as everywhere else, and
    a cashier's posting spends one round trip fewer in the stretch every cashier queues
    for. Returns the head and the counters so moved (year -> its last number now)."""
    need = set(years)
    if len(need) == 1 and session.get_bind().dialect.name == "postgresql":
        (year,) = need
        seq, last_hash, last = session.execute(text(
            "WITH head AS (SELECT last_seq, last_hash FROM ledger_state WHERE id = 1 "
            "FOR UPDATE), counted AS ("
            + _COUNT_ENTRIES.format(rows="SELECT :y, :n FROM head")
            + ") SELECT head.last_seq, head.last_hash, counted.last_number "
            "FROM head, counted"), {"y": year, "n": len(years)}).one()
        return (seq, last_hash), {year: last}
    state = session.execute(
        select(LedgerState.last_seq, LedgerState.last_hash)
        .where(LedgerState.id == 1).with_for_update()
    ).one()
    return (state.last_seq, state.last_hash), {}


def _allocate_numbers(session: Session, years: list[int],
                      taken: dict[int, int]) -> list[tuple[int, int]]:
    """Official numbers, gap-free per fiscal year, taken inside the posting transaction
    (``taken``: counters ``_take_head`` already moved on, year -> last number)."""
    need: dict[int, int] = {}
    for y in years:
        need[y] = need.get(y, 0) + 1
    next_no: dict[int, int] = {}
    for y in sorted(need):
        last = taken.get(y)
        if last is None:  # one statement: the year's counter made at its first entry,
            last = session.execute(text(  # or moved on by n
                _COUNT_ENTRIES.format(rows="VALUES (:y, :n)")),
                {"n": need[y], "y": y}).scalar_one()
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
