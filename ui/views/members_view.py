"""The member register (anggota): find, filter, add, and open a member's page.

The search runs in the book (by number or any part of the name) and the table
shows at most ``members_presenter.LIMIT`` rows, so it stays quick with thousands
of members; typing more narrows it. Enter or a double click opens her page; Esc
comes back. The presenter makes the calls; this page only draws and forwards.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from ui.dialogs.member_dialog import MemberDialog
from ui.models.members import MembersModel
from ui.presenters.members_presenter import MembersPresenter, status_choices
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.views.member_page_view import MemberPageView
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS
from ui.widgets.tables import fit_columns, table_view


class MembersView(QStackedWidget):
    to_cashier = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = MembersPresenter(book, current_actor())
        self.list_page = QWidget(self)
        self._build_list(self.list_page)
        self.addWidget(self.list_page)
        self.member_page = MemberPageView(book, self)
        self.member_page.back.connect(self.show_list)
        self.member_page.to_cashier.connect(self.to_cashier.emit)
        self.member_page.changed.connect(self.search)
        self.addWidget(self.member_page)
        self.refresh()

    def _build_list(self, page: QWidget) -> None:
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Find member"), page))
        self.find = QLineEdit(page)
        self.find.setObjectName("membersSearch")
        self.find.setPlaceholderText(_("number or part of the name"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(lambda _t: self.search())
        self.find.installEventFilter(self)
        bar.addWidget(self.find, 1)
        bar.addWidget(QLabel(_("Group"), page))
        self.group = QComboBox(page)
        self.group.setObjectName("membersGroup")
        self.group.setMinimumContentsLength(12)
        self.group.currentIndexChanged.connect(lambda _i: self.search())
        bar.addWidget(self.group)
        bar.addWidget(QLabel(_("Status"), page))
        self.status_filter = QComboBox(page)
        for title, code in status_choices():
            self.status_filter.addItem(title, code)
        self.status_filter.setCurrentIndex(1)  # active members: the ones she works with
        self.status_filter.currentIndexChanged.connect(lambda _i: self.search())
        bar.addWidget(self.status_filter)
        self.new_button = QPushButton(_("New member… (Ctrl+N)"), page)
        self.new_button.setObjectName("newMember")
        self.new_button.clicked.connect(self.new_member)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.model = MembersModel(self)
        self.table = table_view(self.model, page, stretch_column=1)
        self.table.setObjectName("membersTable")
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)
        self.count = QLabel(page)
        self.count.setObjectName("membersCount")
        self.count.setStyleSheet("color: #455a64;")
        layout.addWidget(self.count)
        self.status = StatusLabel(page)
        layout.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+N"), page, self.new_member,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- keys: the search field moves in the table, Enter opens -----------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in ENTER_KEYS and watched in (self.find, self.table):
                self.open_row(self.table.currentIndex().row())
                return True
            if watched is self.find and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.table.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                self._select(max(0, min(self.model.rowCount() - 1, row)))
                return True
        return super().eventFilter(watched, event)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    # --- content ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Groups may have been added in the settings; members at the cashier."""
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        for title, code in self.presenter.group_choices():
            self.group.addItem(title, code)
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.group.blockSignals(False)
        self.search()
        if self.currentWidget() is self.member_page:
            self.member_page.refresh()

    def search(self) -> None:
        rows = self.presenter.search(self.find.text(), self.group.currentData(),
                                     self.status_filter.currentData())
        self.model.set_rows(rows)
        fit_columns(self.table, skip=1)
        self._select(0)
        self.count.setText(self.presenter.count_text())

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_member(self.model.row(row).number)

    def open_member(self, number: str) -> None:
        if self.member_page.show_member(number):
            self.setCurrentWidget(self.member_page)

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_page)
        self.find.setFocus()
        self.find.selectAll()

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def new_member(self) -> bool:
        """The dialog saves through the presenter and stays open on a refusal."""
        saved = MemberDialog.ask(self.presenter.groups(), self.presenter.create,
                                 self.presenter.suggestion(), False, self)
        if saved is None:
            return False
        self._show(self.presenter.added(saved))
        self.find.setText(saved.number)
        self.search()
        return True
