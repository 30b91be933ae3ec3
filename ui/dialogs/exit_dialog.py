"""Confirming that a member leaves: every balance she is paid out, and how.

A member's exit cannot be undone from the cashier screen, so it is the one
operation that asks first. The dialog lists each savings balance and the total
that leaves the cash box (or the bank). Cancel is the default button: the Enter
that opened the dialog, pressed once more, must not pay everything out; paying
out takes its own button. ``ask`` is the seam tests patch.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from kasir.numbers import format_date_long, format_rupiah
from kasir.savings.queries import MemberPage
from ui.dialogs.buttons import button_box
from ui.presenters.cashier_presenter import CHANNELS, product_name


class ExitDialog(QDialog):
    def __init__(self, page: MemberPage, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Member exit"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("{name} ({number}) leaves the cooperative on {date}. She is paid out "
                         "every balance below; her status becomes “left”.").format(
            name=page.name, number=page.number, date=format_date_long(day)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, account in enumerate(page.accounts):
            grid.addWidget(QLabel(product_name(account), self), row, 0)
            amount = QLabel(format_rupiah(account.balance), self)
            amount.setAlignment(right)
            grid.addWidget(amount, row, 1)
        total_title = QLabel(_("Total paid out"), self)
        self.total = QLabel(format_rupiah(page.total), self)
        self.total.setAlignment(right)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        for label in (total_title, self.total):
            label.setFont(bold)
        grid.addWidget(total_title, len(page.accounts), 0)
        grid.addWidget(self.total, len(page.accounts), 1)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        if page.detail.financing_outstanding.is_positive():
            owed = QLabel(_("She still owes {amount} in financing: the exit will be refused "
                            "until it is settled.").format(
                amount=format_rupiah(page.detail.financing_outstanding)), self)
            owed.setWordWrap(True)
            owed.setStyleSheet("color: #b71c1c;")
            layout.addWidget(owed)
        form = QFormLayout()
        self.channel = QComboBox(self)
        for code, title in CHANNELS.items():
            self.channel.addItem(_(title), code)
        form.addRow(_("Paid from"), self.channel)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Pay out and record the exit"))
        self.cancel_button = next(b for b in box.buttons()
                                  if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setDefault(False)  # Enter pays out only on the button itself
        self.cancel_button.setDefault(True)
        layout.addWidget(box)
        self.cancel_button.setFocus()

    def answer(self) -> str:
        return str(self.channel.currentData())

    @classmethod
    def ask(cls, page: MemberPage, day: dt.date, parent: QWidget | None = None) -> str | None:
        """"cash" or "bank" when the treasurer confirms, None when she cancels."""
        dialog = cls(page, day, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None
