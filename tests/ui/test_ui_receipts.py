"""The receipts list: find a receipt, print it again, cancel it with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from factories import ACTOR, rp
from kasir.clock import FixedClock
from kasir.journal import service as journal
from kasir.savings import rules as savings_rules
from kasir.savings import service as savings
from ledger import queries
from ui.dialogs.cancel_receipt_dialog import CancelReceiptDialog
from ui.main_window import MainWindow
from ui.views.receipts_view import ReceiptsView
from ui.widgets.dates import to_qdate

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def counter(members_book):
    """Two deposits of the day at the cashier (A-002's savings came from the paper books)."""
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(250_000), dt.date(2026, 11, 18))
    savings.deposit(members_book, ACTOR, "A-010", "wajib", rp(35_000), DAY)
    return members_book


@pytest.fixture
def screen(qtbot, counter):
    counter.clock = FixedClock(DAY)  # the book's today
    view = ReceiptsView(counter)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.search.setFocus()
    return view


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


def shown(view) -> list[list[str]]:
    return [[view.model.index(r, c).data() for c in range(view.model.columnCount())]
            for r in range(view.model.rowCount())]


def posted(book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def answer(monkeypatch, reply) -> list[tuple]:
    asked: list[tuple] = []

    def ask(cls, parent=None, receipt="", about="", day=None):  # noqa: ANN001, ANN202
        asked.append((receipt, about, day))
        return reply

    monkeypatch.setattr(CancelReceiptDialog, "ask", classmethod(ask))
    return asked


def test_newest_first_found_by_typing_and_printed_again(qtbot, screen, opened_files,
                                                        papers_folder):
    assert shown(screen) == [
        ["0002/KW/XI/2026", "20/11/2026", "A-010 Siti Rohmah", "Masuk", "35.000",
         "Setoran Simpanan Wajib A-010 Siti Rohmah", ""],
        ["0001/KW/XI/2026", "18/11/2026", "A-001 Siti Aminah", "Masuk", "250.000",
         "Setoran Simpanan Sukarela (Wadiah) A-001 Siti Aminah", ""]]
    assert screen.totals.text() == "2 kuitansi · masuk Rp285.000 · keluar Rp0"
    assert screen.model.headerData(3, Qt.Orientation.Horizontal) == "Masuk/keluar"
    keys(qtbot, "aminah")
    assert [r.label for r in screen.model.rows] == ["0001/KW/XI/2026"]
    keys(qtbot, key=Qt.Key.Key_P, mods=Qt.KeyboardModifier.ControlModifier)
    pdf = papers_folder / "Kuitansi" / "Kuitansi 0001-KW-XI-2026.pdf"
    assert opened_files == [pdf]
    assert "Kuitansi 0001/KW/XI/2026 dicetak ulang" in screen.status.text()
    screen.search.selectAll()
    keys(qtbot, "2")                                        # a receipt number
    assert [r.label for r in screen.model.rows] == ["0002/KW/XI/2026"]
    screen.search.clear()
    keys(qtbot, key=Qt.Key.Key_Down)                        # ↓ from the search: the next row
    assert screen.selected().label == "0001/KW/XI/2026"
    keys(qtbot, key=Qt.Key.Key_Return)                      # Enter: into the list
    assert focused() is screen.table


def test_cancelling_with_a_reason_reverses_the_deposit_and_marks_the_receipt(
        qtbot, screen, counter, monkeypatch, opened_files):
    asked = answer(monkeypatch, ("Salah anggota, seharusnya A-011", DAY))
    assert screen.selected().label == "0002/KW/XI/2026"     # the newest is highlighted
    keys(qtbot, key=Qt.Key.Key_Down)                        # ↓: 0001 (Rp250.000)
    assert screen.selected().label == "0001/KW/XI/2026"
    before = posted(counter)
    screen.cancel_button.click()
    assert asked == [("0001/KW/XI/2026",
                      "0001/KW/XI/2026 tanggal 18/11/2026: Masuk Rp250.000 — A-001 Siti Aminah",
                      max(counter.clock.today(), dt.date(2026, 11, 18)))]
    assert posted(counter) == before + 1
    row = screen.selected()
    assert row.label == "0001/KW/XI/2026" and row.cancelled
    assert screen.status.kind == "ok"
    assert screen.status.text() == (f"Kuitansi 0001/KW/XI/2026 sudah dibatalkan: dibalik dengan "
                                    f"entri {row.reversed_by}.")
    assert shown(screen)[1][6] == "dibatalkan"
    assert screen.model.index(1, 6).data(Qt.ItemDataRole.ToolTipRole) == (
        f"dibalik oleh {row.reversed_by} — alasan: Salah anggota, seharusnya A-011")
    assert screen.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # grey
    assert not screen.cancel_button.isEnabled()
    assert screen.totals.text() == ("2 kuitansi · masuk Rp35.000 · keluar Rp0 · 1 dibatalkan")
    with counter.read_session() as s:
        assert savings_rules.balance(s, "A-001", "sukarela") == rp(0)
    assert journal.reversal_reason(counter, row.entry_id) == "Salah anggota, seharusnya A-011"
    screen.table.setFocus()
    keys(qtbot, key=Qt.Key.Key_P, mods=Qt.KeyboardModifier.ControlModifier)  # print it again
    text = PdfReader(opened_files[-1]).pages[0].extract_text()
    assert "DIBATALKAN" in text and row.reversed_by in text


def test_cancelling_without_a_reason_is_refused(screen, counter, monkeypatch):
    answer(monkeypatch, ("   ", DAY))
    before = posted(counter)
    assert not screen.cancel_selected()
    assert screen.status.kind == "error"
    assert screen.status.text() == "Pembalikan perlu alasan."
    assert posted(counter) == before and not screen.selected().cancelled
    answer(monkeypatch, None)                               # "Jangan dibatalkan"
    assert not screen.cancel_selected() and posted(counter) == before


@pytest.mark.allow_modal
def test_the_cancel_dialog_needs_a_reason(qtbot):
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CancelReceiptDialog)
        assert dialog.windowTitle() == "Batalkan kuitansi 0001/KW/XI/2026"
        assert not dialog.accept_button.isEnabled()
        qtbot.keyClicks(dialog.reason, "  ")
        assert not dialog.accept_button.isEnabled()
        qtbot.keyClicks(dialog.reason, "Salah ketik jumlah")
        assert dialog.accept_button.isEnabled()
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    reason, day = CancelReceiptDialog.ask(None, "0001/KW/XI/2026", "", DAY)
    assert (reason, day) == ("Salah ketik jumlah", DAY)


def test_a_withdrawn_deposit_cannot_be_cancelled(screen, counter, monkeypatch):
    savings.withdraw(counter, ACTOR, "A-001", "sukarela", rp(100_000), DAY)
    screen.refresh()
    screen.select_receipt(next(r.id for r in screen.model.rows if r.label == "0001/KW/XI/2026"))
    answer(monkeypatch, ("Salah", DAY))
    before = posted(counter)
    assert not screen.cancel_selected()
    assert screen.status.text() == (
        "Kuitansi 0001/KW/XI/2026 tidak bisa dibatalkan: saldo Simpanan Sukarela (Wadiah) "
        "milik A-001 tinggal Rp150.000, kurang dari Rp250.000 yang akan ditarik kembali oleh "
        "pembatalan.")
    assert posted(counter) == before


def test_the_dates_narrow_the_list_and_a_wrong_range_is_said(qtbot, screen):
    screen.date_from.setDate(to_qdate(DAY))
    assert [r.label for r in screen.model.rows] == ["0002/KW/XI/2026"]
    screen.date_to.setDate(to_qdate(dt.date(2026, 11, 19)))
    assert screen.model.rowCount() == 0 and screen.status.kind == "error"
    assert screen.status.text() == "Tanggal awal lebih lambat dari tanggal akhir; tukar keduanya."
    assert not screen.cancel_button.isEnabled() and not screen.reprint_button.isEnabled()


def test_from_the_cashier_ctrl_k_shows_her_receipt(qtbot, members_book):
    win = MainWindow(members_book)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    cashier = win.cashier_view
    cashier.day.setDate(to_qdate(dt.date(2025, 3, 4)))      # long before the list's dates
    cashier.search.setFocus()
    keys(qtbot, "A-001", Qt.Key.Key_Return)
    keys(qtbot, "s3")
    keys(qtbot, "20.000", Qt.Key.Key_Return)
    assert "0001/KW/III/2025" in cashier.status.text()
    keys(qtbot, key=Qt.Key.Key_K, mods=Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.receipts_view
    assert win.receipts_view.selected().label == "0001/KW/III/2025"
    assert focused() is win.receipts_view.table
    win.show_page(0)
    cashier.receipts_button.click()                          # the button does the same
    assert win.tabs.currentWidget() is win.receipts_view
