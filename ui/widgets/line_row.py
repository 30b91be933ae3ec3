"""The widgets of one line of the journal entry form.

A line is a row of plain text fields (account, debit, credit, member, note)
rather than cells of a table view: every field is a real ``QLineEdit``, so Tab,
Enter, typing and completion behave as everywhere else in Windows, and a
treasurer never has to "open" a cell before typing into it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QToolButton, QWidget

from kasir.i18n import _
from ui.presenters.entry_presenter import RowInput

ERROR_STYLE = "QLineEdit { background: #fdecea; border: 1px solid #c62828; }"


def _completer(model: QAbstractItemModel, parent: QWidget) -> QCompleter:
    """Suggestions that match any part of "code name", in any case."""
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer


class LineRow:
    """One line's fields; the form owns the layout and the keyboard rules."""

    def __init__(self, parent: QWidget, accounts: QAbstractItemModel,
                 members: QAbstractItemModel) -> None:
        self.number = QLabel(parent)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.account = QLineEdit(parent)
        self.account.setPlaceholderText(_("code or name"))
        self.account.setCompleter(_completer(accounts, self.account))
        self.debit = QLineEdit(parent)
        self.credit = QLineEdit(parent)
        for amount in (self.debit, self.credit):
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.member = QLineEdit(parent)
        self.member.setPlaceholderText(_("optional"))
        self.member.setCompleter(_completer(members, self.member))
        self.memo = QLineEdit(parent)
        self.memo.setPlaceholderText(_("optional"))
        self.remove = QToolButton(parent)
        self.remove.setText("✕")
        self.remove.setToolTip(_("Remove this line (Ctrl+Delete)"))
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.setAutoRaise(True)

    def fields(self) -> list[QLineEdit]:
        """The typing fields, in Tab order."""
        return [self.account, self.debit, self.credit, self.member, self.memo]

    def field(self, name: str) -> QLineEdit:
        return getattr(self, name)  # type: ignore[no-any-return]

    def widgets(self) -> list[QWidget]:
        return [self.number, *self.fields(), self.remove]

    def read(self) -> RowInput:
        return RowInput(self.account.text(), self.debit.text(), self.credit.text(),
                        self.member.text(), self.memo.text())

    def write(self, row: RowInput) -> None:
        for name in ("account", "debit", "credit", "member", "memo"):
            self.field(name).setText(getattr(row, name))

    def mark(self, name: str, problem: str | None) -> None:
        """Red cell with the problem as its tooltip, or back to normal."""
        edit = self.field(name)
        edit.setStyleSheet(ERROR_STYLE if problem else "")
        edit.setToolTip(problem or "")

    def hide_popups(self) -> bool:
        """Close an open suggestion list; True when one was open."""
        closed = False
        for edit in (self.account, self.member):
            completer = edit.completer()
            if completer is not None and completer.popup().isVisible():
                completer.popup().hide()
                closed = True
        return closed

    def dispose(self) -> None:
        for widget in self.widgets():
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
