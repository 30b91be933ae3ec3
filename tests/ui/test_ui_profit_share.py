"""Monthly profit sharing driven from the keyboard, on the domain reference's worked example."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import ACTOR, rp, worked_example_month
from kasir.clock import FixedClock
from kasir.profit_share import service as profit_share
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from ledger import queries
from ui.views.profit_share_view import ProfitShareView

NOV = dt.date(2026, 11, 1)
EARLY_DECEMBER = dt.date(2026, 12, 3)


@pytest.fixture
def share_book(book):
    """A keeps 400.000 from 1 November and 300.000 more from the 11th, B 23.400.000;
    60.000.000 of financing (1311) the whole month; 1.500.000 margin income (5101)."""
    book.run(lambda s: worked_example_month(s, {"A": "Aminah", "B": "Badriah"}))
    savings.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    return book


def make_view(qtbot, book, today):
    book.clock = FixedClock(today)  # the book's today
    view = ProfitShareView(book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.month.setFocus()
    return view


@pytest.fixture
def screen(qtbot, share_book):
    return make_view(qtbot, share_book, EARLY_DECEMBER)


def focused():
    return QApplication.focusWidget()


def keys(qtbot, text: str = "", key: Qt.Key | None = None,
         mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Type where the cursor is, as the treasurer does."""
    assert focused() is not None, "no widget has the keyboard focus"
    if text:
        qtbot.keyClicks(focused(), text)
    if key is not None:
        qtbot.keyClick(focused(), key, mods)


def cell(view, row: int, column: int) -> str:
    return view.shares.index(row, column).data()


def posted(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def test_the_worked_example_is_computed_posted_once_and_refused_again(qtbot, screen,
                                                                       share_book):
    # on 3 December the last finished month is offered: November 2026
    assert (screen.month.currentText(), screen.year.value()) == ("November", 2026)
    assert "bukan bunga" in screen.findChild(type(screen.table_title), "profitShareIntro").text()
    assert not screen.post_button.isEnabled()
    keys(qtbot, key=Qt.Key.Key_Return)                      # Hitung
    shown = {key: label.text() for key, label in screen.values.items()}
    assert shown == {"income": "Rp1.500.000", "mudharabah_adb": "Rp24.000.000",
                     "productive_adb": "Rp60.000.000", "portion": "Rp600.000",
                     "reserve": "0 %", "nisbah": "30 %", "pool": "Rp180.000"}
    assert screen.titles["income"].text() == "Pendapatan yang diterima bulan ini"
    assert [[cell(screen, r, c) for c in range(6)] for r in range(3)] == [
        ["A", "Aminah", "600.000", "4.500", "0", "4.500"],
        ["B", "Badriah", "23.400.000", "175.500", "0", "175.500"],
        ["", "Jumlah (2 anggota)", "24.000.000", "180.000", "0", "180.000"]]
    assert screen.shares.headerData(3, Qt.Orientation.Horizontal) == "Bagi hasil kotor"
    assert screen.post_button.isEnabled() and "Ctrl+Enter" in screen.status.text()

    before = posted(share_book)
    keys(qtbot, key=Qt.Key.Key_Return, mods=Qt.KeyboardModifier.ControlModifier)  # Posting
    entry = profit_share.posted_entry(share_book, 2026, 11)
    assert screen.status.kind == "ok"
    assert screen.status.text() == (f"Bagi hasil November 2026 sudah diposting: entri {entry}, "
                                    f"Rp180.000 untuk 2 anggota.")
    assert posted(share_book) == before + 1
    with share_book.read_session() as s:
        assert savings_rules.balance(s, "A", "mudharabah") == rp(704_500)
        assert savings_rules.balance(s, "B", "mudharabah") == rp(23_575_500)
        assert queries.balance(s, "6101") == rp(180_000)

    screen.post_button.click()                               # a second time
    assert screen.status.kind == "error"
    assert screen.status.text() == "Bagi hasil 11/2026 sudah diposting."
    assert posted(share_book) == before + 1
    keys(qtbot, key=Qt.Key.Key_Return)                       # computed again later
    assert screen.status.text() == f"Sudah diposting dengan entri {entry}."


def test_reserve_and_income_typed_the_indonesian_way(qtbot, screen):
    keys(qtbot, key=Qt.Key.Key_Tab)                          # to the year
    keys(qtbot, key=Qt.Key.Key_Tab)                          # to the reserve
    assert focused() is screen.reserve
    keys(qtbot, "10", Qt.Key.Key_Tab)
    assert focused() is screen.income
    keys(qtbot, "3.000.000", Qt.Key.Key_Return)
    assert screen.values["income"].text() == "Rp3.000.000"
    assert screen.titles["income"].text() == "Pendapatan yang dibagi (diketik)"
    assert screen.values["reserve"].text() == "10 %"
    assert screen.values["portion"].text() == "Rp1.080.000"
    assert screen.values["pool"].text() == "Rp324.000"
    screen.income.selectAll()
    keys(qtbot, "12.34")                                     # the figures shown are stale now
    assert screen.plan is None and not screen.post_button.isEnabled()
    keys(qtbot, key=Qt.Key.Key_Return)
    assert screen.status.kind == "error"
    assert screen.status.text().startswith("“12.34” bukan jumlah uang")
    assert screen.values["pool"].text() == "—"


def test_a_month_not_over_is_computed_but_not_posted(qtbot, share_book):
    view = make_view(qtbot, share_book, dt.date(2026, 11, 28))
    assert view.month.currentText() == "Oktober"             # the last finished month
    keys(qtbot, key=Qt.Key.Key_Return)
    assert view.values["pool"].text() == "Rp0" and not view.post_button.isEnabled()
    assert view.status.text() == ("Tidak ada anggota yang punya simpanan mudharabah bulan ini: "
                                  "tidak ada yang dibagi.")
    keys(qtbot, key=Qt.Key.Key_Down)                         # November, still running
    assert view.month.currentText() == "November"
    keys(qtbot, key=Qt.Key.Key_Return)
    assert view.values["pool"].text() == "Rp180.000"
    assert not view.post_button.isEnabled()
    assert view.status.text().startswith("Bulan ini belum selesai")
    before = posted(share_book)
    keys(qtbot, key=Qt.Key.Key_Return, mods=Qt.KeyboardModifier.ControlModifier)
    assert posted(share_book) == before

