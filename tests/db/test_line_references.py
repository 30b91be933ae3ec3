"""What a line names (its account, its party) must exist, and stays while a line names it.

SQLite holds it by foreign keys and, since migration 0013, by triggers too; PostgreSQL by
triggers alone, checking the rows of a statement at once (``ledger.ddl_references``). Every
test runs on both backends and expects the same refusal: the database's own words for a
foreign key (``FOREIGN KEY constraint failed`` / ``violates foreign key constraint``), with
nothing changed.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kasir.book import Book
from kasir.errors import BookInUse
from ledger.bulk_rows import insert_rows
from ledger.schema import JournalLine
from tests.db.test_batches import reserve_ids
from tests.db.test_triggers import (
    BALANCED,
    CASH,
    DAY,
    SAVINGS,
    account_id,
    born_posted,
    insert_draft,
    insert_line,
    insert_posted_entry,
    post_raw,
    refused,
    reserve_id,
    run,
    snapshot,
)

FOREIGN_KEY = ("FOREIGN KEY constraint failed", "violates foreign key constraint")
MISSING = 987_654  # an id no account or party has


def a_party(conn: Connection) -> int:
    return run(conn, "INSERT INTO party (code, name, kind) VALUES ('A-1', 'Siti', 'member') RETURNING id"
               ).scalar_one()


@pytest.mark.parametrize("lines", [1, 30], ids=["insert", "copy"])
@pytest.mark.parametrize("column", ["account_id", "party_id"])
def test_posted_lines_naming_a_missing_row_are_refused_whole(book: Book, column: str,
                                                             lines: int) -> None:
    """Written as the program writes a batch (on PostgreSQL a multi-row INSERT under 50 rows,
    a COPY from 50): one line of the batch naming a missing account or party refuses all."""
    with book.engine.begin() as conn:
        party = a_party(conn)
        cash, savings = account_id(conn, CASH), account_id(conn, SAVINGS)
    before = snapshot(book)

    def write(conn: Connection) -> None:
        rows = [{"entry_id": eid, "line_no": no, "account_id": acc, "party_id": party,
                 "debit": d, "credit": c, "memo": None, "entry_date": DAY, "posted": True}
                for eid in reserve_ids(conn, lines)
                for no, acc, d, c in ((1, cash, 50_000, 0), (2, savings, 0, 50_000))]
        rows[-1][column] = MISSING  # the very last line of the batch
        with Session(bind=conn) as s:
            insert_rows(s, JournalLine.__table__, rows)

    message = refused(book, write, FOREIGN_KEY)
    if book.dialect == "postgresql":  # PostgreSQL's own words, naming the key and the value
        key = "fk_journal_line_account_id_account" if column == "account_id" \
            else "fk_journal_line_party_id_party"
        assert key in message and f"Key ({column})=({MISSING}) is not present" in message
    assert snapshot(book) == before


@pytest.mark.parametrize("column", ["account_id", "party_id"])
def test_a_draft_line_naming_a_missing_row_is_refused(book: Book, column: str) -> None:
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED)
    before = snapshot(book)

    def add(conn: Connection) -> None:
        run(conn, "INSERT INTO journal_line (entry_id, line_no, account_id, party_id, debit, "
                  "credit, entry_date, posted) VALUES (:e, 3, :a, NULL, 100, 0, :entry_date, "
                  ":posted)", e=eid, a=account_id(conn, CASH), entry_date=DAY, posted=False)
        run(conn, f"UPDATE journal_line SET {column} = :m WHERE entry_id = :e AND line_no = 3",
            m=MISSING, e=eid)

    refused(book, lambda c: run(
        c, "INSERT INTO journal_line (entry_id, line_no, account_id, party_id, debit, credit, "
           "entry_date, posted) VALUES (:e, 3, :a, :p, 100, 0, :entry_date, :posted)",
        e=eid, a=MISSING if column == "account_id" else account_id(c, CASH),
        p=MISSING if column == "party_id" else None, entry_date=DAY, posted=False),
        FOREIGN_KEY)
    refused(book, add, FOREIGN_KEY)  # changed afterwards to name a missing row
    assert snapshot(book) == before


def test_a_draft_line_may_be_moved_to_another_account_and_party(book: Book) -> None:
    """The guard on a changed line lets through what names rows that exist."""
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED)
        party = a_party(conn)
        run(conn, "UPDATE journal_line SET account_id = :a, party_id = :p "
                  "WHERE entry_id = :e AND line_no = 1",
            a=account_id(conn, "1111"), p=party, e=eid)
        post_raw(conn, eid)
    with book.engine.connect() as conn:
        assert run(conn, "SELECT account_id, party_id FROM journal_line WHERE entry_id = :e "
                         "AND line_no = 1", e=eid).one() == (account_id(conn, "1111"), party)


@pytest.mark.parametrize("table", ["account", "party"])
@pytest.mark.parametrize("change", ["delete", "new id"])
def test_a_row_a_line_names_stays(book: Book, table: str, change: str) -> None:
    """Neither deleted nor given another id while a line names it; one no line names can."""
    with book.engine.begin() as conn:
        party = a_party(conn)
        eid = insert_draft(conn, BALANCED)
        run(conn, "UPDATE journal_line SET party_id = :p WHERE entry_id = :e", p=party, e=eid)
        post_raw(conn, eid)
        named = account_id(conn, CASH) if table == "account" else party
        spare = run(conn, "INSERT INTO party (code, name, kind) VALUES ('A-2', 'Ani', 'member') RETURNING id"
                    ).scalar_one()
    sql = (f"DELETE FROM {table} WHERE id = :i" if change == "delete"
           else f"UPDATE {table} SET id = :i + 100000 WHERE id = :i")
    before = snapshot(book)
    refused(book, lambda c: run(c, sql, i=named), FOREIGN_KEY)
    assert snapshot(book) == before
    with book.engine.begin() as conn:  # a party no line names goes
        run(conn, sql.replace(table, "party"), i=spare)


def test_postgresql_carries_the_keys_by_triggers(book: Book) -> None:
    """On PostgreSQL a line's account, party and entry are not foreign keys any more (a
    query for every line; migrations 0013, 0014). SQLite keeps all three."""
    with book.engine.connect() as conn:
        keys = {tuple(k["constrained_columns"]) for k in inspect(conn).get_foreign_keys(
            "journal_line")}
    if book.dialect == "postgresql":
        assert keys == set()
    else:
        assert keys == {("entry_id",), ("account_id",), ("party_id",)}


def test_lines_being_written_keep_their_account_from_being_deleted(book: Book) -> None:
    """As a foreign key does, the check locks what the lines name until their transaction
    ends: another connection's delete waits (here: gives up after 200 ms) rather than
    slip between the check and the commit."""
    if book.dialect != "postgresql":
        pytest.skip("PostgreSQL's row locks")
    writer = book.engine.connect()
    try:
        writer.begin()
        insert_draft(writer, BALANCED)  # not committed
        with pytest.raises((OperationalError, BookInUse)):  # the engine words a lock timeout
            with book.engine.begin() as other:
                other.execute(text("SET LOCAL lock_timeout = '200ms'"))
                other.execute(text("DELETE FROM account WHERE code = :c"), {"c": SAVINGS})
    finally:
        writer.rollback()
        writer.close()


def test_the_program_posts_for_members_as_before(members_book: Book) -> None:
    """The program's own posting, its lines naming a member, passes the checks; the member
    a line names cannot be deleted."""
    from factories import ACTOR, rp
    from kasir.savings import service as savings

    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(5_000), DAY)
    with members_book.engine.connect() as conn:
        party = run(conn, "SELECT party_id FROM journal_line WHERE party_id IS NOT NULL "
                          "ORDER BY id DESC LIMIT 1").scalar_one()
    refused(members_book, lambda c: run(c, "DELETE FROM party WHERE id = :p", p=party),
            FOREIGN_KEY)


# --- a line's entry (on PostgreSQL a count of the lines waiting for it, 0014) --------


def waiting_rows(book: Book) -> int:
    with book.engine.connect() as conn:
        return run(conn, "SELECT COUNT(*) FROM journal_waiting").scalar_one()


@pytest.mark.parametrize("change", ["delete", "new id"])
def test_an_entry_lines_name_stays(book: Book, change: str) -> None:
    """A draft's entry row goes neither away nor to another id while its lines name it."""
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED)
    sql = ("DELETE FROM journal_entry WHERE id = :i" if change == "delete"
           else "UPDATE journal_entry SET id = :i + 100000 WHERE id = :i")
    before = snapshot(book)
    refused(book, lambda c: run(c, sql, i=eid), FOREIGN_KEY)
    assert snapshot(book) == before
    with book.engine.begin() as conn:  # its lines gone first, the draft may go
        run(conn, "DELETE FROM journal_line WHERE entry_id = :i", i=eid)
        run(conn, "DELETE FROM journal_entry WHERE id = :i", i=eid)


def test_a_draft_line_cannot_move_to_a_missing_entry(book: Book) -> None:
    with book.engine.begin() as conn:
        eid = insert_draft(conn, BALANCED)
    before = snapshot(book)
    refused(book, lambda c: run(c, "UPDATE journal_line SET entry_id = :m WHERE entry_id = :e "
                                   "AND line_no = 1", m=MISSING, e=eid), FOREIGN_KEY)
    assert snapshot(book) == before


def test_lines_wait_for_their_entry_within_the_transaction_only(book: Book) -> None:
    """Posted lines, then their entry in a later statement: committed, and no count is
    left behind; lines whose entry came in a savepoint rolled back fail the commit, in
    the words of a foreign key; lines themselves rolled back leave nothing to wait for."""
    with book.engine.begin() as conn:
        born_posted(conn, BALANCED)
        born_posted(conn, BALANCED)
    assert waiting_rows(book) == 0
    before = snapshot(book)

    def entry_undone(conn: Connection) -> None:
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)
        inner = conn.begin_nested()
        insert_posted_entry(conn, eid)
        inner.rollback()

    refused(book, entry_undone, FOREIGN_KEY)
    assert snapshot(book) == before
    with book.engine.begin() as conn:
        inner = conn.begin_nested()
        eid = reserve_id(conn)
        insert_line(conn, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(conn, eid, 2, SAVINGS, 0, 50_000, posted=True)
        inner.rollback()
        born_posted(conn, BALANCED)
    assert waiting_rows(book) == 0


def test_two_writers_wait_for_their_own_entries(book: Book) -> None:
    """One transaction's lines wait while another writes and commits its entry whole:
    each count is its transaction's own, and both commit. At READ COMMITTED, as the
    program writes (``kasir.uow``); SQLite lets one writer at a time."""
    if book.dialect != "postgresql":
        pytest.skip("one writer at a time on SQLite")
    committed = book.engine.execution_options(isolation_level="READ COMMITTED")
    first = committed.connect()
    try:
        first.begin()
        eid = reserve_id(first)
        insert_line(first, eid, 1, CASH, 50_000, 0, posted=True)
        insert_line(first, eid, 2, SAVINGS, 0, 50_000, posted=True)
        with committed.begin() as second:
            born_posted(second, BALANCED)
        insert_posted_entry(first, eid)
        first.commit()
    finally:
        first.close()
    assert waiting_rows(book) == 0
    with book.engine.connect() as conn:
        assert run(conn, "SELECT COUNT(*) FROM journal_entry").scalar_one() == 2
