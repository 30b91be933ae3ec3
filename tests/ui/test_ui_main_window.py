"""The main window: its title, pages, language switch and month closing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from kasir import journal
from kasir.journal import LineInput
from ledger.money import Money
from ui import prefs
from ui.dialogs.period_dialog import CloseMonthDialog, ReopenMonthDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, book):
    win = MainWindow(book)
    qtbot.addWidget(win)
    return win


def tab_titles(win: MainWindow) -> list[str]:
    return [win.tabs.tabText(i) for i in range(win.tabs.count())]


def test_title_pages_and_the_entry_page_first(window):
    assert window.windowTitle() == "Koperasi Uji — Kasir"
    assert tab_titles(window) == ["Bagan Akun", "Entri Jurnal", "Jurnal", "Neraca Saldo"]
    assert window.tabs.currentWidget() is window.entry_view
    assert prefs.last_book() == window.book.path


def test_switching_to_english_relabels_and_is_remembered(window):
    window.language_actions["en"].trigger()
    assert tab_titles(window) == ["Chart of Accounts", "Journal Entry", "Journal",
                                  "Trial Balance"]
    labels = {w.text() for w in window.entry_view.findChildren(QLabel)}
    assert "Description" in labels and "Keterangan" not in labels
    assert window.menuBar().actions()[0].text() == "&File"
    assert prefs.saved_language() == "en"
    window.language_actions["id"].trigger()
    assert window.menuBar().actions()[0].text() == "&Berkas"


def test_pages_read_the_book_again_when_shown(window, book):
    journal.post_entry(book, dt.date(2026, 11, 3), "Dari tempat lain",
                       [LineInput("1101", debit=Money.rupiah(5_000)),
                        LineInput("4101", credit=Money.rupiah(5_000))])
    window.show_page(2)
    assert [r.memo for r in window.journal_view.model.rows] == ["Dari tempat lain"]


def test_closing_and_reopening_a_month(window, book, monkeypatch):
    monkeypatch.setattr(CloseMonthDialog, "ask", classmethod(lambda cls, *a: (2026, 10, "")))
    window.close_month()
    assert journal.closed_periods(book) == [(2026, 10)]
    assert window.statusBar().currentMessage() == "Oktober 2026 sudah ditutup."
    monkeypatch.setattr(ReopenMonthDialog, "ask",
                        classmethod(lambda cls, closed, *a: (*closed[0], "Setoran terlupa")))
    window.reopen_month()
    assert journal.closed_periods(book) == []
    assert journal.period_log(book)[-1].reason == "Setoran terlupa"
