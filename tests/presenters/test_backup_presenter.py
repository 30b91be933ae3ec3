"""Backups from the window without Qt: where they go, the daily and closing copies, the
status line, restoring only a verified backup, and the book's lock when the window opens it."""

from __future__ import annotations

import datetime as dt
import json
import socket
import sqlite3
from pathlib import Path

import pytest

from factories import ACTOR
from kasir import i18n
from kasir.book import backup, create_book, lock
from kasir.book.backup import Place
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from ledger import ddl
from ledger.money import Money
from ui.presenters import book_presenter as books
from ui.presenters.backup_presenter import BackupInfo, BackupPresenter, when
from ui.presenters.outcome import Outcome

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture(autouse=True)
def english() -> None:
    """Checked in English: the Indonesian catalog is another hand's."""
    i18n.set_language("en")


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def presenter(book, stick: Path) -> BackupPresenter:
    return BackupPresenter(book, Place(stick, keep=3))


def post(book, memo: str = "Transport") -> None:  # noqa: ANN001
    journal.post_entry(book, ACTOR, dt.date(2026, 11, 3), memo,
                       [LineInput("6202", debit=Money.rupiah(15_000)),
                        LineInput("1101", credit=Money.rupiah(15_000))])


def entries(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM journal_entry").fetchone()[0]
    finally:
        con.close()


def test_status_line_before_and_after_the_first_backup(presenter, stick):
    assert presenter.status_text() == f"No backup of this book yet (folder {stick})"
    done = presenter.back_up_now()
    assert done.ok and done.text.startswith(f"Backup made: {stick}")
    made = presenter.history()[0]
    assert made.reason == "manual"
    assert presenter.status_text() == f"Last backup: {when(made.made)} in {stick}"


def test_daily_copy_due_and_not_due_while_the_window_runs(presenter):
    first = presenter.daily()
    assert first is not None and first.ok
    made = presenter.history()[0].made
    assert presenter.daily(now=made + dt.timedelta(hours=5)) is None
    assert presenter.daily(now=made + dt.timedelta(hours=25)) is not None
    assert [m.reason for m in presenter.history()] == ["harian", "harian"]


def test_closing_copy_only_when_the_book_changed(presenter, book):
    assert presenter.on_close() is not None
    assert presenter.on_close() is None
    post(book)
    again = presenter.on_close()
    assert again is not None and again.ok
    assert [m.reason for m in presenter.history()] == ["penutupan", "penutupan"]


def test_rotation_keeps_the_setting(presenter):
    for _n in range(5):
        assert presenter.back_up_now().ok
    assert len(presenter.history()) == 3


def test_a_missing_stick_falls_back_to_the_default_folder_and_says_so(book, tmp_path):
    gone = tmp_path / "usb-dicabut"
    presenter = BackupPresenter(book, Place(gone))
    default = backup.default_backup_dir()
    assert presenter.folder == default
    note = presenter.folder_note()
    assert note == (f"The backup folder {gone} is not there (is the USB stick plugged in?); "
                    f"backups go to {default} until it is back.")
    done = presenter.back_up_now()
    assert done.ok and done.text.endswith(note) and presenter.history()[0].path.parent == default
    assert not gone.exists()


def test_backing_up_to_a_chosen_file_never_over_the_book_or_another_file(presenter, book,
                                                                         tmp_path):
    out = tmp_path / "salinan.kasir"
    assert presenter.back_up_to(out).ok and out.exists()
    again = presenter.back_up_to(out)
    assert again.kind == "error" and "already exists" in again.text
    assert presenter.back_up_to(book.path).kind == "error"


def test_describe_refuses_what_is_not_a_backup_and_dates_a_backup(presenter, book, tmp_path):
    letter = tmp_path / "surat.kasir"
    letter.write_text("bukan buku")
    refused = presenter.describe(letter)
    assert isinstance(refused, Outcome) and "is not a Kasir book" in refused.text
    itself = presenter.describe(book.path)
    assert isinstance(itself, Outcome) and "is the book itself" in itself.text
    presenter.back_up_now()
    made = presenter.history()[0]
    info = presenter.describe(made.path)
    assert info == BackupInfo(made.path.resolve(), made.made)
    text = presenter.confirm_text(info)
    assert str(book.path) in text and str(made.path) in text and when(made.made) in text


def test_restore_refuses_a_backup_that_fails_verify_and_keeps_the_book(presenter, book,
                                                                       tmp_path):
    post(book)
    copy = tmp_path / "salinan.kasir"
    presenter.back_up_to(copy)
    con = sqlite3.connect(copy)
    for t in ddl.TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t.name}")
    con.execute("UPDATE journal_line SET debit = debit + 1 WHERE debit > 0")
    con.commit()
    con.close()
    post(book, "Setelah cadangan")
    outcome = presenter.restore(copy)
    assert outcome.kind == "error"
    assert outcome.text.startswith(f"The backup {copy} did not pass verification; nothing "
                                   "was restored.\n")
    assert entries(book.path) == 2


def test_restore_keeps_the_replaced_book_in_the_chosen_folder(presenter, book, stick,
                                                             tmp_path):
    post(book)
    copy = tmp_path / "salinan.kasir"
    presenter.back_up_to(copy)
    post(book, "Setelah cadangan")
    outcome = presenter.restore(copy)
    assert outcome.ok and "the previous content was saved as" in outcome.text
    assert entries(book.path) == 1
    kept = presenter.history()[0]
    assert kept.reason == "sebelum-pemulihan" and kept.path.parent == stick
    assert entries(kept.path) == 2


# --- the lock, as the window takes it ---------------------------------------------------
def test_the_window_locks_the_book_it_opens_and_close_book_releases_it(tmp_path):
    path = tmp_path / "kas.kasir"
    create_book(path, name="Uji").close()
    opened = books.open_location(path)
    assert isinstance(opened, books.Opened) and opened.lock_note is None
    assert lock.read_holder(path) is not None
    books.close_book(opened.book)
    assert not lock.lock_path(path).exists()


def test_a_book_open_on_another_computer_is_refused_naming_it(tmp_path):
    path = tmp_path / "kas.kasir"
    create_book(path, name="Uji").close()
    lock.lock_path(path).write_text(json.dumps({
        "computer": "LAPTOP-1", "user": "siti", "pid": 7,
        "since": dt.datetime.now().astimezone().replace(hour=14, minute=5).isoformat()}))
    refused = books.open_location(path)
    assert isinstance(refused, books.Locked) and refused.breakable and refused.path == path
    assert refused.text.startswith(f"The book {path} is open in Kasir on LAPTOP-1 by siti "
                                   "since 14:05; close it there first")
    books.break_lock(path)
    opened = books.open_location(path)
    assert isinstance(opened, books.Opened)
    books.close_book(opened.book)


def test_a_crashed_windows_lock_is_taken_over_with_a_note(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "kas.kasir"
    create_book(path, name="Uji").close()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    lock.lock_path(path).write_text(json.dumps({
        "computer": socket.gethostname(), "user": "siti", "pid": int(gone.stdout),
        "since": dt.datetime.now().astimezone().isoformat()}))
    opened = books.open_location(path)
    assert isinstance(opened, books.Opened) and opened.lock_note is not None
    assert opened.lock_note.text.startswith(f"Kasir did not close the book {path} properly")
    books.close_book(opened.book)
