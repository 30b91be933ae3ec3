"""The group meeting driven from the keyboard only: ten members, their savings and
installments typed, Tab/Enter between the cells, Ctrl+Enter to post; the book's numbers
read back through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from factories import rp
from kasir.financing import service as financing
from kasir.receipts import service as receipts
from kasir.savings import service as savings
from ledger.money import ZERO
from meeting_books import GROUP, MEETING, MEMBERS, build_meeting_book
from ui.views.meeting_view import MeetingView


@pytest.fixture
def meeting(qtbot, book):
    contracts = build_meeting_book(book)
    view = MeetingView(book)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    assert view.group.currentData() == GROUP and view.day.day() == MEETING
    return view, contracts


def focused():
    return QApplication.focusWidget()


def type_cell(qtbot, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type into the open cell (its text selected: replaced), then move on."""
    editor = focused()
    assert isinstance(editor, QLineEdit), editor
    if text:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)


def wajib(book, member: str):
    account = savings.member_page(book, member, MEETING).account("wajib")
    return account.balance if account else ZERO


def outstanding(book, number: str):
    return financing.contract_page(book, number, MEETING).row.outstanding


def test_a_ten_member_meeting_posted_from_the_keyboard(qtbot, meeting, book):
    view, contracts = meeting
    assert [r.sheet.member for r in view.presenter.rows] == list(MEMBERS)
    assert view.grid.start()
    # M-01..M-05 pay savings and this week's installment; M-02's one cell covers her
    # murabahah and her qard; M-03's installment is paid by M-08 (tanggung renteng)
    for member in MEMBERS[:6]:
        row = MEMBERS.index(member)
        assert view.grid.currentIndex().row() == row
        type_cell(qtbot, "5.000")  # savings paid, Enter: on to her installment
        if member == "M-03":
            type_cell(qtbot, "110.000", Qt.Key.Key_Tab)  # Tab: on to "paid by"
            type_cell(qtbot, "M-08", Qt.Key.Key_Tab)
        elif member == "M-06":  # in arrears: pays last week's and this week's
            type_cell(qtbot, "220.000")
        else:
            type_cell(qtbot, "160.000" if member == "M-02" else "110.000")
    for member in MEMBERS[6:]:  # no contracts: Enter goes from savings to savings
        assert view.grid.currentIndex().row() == MEMBERS.index(member)
        type_cell(qtbot, "10.000" if member == "M-07" else "5.000")
    assert focused() is view.cash  # past the last cell: the cash handed over
    totals = view.presenter.totals()
    assert (totals.savings, totals.installments) == (rp(55_000), rp(820_000))
    qtbot.keyClicks(view.cash, "875.000")
    assert "cocok" in view.difference.text() or "matches" in view.difference.text()
    with qtbot.waitSignal(view.posted, timeout=2000):
        qtbot.keyClick(view.cash, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.status.kind == "ok"
    # the book's numbers, through the services
    assert [wajib(book, m) for m in MEMBERS] == [rp(5_000)] * 6 + [rp(10_000)] + [rp(5_000)] * 3
    mrb = {m: contracts[m][0] for m in contracts}
    assert outstanding(book, mrb["M-01"]) == rp(880_000)  # 1.100.000 less two installments
    assert outstanding(book, mrb["M-02"]) == rp(880_000)
    assert outstanding(book, contracts["M-02"][1]) == rp(400_000)  # the qard
    assert outstanding(book, mrb["M-06"]) == rp(880_000)
    page = financing.contract_page(book, mrb["M-03"], MEETING)
    assert page.row.outstanding == rp(880_000)
    assert page.events[-1].payer == "M-08"
    todays = receipts.receipts(book, MEETING, MEETING)
    assert len(todays) == 10 + 7  # ten savings deposits, seven installments
    assert str(len(todays)) in view.status.text()
    # the sheet is read again: this week's installments are paid, her arrears too
    assert view.presenter.rows[0].sheet.installment_due == ZERO
    assert view.presenter.rows[5].sheet.arrears == ZERO
    assert all(not v for r in view.presenter.rows for v in r.typed.values())


def test_f5_fills_what_is_due_and_a_wrong_cash_posts_nothing(qtbot, meeting, book):
    view, contracts = meeting
    view.grid.start()
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert view.presenter.totals().total == rp(870_000)
    assert focused() is not view.cash and isinstance(focused(), QLineEdit)
    assert focused().text() == "5.000"  # the open cell shows what was filled in
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.status.kind == "hint"  # Ctrl+Enter from a cell: the cash is asked for
    view.cash.setFocus()
    qtbot.keyClicks(view.cash, "860.000")
    qtbot.keyClick(view.cash, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.status.kind == "error"
    assert receipts.receipts(book, MEETING, MEETING) == []
    assert wajib(book, "M-01") == ZERO


def test_a_wrong_cell_is_red_and_refused_whole(qtbot, meeting, book):
    view, contracts = meeting
    view.grid.start()
    type_cell(qtbot, "5.00x")
    index = view.model.index(0, 5)
    assert view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    view.cash.setFocus()
    qtbot.keyClicks(view.cash, "5.000")
    qtbot.keyClick(view.cash, Qt.Key.Key_Return)  # Enter in the cash posts too
    assert view.status.kind == "error" and "M-01" in view.status.text()
    assert receipts.receipts(book, MEETING, MEETING) == []
