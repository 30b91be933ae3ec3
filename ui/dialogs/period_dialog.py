"""Closing a month, and reopening one with a reason.

Closing locks a month: nothing can be posted in it any more, so the report
given to the members' meeting cannot change behind it. Reopening is allowed
for late corrections but needs a reason, which stays in the period log.
The dialogs only ask; :mod:`ui.presenters.period_presenter` makes the calls,
and names the months (``month_name`` is kept importable from here).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from ui.dialogs.buttons import button_box
from ui.presenters.period_presenter import month_name, previous_month

__all__ = ["ClosingSheetDialog", "CloseMonthDialog", "ReopenMonthDialog", "month_name",
           "previous_month"]


class CloseMonthDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close a month"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("After closing, nothing can be posted in that month. It can be reopened "
                         "later, with a reason."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        year, month = previous_month(today)
        form = QFormLayout()
        self.month = QComboBox(self)
        for m in range(1, 13):
            self.month.addItem(month_name(m), m)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2099)
        self.year.setValue(year)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("optional"))
        form.addRow(_("Month"), self.month)
        form.addRow(_("Year"), self.year)
        form.addRow(_("Note"), self.note)
        layout.addLayout(form)
        box, _accept = button_box(self, _("Close the month"))
        layout.addWidget(box)

    def answer(self) -> tuple[int, int, str]:
        return self.year.value(), int(self.month.currentData()), self.note.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, today: dt.date) -> tuple[int, int, str] | None:
        """(year, month, note) when confirmed, None when cancelled; the month offered is
        the one before ``today`` (the caller's book's day)."""
        dialog = cls(parent, today)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None


class ClosingSheetDialog(QDialog):
    """Which month's closing sheet (berita acara tutup buku) to print."""

    def __init__(self, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print a closing sheet"))
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The month's figures, its trial balance and the seal of the book, "
                         "for the treasurer, the chair and the auditor to sign."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        year, month = previous_month(today)
        form = QFormLayout()
        self.month = QComboBox(self)
        for m in range(1, 13):
            self.month.addItem(month_name(m), m)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2099)
        self.year.setValue(year)
        form.addRow(_("Month"), self.month)
        form.addRow(_("Year"), self.year)
        layout.addLayout(form)
        box, _accept = button_box(self, _("Print"))
        layout.addWidget(box)

    @classmethod
    def ask(cls, parent: QWidget | None, today: dt.date) -> tuple[int, int] | None:
        dialog = cls(parent, today)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.year.value(), int(dialog.month.currentData())
        return None


class ReopenMonthDialog(QDialog):
    def __init__(self, closed: list[tuple[int, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reopen a month"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Reopen a closed month only to correct it. The reason is kept in the "
                         "books for the auditor."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.period = QComboBox(self)
        for year, month in reversed(closed):
            self.period.addItem(f"{month_name(month)} {year}", (year, month))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("e.g. A deposit of 3 March was forgotten"))
        form.addRow(_("Month"), self.period)
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        box, self.accept_button = button_box(self, _("Reopen the month"))
        layout.addWidget(box)
        self.accept_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda text: self.accept_button.setEnabled(bool(text.strip())))

    def answer(self) -> tuple[int, int, str]:
        year, month = self.period.currentData()
        return int(year), int(month), self.reason.text().strip()

    @classmethod
    def ask(cls, closed: list[tuple[int, int]],
            parent: QWidget | None = None) -> tuple[int, int, str] | None:
        """(year, month, reason) when confirmed, None when cancelled."""
        dialog = cls(closed, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.answer()
        return None
