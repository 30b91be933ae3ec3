"""The database itself refuses what breaks the books, whatever code talks to it.

Every test here goes around the program: raw SQL on ``book.engine.begin()``,
exactly what a SQL tool, a script or a bug would send. They run on SQLite by
default and on PostgreSQL with ``--db-url`` (or ``.ci/with-postgres``). A rule
enforced by a trigger answers with a message starting ``kasir:``; a rule enforced
by a CHECK constraint names the constraint. Each refusal test first shows the
same setup *is* accepted when the rule is kept, so no refusal passes vacuously.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import pytest
from sqlalchemy import Boolean, Connection, Date, DateTime, bindparam, text
from sqlalchemy.exc import IntegrityError

from kasir.book import Book
from ledger import ddl, queries
from ledger.ddl import PREFIX

DAY = dt.date(2026, 3, 10)
CASH, BANK, SAVINGS = "1101", "1111", "2101"
HEADER = "11"  # "Kas dan Bank", a heading

_TYPES = {
    "date": Date(), "entry_date": Date(), "at": DateTime(), "created_at": DateTime(),
    "posted_at": DateTime(), "posted": Boolean(), "active": Boolean(),
}
_counter = itertools.count(1)


def run(conn: Connection, sql: str, **params: object):  # type: ignore[no-untyped-def]
    """Raw SQL with dates and booleans bound the way each backend stores them."""
    stmt = text(sql)
    typed = [bindparam(k, type_=_TYPES[k]) for k in params if k in _TYPES]
    if typed:
        stmt = stmt.bindparams(*typed)
    return conn.execute(stmt, params)


def account_id(conn: Connection, code: str) -> int:
    return run(conn, "SELECT id FROM account WHERE code = :c", c=code).scalar_one()


def insert_draft(conn: Connection, lines: Sequence[tuple[str, int, int]], day: dt.date = DAY,
                 line_day: dt.date | None = None, operation: str = "deposit:sukarela",
                 reverses: int | None = None) -> int:
    """A draft entry with lines (account code, debit sen, credit sen), by raw INSERTs
    (a deposit by default: the savings account it moves is the savings service's)."""
    n = next(_counter)
    eid = run(conn, "INSERT INTO journal_entry (uuid, status, date, memo, operation, "
                    "reverses_entry_id, reversal_reason, created_at, created_by) VALUES "
                    "(:u, 'draft', :date, 'raw', :op, :rev, :why, :created_at, 'sql') "
                    "RETURNING id",
              u=f"raw-{n}", date=day, op=operation, rev=reverses,
              why="koreksi" if reverses else None,
              created_at=dt.datetime(2026, 3, 10, 9, 0)).scalar_one()
    for no, (code, debit, credit) in enumerate(lines, start=1):
        insert_line(conn, eid, no, code, debit, credit, entry_date=line_day or day)
    return eid


def insert_line(conn: Connection, entry_id: int, no: int, code: str, debit: int, credit: int,
                *, entry_date: dt.date = DAY, posted: bool = False) -> None:
    run(conn, "INSERT INTO journal_line (entry_id, line_no, account_id, debit, credit, memo, "
              "entry_date, posted) VALUES (:e, :n, :a, :d, :c, NULL, :entry_date, :posted)",
        e=entry_id, n=no, a=account_id(conn, code), d=debit, c=credit, entry_date=entry_date,
        posted=posted)


def post_raw(conn: Connection, entry_id: int, *, omit: str | None = None,
             year: int = 2026) -> None:
    """The draft -> posted transition as the program makes it, in one UPDATE."""
    n = 900_000 + next(_counter)
    values = {"fiscal_year": str(year), "number": str(n), "posted_seq": str(n),
              "prev_hash": "'" + "0" * 64 + "'", "hash": f"'{n:064x}'"}
    if omit is not None:
        del values[omit]
    sets = ", ".join(f"{col} = {val}" for col, val in values.items())
    run(conn, f"UPDATE journal_entry SET status = 'posted', {sets}, posted_at = :posted_at, "
              "posted_by = 'sql' WHERE id = :id",
        id=entry_id, posted_at=dt.datetime(2026, 3, 10, 9, 1))


BALANCED = ((CASH, 50_000, 0), (SAVINGS, 0, 50_000))


@pytest.fixture
def posted_entry(book: Book) -> int:
    """A correctly posted entry (raw SQL), whose rows the tests then try to change."""
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED)
        post_raw(conn, eid)
    return eid


@pytest.fixture
def draft_entry(book: Book) -> int:
    with book.engine.begin() as conn:
        return insert_draft(conn, BALANCED)


def refused(book: Book, work, expect: str | tuple[str, ...]) -> str:  # type: ignore[no-untyped-def]
    """Run ``work(conn)`` in its own transaction; it must be refused with ``expect``
    (or one of several, when more than one rule is broken at once)."""
    with pytest.raises(IntegrityError) as info:
        with book.engine.begin() as conn:
            work(conn)
    message = str(info.value.orig)
    alternatives = (expect,) if isinstance(expect, str) else expect
    assert any(e in message for e in alternatives), message
    return message


def refused_by_trigger(book: Book, work, msg: str) -> None:  # type: ignore[no-untyped-def]
    message = refused(book, work, f"{PREFIX} {msg}")
    assert message.count(PREFIX) == 1, message


def snapshot(book: Book) -> dict[str, object]:
    with book.engine.connect() as conn:
        counts = {t: run(conn, f"SELECT COUNT(*) FROM {t}").scalar_one()
                  for t in ("journal_entry", "journal_line", "fiscal_period", "period_event")}
        lines = run(conn, "SELECT id, entry_id, line_no, account_id, party_id, debit, credit, "
                          "memo, entry_date, posted FROM journal_line ORDER BY id").all()
        entries = run(conn, "SELECT id, status, date, memo, number, posted_seq, hash "
                            "FROM journal_entry ORDER BY id").all()
        periods = run(conn, "SELECT id, year, month, status FROM fiscal_period ORDER BY id").all()
        events = run(conn, "SELECT id, period_id, action, reason FROM period_event "
                           "ORDER BY id").all()
    return {"counts": counts, "lines": lines, "entries": entries, "periods": periods,
            "events": events}


# --- lines: the CHECK constraints --------------------------------------------------


@pytest.mark.parametrize(
    ("debit", "credit", "constraint"),
    [
        (-100, 0, "debit_nonnegative"),
        (0, -100, "credit_nonnegative"),
        (-100, 100, ("debit_nonnegative", "one_side")),
        (100, 100, "one_side"),
        (0, 0, "one_side"),
    ],
    ids=["negative-debit", "negative-credit", "negative-and-positive", "both", "neither"],
)
def test_line_amounts_are_one_nonnegative_side(book: Book, draft_entry: int, debit: int,
                                                credit: int,
                                                constraint: str | tuple[str, ...]) -> None:
    with book.engine.begin() as conn:  # a proper line on the same draft is accepted
        insert_line(conn, draft_entry, 3, BANK, 0, 100)
    before = snapshot(book)
    refused(book, lambda c: insert_line(c, draft_entry, 4, BANK, debit, credit), constraint)
    # an existing draft line cannot be changed into one either
    refused(book, lambda c: run(c, "UPDATE journal_line SET debit = :d, credit = :c "
                                   "WHERE entry_id = :e AND line_no = 3",
                                d=debit, c=credit, e=draft_entry), constraint)
    assert snapshot(book) == before


# --- entries: born a draft, posted only when sound ---------------------------------------


def test_correct_raw_posting_is_accepted(book: Book) -> None:
    """The triggers let the real thing through: lines become posted and count."""
    with book.engine.begin() as conn:
        eid = insert_draft(conn, ((CASH, 75_000, 0), (BANK, 25_000, 0), (SAVINGS, 0, 100_000)))
        post_raw(conn, eid)
    with book.engine.connect() as conn:
        status = run(conn, "SELECT status FROM journal_entry WHERE id = :e", e=eid).scalar_one()
        flags = run(conn, "SELECT posted FROM journal_line WHERE entry_id = :e", e=eid).scalars()
        assert status == "posted"
        assert [bool(f) for f in flags] == [True, True, True]
    with book.transaction() as s:
        assert queries.balance(s, CASH).sen == 75_000
        assert queries.balance(s, SAVINGS).sen == -100_000
        assert queries.trial_balance(s).balanced


def test_entry_cannot_be_inserted_as_posted_without_its_lines(book: Book) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(
        c, "INSERT INTO journal_entry (uuid, status, date, memo, operation, created_at, "
           "created_by, fiscal_year, number, posted_seq, prev_hash, hash) VALUES "
           "('born-posted', 'posted', :date, 'x', 'manual', :created_at, 'sql', 2026, 1, 1, "
           "'', 'abc')", date=DAY, created_at=dt.datetime(2026, 3, 10)), ddl.MSG_TOO_FEW_LINES)
    assert snapshot(book) == before


@pytest.mark.parametrize(
    ("lines", "msg"),
    [
        (((CASH, 50_000, 0), (SAVINGS, 0, 49_999)), ddl.MSG_UNBALANCED),
        (((CASH, 50_000, 0), (BANK, 50_000, 0)), ddl.MSG_UNBALANCED),
        (((CASH, 50_000, 0),), ddl.MSG_TOO_FEW_LINES),
        ((), ddl.MSG_TOO_FEW_LINES),
        (((HEADER, 50_000, 0), (SAVINGS, 0, 50_000)), ddl.MSG_BAD_ACCOUNT),
    ],
    ids=["unbalanced-by-one-sen", "all-debits", "one-line", "no-lines", "header-account"],
)
def test_unsound_entry_cannot_be_posted(book: Book, lines: tuple[tuple[str, int, int], ...],
                                        msg: str) -> None:
    with book.engine.begin() as conn:
        eid = insert_draft(conn, lines)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: post_raw(c, eid), msg)
    assert snapshot(book) == before


def test_entry_using_an_inactive_account_cannot_be_posted(book: Book) -> None:
    with book.engine.begin() as conn:
        eid = insert_draft(conn, ((BANK, 50_000, 0), (SAVINGS, 0, 50_000)))
        ok = insert_draft(conn, BALANCED)
        run(conn, "UPDATE account SET active = :active WHERE code = :c", active=False, c=BANK)
        post_raw(conn, ok)  # the same posting without the retired account goes through
    before = snapshot(book)
    refused_by_trigger(book, lambda c: post_raw(c, eid), ddl.MSG_BAD_ACCOUNT)
    assert snapshot(book) == before


def test_entry_dated_in_a_closed_period_cannot_be_posted(book: Book) -> None:
    with book.engine.begin() as conn:
        run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 3, 'closed')")
        eid = insert_draft(conn, BALANCED, day=dt.date(2026, 3, 31))
        ok = insert_draft(conn, BALANCED, day=dt.date(2026, 4, 1))
        post_raw(conn, ok)  # the next month is open
    before = snapshot(book)
    refused_by_trigger(book, lambda c: post_raw(c, eid), ddl.MSG_CLOSED_PERIOD)
    assert snapshot(book) == before


def test_entry_whose_lines_carry_another_date_cannot_be_posted(book: Book) -> None:
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED, line_day=DAY + dt.timedelta(days=1))
    refused_by_trigger(book, lambda c: post_raw(c, eid), ddl.MSG_LINE_DATE)


def test_changing_a_drafts_date_carries_its_lines_along(book: Book, draft_entry: int) -> None:
    with book.engine.begin() as conn:
        run(conn, "UPDATE journal_entry SET date = :date WHERE id = :e",
            date=dt.date(2026, 5, 2), e=draft_entry)
        post_raw(conn, draft_entry)
    with book.engine.connect() as conn:
        days = run(conn, "SELECT DISTINCT entry_date FROM journal_line WHERE entry_id = :e",
                   e=draft_entry).scalars().all()
    assert [str(d) for d in days] == ["2026-05-02"]


@pytest.mark.parametrize("missing", ["fiscal_year", "number", "posted_seq", "hash"])
def test_entry_cannot_be_posted_without_its_number_and_hash(book: Book, draft_entry: int,
                                                            missing: str) -> None:
    before = snapshot(book)
    # Enforced by the CHECK constraint ck_journal_entry_posted_identity, not a trigger.
    refused(book, lambda c: post_raw(c, draft_entry, omit=missing), "posted_identity")
    assert snapshot(book) == before


# --- a posted entry and its lines never change ------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        "memo = 'edited'",
        "status = 'draft'",
        "number = number + 1000",
        "hash = 'f00d'",
        "operation = 'other'",
    ],
)
def test_posted_entry_cannot_be_updated(book: Book, posted_entry: int, change: str) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, f"UPDATE journal_entry SET {change} WHERE id = :e",
                                           e=posted_entry), ddl.MSG_POSTED_IMMUTABLE)
    refused_by_trigger(book, lambda c: run(c, "UPDATE journal_entry SET date = :date "
                                              "WHERE id = :e", date=dt.date(2026, 4, 1),
                                           e=posted_entry), ddl.MSG_POSTED_IMMUTABLE)
    assert snapshot(book) == before


def test_posted_entry_cannot_be_deleted(book: Book, posted_entry: int,
                                        draft_entry: int) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, "DELETE FROM journal_entry WHERE id = :e",
                                           e=posted_entry), ddl.MSG_POSTED_NO_DELETE)
    assert snapshot(book) == before
    with book.engine.begin() as conn:  # a draft, lines first, may go
        run(conn, "DELETE FROM journal_line WHERE entry_id = :e", e=draft_entry)
        run(conn, "DELETE FROM journal_entry WHERE id = :e", e=draft_entry)


def test_no_line_can_be_added_to_a_posted_entry(book: Book, posted_entry: int,
                                                draft_entry: int) -> None:
    with book.engine.begin() as conn:  # a draft takes more lines
        insert_line(conn, draft_entry, 3, BANK, 1, 0)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: insert_line(c, posted_entry, 3, BANK, 1, 0),
                       ddl.MSG_LINE_DRAFT_ONLY)
    refused_by_trigger(book, lambda c: insert_line(c, posted_entry, 3, BANK, 1, 0, posted=True),
                       ddl.MSG_POSTED_LINE)
    assert snapshot(book) == before


def test_a_draft_line_cannot_be_born_posted(book: Book, draft_entry: int) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: insert_line(c, draft_entry, 3, BANK, 1, 0, posted=True),
                       ddl.MSG_POSTED_LINE)
    assert snapshot(book) == before


@pytest.mark.parametrize(
    "change",
    [
        "debit = debit + 1",
        "credit = credit + 1",
        "memo = 'edited'",
        "line_no = line_no + 10",
        "account_id = (SELECT id FROM account WHERE code = '1111')",
        "party_id = NULL",
        "posted = :posted",
        "entry_date = :entry_date",
    ],
)
def test_line_of_posted_entry_cannot_be_updated(book: Book, posted_entry: int,
                                                change: str) -> None:
    params: dict[str, object] = {"e": posted_entry}
    if ":posted" in change:
        params["posted"] = False
    if ":entry_date" in change:
        params["entry_date"] = DAY + dt.timedelta(days=3)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, f"UPDATE journal_line SET {change} "
                                              "WHERE entry_id = :e", **params),
                       ddl.MSG_LINE_IMMUTABLE)
    assert snapshot(book) == before


def test_line_cannot_be_moved_into_or_out_of_a_posted_entry(book: Book, posted_entry: int,
                                                            draft_entry: int) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, "UPDATE journal_line SET entry_id = :p, "
                                              "line_no = line_no + 10 WHERE entry_id = :d",
                                           p=posted_entry, d=draft_entry),
                       ddl.MSG_LINE_IMMUTABLE)
    refused_by_trigger(book, lambda c: run(c, "UPDATE journal_line SET entry_id = :d, "
                                              "line_no = line_no + 10 WHERE entry_id = :p",
                                           p=posted_entry, d=draft_entry),
                       ddl.MSG_LINE_IMMUTABLE)
    assert snapshot(book) == before


def test_line_of_posted_entry_cannot_be_deleted(book: Book, posted_entry: int) -> None:
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, "DELETE FROM journal_line WHERE entry_id = :e",
                                           e=posted_entry), ddl.MSG_LINE_NO_DELETE)
    assert snapshot(book) == before


def test_drafts_line_cannot_claim_to_be_posted(book: Book, draft_entry: int) -> None:
    with book.engine.begin() as conn:  # a draft's line may otherwise change
        run(conn, "UPDATE journal_line SET memo = 'fixed', debit = 60000 "
                  "WHERE entry_id = :e AND line_no = 1", e=draft_entry)
        run(conn, "UPDATE journal_line SET credit = 60000 WHERE entry_id = :e AND line_no = 2",
            e=draft_entry)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, "UPDATE journal_line SET posted = :posted "
                                              "WHERE entry_id = :e", posted=True, e=draft_entry),
                       ddl.MSG_LINE_IMMUTABLE)
    assert snapshot(book) == before
    with book.engine.connect() as conn:
        assert run(conn, "SELECT COALESCE(SUM(debit), 0) FROM journal_line WHERE posted = :posted",
                   posted=True).scalar_one() == 0


# --- periods -----------------------------------------------------------------------


def close_march(conn: Connection, *, with_event: bool = True) -> int:
    pid = run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 3, 'open') "
                    "RETURNING id").scalar_one()
    if with_event:
        add_event(conn, pid, "close", "")
    run(conn, "UPDATE fiscal_period SET status = 'closed' WHERE id = :p", p=pid)
    return pid


def add_event(conn: Connection, pid: int, action: str, reason: str) -> None:
    run(conn, "INSERT INTO period_event (period_id, action, reason, at, by) "
              "VALUES (:p, :a, :r, :at, 'sql')",
        p=pid, a=action, r=reason, at=dt.datetime(2026, 4, 2, 8, 0))


REOPEN = "UPDATE fiscal_period SET status = 'open' WHERE id = :p"


@pytest.mark.parametrize("with_close_event", [True, False])
def test_closed_period_cannot_be_reopened_without_a_reopen_event(book: Book,
                                                                 with_close_event: bool) -> None:
    with book.engine.begin() as conn:
        pid = close_march(conn, with_event=with_close_event)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, REOPEN, p=pid), ddl.MSG_REOPEN_REASON)
    assert snapshot(book) == before
    # a reopen event needs a reason (CHECK constraint) ...
    refused(book, lambda c: add_event(c, pid, "reopen", "   "), "reopen_reason")
    # ... and with one recorded, reopening goes through
    with book.engine.begin() as conn:
        add_event(conn, pid, "reopen", "late bank statement")
        run(conn, REOPEN, p=pid)
    with book.engine.connect() as conn:
        assert run(conn, "SELECT status FROM fiscal_period WHERE id = :p",
                   p=pid).scalar_one() == "open"


def test_reopen_event_of_another_period_does_not_count(book: Book) -> None:
    with book.engine.begin() as conn:
        pid = close_march(conn)
        other = run(conn, "INSERT INTO fiscal_period (year, month, status) "
                          "VALUES (2026, 4, 'open') RETURNING id").scalar_one()
        add_event(conn, other, "reopen", "wrong month")
    refused_by_trigger(book, lambda c: run(c, REOPEN, p=pid), ddl.MSG_REOPEN_REASON)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE period_event SET reason = 'rewritten'",
        "UPDATE period_event SET action = 'reopen', reason = 'backdated'",
        "UPDATE period_event SET by = 'someone else'",
        "DELETE FROM period_event",
    ],
)
def test_period_log_is_append_only(book: Book, statement: str) -> None:
    with book.engine.begin() as conn:
        close_march(conn)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, statement), ddl.MSG_LOG_APPEND_ONLY)
    assert snapshot(book) == before


def test_posting_through_the_program_is_refused_by_the_database_too(book: Book) -> None:
    """The closed-period rule holds even when the code's own check is bypassed
    with a stale context (as a second, concurrently opened window would have)."""
    from ledger import periods, posting
    from tests.factories import simple_entry

    with book.transaction() as s:
        stale = posting.load_context(s)
    with book.transaction() as s:
        periods.close_period(s, 2026, 3, user="bendahara")
    before = snapshot(book)
    with pytest.raises(IntegrityError) as info:
        with book.transaction() as s:
            posting.post(s, simple_entry(DAY, CASH, SAVINGS, 10_000), ctx=stale)
    assert PREFIX in str(info.value.orig) and ddl.MSG_CLOSED_PERIOD in str(info.value.orig)
    assert snapshot(book) == before


@pytest.mark.parametrize("change", ["month = 4", "year = 2025", "year = 2025, month = 1"])
def test_closed_period_cannot_be_moved_to_another_month(book: Book, change: str) -> None:
    """Moving a closed month's row would reopen that month without a reason
    (guarded since migration 0003); an open month's row may be renumbered."""
    with book.engine.begin() as conn:
        pid = close_march(conn)
        other = run(conn, "INSERT INTO fiscal_period (year, month, status) "
                          "VALUES (2026, 9, 'open') RETURNING id").scalar_one()
        run(conn, "UPDATE fiscal_period SET month = 10 WHERE id = :p", p=other)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, f"UPDATE fiscal_period SET {change} WHERE id = :p",
                                           p=pid), ddl.MSG_REOPEN_REASON)
    assert snapshot(book) == before


def test_closed_period_row_cannot_be_deleted(book: Book) -> None:
    with book.engine.begin() as conn:
        pid = close_march(conn, with_event=False)  # no log row holds it by foreign key
        other = run(conn, "INSERT INTO fiscal_period (year, month, status) "
                          "VALUES (2026, 9, 'open') RETURNING id").scalar_one()
        run(conn, "DELETE FROM fiscal_period WHERE id = :p", p=other)
    before = snapshot(book)
    refused_by_trigger(book, lambda c: run(c, "DELETE FROM fiscal_period WHERE id = :p", p=pid),
                       ddl.MSG_REOPEN_REASON)
    assert snapshot(book) == before


# --- owned accounts (domain §2.1): only their owner's operations move them -------------------

def test_a_manual_entry_cannot_move_a_members_savings(book):
    def manual(conn: Connection) -> None:
        post_raw(conn, insert_draft(conn, BALANCED, operation="manual"))
    refused(book, manual, ddl.MSG_FOREIGN_OWNER)
    with book.engine.begin() as conn:  # the same lines as a deposit: accepted
        post_raw(conn, insert_draft(conn, BALANCED, operation="deposit:sukarela"))
    with book.engine.begin() as conn:  # and the general journal's own accounts: accepted
        post_raw(conn, insert_draft(conn, ((CASH, 5_000, 0), (BANK, 0, 5_000)),
                                    operation="manual"))


def test_an_operation_moves_only_the_owners_it_is_permitted(book):
    zakat = ((CASH, 5_000, 0), ("7301", 0, 5_000))
    refused(book, lambda c: post_raw(c, insert_draft(c, zakat, operation="deposit:sukarela")),
            ddl.MSG_FOREIGN_OWNER)
    with book.engine.begin() as conn:
        post_raw(conn, insert_draft(conn, zakat, operation="zis_received"))


def test_a_reversal_must_be_the_mirror_of_its_original(book, posted_entry):
    mirror = ((CASH, 0, 50_000), (SAVINGS, 50_000, 0))
    for wrong in (((CASH, 0, 40_000), (SAVINGS, 40_000, 0)),  # another amount
                  ((BANK, 0, 50_000), (SAVINGS, 50_000, 0)),  # another account
                  ((SAVINGS, 50_000, 0), (CASH, 0, 50_000))):  # lines in another order
        refused(book, lambda c, w=wrong: post_raw(c, insert_draft(
            c, w, operation="reversal", reverses=posted_entry)), ddl.MSG_NOT_A_MIRROR)
    with book.engine.begin() as conn:
        post_raw(conn, insert_draft(conn, mirror, operation="reversal", reverses=posted_entry))


# --- entries born posted (migration 0011): lines first, posted, then the entry ----------------


def reserve_id(conn: Connection) -> int:
    """An id for an entry not yet written, as the program takes one."""
    if conn.dialect.name == "postgresql":
        return run(conn, "SELECT nextval(pg_get_serial_sequence('journal_entry', 'id'))"
                   ).scalar_one()
    return run(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM journal_entry").scalar_one()


def insert_posted_entry(conn: Connection, eid: int, *, day: dt.date = DAY,
                        operation: str = "deposit:sukarela", reverses: int | None = None) -> None:
    n = 800_000 + next(_counter)
    run(conn, "INSERT INTO journal_entry (id, uuid, status, date, memo, operation, "
              "reverses_entry_id, reversal_reason, created_at, created_by, fiscal_year, number, "
              "posted_seq, prev_hash, hash, posted_at, posted_by) VALUES (:id, :u, 'posted', "
              ":date, 'raw', :op, :rev, :why, :created_at, 'sql', 2026, :n, :n, :prev, :h, "
              ":posted_at, 'sql')",
        id=eid, u=f"born-{n}", date=day, op=operation, rev=reverses,
        why="koreksi" if reverses else None, n=n, prev="0" * 64, h=f"{n:064x}",
        created_at=dt.datetime(2026, 3, 10, 9, 0), posted_at=dt.datetime(2026, 3, 10, 9, 1))


def born_posted(conn: Connection, lines: Sequence[tuple[str, int, int]], *, day: dt.date = DAY,
                line_day: dt.date | None = None, posted_lines: bool = True,
                operation: str = "deposit:sukarela", reverses: int | None = None) -> int:
    """An entry written as the program writes it: its lines, posted, then itself, posted."""
    eid = reserve_id(conn)
    for no, (code, debit, credit) in enumerate(lines, start=1):
        # ``posted_lines=False``: a mix, the first line posted and the others not
        insert_line(conn, eid, no, code, debit, credit, entry_date=line_day or day,
                    posted=posted_lines or no == 1)
    insert_posted_entry(conn, eid, day=day, operation=operation, reverses=reverses)
    return eid


def test_an_entry_born_posted_is_accepted_and_counts(book: Book) -> None:
    with book.engine.begin() as conn:
        eid = born_posted(conn, ((CASH, 75_000, 0), (BANK, 25_000, 0), (SAVINGS, 0, 100_000)))
    with book.engine.connect() as conn:
        flags = run(conn, "SELECT posted FROM journal_line WHERE entry_id = :e", e=eid).scalars()
        assert [bool(f) for f in flags] == [True, True, True]
    with book.transaction() as s:
        assert queries.balance(s, CASH).sen == 75_000
        assert queries.balance(s, SAVINGS).sen == -100_000
        assert queries.trial_balance(s).balanced


@pytest.mark.parametrize(
    ("lines", "kwargs", "msg"),
    [
        (((CASH, 50_000, 0), (SAVINGS, 0, 49_999)), {}, ddl.MSG_UNBALANCED),
        (((CASH, 50_000, 0), (BANK, 50_000, 0)), {}, ddl.MSG_UNBALANCED),
        (((CASH, 50_000, 0),), {}, ddl.MSG_TOO_FEW_LINES),
        (((HEADER, 50_000, 0), (SAVINGS, 0, 50_000)), {}, ddl.MSG_BAD_ACCOUNT),
        (BALANCED, {"line_day": DAY + dt.timedelta(days=1)}, ddl.MSG_LINE_DATE),
        (BALANCED, {"posted_lines": False}, ddl.MSG_UNPOSTED_LINE),
        (BALANCED, {"operation": "manual"}, ddl.MSG_FOREIGN_OWNER),
    ],
    ids=["unbalanced-by-one-sen", "all-debits", "one-line", "header-account", "line-date",
         "an-unposted-line", "foreign-owner"],
)
def test_unsound_entry_cannot_be_born_posted(book: Book, lines, kwargs, msg) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(book)
    refused_by_trigger(book, lambda c: born_posted(c, lines, **kwargs), msg)
    assert snapshot(book) == before


def test_an_entry_cannot_be_born_posted_in_a_closed_month(book: Book) -> None:
    with book.engine.begin() as conn:
        run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 3, 'closed')")
        born_posted(conn, BALANCED, day=dt.date(2026, 4, 1))  # the next month is open
    before = snapshot(book)
    refused_by_trigger(book, lambda c: born_posted(c, BALANCED, day=dt.date(2026, 3, 31)),
                       ddl.MSG_CLOSED_PERIOD)
    assert snapshot(book) == before


def test_a_reversal_born_posted_must_mirror(book: Book, posted_entry: int) -> None:
    refused(book, lambda c: born_posted(c, ((CASH, 0, 40_000), (SAVINGS, 40_000, 0)),
                                        operation="reversal", reverses=posted_entry),
            ddl.MSG_NOT_A_MIRROR)
    with book.engine.begin() as conn:
        born_posted(conn, ((CASH, 0, 50_000), (SAVINGS, 50_000, 0)), operation="reversal",
                    reverses=posted_entry)


def test_a_posted_line_whose_entry_never_comes_fails_the_commit(book: Book) -> None:
    """The deferred foreign key is the commit-time check: posted lines alone, balanced
    or not, never reach the book."""
    before = snapshot(book)

    def lines_only(conn: Connection) -> None:
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)

    refused(book, lines_only, ("FOREIGN KEY", "foreign key"))
    assert snapshot(book) == before


def test_a_draft_cannot_be_inserted_over_posted_lines(book: Book) -> None:
    def draft_over(conn: Connection) -> None:
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)
        run(conn, "INSERT INTO journal_entry (id, uuid, status, date, memo, operation, "
                  "created_at, created_by) VALUES (:id, 'over', 'draft', :date, 'x', 'manual', "
                  ":created_at, 'sql')", id=eid, date=DAY, created_at=dt.datetime(2026, 3, 10))

    before = snapshot(book)
    refused_by_trigger(book, draft_over, ddl.MSG_DRAFT_OVER_POSTED)
    assert snapshot(book) == before


def test_a_posted_line_waiting_for_its_entry_cannot_be_changed(book: Book) -> None:
    def change(conn: Connection) -> None:
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)
        run(conn, "UPDATE journal_line SET debit = 40000 WHERE entry_id = :e AND line_no = 1",
            e=eid)

    refused_by_trigger(book, change, ddl.MSG_LINE_IMMUTABLE)


def test_a_posted_line_needs_foreign_keys_on(book: Book, sqlite_only: None) -> None:
    """A SQL tool that does not switch SQLite's foreign keys on would let a posted line
    without an entry be committed; such a connection may not write one at all."""
    import sqlite3

    path = book.url.removeprefix("sqlite:///")
    raw = sqlite3.connect(path)
    try:
        cash = raw.execute("SELECT id FROM account WHERE code = ?", (CASH,)).fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError, match=ddl.MSG_POSTED_LINE):
            raw.execute("INSERT INTO journal_line (entry_id, line_no, account_id, debit, credit, "
                        "entry_date, posted) VALUES (99999, 1, ?, 100, 0, '2026-03-10', 1)",
                        (cash,))
        raw.rollback()
    finally:
        raw.close()
