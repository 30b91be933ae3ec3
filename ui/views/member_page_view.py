"""One member's page: her details, every savings account, its history, what is due.

Choosing an account shows its movements as in her passbook (date, code,
debit, credit, balance, receipt). "Print passbook" writes the chosen account's
passbook as a PDF (A5 passbook size or A4) and opens it in the system viewer.
The presenter (``MemberPagePresenter``) reads her page and saves; this page draws.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.savings.queries import History, MemberPage, SavingsAccount
from ledger.errors import N_
from ui import prefs
from ui.dialogs.member_dialog import MemberDialog
from ui.models.members import HistoryModel
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.cashier_presenter import product_name
from ui.presenters.members_presenter import PASSBOOK_SIZES, MemberPagePresenter
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.member_card import MemberCard
from ui.widgets.messages import confirm
from ui.widgets.status import StatusLabel
from ui.widgets.tables import fit_columns, fit_height, table_view
from ui.widgets.viewer import open_file

ACCOUNT_COLUMNS: list[Column[SavingsAccount]] = [
    Column(N_("Savings"), product_name),
    Column(N_("Account"), lambda a: a.account_code),
    Column(N_("Balance"), lambda a: format_rupiah(a.balance), RIGHT),
]


class MemberPageView(QWidget):
    back = Signal()
    to_cashier = Signal(str)  # member number
    changed = Signal()  # her details were edited

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = MemberPagePresenter(book, current_actor())
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.back_button = QPushButton("← " + _("Back to the list (Esc)"), self)
        self.back_button.clicked.connect(self.back.emit)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.edit_button = QPushButton(_("Change details…"), self)
        self.edit_button.clicked.connect(self.edit)
        bar.addWidget(self.edit_button)
        self.cashier_button = QPushButton(_("To the cashier (F5)"), self)
        self.cashier_button.clicked.connect(self._to_cashier)
        bar.addWidget(self.cashier_button)
        self.share_button = QPushButton(self)  # only for a profit share waiting for her
        self.share_button.setObjectName("payShare")
        self.share_button.clicked.connect(self.pay_out_share)
        self.share_button.hide()
        bar.addWidget(self.share_button)
        layout.addLayout(bar)

        self.card = MemberCard(self, tiles=False)  # the accounts table shows the balances
        layout.addWidget(self.card)

        middle = QHBoxLayout()
        details = QGroupBox(_("Details"), self)
        self.details = QFormLayout(details)
        self.details.setVerticalSpacing(2)
        self.detail_labels: dict[str, QLabel] = {}
        for key, title in (("nik", _("NIK")), ("gender", _("Gender")),
                           ("address", _("Address")), ("phone", _("Phone")),
                           ("joined", _("Joined on")), ("wajib", _("Simpanan wajib")),
                           ("due", _("Due"))):
            value = QLabel(details)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(title, value)
            self.detail_labels[key] = value
        middle.addWidget(details, 3)
        accounts_box = QGroupBox(_("Savings accounts"), self)
        accounts_layout = QVBoxLayout(accounts_box)
        self.accounts = RowsModel(ACCOUNT_COLUMNS, [], self)
        self.accounts_table = table_view(self.accounts, accounts_box, stretch_column=0)
        self.accounts_table.setObjectName("memberAccounts")
        self.accounts_table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_history(current.row()))
        accounts_layout.addWidget(self.accounts_table)
        printing = QHBoxLayout()
        self.size = QComboBox(accounts_box)
        for size in PASSBOOK_SIZES:
            self.size.addItem(size, size)
        self.print_button = QPushButton(_("Print passbook (Ctrl+P)"), accounts_box)
        self.print_button.setObjectName("printPassbook")
        self.print_button.clicked.connect(self.print_passbook)
        printing.addWidget(QLabel(_("Paper"), accounts_box))
        printing.addWidget(self.size)
        printing.addStretch(1)
        printing.addWidget(self.print_button)
        accounts_layout.addLayout(printing)
        middle.addWidget(accounts_box, 4)

        layout.addLayout(middle)
        self.history_title = QLabel(self)
        self.history_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.history_title)
        self.history_model = HistoryModel(self)
        self.history_table = table_view(self.history_model, self, stretch_column=6)
        self.history_table.setObjectName("memberHistory")
        self.history_table.setMinimumHeight(self.history_table.verticalHeader()
                                            .defaultSectionSize() * 4)
        layout.addWidget(self.history_table, 1)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Escape"), self, self.back.emit, context=ctx)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_passbook, context=ctx)
        QShortcut(QKeySequence("F5"), self, self._to_cashier, context=ctx)

    # --- showing ----------------------------------------------------------------------
    @property
    def page(self) -> MemberPage | None:
        return self.presenter.page

    @property
    def history(self) -> History | None:
        return self.presenter.history

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def show_member(self, number: str, product: str | None = None) -> bool:
        problem = self.presenter.load(number)
        if problem is not None:
            self._show(problem)
            return False
        page = self.presenter.page
        assert page is not None
        self.card.show_page(page)
        owed = self.presenter.share_owed()
        self.share_button.setText(_("Pay out her profit share ({amount})…").format(
            amount=format_rupiah(owed)))
        self.share_button.setVisible(owed.is_positive())
        for key, value in self.presenter.details().items():
            self.detail_labels[key].setText(value)
        keep = product or self.current_product()
        self.accounts.set_rows(list(page.accounts))
        fit_columns(self.accounts_table, skip=0)
        fit_height(self.accounts_table)
        row = self.presenter.account_row(keep)
        self.status.show_message("", "plain")
        if page.accounts:
            self.accounts_table.selectionModel().setCurrentIndex(
                self.accounts.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.show_history(row)
        self.accounts_table.setFocus()
        return True

    def current_product(self) -> str | None:
        row = self.accounts_table.currentIndex().row()
        return self.accounts.row(row).product if 0 <= row < self.accounts.rowCount() else None

    def show_history(self, row: int) -> None:
        if self.page is None or not 0 <= row < self.accounts.rowCount():
            return
        account: SavingsAccount = self.accounts.row(row)
        problem = self.presenter.load_history(account.product)
        if problem is not None:
            self._show(problem)
            return
        rows = self.history.rows if self.history is not None else []
        self.history_model.set_rows(rows)
        fit_columns(self.history_table, skip=6)
        self.history_title.setText(self.presenter.history_title(account))
        if rows:  # the latest movements are the ones she asks about
            QTimer.singleShot(0, self.history_table.scrollToBottom)

    def refresh(self) -> None:
        if self.page is not None:
            self.show_member(self.page.number)

    # --- actions ------------------------------------------------------------------------
    def print_passbook(self) -> bool:
        product = self.current_product()
        if self.page is None or product is None:
            return False
        path = self.presenter.passbook(product, prefs.papers_folder(),
                                       str(self.size.currentData()))
        if isinstance(path, Outcome):
            self._show(path)
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        self.status.show_message(_("Passbook written: {path}").format(path=path), "ok")
        return True

    def pay_out_share(self) -> bool:
        """The profit share that waited for a member who left, in cash, after one question."""
        if not confirm(self, _("Pay out the profit share"), self.presenter.share_question(),
                       _("Pay out"), _("Cancel")):
            return False
        outcome = self.presenter.pay_out_share(prefs.papers_folder())
        if self.page is not None:
            self.show_member(self.page.number)
        self._show(outcome)
        return outcome.ok

    def edit(self) -> bool:
        """The dialog saves through the presenter; her number cannot change."""
        initial = self.presenter.edit_initial()
        if initial is None:
            return False
        saved = MemberDialog.ask(self.presenter.groups(), self.presenter.update, initial, True,
                                 self)
        if saved is None:
            return False
        self.show_member(initial.number)
        self._show(self.presenter.edited(saved))
        self.changed.emit()
        return True

    def _to_cashier(self) -> None:
        if self.page is not None:
            self.to_cashier.emit(self.page.number)
