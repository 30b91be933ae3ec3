"""A book on a PostgreSQL server: refusals mirror those of a file."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from kasir.book import create_book, open_book
from kasir.errors import BookExists, BookTooNew, NotABook


@pytest.fixture
def server_url(backend: str, book_location) -> str:
    if backend != "postgresql":
        pytest.skip("PostgreSQL-only behaviour")
    return str(book_location)


def _exec(url: str, sql: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


def test_foreign_database_is_refused(server_url):
    _exec(server_url, "CREATE TABLE transactions (guid text)")
    with pytest.raises(NotABook):
        open_book(server_url)
    with pytest.raises(BookExists):
        create_book(server_url, name="x")


def test_newer_schema_is_refused_and_left_alone(server_url):
    create_book(server_url, name="Uji").close()
    _exec(server_url, "UPDATE alembic_version SET version_num = 'ffffffffffff'")
    with pytest.raises(BookTooNew, match="newer version"):
        open_book(server_url)
    engine = create_engine(server_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            "ffffffffffff"
    engine.dispose()


def test_the_quick_answer_on_a_server_is_the_full_paths_or_none(server_url):
    """``kasir report trial-balance`` on a server's book is read with psycopg alone when
    the book is ordinary, and left to the full path (which says why) when it is not."""
    from kasir.book import quick_read
    from kasir.book.demo import build_demo
    from kasir.book.revisions import head_revision
    from kasir.users import service as users
    from reports import ledger_reports

    assert quick_read.trial_balance(server_url) is None  # no book there yet
    _exec(server_url, "CREATE TABLE transactions (guid text)")
    assert quick_read.trial_balance(server_url) is None  # another program's database
    _exec(server_url, "DROP TABLE transactions")
    with create_book(server_url, name="Uji") as book:
        build_demo(book)
        full = ledger_reports.trial_balance(book)
    assert full.rows and quick_read.trial_balance(server_url) == full
    _exec(server_url, "UPDATE alembic_version SET version_num = 'ffffffffffff'")
    assert quick_read.trial_balance(server_url) is None  # a newer Kasir's: refused in full
    _exec(server_url, f"UPDATE alembic_version SET version_num = '{head_revision()}'")
    assert quick_read.trial_balance(server_url) == full
    with open_book(server_url) as book:
        users.add_user(book, None, "admin", "admin", "sandi-admin-1")
    assert quick_read.trial_balance(server_url) is None  # its people sign in first
    assert quick_read.trial_balance(server_url.rsplit("/", 1)[0] + "/tidak_ada") is None


def test_a_server_sum_beyond_money_is_left_to_the_full_path(server_url):
    """PostgreSQL adds bigints into a numeric: lines written by hand past the triggers can
    sum beyond 64 bits. The quick answer gives way; the full path names the overflow."""
    from kasir.book import quick_read
    from kasir.errors import SumOverflow
    from reports import ledger_reports

    create_book(server_url, name="Uji").close()
    big = 9_000_000_000_000_000_000
    engine = create_engine(server_url)
    with engine.begin() as conn:
        conn.execute(text("SET session_replication_role = replica"))  # no triggers, no FKs
        cash, equity = (conn.execute(text("SELECT id FROM account WHERE code = :c"),
                                     {"c": c}).scalar() for c in ("1101", "4201"))
        for i in (1, 2):
            for no, (acc, d, c) in enumerate(((cash, big, 0), (equity, 0, big)), start=1):
                conn.execute(text(
                    "INSERT INTO journal_line (entry_id, line_no, account_id, debit, credit, "
                    "entry_date, posted) VALUES (:e, :n, :a, :d, :c, '2026-11-01', true)"),
                    {"e": 1000 + i, "n": no, "a": acc, "d": d, "c": c})
    engine.dispose()
    assert quick_read.trial_balance(server_url) is None
    with open_book(server_url) as book, pytest.raises(SumOverflow):
        ledger_reports.trial_balance(book)
