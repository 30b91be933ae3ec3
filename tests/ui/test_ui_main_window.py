"""The main window: its title, pages, language switch and month closing."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from factories import ACTOR
from kasir.book import seals
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from ledger.money import Money
from ui import prefs
from ui.dialogs.period_dialog import CloseMonthDialog, ClosingSheetDialog, ReopenMonthDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, book):
    win = MainWindow(book)
    qtbot.addWidget(win)
    return win


def tab_titles(win: MainWindow) -> list[str]:
    return [win.tabs.tabText(i) for i in range(win.tabs.count())]


def test_title_pages_and_the_cashier_first(window):
    assert window.windowTitle() == "Koperasi Uji — Kasir"
    assert tab_titles(window) == ["Kasir", "Kuitansi", "Anggota", "Pertemuan Kelompok",
                                  "Pembiayaan", "Kas Harian", "Bagi Hasil",
                                  "Bonus Wadiah", "Entri Jurnal", "Jurnal", "Neraca Saldo",
                                  "Bagan Akun",
                                  "Impor", "Jejak Audit", "Pengaturan"]
    assert window.tabs.currentWidget() is window.cashier_view
    assert prefs.last_book() == window.book.path
    assert [window.tabs.tabToolTip(i) for i in range(window.tabs.count())] == [
        "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+G", "Ctrl+F", "Ctrl+4", "Ctrl+5", "Ctrl+B",
        "Ctrl+6", "Ctrl+7",
        "Ctrl+8",
        "Ctrl+9", "Ctrl+I", "Ctrl+U", "Ctrl+0"]


def test_switching_to_english_relabels_and_is_remembered(window):
    window.language_actions["en"].trigger()
    assert tab_titles(window) == ["Cashier", "Receipts", "Members", "Group meeting",
                                  "Financing", "Daily cash",
                                  "Profit sharing", "Wadiah bonus", "Journal Entry", "Journal",
                                  "Trial Balance",
                                  "Chart of Accounts", "Import", "Audit Trail",
                                  "Settings"]
    window.show_page(window.tabs.indexOf(window.entry_view))
    labels = {w.text() for w in window.entry_view.findChildren(QLabel)}
    assert "Description" in labels and "Keterangan" not in labels
    assert window.menuBar().actions()[0].text() == "&File"
    assert prefs.saved_language() == "en"
    window.language_actions["id"].trigger()
    assert window.menuBar().actions()[0].text() == "&Berkas"


def test_pages_read_the_book_again_when_shown(window, book):
    journal.post_entry(book, ACTOR, dt.date(2026, 11, 3), "Dari tempat lain",
                       [LineInput("1101", debit=Money.rupiah(5_000)),
                        LineInput("4201", credit=Money.rupiah(5_000))])
    window.show_page(window.tabs.indexOf(window.journal_view))
    assert [r.memo for r in window.journal_view.model.rows] == ["Dari tempat lain"]


def test_closing_and_reopening_a_month(window, book, monkeypatch, opened_files):
    monkeypatch.setattr(CloseMonthDialog, "ask", classmethod(lambda cls, *a: (2026, 10, "")))
    window.period_actions.close_month()
    assert journal.closed_periods(book) == [(2026, 10)]
    # the closing sheet opens at once, for the chair and the auditor to sign
    sheet = opened_files[-1]
    assert sheet.name == "Tutup buku 2026-10.pdf" and sheet.parent.name == "Tutup Buku"
    text = PdfReader(sheet).pages[0].extract_text()
    assert "BERITA ACARA TUTUP BUKU" in text and "Bulan Oktober 2026" in text
    assert f"Segel buku {seals.current(book)}" in text
    assert window.statusBar().currentMessage() == f"Lembar tutup buku ditulis: {sheet}"
    monkeypatch.setattr(ClosingSheetDialog, "ask", classmethod(lambda cls, *a: (2026, 11)))
    window.period_actions.ask_closing_sheet()  # any month, closed or not, from the Period menu
    assert "BELUM DITUTUP" in PdfReader(opened_files[-1]).pages[0].extract_text()
    monkeypatch.setattr(ReopenMonthDialog, "ask",
                        classmethod(lambda cls, closed, *a: (*closed[0], "Setoran terlupa")))
    window.period_actions.reopen_month()
    assert journal.closed_periods(book) == []
    assert journal.period_log(book)[-1].reason == "Setoran terlupa"


def test_typing_an_entry_in_the_window_where_the_cursor_is(qtbot, window, book):
    """Only keys, each sent to the focused field: the cursor starts in the description."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.widgets.dates import to_qdate

    window.show_page(window.tabs.indexOf(window.entry_view))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.entry_view.date.setDate(to_qdate(dt.date(2026, 11, 21)))

    def type_here(text: str = "", key: Qt.Key = Qt.Key.Key_Tab,
                  mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if text:
            qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), key, mods)

    assert QApplication.focusWidget() is window.entry_view.description
    type_here("Bayar transport", Qt.Key.Key_Return)
    for text in ("6202", "150.000", "", "", ""):   # account, debit, credit, member, note
        type_here(text)
    for text in ("kas", "", "150.000", "", ""):
        type_here(text)
    rows = window.entry_view.rows
    assert [r.account.text() for r in rows] == ["6202 Beban Rapat Kelompok & Transport",
                                                "1101 Kas"]
    type_here(key=Qt.Key.Key_Return, mods=Qt.KeyboardModifier.ControlModifier)
    assert window.entry_view.status.text() == "Diposting: 2026/000001"
    assert window.statusBar().currentMessage() == "Diposting: 2026/000001"
    assert QApplication.focusWidget() is window.entry_view.description


def test_a_half_typed_entry_is_not_lost_without_asking(window, monkeypatch):
    import ui.main_window

    questions: list[str] = []

    def answer(parent, title, text, yes, no):  # noqa: ANN001, ANN202
        questions.append(title)
        return False

    monkeypatch.setattr(ui.main_window, "confirm", answer)
    window.entry_view.description.setText("Setengah diketik")
    window.language_actions["en"].trigger()
    assert questions == ["Entri belum diposting"]
    assert window.language_actions["id"].isChecked()
    assert window.entry_view.description.text() == "Setengah diketik"
    assert not window.close()  # quitting asks too, and "keep typing" keeps the window
    window.entry_view.clear()


def test_from_a_members_page_to_the_cashier(qtbot, members_book):
    from PySide6.QtWidgets import QApplication

    win = MainWindow(members_book)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    win.show_page(win.tabs.indexOf(win.members_view))
    win.members_view.open_member("A-010")
    win.members_view.member_page.cashier_button.click()
    assert win.tabs.currentWidget() is win.cashier_view
    assert win.cashier_view.page.number == "A-010"
    assert QApplication.focusWidget() is win.cashier_view.pad


def test_the_new_pages_by_their_keys_with_the_cursor_ready(qtbot, window):
    """Ctrl+2 the receipts (cursor in the search), Ctrl+5 the profit sharing (on the month),
    Ctrl+B the wadiah bonus (on the decision), Ctrl+I the import (on "Choose file…"),
    Ctrl+0 the settings."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key, page, field in ((Qt.Key.Key_2, window.receipts_view, window.receipts_view.search),
                             (Qt.Key.Key_5, window.profit_share_view,
                              window.profit_share_view.month),
                             (Qt.Key.Key_B, window.wadiah_bonus_view,
                              window.wadiah_bonus_view.decision),
                             (Qt.Key.Key_I, window.import_view,
                              window.import_view.choose_button),
                             (Qt.Key.Key_0, window.settings_view, None)):
        qtbot.keyClick(QApplication.focusWidget() or window, key, ctrl)
        assert window.tabs.currentWidget() is page
        if field is not None:
            assert QApplication.focusWidget() is field
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Pengaturan"


def test_the_window_is_locked_while_importing(window):
    window.set_busy(True)
    assert not window.menuBar().isEnabled() and not window.tabs.tabBar().isEnabled()
    assert not any(a.isEnabled() for a in window.actions())
    assert not window.close()                        # quitting waits for the import
    window.set_busy(False)
    assert window.menuBar().isEnabled() and all(a.isEnabled() for a in window.actions())


def test_a_red_message_does_not_outlive_its_page(qtbot, members_book):
    """A refusal belongs to the moment: another tab shown, it is gone on return."""
    from PySide6.QtCore import Qt

    window = MainWindow(members_book)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    cashier = window.cashier_view
    cashier.search.setFocus()
    qtbot.keyClicks(cashier.search, "A-002")
    qtbot.keyClick(cashier.search, Qt.Key.Key_Return)
    qtbot.keyClicks(cashier.pad, "t3")                 # Tarik, Sukarela: she has Rp40.000
    qtbot.keyClicks(cashier.amount, "50.000")
    qtbot.keyClick(cashier.amount, Qt.Key.Key_Return)
    assert cashier.status.kind == "error"              # beyond her balance
    window.show_page(window.tabs.indexOf(window.members_view))
    window.show_page(window.tabs.indexOf(cashier))     # her page is read again ...
    assert cashier.page.number == "A-002" and cashier.status.kind != "error"  # ... not red

    settings = window.settings_view
    window.show_page(window.tabs.indexOf(settings))
    settings.coop_name.setText("   ")
    assert not settings.save_coop() and settings.status.kind == "error"
    window.show_page(window.tabs.indexOf(window.members_view))
    window.show_page(window.tabs.indexOf(settings))
    assert settings.status.kind != "error" and settings.status.text() == ""


def test_the_window_says_when_the_book_waits_for_another_computer(window):
    """On a shared book a cashier's work may wait behind another computer's import: the
    status line says so and the pointer is busy until the wait is over (``ui.waiting``)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    assert window.book.waiting is not None
    over = window.book.waiting()
    try:
        assert window.statusBar().currentMessage() == (
            "Menunggu komputer lain yang sedang memakai buku ini (paling lama 10 detik)…")
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
    finally:
        over()
    assert window.statusBar().currentMessage() == ""
    assert QApplication.overrideCursor() is None
