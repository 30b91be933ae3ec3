"""An installment at the cashier's desk from the keyboard: the member, the installment
key, her contract's number key, the amount offered, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import rp
from kasir.financing import service as financing
from kasir.i18n import _
from meeting_books import MEETING, build_meeting_book
from ui.presenters.cashier_presenter import INSTALLMENT, OPERATION_LABELS, key_of
from ui.views.cashier_view import CashierView


def test_an_installment_taken_from_the_keyboard(qtbot, book):
    contracts = build_meeting_book(book)
    view = CashierView(book)
    qtbot.addWidget(view)
    view.resize(1024, 560)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.search.setFocus()
    qtbot.keyClicks(view.search, "M-06")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.page is not None and view.page.number == "M-06"
    qtbot.keyClicks(view.pad, key_of(_(OPERATION_LABELS[INSTALLMENT])))  # A, Angsuran
    assert [b.text() for b in view.pad.product_buttons] == ["1  MRB000006 mesin jahit"]
    qtbot.keyClicks(view.pad, "1")
    assert QApplication.focusWidget() in (view.amount, None)  # None: no active window
    assert view.amount.text() == "220.000"  # last week's and this week's
    qtbot.keyClick(view.amount, Qt.Key.Key_Return)
    assert view.status.kind == "ok", view.status.text()
    assert financing.contract_page(book, contracts["M-06"][0], MEETING).row.outstanding \
        == rp(880_000)
    assert view.receipt_label.text()  # its receipt, to print
    assert [b.text() for b in view.pad.product_buttons][0].endswith("Pokok") or \
        len(view.pad.product_buttons) == 4  # the pad back on her savings
