"""Backups and the lock in the window: the File menu's entries, the status line, the hourly
timer, the copy on closing, the Backups dialog, restoring a verified backup (and refusing
one that fails), and a book open elsewhere met with a message."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from factories import ACTOR
from kasir import i18n
from kasir.book import create_book, lock, seals
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from ledger import ddl
from ledger.money import Money
from ui import prefs
from ui.dialogs import backup_actions, book_actions
from ui.dialogs.backup_actions import BackupActions, BackupChoice, BackupFilePicker
from ui.dialogs.backups_dialog import BackupFolderPicker, BackupsDialog
from ui.main_window import MainWindow, apply_locale

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture(autouse=True)
def english() -> None:
    """Checked in English: the Indonesian catalog is another hand's."""
    i18n.set_language("en")
    apply_locale("en")


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    prefs.save_backup_folder(folder)
    return folder


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "kas.kasir"
    create_book(path, name="KSM Mekar").close()
    return path


@pytest.fixture
def window(qtbot, book_path, stick):  # noqa: ANN001, ANN201
    book = book_actions.open_location(None, book_path)  # locked, as the window opens it
    assert book is not None
    win = MainWindow(book)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:  # noqa: ANN001
    shown: list[tuple[str, str]] = []
    for name in ("warn", "inform"):
        monkeypatch.setattr(backup_actions, name,
                            lambda parent, title, text, kind=name: shown.append((kind, text)))
    return shown


def post(book, memo: str = "Transport") -> None:  # noqa: ANN001
    journal.post_entry(book, ACTOR, dt.date(2026, 11, 3), memo,
                       [LineInput("6202", debit=Money.rupiah(15_000)),
                        LineInput("1101", credit=Money.rupiah(15_000))])


def copies(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.kasir"))


def file_menu(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()[0].menu().actions() if a.text()]


def test_the_file_menu_offers_backup_and_restore(window):
    assert file_menu(window) == ["&New book…", "&Open book…", "Open the &demo book",
                                 "&Back up now…", "&Restore from a backup…", "Bac&kups…",
                                 "&Check the book…",
                                 "&Quit"]


def test_the_status_bar_shows_the_last_backup_and_its_folder(window, stick):
    made = window.backups.presenter().history()
    assert made and made[0].reason == "harian"  # taken as the book opened
    text = window.backups.label.text()
    assert "Last backup: " in text and str(stick) in text


def test_back_up_now_into_the_folder_or_a_chosen_file(window, stick, tmp_path, monkeypatch,
                                                      messages):
    monkeypatch.setattr(BackupChoice, "ask", classmethod(lambda cls, parent, folder: "folder"))
    window.backups.back_up_now()
    assert any(name.endswith("-manual.kasir") for name in copies(stick))
    assert window.statusBar().currentMessage().startswith(f"Backup made: {stick}")
    out = tmp_path / "bawa-pulang.kasir"
    monkeypatch.setattr(BackupChoice, "ask", classmethod(lambda cls, parent, folder: "file"))
    monkeypatch.setattr(BackupFilePicker, "save", classmethod(lambda cls, parent, s: out))
    window.backups.back_up_now()
    assert out.exists() and window.statusBar().currentMessage() == f"Backup written: {out}"
    window.backups.back_up_now()  # never over an existing file
    assert messages and messages[-1][0] == "warn" and "already exists" in messages[-1][1]


def test_the_hourly_timer_takes_the_daily_copy_when_due(window, stick, monkeypatch):
    timer = window.backups.timer
    assert timer.isActive() and timer.interval() == 60 * 60 * 1000
    before = copies(stick)
    timer.timeout.emit()
    assert copies(stick) == before  # taken at opening: not due
    presenter = window.backups.presenter()
    later = presenter.history()[0].made + dt.timedelta(days=1)
    from kasir.book import backup

    real = backup.backup_if_due
    monkeypatch.setattr(backup, "backup_if_due",
                        lambda *a, **k: real(*a, **{**k, "now": later}))
    timer.timeout.emit()
    assert len(copies(stick)) == len(before) + 1
    assert window.statusBar().currentMessage().startswith("Backup made: ")


def test_closing_the_window_backs_up_a_changed_book_and_releases_the_lock(window, book_path,
                                                                          stick):
    assert lock.read_holder(book_path) is not None
    post(window.book)
    before = copies(stick)
    assert window.close()
    new = set(copies(stick)) - set(before)
    assert len(new) == 1 and new.pop().endswith("-penutupan.kasir")
    assert not lock.lock_path(book_path).exists()
    assert not window.backups.timer.isActive()


def test_restore_from_the_menu_asks_naming_both_files_and_reopens_the_book(
        window, book_path, stick, tmp_path, monkeypatch, messages):
    post(window.book)
    copy = tmp_path / "salinan.kasir"
    assert window.backups.presenter().back_up_to(copy).ok
    post(window.book, "Setelah cadangan")
    asked: list[str] = []
    monkeypatch.setattr(BackupFilePicker, "open", classmethod(lambda cls, parent, f: copy))
    monkeypatch.setattr(BackupActions, "ask_restore",
                        lambda self, p, info: asked.append(p.confirm_text(info)) or True)
    old = window.book
    window.backups.restore()
    assert str(copy) in asked[0] and str(book_path) in asked[0]
    assert window.book is not old and window.book.path == book_path
    assert [e.memo for e in journal.journal(window.book)] == ["Transport"]
    assert messages[-1][0] == "inform" and "the previous content was saved as" in messages[-1][1]
    assert any(n.endswith("-sebelum-pemulihan.kasir") for n in copies(stick))
    assert lock.read_holder(book_path) is not None  # still this window's


def test_restore_refuses_a_backup_that_fails_verify(window, tmp_path, monkeypatch, messages):
    post(window.book)
    copy = tmp_path / "salinan.kasir"
    window.backups.presenter().back_up_to(copy)
    con = sqlite3.connect(copy)
    for t in ddl.TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t.name}")
    con.execute("UPDATE journal_line SET debit = debit + 1 WHERE debit > 0")
    con.commit()
    con.close()
    post(window.book, "Tetap ada")
    monkeypatch.setattr(BackupFilePicker, "open", classmethod(lambda cls, parent, f: copy))
    monkeypatch.setattr(BackupActions, "ask_restore", lambda self, p, info: True)
    old = window.book
    window.backups.restore()
    assert messages[-1][0] == "warn" and "did not pass verification" in messages[-1][1]
    assert window.book is old
    assert len(journal.journal(window.book)) == 2


def test_the_backups_dialog_chooses_the_folder_and_warns_when_it_is_missing(
        qtbot, window, stick, tmp_path, monkeypatch):
    actions = window.backups
    dialog = BackupsDialog(actions.presenter, actions.back_up_now, actions.restore,
                           actions.refresh, window)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == str(stick) and dialog.copies.topLevelItemCount() >= 1
    assert dialog.copies.topLevelItem(0).text(1) == "daily"
    # the copy's seal, for a facilitator's `verify --anchor`
    assert dialog.copies.topLevelItem(0).text(3) == str(seals.backup_seal(
        stick / dialog.copies.topLevelItem(0).text(2)))
    other = tmp_path / "usb2"
    other.mkdir()
    monkeypatch.setattr(BackupFolderPicker, "ask", classmethod(lambda cls, parent, s: other))
    dialog.choose_folder()
    assert prefs.backup_folder() == other and str(other) in actions.label.text()
    other.rmdir()  # the stick is pulled out
    dialog.refresh()
    assert dialog.note.isVisibleTo(dialog) and "is not there" in dialog.note.text()
    actions.refresh()
    assert actions.label.text().startswith('<a href="backups">⚠ ')
    dialog.keep.setValue(7)
    assert prefs.backup_keep() == 7
    dialog.use_default()
    assert prefs.backup_folder() is None


def test_a_book_open_on_another_computer_is_told_and_may_be_broken_after_asking(
        qtbot, book_path, monkeypatch):
    lock.lock_path(book_path).write_text(json.dumps({
        "computer": "LAPTOP-1", "user": "siti", "pid": 7,
        "since": dt.datetime.now().astimezone().replace(hour=14, minute=5).isoformat()}))
    asked: list[str] = []
    monkeypatch.setattr(book_actions, "confirm",
                        lambda parent, title, text, yes, no: asked.append(text) or False)
    assert book_actions.open_location(None, book_path) is None
    assert asked[0].startswith(f"The book {book_path} is open in Kasir on LAPTOP-1 by siti "
                               "since 14:05; close it there first")
    assert lock.read_holder(book_path).computer == "LAPTOP-1"
    monkeypatch.setattr(book_actions, "confirm", lambda *a, **k: True)
    book = book_actions.open_location(None, book_path)
    assert book is not None and lock.read_holder(book_path).computer != "LAPTOP-1"
    book.close()
    lock.release(book_path)


def test_a_book_open_in_another_window_here_is_refused_with_a_message(qtbot, book_path,
                                                                      monkeypatch):
    import os

    lock.lock_path(book_path).write_text(json.dumps({
        "computer": lock._computer(), "user": "siti", "pid": os.getppid(),
        "since": dt.datetime.now().astimezone().isoformat()}))
    shown: list[str] = []
    monkeypatch.setattr(book_actions, "warn", lambda parent, title, text: shown.append(text))
    assert book_actions.open_location(None, book_path) is None
    assert "is already open in Kasir on this computer by siti" in shown[0]
