"""Opening books: foreign, damaged and newer files are refused and left byte-for-byte
untouched; new books are never written over an existing file."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kasir.book import create_book, migrate, open_book
from kasir.book.backup import latest_backup
from kasir.book.opening import schema_revision
from kasir.errors import BookExists, BookMissing, BookTooNew, DamagedBook, NotABook

pytestmark = pytest.mark.usefixtures("sqlite_only")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def assert_untouched(path: Path, exc_type: type[Exception]) -> Exception:
    before, names = digest(path), siblings(path)
    with pytest.raises(exc_type) as err:
        open_book(path)
    assert digest(path) == before
    assert siblings(path) == names  # no -wal, -shm or backup left beside it
    return err.value


def make_book(tmp_path: Path) -> Path:
    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    return path


def test_new_book_is_complete_and_verified_schema(tmp_path):
    path = make_book(tmp_path)
    with open_book(path) as book:
        assert schema_revision(book) == migrate.head_revision()
    assert not list(tmp_path.glob(".*baru*"))  # no temporary file left behind


def test_never_overwrites(tmp_path):
    path = make_book(tmp_path)
    before = digest(path)
    with pytest.raises(BookExists):
        create_book(path, name="Lain")
    assert digest(path) == before


def test_missing_book(tmp_path):
    with pytest.raises(BookMissing):
        open_book(tmp_path / "tidak-ada.kasir")


@pytest.mark.parametrize("content", [
    b"",
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
    b"Ini bukan buku\n",
])
def test_foreign_files_refused_untouched(tmp_path, content):
    path = tmp_path / "asing.kasir"
    path.write_bytes(content)
    assert_untouched(path, NotABook)


def test_other_programs_sqlite_refused_untouched(tmp_path):
    path = tmp_path / "gnucash.gnucash"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE transactions (guid TEXT, post_date TEXT)")
    con.execute("INSERT INTO transactions VALUES ('x', '2026-01-01')")
    con.commit()
    con.close()
    err = assert_untouched(path, NotABook)
    assert "another program" in err.english()


def test_empty_sqlite_file_refused_untouched(tmp_path):
    path = tmp_path / "kosong.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 1").connection.close()
    assert_untouched(path, NotABook)


def test_newer_schema_refused_untouched(tmp_path):
    path = make_book(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    err = assert_untouched(path, BookTooNew)
    assert "newer version" in err.english() and "ffffffffffff" in err.english()


def test_truncated_book_is_reported_damaged(tmp_path):
    path = make_book(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_untouched(path, DamagedBook)


def test_garbage_inside_book_is_reported_damaged(tmp_path):
    path = make_book(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096:4096 + 400] = b"garbage!" * 50
    path.write_bytes(bytes(data))
    assert_untouched(path, DamagedBook)


def test_older_book_is_backed_up_then_upgraded(tmp_path):
    revisions = sorted(migrate.known_revisions())
    if len(revisions) < 2:
        pytest.skip("only one schema revision exists so far")
    from alembic import command

    path = tmp_path / "lama.kasir"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1263749458")
    con.close()
    url = f"sqlite:///{path}"
    cfg = migrate.alembic_config(url)
    command.upgrade(cfg, revisions[0])
    with open_book(path) as book:
        assert schema_revision(book) == migrate.head_revision()
    saved = latest_backup()
    assert saved is not None and "sebelum" in saved.name
    con = sqlite3.connect(saved)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revisions[0]
    con.close()
