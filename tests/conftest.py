"""Shared fixtures: a fresh book per test, on SQLite or on the PostgreSQL given.

``--db-url postgresql+psycopg://...`` (or ``KASIR_TEST_DB_URL``) runs the
database tests against a server; each test then gets an empty ``public``
schema. Every book is built by the Alembic migrations, never ``create_all``,
so the triggers under test are the ones a real book has.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from kasir import i18n
from kasir.book import Book, create_book


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db-url", default=os.environ.get("KASIR_TEST_DB_URL", "sqlite"),
                     help="sqlite (default) or a postgresql+psycopg:// URL")


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches the user's own book, backups or settings."""
    monkeypatch.setenv("KASIR_BACKUP_DIR", str(tmp_path / "cadangan"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # crash logs
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # the read catalog
    monkeypatch.delenv("KASIR_BOOK", raising=False)
    monkeypatch.delenv("KASIR_LANG", raising=False)
    for name in ("KASIR_USER", "KASIR_PASSWORD", "KASIR_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    import ui.user

    monkeypatch.setattr(ui.user, "_current", [])  # nobody stays signed in between tests
    i18n.set_language("id")
    yield
    i18n.set_language("id")


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its real cost takes a tenth of a second a hash; tests sign in often.
    The hashes stay real Argon2id (their parameters travel in the string)."""
    from argon2 import PasswordHasher

    from kasir.users import rules

    monkeypatch.setattr(rules, "HASHER", PasswordHasher(time_cost=1, memory_cost=64,
                                                        parallelism=1))
    monkeypatch.setattr(rules, "_DUMMY", [])


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    url = request.config.getoption("--db-url")
    return "sqlite" if url == "sqlite" else "postgresql"


@pytest.fixture
def book_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a fresh book goes: a new file, or an emptied PostgreSQL schema."""
    url = request.config.getoption("--db-url")
    if url == "sqlite":
        yield tmp_path / "buku.kasir"
        return
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture
def book(book_location: str | Path) -> Iterator[Book]:
    b = create_book(book_location, name="Koperasi Uji")
    yield b
    b.close()


@pytest.fixture
def demo_book(book: Book) -> Book:
    from kasir.book.demo import build_demo

    build_demo(book)
    return book


@pytest.fixture
def sqlite_only(backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite-only behaviour")


@pytest.fixture
def members_book(book: Book) -> Book:
    """Two groups and four members (one with savings), as the cashier meets them."""
    import datetime as dt

    from factories import ACTOR
    from kasir.members import rules as members
    from kasir.savings import rules as savings
    from ledger.money import Money

    def work(s: Session) -> None:
        members.add_group(s, members.GroupInput("K01", "Mawar", "Sukamaju", 0, "Bu Ratna"))
        members.add_group(s, members.GroupInput("K02", "Melati", "Cibeber", 2))
        for number, name, group in (("A-001", "Siti Aminah", "K01"),
                                    ("A-002", "Nur Hasanah", "K01"),
                                    ("A-010", "Siti Rohmah", "K02"),
                                    ("A-011", "Ani Suryani", "K02")):
            members.add_member(s, members.MemberInput(
                number, name, dt.date(2026, 10, 5), group, village="Sukamaju",
                wajib_amount=Money.rupiah(5_000)))
        # brought over from the paper books: no receipt of this year's series
        savings.deposit(s, ACTOR, "A-002", "pokok", Money.rupiah(50_000),
                        day=dt.date(2026, 10, 5), receipt=False)
        savings.deposit(s, ACTOR, "A-002", "sukarela", Money.rupiah(40_000),
                        day=dt.date(2026, 10, 12), receipt=False)
    book.run(work)
    return book
