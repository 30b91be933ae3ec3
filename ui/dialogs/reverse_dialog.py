"""Asking why, and when, a posted entry is reversed.

A posted entry is never edited or deleted: it is undone by its mirror image,
and the reason stays in the books for the auditor. ``ask`` is the seam tests
patch instead of driving the modal dialog. The date offered first is the
caller's (its book's clock), so a book on a fixed clock proposes its own today.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kasir.i18n import _
from ui.dialogs.buttons import button_box
from ui.widgets.dates import date_edit, to_date


class ReverseDialog(QDialog):
    def __init__(self, parent: QWidget | None, entry_label: str, memo: str,
                 day: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reverse entry {number}").format(number=entry_label))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Reversing posts a new entry with debit and credit swapped. The entry "
                         "{number} stays in the books, marked as reversed.")
                       .format(number=entry_label), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if memo:
            shown = QLabel(f"<b>{entry_label}</b> — {memo}", self)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("e.g. Wrong account: it was stationery"))
        self.day = date_edit(day, self)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_("Date of the reversal"), self.day)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Reverse"))
        layout.addWidget(box)
        self.accept_button.setEnabled(False)
        for changed in (self.reason.textChanged, self.day.validityChanged):
            changed.connect(lambda _x: self.accept_button.setEnabled(
                bool(self.reason.text().strip()) and self.day.problem() is None))

    def answer(self) -> tuple[str, dt.date]:
        return self.reason.text().strip(), to_date(self.day.date())

    @classmethod
    def ask(cls, parent: QWidget | None, entry_label: str, memo: str,
            day: dt.date) -> tuple[str, dt.date] | None:
        """(reason, date) when the user confirms, None when they cancel; ``day`` is the
        date offered (the book's today)."""
        dialog = cls(parent, entry_label, memo, day)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None
