"""Importing a business-event file: choose it, import it with a progress bar, read the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import EVENTS, OVERDRAWN, rp, write_events
from kasir.members import service as members
from kasir.savings import rules as savings_rules
from ledger import queries
from ui.dialogs.file_dialogs import EventFilePicker
from ui.main_window import MainWindow
from ui.views.import_view import ImportView


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """The file dialog's seam: answers ``path`` and records the folder it was opened in."""
    asked: list[str] = []

    def ask(cls, parent=None, folder=""):  # noqa: ANN001, ANN202
        asked.append(folder)
        return path

    monkeypatch.setattr(EventFilePicker, "ask", classmethod(ask))
    return asked


@pytest.fixture
def screen(qtbot, book):
    view = ImportView(book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.choose_button.setFocus()
    return view


def focused():
    return QApplication.focusWidget()


def press(qtbot, key: Qt.Key = Qt.Key.Key_Return) -> None:
    assert focused() is not None, "no widget has the keyboard focus"
    qtbot.keyClick(focused(), key)


def posted(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def test_a_small_file_imported_from_the_keyboard_then_skipped_the_second_time(
        qtbot, screen, book, tmp_path, monkeypatch):
    path = write_events(tmp_path, EVENTS)
    choose(monkeypatch, path)
    assert not screen.import_button.isEnabled()
    assert screen.file_label.text() == "Belum ada berkas yang dipilih."
    press(qtbot)                                             # Enter on "Pilih berkas…"
    assert screen.file_label.text() == "buku-lama.events.jsonl — 4 baris (1 KB)"
    assert focused() is screen.import_button and screen.import_button.isEnabled()
    assert screen.bar.maximum() == 4 and screen.bar.value() == 0
    press(qtbot)                                             # Enter on "Impor"
    assert screen.status.kind == "ok"
    assert screen.status.text() == "4 kejadian diimpor · 2 entri diposting."
    assert screen.progress_seen == [0, 4] and screen.bar.value() == 4
    assert [(r.name, r.count) for r in screen.types.rows] == [
        ("Setoran", 2), ("Kelompok dibentuk", 1), ("Anggota masuk", 1)]
    assert screen.types_table.isVisible()
    with book.read_session() as s:
        assert savings_rules.balance(s, "M1", "sukarela") == rp(120_000)
    before = posted(book)

    screen.import_button.click()                             # the same file again
    assert screen.status.kind == "ok"
    assert screen.status.text() == ("0 kejadian diimpor · 0 entri diposting · 4 dilewati: "
                                    "sudah ada di buku. Semua kejadian dalam berkas ini sudah "
                                    "pernah diimpor; tidak ada yang berubah.")
    assert posted(book) == before and not screen.types_table.isVisible()


def test_a_bad_line_is_named_and_nothing_is_imported(qtbot, screen, book, tmp_path,
                                                     monkeypatch):
    choose(monkeypatch, write_events(tmp_path, [*EVENTS, OVERDRAWN]))
    press(qtbot)
    assert screen.file_label.text().startswith("buku-lama.events.jsonl — 5 baris")
    press(qtbot)
    assert screen.status.kind == "error"
    assert screen.status.text() == (
        "buku-lama.events.jsonl:5: amount: Penarikan Rp500.000 dari Simpanan Sukarela (Wadiah) "
        "milik M1 melebihi saldonya Rp120.000.\n"
        "Tidak ada yang diimpor: seluruh berkas ditolak. Perbaiki baris itu, lalu impor "
        "berkasnya lagi.")
    assert posted(book) == 0 and members.find_members(book) == []
    assert screen.bar.value() == 0 and screen.types.rowCount() == 0
    assert screen.import_button.isEnabled()                  # corrected, it can go again


def test_a_file_that_is_not_json_names_its_line(qtbot, screen, book, tmp_path, monkeypatch):
    path = tmp_path / "rusak.jsonl"
    path.write_text(json.dumps(EVENTS[0]) + "\n{tanggal: 2026-01-05\n", "utf-8")
    choose(monkeypatch, path)
    press(qtbot)
    press(qtbot)
    assert screen.status.text().startswith("rusak.jsonl:2: bukan JSON yang sah")
    assert posted(book) == 0


def test_cancelling_the_file_dialog_changes_nothing(screen, monkeypatch):
    choose(monkeypatch, None)
    assert not screen.choose_file()
    assert screen.file is None and not screen.import_button.isEnabled()


def test_a_big_file_moves_the_bar_and_locks_the_window_meanwhile(qtbot, book, tmp_path,
                                                                 monkeypatch):
    events = EVENTS[:2] + [
        {"type": "deposit", "date": "2026-01-05", "member_id": "M1", "product": "sukarela",
         "amount": 1000 + n, "channel": "cash"} for n in range(1_100)]
    path = write_events(tmp_path, events)
    win = MainWindow(book)
    qtbot.addWidget(win)
    view = win.import_view
    win.show_page(win.tabs.indexOf(view))
    locked: list[bool] = []
    original = ImportView.progress

    def progress(self, done):  # noqa: ANN001, ANN202
        locked.append(not win.tabs.tabBar().isEnabled() and not win.menuBar().isEnabled())
        original(self, done)

    monkeypatch.setattr(ImportView, "progress", progress)
    choose(monkeypatch, path)
    assert view.choose_file() and view.run_import()
    assert view.progress_seen == [0, 500, 1000, 1102]
    assert all(locked) and len(locked) == 4
    assert win.tabs.tabBar().isEnabled() and win.menuBar().isEnabled()
    assert view.status.text().startswith("1102 kejadian diimpor · 1100 entri diposting")
    assert win.statusBar().currentMessage() == view.status.text()

