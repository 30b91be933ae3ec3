"""Automatic backups the window relies on: the rotation per book, the daily one due or not,
the closing one only when the book changed, the chosen folder and its fallback."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from kasir.book import backup, create_book, service

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    path = tmp_path / "buku.kasir"
    create_book(path, name="Uji").close()
    return path


def change(book: Path, mark: int = 7) -> None:
    """A change to the file that touches no record (its header's user version)."""
    con = sqlite3.connect(book)
    con.execute(f"PRAGMA user_version = {mark}")
    con.close()


def test_rotation_keeps_the_last_n_of_each_book_and_only_files_kasir_made(book_file, tmp_path):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    lookalike = folder / "buku-20260101-000000-harian.kasir"  # named like ours, is not
    lookalike.write_text("milik bendahara")
    own = folder / "catatan.txt"
    own.write_text("catatan")
    other = tmp_path / "lain.kasir"
    create_book(other, name="Lain").close()
    theirs = backup.automatic_backup(other, "harian", folder, keep=3)
    made = [backup.automatic_backup(book_file, f"uji{i}", folder, keep=3) for i in range(5)]
    assert [p.exists() for p in made] == [False, False, True, True, True]
    assert theirs.exists()  # another book's copies are counted apart
    assert lookalike.exists() and own.exists()
    listed = json.loads((folder / backup.MANIFEST).read_text())
    assert listed["files"] == [theirs.name, *[p.name for p in made[2:]]]
    assert listed["details"][made[-1].name]["book"] == str(book_file.resolve())
    assert len(listed["details"][made[-1].name]["sha256"]) == 64


def test_the_daily_backup_is_due_after_twenty_hours_and_not_before(book_file, tmp_path):
    folder = tmp_path / "cadangan"
    first = backup.backup_if_due(book_file, folder)
    assert first is not None and first.name.endswith("-harian.kasir")
    made = backup.backups(folder, book_file)[-1].made
    assert backup.backup_if_due(book_file, folder, now=made + dt.timedelta(hours=19)) is None
    second = backup.backup_if_due(book_file, folder, now=made + dt.timedelta(hours=21))
    assert second is not None and second != first
    assert [m.path for m in backup.backups(folder, book_file)] == [first, second]


def test_the_closing_backup_is_taken_only_when_the_book_changed(book_file, tmp_path):
    folder = tmp_path / "cadangan"
    first = backup.backup_on_close(book_file, folder)
    assert first is not None and first.name.endswith("-penutupan.kasir")
    assert backup.backup_on_close(book_file, folder) is None  # the same content
    assert [p.name for p in folder.iterdir() if p.suffix == ".kasir"] == [first.name]
    change(book_file)
    second = backup.backup_on_close(book_file, folder)
    assert second is not None and second.exists()


def test_the_chosen_folder_is_used_and_the_default_when_it_is_missing(tmp_path, monkeypatch):
    default = tmp_path / "bawaan"
    monkeypatch.setenv("KASIR_BACKUP_DIR", str(default))
    stick = tmp_path / "usb"
    stick.mkdir()
    assert backup.Place(stick).folder() == stick and not backup.Place(stick).missing
    assert backup.Place().folder() == default
    gone = backup.Place(tmp_path / "usb-dicabut")
    assert gone.missing and gone.folder() == default


def test_a_restore_keeps_the_replaced_book_in_the_chosen_folder(book_file, tmp_path):
    copy = service.back_up(book_file, tmp_path / "salinan.kasir")
    change(book_file)
    stick = tmp_path / "usb"
    stick.mkdir()
    with backup.placed(backup.Place(stick, keep=5)):
        result = service.restore(copy, book_file)
    assert result.done and result.saved is not None and result.saved.parent == stick
    assert backup.current_place() == backup.Place()  # only for the restore
    con = sqlite3.connect(result.saved)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 7
    con.close()
