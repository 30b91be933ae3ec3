"""The member register (anggota): find, filter, add, and open a member's page.

The search runs in the book (by number or any part of the name) and the table
shows at most ``LIMIT`` rows, so it stays quick with thousands of members;
typing more narrows it. Enter or a double click opens her page; Esc comes back.
"""

from __future__ import annotations

import datetime as dt

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
from kasir.members import service as members
from kasir.members.rules import MemberInput
from kasir.savings import service as savings
from ledger.money import ZERO
from ui.dialogs.member_dialog import MemberDialog
from ui.models.labels import MEMBER_STATUS
from ui.models.members import MembersModel
from ui.user import current_actor
from ui.views.member_page_view import MemberPageView
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS
from ui.widgets.tables import fit_columns, table_view

LIMIT = 200


class MembersView(QStackedWidget):
    to_cashier = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
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
        self.status_filter.addItem(_("all"), None)
        for code, title in MEMBER_STATUS.items():
            self.status_filter.addItem(_(title), code)
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
        self.group.addItem(_("all"), None)
        for g in members.groups(self.book):
            self.group.addItem(f"{g.code} {g.name}", g.code)
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.group.blockSignals(False)
        self.search()
        if self.currentWidget() is self.member_page:
            self.member_page.refresh()

    def search(self) -> None:
        rows = members.find_members(self.book, self.find.text(), group=self.group.currentData(),
                                 status=self.status_filter.currentData(), limit=LIMIT + 1)
        more = len(rows) > LIMIT
        self.model.set_rows(rows[:LIMIT])
        fit_columns(self.table, skip=1)
        self._select(0)
        if more:
            self.count.setText(_("The first {count} members are shown; type more of the name "
                                 "or number to narrow.").format(count=LIMIT))
        else:
            self.count.setText(_("{count} members").format(count=len(rows)))

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

    def new_member(self) -> bool:
        wajib = next((p.default_amount for p in savings.products(self.book) if p.code == "wajib"),
                     ZERO)
        suggested = MemberInput(members.next_member_number(self.book), "", dt.date.today(),
                                wajib_amount=wajib)
        saved = MemberDialog.ask(members.groups(self.book),
                                 lambda m: members.create_member(self.book, current_actor(), m), suggested,
                                 False, self)
        if saved is None:
            return False
        self.status.show_message(_("{name} ({number}) was added.").format(
            name=" ".join(saved.name.split()), number=saved.number), "ok")
        self.find.setText(saved.number)
        self.search()
        return True
