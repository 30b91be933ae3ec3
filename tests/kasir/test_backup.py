"""Automatic backups: where they go, what retention may delete, when they are due."""

from __future__ import annotations

import sqlite3

import pytest

from kasir.book import backup, create_book

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def book_file(tmp_path):
    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    return path


def test_backup_is_a_sound_single_file(book_file, tmp_path):
    out = backup.backup_sqlite(book_file, tmp_path / "salinan" / "b.kasir")
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT COUNT(*) FROM account").fetchone()[0] > 80
    con.close()
    assert not list(out.parent.glob("*.partial"))


def test_retention_deletes_only_its_own_files(book_file, tmp_path):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    precious = folder / "buku-20260101-000000-harian.kasir"  # looks like ours, is not
    precious.write_text("milik bendahara")
    made = [backup.automatic_backup(book_file, f"uji{i}", folder) for i in range(5)]
    removed = backup.prune(folder, keep=2)
    assert removed == made[:3]
    assert precious.exists()
    assert [p.exists() for p in made] == [False, False, False, True, True]


def test_daily_backup_once_a_day(book_file, tmp_path):
    folder = tmp_path / "cadangan"
    first = backup.backup_if_due(book_file, folder)
    assert first is not None and "harian" in first.name
    assert backup.backup_if_due(book_file, folder) is None
    assert backup.latest_backup(folder) == first
