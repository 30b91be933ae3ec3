"""The daily cash count: pieces typed down the grid, the difference, the confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import rp
from kasir.cash import service as cash
from ledger import queries
from ui.views.cash_count_view import CashCountView
from ui.widgets.dates import to_qdate

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def count(qtbot, members_book):
    # Rp90.000 came into the box with A-002's deposits
    view = CashCountView(members_book)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.day.setDate(to_qdate(DAY))
    view.fields[100_000].setFocus()
    return view


def test_a_shortage_needs_a_note_then_goes_to_suspense(qtbot, count, members_book):
    assert count.book_label.text() == "Rp90.000"
    # 0 x 100.000, 1 x 50.000, 1 x 20.000, 1 x 10.000, 1 x 5.000: Rp85.000
    for typed in ("", "1", "1", "1", "1"):
        if typed:
            qtbot.keyClicks(QApplication.focusWidget(), typed)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert count.total.text() == "Rp85.000"
    assert count.subtotals[50_000].text() == "Rp50.000"
    assert count.difference.text() == "kas kurang Rp5.000"
    assert "b71c1c" in count.difference.styleSheet()
    count.confirm_button.click()
    assert count.status.kind == "error"
    assert count.status.text() == "Jelaskan selisih Rp5.000 dalam catatan sebelum konfirmasi."
    assert QApplication.focusWidget() is count.note
    with members_book.read_session() as s:
        assert queries.balance(s, "1409") == rp(0)
    qtbot.keyClicks(count.note, "uang kembalian kurang")
    qtbot.keyClick(count.note, Qt.Key.Key_Return)
    assert count.status.kind == "ok" and "kas kurang Rp5.000" in count.status.text()
    with members_book.read_session() as s:
        assert queries.balance(s, "1409") == rp(5_000)
        assert queries.balance(s, "1101") == rp(85_000)
    assert count.difference.text() == "✓ cocok dengan buku"
    assert [r.note for r in count.counts.rows] == ["uang kembalian kurang"]


def test_enter_moves_down_and_a_count_that_matches_needs_no_note(qtbot, count, members_book):
    qtbot.keyClick(count.fields[100_000], Qt.Key.Key_Return)
    assert QApplication.focusWidget() is count.fields[50_000]
    qtbot.keyClicks(count.fields[50_000], "1")
    count.fields[20_000].setText("2")
    count.evaluate()
    assert count.difference.text() == "✓ cocok dengan buku"
    assert count.confirm()
    assert cash.cash_counts(members_book, DAY, DAY)[0].difference == rp(0)


def test_the_months_cash_book_opens_in_the_viewer(count, opened_files, papers_folder):
    assert count.print_cash_book()
    assert opened_files == [papers_folder / "Buku Kas" / "Buku kas 2026-11.pdf"]
    assert opened_files[0].read_bytes().startswith(b"%PDF")
