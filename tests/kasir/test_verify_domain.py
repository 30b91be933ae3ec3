"""``verify`` knows the cooperative's rules (issue 7, point 3), on both backends: each
domain break made behind the program's back is found and names its member, entry or
receipt. Measured: a book with negative member savings was called sound."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from factories import ACTOR, rp
from kasir.audit import SEALED_TRIGGERS
from kasir.book.verify import verify_book
from kasir.savings import service as savings
from ledger import ddl

D = dt.date(2026, 11, 20)


def behind_the_back(book, *statements: str) -> None:  # noqa: ANN001
    """Raw SQL with every protective trigger dropped, as a SQL tool could."""
    with book.engine.begin() as conn:
        for stmt in ddl.drop_statements(book.dialect, ddl.TRIGGERS + SEALED_TRIGGERS):
            conn.execute(text(stmt))
        for stmt in statements:
            conn.execute(text(stmt))


def domain(book) -> list[str]:  # noqa: ANN001
    return [f.english() for f in verify_book(book) if "protective trigger" not in f.english()
            and "changed after posting" not in f.english() and "seal" not in f.english()]


def test_a_clean_book_with_every_kind_of_operation_passes(members_book):
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(40_000), D)
    savings.exit_member(members_book, ACTOR, "A-002", D)
    assert [f.english() for f in verify_book(members_book)] == []


def test_negative_member_savings_are_found_with_the_member_and_day(members_book):
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    # her deposit's line turned into a payout of Rp150.000 behind the program's back
    behind_the_back(members_book,
                    "UPDATE journal_line SET credit = 0, debit = 15000000 WHERE credit = 10000000 "
                    "AND account_id = (SELECT id FROM account WHERE code = '2101')")
    found = domain(members_book)
    assert "The Simpanan Sukarela (Wadiah) of member A-001 is below zero on 2026-11-20 " \
           "(-150000)." in found, found


def test_a_savings_line_without_its_member_is_found(members_book):
    behind_the_back(members_book, "UPDATE journal_line SET party_id = NULL WHERE entry_id = 2 "
                                  "AND account_id = (SELECT id FROM account WHERE code = '2101')")
    found = domain(members_book)
    assert any(f.startswith("Entry 2026/000002 moves Simpanan Sukarela (Wadiah) (2101) without "
                            "naming the member") for f in found), found


def test_a_receipt_that_differs_from_its_entry_is_found(members_book):
    done = savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(250_000), D)
    behind_the_back(members_book, f"UPDATE kuitansi SET amount = 2500000 WHERE id = "
                                  f"{done.receipt_id}")
    found = domain(members_book)
    assert any(f.startswith(f"Receipt {done.receipt} (Rp25.000") or
               (f"Receipt {done.receipt}" in f and "does not match its entry" in f)
               for f in found), found


def test_an_owned_account_moved_by_a_foreign_operation_is_found(members_book):
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    behind_the_back(members_book, "UPDATE journal_entry SET operation = 'manual' "
                                  "WHERE operation = 'deposit:sukarela' AND number = 3")
    found = domain(members_book)
    assert any("Entry 2026/000003 (manual) moves account 2101, which only the savings "
               "operations may move." == f for f in found), found


def test_a_month_whose_status_differs_from_its_log_is_found(members_book):
    from kasir.journal import service as journal

    journal.close_period(members_book, ACTOR, 2026, 9)
    behind_the_back(members_book, "UPDATE fiscal_period SET status = 'open' WHERE month = 9")
    found = domain(members_book)
    assert any(f == "The month 09/2026 is open, but its log says it was last closed."
               for f in found), found


def around_the_keys(book, statement: str) -> None:  # noqa: ANN001
    """``statement`` with every protective trigger dropped and, on SQLite, from a
    connection that leaves foreign keys off (as a SQL tool may): on PostgreSQL triggers
    alone keep a line's references (migrations 0013, 0014)."""
    if book.dialect == "sqlite":
        import sqlite3

        behind_the_back(book)
        raw = sqlite3.connect(book.url.removeprefix("sqlite:///"))
        with raw:
            raw.execute(statement)
        raw.close()
    else:
        behind_the_back(book, statement)


def test_a_line_naming_a_member_not_in_the_book_is_found(members_book):
    """On PostgreSQL triggers, not foreign keys, keep a line's account and member in the
    book (migration 0013); with them dropped, ``verify`` still finds the line."""
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    assert domain(members_book) == []
    orphan = ("UPDATE journal_line SET party_id = 987654 WHERE id = "
              "(SELECT MAX(id) FROM journal_line WHERE party_id IS NOT NULL)")
    around_the_keys(members_book, orphan)
    found = domain(members_book)
    assert any("names an account or a member that is not in the book" in f for f in found), found


def test_a_line_whose_entry_is_not_in_the_book_is_found(members_book):
    """On PostgreSQL a count kept by triggers, not a foreign key, keeps a line with its
    entry (migration 0014); with the triggers dropped, ``verify`` still finds the line."""
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(100_000), D)
    orphan = ("UPDATE journal_line SET entry_id = 987654 WHERE id = "
              "(SELECT MAX(id) FROM journal_line)")
    around_the_keys(members_book, orphan)
    found = domain(members_book)
    assert any("names entry #987654, which is not in the book" in f for f in found), found
