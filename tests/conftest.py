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
    monkeypatch.delenv("KASIR_BOOK", raising=False)
    monkeypatch.delenv("KASIR_LANG", raising=False)
    i18n.set_language("id")
    yield
    i18n.set_language("id")


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
