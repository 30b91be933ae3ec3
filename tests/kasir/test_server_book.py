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
