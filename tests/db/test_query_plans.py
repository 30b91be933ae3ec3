"""The ledger's hot queries read the covering indexes of posted lines.

``ix_journal_line_tb`` and ``ix_journal_line_party`` are partial indexes of posted
lines (migration 0004): a query can use them only if its WHERE clause implies
``posted``. These tests capture the SQL the query functions really send and ask
each backend for its plan. PostgreSQL prefers a sequential scan of a tiny table,
so there sequential scans are switched off for the question: the point is that
the index *can* answer the query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import event, text

from kasir.book import Book
from ledger import posting, queries
from tests.factories import simple_entry


@pytest.fixture
def posted_book(book: Book) -> Book:
    with book.transaction() as s:
        s.execute(text("INSERT INTO party (code, name, kind) VALUES ('A0001', 'Siti', 'member')"))
    with book.transaction() as s:
        posting.post_many(s, [
            simple_entry(dt.date(2026, 1, 1 + i % 28), "1101", "2101", 10_000 + i,
                         party="A0001" if i % 2 else None) for i in range(40)])
    return book


def plan_of(book: Book, work: Callable[[object], object]) -> str:
    sent: list[tuple[str, object]] = []

    def listen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        sent.append((statement, parameters))

    with book.read_session() as s:
        event.listen(book.engine, "before_cursor_execute", listen)
        try:
            work(s)
        finally:
            event.remove(book.engine, "before_cursor_execute", listen)
        statement, params = sent[-1]
        conn = s.connection()
        if book.dialect == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            return "\n".join(r[-1] for r in rows)
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        rows = conn.exec_driver_sql(f"EXPLAIN {statement}", params).all()
        return "\n".join(r[0] for r in rows)


def test_trial_balance_reads_the_covering_index(posted_book: Book) -> None:
    plan = plan_of(posted_book, lambda s: queries.account_totals(s))
    if posted_book.dialect == "sqlite":
        assert "COVERING INDEX ix_journal_line_tb" in plan, plan
    else:
        assert "ix_journal_line_tb" in plan, plan


def test_trial_balance_as_of_a_day_reads_the_covering_index(posted_book: Book) -> None:
    plan = plan_of(posted_book, lambda s: queries.account_totals(s, dt.date(2026, 1, 15)))
    if posted_book.dialect == "sqlite":
        assert "COVERING INDEX ix_journal_line_tb" in plan, plan
    else:
        assert "ix_journal_line_tb" in plan, plan


def test_member_balance_reads_the_member_index(posted_book: Book) -> None:
    plan = plan_of(posted_book, lambda s: queries.balance(s, "2101", party_code="A0001"))
    if posted_book.dialect == "sqlite":
        assert "COVERING INDEX ix_journal_line_party" in plan, plan
    else:  # the planner may start from either index on a tiny table, never from the table
        assert "ix_journal_line_" in plan and "Seq Scan on journal_line" not in plan, plan


def test_member_sub_ledger_reads_the_member_index(posted_book: Book) -> None:
    plan = plan_of(posted_book, lambda s: queries.party_balances(s, "2101"))
    if posted_book.dialect == "sqlite":
        assert "INDEX ix_journal_line_" in plan and "SCAN journal_line" not in plan, plan
    else:
        assert "ix_journal_line_" in plan and "Seq Scan on journal_line" not in plan, plan


def test_line_indexes_hold_posted_lines_only(book: Book) -> None:
    if book.dialect == "sqlite":
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_journal_line_%'"
    else:
        sql = "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'ix_journal_line_%'"
    with book.engine.connect() as conn:
        definitions = dict(conn.execute(text(sql)).all())
    assert set(definitions) == {"ix_journal_line_tb", "ix_journal_line_party"}
    for name, definition in definitions.items():
        assert "WHERE" in definition.upper() and "posted" in definition, (name, definition)
