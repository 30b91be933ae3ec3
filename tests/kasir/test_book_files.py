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


def test_the_whole_file_check_runs_once_a_day(tmp_path, monkeypatch):
    """SQLite's quick check of the whole file runs at a book's first open, then once a
    day (remembered outside the book); damage done in between is still found by
    ``verify``, by the next day's open, and by an open asked to check."""
    import time

    from kasir.book import checked
    from kasir.book.verify import verify_book

    path = make_book(tmp_path)
    open_book(path).close()  # the first open checks, and remembers it passed
    assert checked.checked_recently(path)
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master "
                       "WHERE name = 'ix_journal_line_tb'").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    at = (root - 1) * size  # an index no cheap check reads: its page header garbled
    data[at:at + 64] = b"garbage!" * 8
    path.write_bytes(bytes(data))
    with open_book(path) as book:  # the same day: only the cheap checks
        findings = verify_book(book)
    assert [f.template for f in findings] == ["The database file is damaged: {detail}"]
    with pytest.raises(DamagedBook):
        open_book(path, full_check=True)
    assert not checked.checked_recently(path)  # a failed check is forgotten
    now = time.time()
    monkeypatch.setattr(checked.time, "time", lambda: now + checked.CHECK_EVERY + 1)
    assert_untouched(path, DamagedBook)


def test_a_book_cut_short_is_refused_even_between_checks(tmp_path):
    path = make_book(tmp_path)
    open_book(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_untouched(path, DamagedBook)


def test_a_file_put_in_the_book_s_place_is_checked_again(tmp_path):
    from kasir.book import checked

    path = make_book(tmp_path)
    open_book(path).close()
    other = tmp_path / "lain.kasir"
    other.write_bytes(path.read_bytes())
    other.replace(path)  # another file now: its identity differs
    assert not checked.checked_recently(path)
