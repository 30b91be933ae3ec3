"""Many entries written at once, as the program writes a batch (one statement for the lines,
one for the entries: a COPY on PostgreSQL) or as a SQL tool may (a multi-row INSERT): the
database refuses the whole statement, for the reason of the first entry (lowest id) that
breaks a rule, and a posted line whose entry never comes still fails the commit.

On PostgreSQL the born-posted checks run once for each statement (migration 0012); on
SQLite once for each row. Every test here runs on both and expects the same.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from sqlalchemy import Connection, event, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kasir.book import Book
from ledger import ddl, posting
from ledger.bulk_rows import insert_rows
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money
from ledger.schema import JournalEntry, JournalLine
from tests.db.test_triggers import (
    BALANCED,
    BANK,
    CASH,
    DAY,
    HEADER,
    SAVINGS,
    account_id,
    insert_draft,
    insert_line,
    post_raw,
    refused,
    refused_by_trigger,
    reserve_id,
    run,
    snapshot,
)

_numbers = itertools.count(700_000)


@dataclass(frozen=True)
class Entry:
    """An entry to write posted, lines first: (account code, debit sen, credit sen)."""

    lines: Sequence[tuple[str, int, int]] = BALANCED
    day: dt.date = DAY
    line_day: dt.date | None = None
    posted_lines: bool = True
    operation: str = "deposit:sukarela"
    reverses: int | None = None


def reserve_ids(conn: Connection, n: int) -> list[int]:
    """Ids for ``n`` entries not yet written, as the program takes them."""
    if conn.dialect.name == "postgresql":
        return [reserve_id(conn) for _ in range(n)]
    first = reserve_id(conn)
    return list(range(first, first + n))


def write_at_once(conn: Connection, entries: Sequence[Entry]) -> list[int]:
    """All the lines in one multi-row INSERT, then all the entries, posted, in another."""
    ids = reserve_ids(conn, len(entries))
    codes = {code for e in entries for code, _d, _c in e.lines}
    account = {code: account_id(conn, code) for code in codes}
    lines = [{"entry_id": eid, "line_no": no, "account_id": account[code], "party_id": None,
              "debit": debit, "credit": credit, "memo": None,
              "entry_date": e.line_day or e.day, "posted": e.posted_lines or no == 1}
             for eid, e in zip(ids, entries)
             for no, (code, debit, credit) in enumerate(e.lines, start=1)]
    if lines:
        conn.execute(insert(JournalLine.__table__).values(lines))
    rows = []
    for eid, e in zip(ids, entries):
        n = next(_numbers)
        rows.append({"id": eid, "uuid": f"batch-{n}", "status": "posted", "date": e.day,
                     "memo": "raw", "operation": e.operation, "reverses_entry_id": e.reverses,
                     "reversal_reason": "koreksi" if e.reverses else None,
                     "created_at": dt.datetime(2026, 3, 10, 9, 0), "created_by": "sql",
                     "fiscal_year": 2026, "number": n, "posted_seq": n, "prev_hash": "0" * 64,
                     "hash": f"{n:064x}", "posted_at": dt.datetime(2026, 3, 10, 9, 1),
                     "posted_by": "sql"})
    conn.execute(insert(JournalEntry.__table__).values(rows))
    return ids


SOUND = Entry()
UNBALANCED = Entry(lines=((CASH, 50_000, 0), (SAVINGS, 0, 49_999)))
ONE_LINE = Entry(lines=((CASH, 50_000, 0),))
NO_LINES = Entry(lines=())
ON_A_HEADING = Entry(lines=((HEADER, 50_000, 0), (SAVINGS, 0, 50_000)))
LINE_DAY = Entry(line_day=DAY + dt.timedelta(days=1))
UNPOSTED_LINE = Entry(posted_lines=False)
FOREIGN_OWNER = Entry(operation="manual")
IN_CLOSED_MONTH = Entry(day=dt.date(2026, 2, 27))


def close_february(book: Book) -> None:
    with book.engine.begin() as conn:
        run(conn, "INSERT INTO fiscal_period (year, month, status) VALUES (2026, 2, 'closed')")


def test_a_sound_batch_is_accepted_whole(book: Book) -> None:
    close_february(book)
    with book.engine.begin() as conn:
        ids = write_at_once(conn, [SOUND, Entry(lines=((CASH, 75_000, 0), (BANK, 25_000, 0),
                                                      (SAVINGS, 0, 100_000))), SOUND])
    with book.engine.connect() as conn:
        assert run(conn, "SELECT COUNT(*) FROM journal_line WHERE entry_id IN (:a, :b, :c)",
                   a=ids[0], b=ids[1], c=ids[2]).scalar_one() == 7


@pytest.mark.parametrize(("bad", "msg"), [
    (UNBALANCED, ddl.MSG_UNBALANCED),
    (ONE_LINE, ddl.MSG_TOO_FEW_LINES),
    (NO_LINES, ddl.MSG_TOO_FEW_LINES),
    (ON_A_HEADING, ddl.MSG_BAD_ACCOUNT),
    (IN_CLOSED_MONTH, ddl.MSG_CLOSED_PERIOD),
    (LINE_DAY, ddl.MSG_LINE_DATE),
    (UNPOSTED_LINE, ddl.MSG_UNPOSTED_LINE),
    (FOREIGN_OWNER, ddl.MSG_FOREIGN_OWNER),
], ids=["unbalanced", "one-line", "no-lines", "heading", "closed-month", "line-date",
        "unposted-line", "foreign-owner"])
@pytest.mark.parametrize("where", [0, 3, 6])
def test_one_bad_entry_of_many_refuses_the_batch_whole(book: Book, bad: Entry, msg: str,
                                                      where: int) -> None:
    close_february(book)
    batch = [SOUND] * 7
    batch[where] = bad
    before = snapshot(book)
    refused_by_trigger(book, lambda c: write_at_once(c, batch), msg)
    assert snapshot(book) == before
    with book.engine.begin() as conn:  # the same batch without it goes through
        write_at_once(conn, batch[:where] + batch[where + 1:])


def test_of_several_bad_entries_the_first_written_is_the_reason(book: Book) -> None:
    close_february(book)
    refused_by_trigger(book, lambda c: write_at_once(
        c, [SOUND, LINE_DAY, SOUND, UNBALANCED, ON_A_HEADING]), ddl.MSG_LINE_DATE)
    refused_by_trigger(book, lambda c: write_at_once(
        c, [SOUND, FOREIGN_OWNER, IN_CLOSED_MONTH]), ddl.MSG_FOREIGN_OWNER)


def test_an_entry_breaking_several_rules_is_refused_for_the_first(book: Book) -> None:
    """The order of the checks: balance before the accounts, the month, the lines' date."""
    close_february(book)
    everything = Entry(lines=((HEADER, 50_000, 0), (SAVINGS, 0, 1)),
                       day=dt.date(2026, 2, 27), line_day=DAY, operation="manual")
    refused_by_trigger(book, lambda c: write_at_once(c, [SOUND, everything]),
                       ddl.MSG_UNBALANCED)
    refused_by_trigger(book, lambda c: write_at_once(c, [Entry(
        lines=((HEADER, 50_000, 0), (SAVINGS, 0, 50_000)), day=dt.date(2026, 2, 27),
        line_day=DAY)]), ddl.MSG_BAD_ACCOUNT)


def test_a_reversal_in_a_batch_must_mirror(book: Book) -> None:
    with book.engine.begin() as conn:
        original = insert_draft(conn, BALANCED)
        post_raw(conn, original)
    wrong = Entry(lines=((CASH, 0, 40_000), (SAVINGS, 40_000, 0)), operation="reversal",
                  reverses=original)
    refused(book, lambda c: write_at_once(c, [SOUND, wrong, SOUND]), ddl.MSG_NOT_A_MIRROR)
    with book.engine.begin() as conn:
        write_at_once(conn, [SOUND, Entry(lines=((CASH, 0, 50_000), (SAVINGS, 50_000, 0)),
                                          operation="reversal", reverses=original)])


def test_lines_for_entries_that_exist_are_refused_among_many(book: Book) -> None:
    with book.engine.begin() as conn:
        posted = insert_draft(conn, BALANCED)
        post_raw(conn, posted)
        draft = insert_draft(conn, BALANCED)
        waiting = reserve_id(conn)  # ids for entries not written: lines may wait for them
    cash = account_id_of(book, CASH)

    def lines(conn: Connection, *targets: tuple[int, bool]) -> None:
        conn.execute(insert(JournalLine.__table__).values([
            {"entry_id": eid, "line_no": 10 + i, "account_id": cash, "party_id": None,
             "debit": 1, "credit": 0, "memo": None, "entry_date": DAY, "posted": posted_flag}
            for i, (eid, posted_flag) in enumerate(targets)]))

    before = snapshot(book)
    refused_by_trigger(book, lambda c: lines(c, (draft, False), (posted, False), (draft, False)),
                       ddl.MSG_LINE_DRAFT_ONLY)
    refused_by_trigger(book, lambda c: lines(c, (waiting, True), (draft, True), (waiting, True)),
                       ddl.MSG_POSTED_LINE)
    refused_by_trigger(book, lambda c: lines(c, (waiting, True), (posted, True)),
                       ddl.MSG_POSTED_LINE)
    assert snapshot(book) == before
    with book.engine.begin() as conn:  # a draft takes unposted lines, many at once
        lines(conn, (draft, False), (draft, False))


def account_id_of(book: Book, code: str) -> int:
    with book.engine.connect() as conn:
        return account_id(conn, code)


def test_drafts_and_posted_entries_in_one_statement(book: Book) -> None:
    """A statement may insert drafts beside posted entries: only the posted are checked
    whole (a draft has no lines yet), and a bad posted one still refuses it all."""
    def mixed(conn: Connection, posted: Entry) -> None:
        eid, draft = reserve_ids(conn, 2)
        for no, (code, debit, credit) in enumerate(posted.lines, start=1):
            insert_line(conn, eid, no, code, debit, credit, posted=True)
        base = {"memo": "x", "operation": "deposit:sukarela", "reverses_entry_id": None,
                "reversal_reason": None, "created_at": dt.datetime(2026, 3, 10),
                "created_by": "sql", "posted_at": None, "posted_by": None, "date": DAY}
        n = next(_numbers)
        conn.execute(insert(JournalEntry.__table__).values([
            {**base, "id": draft, "uuid": f"draft-{n}", "status": "draft", "fiscal_year": None,
             "number": None, "posted_seq": None, "prev_hash": None, "hash": None},
            {**base, "id": eid, "uuid": f"posted-{n}", "status": "posted", "fiscal_year": 2026,
             "number": n, "posted_seq": n, "prev_hash": "0" * 64, "hash": f"{n:064x}"}]))

    refused_by_trigger(book, lambda c: mixed(c, UNBALANCED), ddl.MSG_UNBALANCED)
    with book.engine.begin() as conn:
        mixed(conn, SOUND)


def test_a_draft_over_posted_lines_is_refused_among_many(book: Book) -> None:
    def drafts_over(conn: Connection) -> None:
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)
        others = reserve_ids(conn, 2)
        conn.execute(insert(JournalEntry.__table__).values([
            {"id": i, "uuid": f"over-{i}", "status": "draft", "date": DAY, "memo": "x",
             "operation": "manual", "created_at": dt.datetime(2026, 3, 10), "created_by": "sql"}
            for i in (others[0], eid, others[1])]))

    before = snapshot(book)
    refused_by_trigger(book, drafts_over, ddl.MSG_DRAFT_OVER_POSTED)
    assert snapshot(book) == before


# --- the program's own batches ---------------------------------------------------------------


def drafts(n: int, bad: int | None = None) -> list[EntryDraft]:
    out = []
    for i in range(n):
        amount = Money(10_000 + i)
        credit = Money(amount.sen - 1) if i == bad else amount
        out.append(EntryDraft(DAY, f"setor {i}", (LineDraft(CASH, debit=amount),
                                                  LineDraft(BANK, credit=credit)),
                              operation="manual"))
    return out


JOURNAL_WRITES = r"\s*(INSERT INTO|COPY) (journal_line|journal_entry)\b"


def writes(book: Book, work, pattern: str = JOURNAL_WRITES) -> list[str]:  # type: ignore[no-untyped-def]
    """The statements ``work`` sends through SQLAlchemy that match ``pattern`` (by default,
    those that write journal rows)."""
    seen: list[str] = []

    def listen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if re.match(pattern, statement):
            seen.append(statement)

    event.listen(book.engine, "before_cursor_execute", listen)
    try:
        work()
    finally:
        event.remove(book.engine, "before_cursor_execute", listen)
    return seen


@pytest.mark.parametrize("n", [1, 24, 25, 60])
def test_the_program_writes_a_batch_in_one_statement_per_table(book: Book, n: int) -> None:
    """Lines, then entries, each table in one statement whatever the batch's size (on
    PostgreSQL a COPY from 50 rows, a multi-row INSERT below)."""
    def post() -> None:
        with book.transaction() as s:
            posting.post_many(s, drafts(n), user="uji")

    seen = writes(book, post)
    assert len(seen) == 2, seen
    assert "journal_line" in seen[0] and "journal_entry" in seen[1]
    if book.dialect == "postgresql":
        assert [s.split()[0] for s in seen] == [
            "COPY" if rows >= 50 else "INSERT" for rows in (2 * n, n)], seen
    with book.read_session() as s:
        assert run(s.connection(), "SELECT COUNT(*) FROM journal_line").scalar_one() == 2 * n


@pytest.mark.parametrize(("n", "bad"), [(30, 17), (60, 41), (2, 0)])
def test_the_database_refuses_a_program_batch_with_one_bad_entry_whole(book: Book, n: int,
                                                                       bad: int) -> None:
    """The program's own checks skipped (``checked``: an import checked them already):
    the database still refuses the whole batch for the one unbalanced entry."""
    batch = drafts(n, bad=bad)
    before = snapshot(book)
    with pytest.raises(IntegrityError) as info, book.transaction() as s:
        ctx = posting.context_for(s, batch)
        posting.post_many(s, batch, user="uji", ctx=ctx, checked=True)
    assert f"{ddl.PREFIX} {ddl.MSG_UNBALANCED}" in str(info.value.orig)
    assert snapshot(book) == before
    with book.transaction() as s:  # the others alone are posted
        refs = posting.post_many(s, batch[:bad] + batch[bad + 1:], user="uji")
    assert [r.number for r in refs] == list(range(1, n))


@pytest.mark.parametrize("entries", [1, 30])
def test_posted_lines_written_as_the_program_writes_them_need_their_entry(book: Book,
                                                                           entries: int) -> None:
    """Lines written through the program's bulk writer (on PostgreSQL a multi-row INSERT,
    or a COPY from 50 rows), posted, whose entries never come: the deferred foreign key
    fails the commit."""
    cash, savings = account_id_of(book, CASH), account_id_of(book, SAVINGS)
    before = snapshot(book)

    def lines_only(conn: Connection) -> None:
        with Session(bind=conn) as s:
            insert_rows(s, JournalLine.__table__, [
                {"entry_id": eid, "line_no": no, "account_id": acc, "party_id": None,
                 "debit": d, "credit": c, "memo": None, "entry_date": DAY, "posted": True}
                for eid in reserve_ids(conn, entries)
                for no, acc, d, c in ((1, cash, 50_000, 0), (2, savings, 0, 50_000))])

    refused(book, lines_only, ("FOREIGN KEY", "foreign key"))
    assert snapshot(book) == before
