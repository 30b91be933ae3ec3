"""First start: the start dialog's three ways to a book, and ``ui.app.main``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from kasir.book import cooperative, create_book
from kasir.book.demo import DEMO_NAME
from kasir.journal import service as journal
from ui import app, prefs
from ui.dialogs import book_actions
from ui.dialogs.new_book_dialog import NewBookDialog
from ui.dialogs.start_dialog import StartDialog


@pytest.fixture
def warnings_shown(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(book_actions, "warn", lambda parent, title, text: shown.append(text))
    return shown


def test_open_demo_creates_the_demo_book_in_the_data_folder(qtbot):
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.open_demo()
    try:
        expected = Path(os.environ["XDG_DATA_HOME"]) / "Kasir" / "contoh.kasir"
        assert dialog.book is not None and dialog.book.path == expected.resolve()
        assert cooperative.book_name(dialog.book) == DEMO_NAME
        entries = journal.journal(dialog.book)
        assert entries
    finally:
        dialog.book.close()
    again = book_actions.open_demo(None)  # the second time it is opened, not rebuilt
    assert again is not None and journal.journal(again) == entries
    again.close()


def test_a_file_that_is_not_a_book_is_explained_not_raised(qtbot, tmp_path, monkeypatch,
                                                           warnings_shown):
    letter = tmp_path / "surat.kasir"
    letter.write_text("bukan buku")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(letter), ""))
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.open_existing()
    assert dialog.book is None
    assert len(warnings_shown) == 1 and "bukan buku Kasir" in warnings_shown[0]
    assert letter.read_text() == "bukan buku"


def test_create_a_new_book(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "baru.kasir"
    monkeypatch.setattr(NewBookDialog, "ask", classmethod(lambda cls, *a: ("KSM Mekar", target)))
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.create_new()
    assert dialog.book is not None and target.exists()
    assert cooperative.book_name(dialog.book) == "KSM Mekar"
    dialog.book.close()


def test_the_new_book_dialog_suggests_a_file_from_the_name(qtbot):
    dialog = NewBookDialog()
    qtbot.addWidget(dialog)
    assert not dialog.accept_button.isEnabled()
    dialog.name.setText("KSPPS Al-Ikhlas")
    assert dialog.location.text().endswith(os.path.join("Kasir", "kspps-al-ikhlas.kasir"))
    assert dialog.accept_button.isEnabled()
    dialog.location.setText("/tmp/buku-saya")
    assert dialog.answer() == ("KSPPS Al-Ikhlas", Path("/tmp/buku-saya.kasir"))


def run_main(monkeypatch, **kwargs):
    shown = []
    monkeypatch.setattr(app, "run_event_loop", lambda qapp, window: shown.append(window) or 0)
    code = app.main([], **kwargs)
    return code, (shown[0] if shown else None)


def test_main_shows_the_given_book(qtbot, monkeypatch, book_location):
    create_book(book_location, name="Koperasi Dibuka").close()
    code, window = run_main(monkeypatch, book_location=book_location, lang="en")
    assert code == 0 and window.windowTitle() == "Koperasi Dibuka — Kasir"
    assert window.tabs.tabText(0) == "Cashier"
    window.close()


def test_main_reopens_the_last_book_without_asking(qtbot, monkeypatch, sqlite_only, book):
    prefs.remember_book(book)
    monkeypatch.setattr(StartDialog, "choose", classmethod(lambda cls, *a: pytest.fail("asked")))
    code, window = run_main(monkeypatch)
    assert window is not None and window.book.path == book.path
    window.close()


def test_first_start_quitting_the_start_dialog_exits_quietly(qtbot, monkeypatch, tmp_path,
                                                             warnings_shown):
    monkeypatch.setattr(StartDialog, "choose", classmethod(lambda cls, *a: None))
    code, window = run_main(monkeypatch, book_location=tmp_path / "tidak-ada.kasir")
    assert (code, window) == (0, None)
    assert "Tidak ada buku di" in warnings_shown[0]


def test_opening_a_book_takes_the_daily_backup(qtbot, tmp_path, monkeypatch):
    from kasir.book import create_book
    from kasir.book.backup import latest_backup
    from ui.dialogs.book_actions import open_location

    path = tmp_path / "harian.kasir"
    create_book(path, name="Uji").close()
    book = open_location(None, path)
    assert book is not None
    book.close()
    saved = latest_backup()
    assert saved is not None and saved.name.startswith("harian-") and "harian" in saved.stem
