"""Checks of the journal's integrity, for ``kasir verify``.

Each check reads the tables as they are (not as the code would have written
them) and returns findings rather than raising, so one run reports every
problem. Together they detect a posted line altered, deleted or inserted
behind the program's back, a missing or forged entry, a broken posting
sequence, a gap in the official numbers and a missing protective trigger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select, text, tuple_
from sqlalchemy.orm import Session

from ledger import ddl
from ledger.errors import N_, english_params
from ledger.money import Money
from ledger.posting import entry_label
from ledger.schema import (
    ENTRY_POSTED,
    Account,
    EntryCounter,
    JournalEntry,
    JournalLine,
)


@dataclass(frozen=True)
class Finding:
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return self.template.format(**english_params(self.params))


def check_triggers(conn: Connection) -> list[Finding]:
    dialect = conn.dialect.name
    present = {r[0] for r in conn.execute(text(ddl.present_triggers_sql(dialect)))}
    return [
        Finding(N_("The protective trigger {name} is missing from the database."), {"name": t.name})
        for t in ddl.triggers_on(dialect) if t.name not in present
    ]


def check_entries_balanced(session: Session) -> list[Finding]:
    rows = session.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number,
               func.coalesce(func.sum(JournalLine.debit), 0),
               func.coalesce(func.sum(JournalLine.credit), 0), func.count(JournalLine.id))
        .outerjoin(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .where(JournalEntry.status == ENTRY_POSTED)
        .group_by(JournalEntry.id, JournalEntry.fiscal_year, JournalEntry.number)
        .having((func.coalesce(func.sum(JournalLine.debit), 0)
                 != func.coalesce(func.sum(JournalLine.credit), 0))
                | (func.count(JournalLine.id) < 2))
    )
    return [
        Finding(N_("Entry {entry} does not balance (debit {debit}, credit {credit}, "
                   "{lines} lines)."),
                {"entry": entry_label(fy, no), "debit": Money(int(d)), "credit": Money(int(c)),
                 "lines": n})
        for fy, no, d, c, n in rows
    ]


def check_line_copies(session: Session) -> list[Finding]:
    """The posted flag and date copied onto each line must match its entry."""
    rows = session.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number, JournalLine.line_no)
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(((JournalEntry.status == ENTRY_POSTED) != (JournalLine.posted == True))  # noqa: E712
               | (JournalLine.entry_date != JournalEntry.date))
        .limit(100)
    )
    return [
        Finding(N_("Line {line} of entry {entry} disagrees with its entry (date or status)."),
                {"entry": entry_label(fy, no), "line": ln})
        for fy, no, ln in rows
    ]


def check_line_references(session: Session) -> list[Finding]:
    """Every line belongs to an entry and names an account and (if any) a party that exist:
    on PostgreSQL triggers hold this, not foreign keys (``ledger.ddl_references``,
    ``ledger.ddl_waiting``), and a trigger can be dropped."""
    from ledger.schema import Party

    # every line read once, joined by hash; the first hundred found ordered afterwards
    # (OFFSET 0 keeps the order out of the plan: asked for in order, a server without
    # fresh statistics after a bulk load walks the lines by id, probing each table a
    # million times, 1.2 s where this takes 0.2 s)
    found = (select(JournalLine.id.label("line_id"), JournalEntry.id.label("found"),
                    JournalEntry.fiscal_year, JournalEntry.number, JournalLine.entry_id,
                    JournalLine.line_no)
             .outerjoin(JournalEntry, JournalEntry.id == JournalLine.entry_id)
             .outerjoin(Account, Account.id == JournalLine.account_id)
             .outerjoin(Party, Party.id == JournalLine.party_id)
             .where(JournalEntry.id.is_(None) | Account.id.is_(None)
                    | (JournalLine.party_id.is_not(None) & Party.id.is_(None)))
             .offset(0).subquery())
    rows = session.execute(
        select(found.c.found, found.c.fiscal_year, found.c.number, found.c.entry_id,
               found.c.line_no).order_by(found.c.line_id).limit(100))
    out = []
    for found, fy, no, eid, ln in rows:
        if found is None:
            out.append(Finding(N_("Line {line} names entry #{entry}, which is not in the book."),
                               {"entry": eid, "line": ln}))
        else:
            out.append(Finding(N_("Line {line} of entry {entry} names an account or a member "
                                  "that is not in the book."),
                               {"entry": entry_label(fy, no) if no is not None else f"#{eid}",
                                "line": ln}))
    return out


CHUNK = 10_000  # rows fetched at a time by the checks that walk the whole book


def stream_rows(session: Session, q):  # type: ignore[no-untyped-def]
    """Rows of a plain query as they come (``CHUNK`` at a time; a server-side cursor on
    PostgreSQL), not all of them at once."""
    return session.connection().execute(q.execution_options(yield_per=CHUNK))


def driver_rows(session: Session, q, unconverted: tuple[int, ...] = ()):  # type: ignore[no-untyped-def]
    """``stream_rows`` as plain tuples: on SQLite straight from the driver's cursor, a chunk at
    a time (a million lines through SQLAlchemy's result rows cost a second more); the
    values are those SQLAlchemy gives (its result processors applied here, e.g. a date's
    text made a ``date``), except the columns ``unconverted`` left as stored, for the
    caller to convert with ``converter_of`` once per entry rather than once per line."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield from stream_rows(session, q)
        return
    compiled = q.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    processors = compiled._bind_processors  # noqa: SLF001 (the statement's own binds)
    values = tuple(processors[k](v) if k in processors else v
                   for k, v in ((k, params[k]) for k in compiled.positiontup or ()))
    result_procs = [col.type._cached_result_processor(conn.dialect, None)  # noqa: SLF001
                    for col in q.selected_columns]
    convert = [(i, p) for i, p in enumerate(result_procs)
               if p is not None and i not in unconverted]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), values)
        while True:
            chunk = cursor.fetchmany(CHUNK)
            if not chunk:
                break
            if not convert:
                yield from chunk
                continue
            for row in chunk:
                cells = list(row)
                for i, proc in convert:
                    cells[i] = proc(cells[i])
                yield cells
    finally:
        cursor.close()


def converter_of(session: Session, column: Any) -> Any:
    """What ``driver_rows`` leaves undone for ``column`` (a no-op but on SQLite)."""
    dialect = session.connection().dialect
    proc = None
    if dialect.name == "sqlite":
        proc = column.type._cached_result_processor(dialect, None)  # noqa: SLF001
    return proc or (lambda value: value)


def check_numbers(session: Session) -> list[Finding]:
    """Official numbers run 1..N per fiscal year with no gap, N = the counter."""
    out: list[Finding] = []
    counters = {fy: n for fy, n in session.execute(
        select(EntryCounter.fiscal_year, EntryCounter.last_number))}
    posted = JournalEntry.status == ENTRY_POSTED
    summary = {fy: (int(n), int(distinct), lo, hi) for fy, n, distinct, lo, hi in session.execute(
        select(JournalEntry.fiscal_year, func.count(), func.count(JournalEntry.number.distinct()),
               func.min(JournalEntry.number), func.max(JournalEntry.number))
        .where(posted).group_by(JournalEntry.fiscal_year))}
    for fy in sorted(set(counters) | set(summary)):
        last = counters.get(fy, 0)
        n, distinct, lo, hi = summary.get(fy, (0, 0, None, None))
        if n == distinct == last and (last == 0 or (lo == 1 and hi == last)):
            continue  # exactly 1..last, each once: nothing to name
        missing: list[int] = []
        extra: list[int] = []
        expected = 1  # the next number 1..last not yet seen
        for (no,) in stream_rows(session, select(JournalEntry.number)
                             .where(posted, JournalEntry.fiscal_year == fy)
                             .order_by(JournalEntry.number)):
            if no > last:
                if len(extra) < 20:
                    extra.append(no)
                continue
            while expected < no and len(missing) < 20:
                missing.append(expected)
                expected += 1
            expected = max(expected, no + 1)
        while expected <= last and len(missing) < 20:
            missing.append(expected)
            expected += 1
        for no in missing:
            out.append(Finding(N_("Entry {entry} is missing: it was posted and later removed."),
                               {"entry": entry_label(fy, no)}))
        for no in extra:
            out.append(Finding(N_("Entry {entry} was not numbered by Kasir (beyond the last "
                                  "number given)."), {"entry": entry_label(fy, no)}))
    return out


def check_all(session: Session) -> list[Finding]:
    from ledger.chain_walk import check_chain

    return (check_triggers(session.connection()) + check_entries_balanced(session)
            + check_line_copies(session) + check_line_references(session)
            + check_numbers(session) + check_chain(session))


def check_periods(session: Session) -> list[Finding]:
    """Every month is closed or open as its append-only log says: its last event decides."""
    from ledger.schema import PERIOD_CLOSED, FiscalPeriod, PeriodEvent

    last: dict[int, str] = {}
    for pid, action in session.execute(select(PeriodEvent.period_id, PeriodEvent.action)
                                       .order_by(PeriodEvent.id)):
        last[pid] = action
    out: list[Finding] = []
    for pid, year, month, status in session.execute(
            select(FiscalPeriod.id, FiscalPeriod.year, FiscalPeriod.month, FiscalPeriod.status)
            .order_by(FiscalPeriod.year, FiscalPeriod.month)):
        logged_closed = last.get(pid) == "close"
        period = {"period": f"{month:02d}/{year}"}
        if logged_closed and status != PERIOD_CLOSED:
            out.append(Finding(N_("The month {period} is open, but its log says it was last "
                                  "closed."), period))
        elif status == PERIOD_CLOSED and not logged_closed:
            out.append(Finding(N_("The month {period} is closed, but its log does not say it "
                                  "was closed."), period))
    return out


def check_owners(session: Session, after_seq: int = 0) -> list[Finding]:
    """No posted entry (after ``after_seq``) moves an account whose owner its operation is not
    permitted to move; a reversal answers for its original."""
    from ledger.entry import operation_kind
    from ledger.schema import OperationPermit

    permits = {(k, o) for k, o in session.execute(
        select(OperationPermit.kind, OperationPermit.owner))}
    moved = (
        select(JournalEntry.operation, Account.owner)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .join(Account, Account.id == JournalLine.account_id)
        .where(JournalEntry.status == ENTRY_POSTED, JournalEntry.posted_seq > after_seq,
               JournalEntry.reverses_entry_id.is_(None), Account.owner != "journal")
    )
    # the pairs (operation, owner) the book holds, counted in SQL; only the lines of a
    # pair no permit allows are read one by one
    refused = [(op, owner) for op, owner in session.execute(moved.distinct())
               if (operation_kind(op), owner) not in permits]
    out: list[Finding] = []
    if not refused:
        return out
    rows = session.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.operation,
               Account.code, Account.owner)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .join(Account, Account.id == JournalLine.account_id)
        .where(JournalEntry.status == ENTRY_POSTED, JournalEntry.posted_seq > after_seq,
               JournalEntry.reverses_entry_id.is_(None), Account.owner != "journal",
               tuple_(JournalEntry.operation, Account.owner).in_(refused))
        .order_by(JournalEntry.posted_seq))
    for fy, no, operation, code, owner in rows:
        out.append(Finding(N_("Entry {entry} ({operation}) moves account {code}, which only "
                              "the {owner} operations may move."),
                           {"entry": entry_label(fy, no), "operation": operation,
                            "code": code, "owner": owner}))
    return out


def check_amount_limits(session: Session) -> list[Finding]:
    """Lines beyond the most a line may carry (only a hand outside Kasir writes them): the
    sums of such a book overflow, so ``verify`` names them instead of adding them up."""
    from ledger.money import MAX_AMOUNT_SEN

    rows = session.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.id)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .where((JournalLine.debit > MAX_AMOUNT_SEN) | (JournalLine.credit > MAX_AMOUNT_SEN)
               | (JournalLine.debit < 0) | (JournalLine.credit < 0))
        .distinct().order_by(JournalEntry.id).limit(50))
    return [Finding(N_("Entry {entry} carries an amount beyond Rp1.000.000.000.000.000, the "
                       "most a line may carry; the book's sums cannot be checked until it is "
                       "corrected."), {"entry": entry_label(fy, no) if no else f"#{eid}"})
            for fy, no, eid in rows]
