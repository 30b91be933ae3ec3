"""Asking why a receipt is cancelled, and on what date.

Cancelling never deletes the receipt: its operation is reversed by a new
entry carrying the reason, and the receipt prints "DIBATALKAN" from then on.
The reason is required (the auditor reads it). The date offered is the
caller's (the book's today, from the receipts presenter): the dialog never reads
the computer's clock. ``ask`` is the seam tests patch instead of driving the
modal dialog.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kasir.i18n import _
from ui.dialogs.buttons import button_box
from ui.widgets.dates import date_edit, to_date


class CancelReceiptDialog(QDialog):
    def __init__(self, parent: QWidget | None, receipt: str, about: str,
                 day: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Cancel receipt {receipt}").format(receipt=receipt))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The money of this receipt is taken back by a reversing entry. The "
                         "receipt keeps its number and prints as CANCELLED; the reason stays "
                         "in the books."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if about:
            shown = QLabel(f"<b>{about}</b>", self)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(400)
        self.reason.setPlaceholderText(_("e.g. Typed 50.000 instead of 5.000"))
        self.day = date_edit(day, self)
        form.addRow(_("Reason (required)"), self.reason)
        form.addRow(_("Date of the cancellation"), self.day)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Cancel the receipt"), _("Keep it"))
        layout.addWidget(box)
        self.accept_button.setEnabled(False)
        for changed in (self.reason.textChanged, self.day.validityChanged):
            changed.connect(lambda _x: self.accept_button.setEnabled(
                bool(self.reason.text().strip()) and self.day.problem() is None))

    def answer(self) -> tuple[str, dt.date]:
        return self.reason.text().strip(), to_date(self.day.date())

    @classmethod
    def ask(cls, parent: QWidget | None, receipt: str, about: str,
            day: dt.date) -> tuple[str, dt.date] | None:
        """(reason, date) when the user confirms, None when they keep the receipt."""
        dialog = cls(parent, receipt, about, day)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None

