"""Financing (pembiayaan): the contracts on the left, the chosen one's page on the right.

The list shows running contracts, or all (F3 toggles); typing in the search
filters by contract, member number or name, ↑↓ move, the page follows the
highlighted contract and Enter goes on to its first step (Tab to the others). Ctrl+N opens a new application (the wizard with its live
schedule). The steps of a contract are buttons on its page, with its papers: Ctrl+P
the akad summary, Ctrl+Shift+P the installment card. Ctrl+R prints the portfolio's
quality (collectibility, PAR30, NPF); "Form PPAP…" brings the allowance to what the
collectibility requires (for the roles that manage financing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from kasir.uow import Book
from ui import prefs
from ui.dialogs.allowance_dialog import AllowanceDialog
from ui.dialogs.application_dialog import ApplicationDialog
from ui.models.financing import CONTRACT_COLUMNS, ContractsModel
from ui.presenters.application_presenter import ApplicationPresenter
from ui.presenters.contracts_presenter import ContractsPresenter
from ui.presenters.outcome import Outcome
from ui.presenters.portfolio_presenter import PortfolioPresenter
from ui.presenters.sign_in_presenter import Access
from ui.user import current_actor
from ui.views.contract_page_view import ContractPageView
from ui.widgets.style import ENTER_KEYS
from ui.widgets.tables import fit_columns, table_view
from ui.widgets.viewer import open_file

MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}


class FinancingView(QWidget):
    posted = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.access = Access(book, current_actor())
        self.presenter = ContractsPresenter(book, current_actor(), self.access.may)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Find"), self))
        self.search = QLineEdit(self)
        self.search.setObjectName("contractSearch")
        self.search.setPlaceholderText(_("contract, member number or name"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._search)
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        self.all = QCheckBox(_("Show ended contracts too (F3)"), self)
        self.all.setObjectName("contractAll")
        self.all.toggled.connect(self._toggle_all)
        top.addWidget(self.all)
        self.new_button = QPushButton(_("New application… (Ctrl+N)"), self)
        self.new_button.setObjectName("newApplication")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_application)
        top.addWidget(self.new_button)
        self.portfolio_button = QPushButton(_("Portfolio quality (Ctrl+R)"), self)
        self.portfolio_button.setObjectName("printPortfolio")
        self.portfolio_button.setToolTip(_("Print the collectibility of the running contracts, "
                                           "PAR30 and NPF as of today."))
        self.portfolio_button.setAutoDefault(False)
        self.portfolio_button.clicked.connect(self.print_portfolio)
        top.addWidget(self.portfolio_button)
        self.allowance_button = QPushButton(_("Form PPAP…"), self)
        self.allowance_button.setObjectName("formAllowance")
        self.allowance_button.setAutoDefault(False)
        self.allowance_button.clicked.connect(self.form_allowance)
        top.addWidget(self.allowance_button)
        outer.addLayout(top)
        self.portfolio = PortfolioPresenter(book, current_actor())

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ContractsModel(CONTRACT_COLUMNS, parent=self)
        self.list = table_view(self.model, split, stretch_column=1)
        self.list.setObjectName("contractList")
        self.list.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show(current.row()))
        split.addWidget(self.list)
        self.page = ContractPageView(self.presenter, split)
        self.page.changed.connect(self._stepped)
        split.addWidget(self.page)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 6)
        split.setSizes([500, 780])
        outer.addWidget(split, 1)
        for sequence, slot in (("Ctrl+N", self.new_application),
                               ("F3", lambda: self.all.toggle()),
                               ("F2", self.search.setFocus),
                               ("Ctrl+P", self.page.print_akad),
                               ("Ctrl+Shift+P", self.page.print_card),
                               ("Ctrl+R", self.print_portfolio)):
            QShortcut(QKeySequence(sequence), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS:
            buttons = list(self.page.buttons.values())
            if buttons:  # on to the contract's first step (Tab to the others)
                buttons[0].setFocus()
            return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() in MOVES:
            count = self.model.rowCount()
            if count:
                row = self.list.currentIndex().row() + MOVES[Qt.Key(event.key())]
                self.select(max(0, min(count - 1, row)))
            return True
        return super().eventFilter(watched, event)

    # --- the list -------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        """The list read again; the contract shown stays when it is still listed."""
        current = keep or (self.presenter.page.row.number if self.presenter.page else None)
        self.presenter.day = self.book.clock.today()
        self.presenter.page = None  # read again: another page may have taken a payment
        rows = self.presenter.load()
        self.model.set_rows(rows)
        fit_columns(self.list, skip=1)
        numbers = [r.number for r in rows]
        if current in numbers:
            self.select(numbers.index(current))
        elif rows:
            self.select(0)
        else:
            self.presenter.page = None
            self.page.show_page()

    def select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.list.scrollTo(index)
        self._show(row)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.presenter.rows):
            return
        number = self.presenter.rows[row].number
        if self.presenter.page is not None and self.presenter.page.row.number == number:
            return
        problem = self.presenter.show(number)
        self.page.show_page()
        self.page.status.show_message(problem.text if problem else "",
                                      problem.kind if problem else "plain")

    def show_contract(self, number: str) -> None:
        self.all.setChecked(True)
        self.refresh(keep=number)

    def _search(self, text: str) -> None:
        self.presenter.search = text
        self.refresh()

    def _toggle_all(self, checked: bool) -> None:
        self.presenter.open_only = not checked
        self.refresh()

    def _stepped(self, text: str) -> None:
        self.refresh()
        self.page.status.show_message(text, "ok")
        self.posted.emit(text)

    # --- a new application ---------------------------------------------------------
    def new_application(self) -> None:
        presenter = ApplicationPresenter(self.book, current_actor())
        number = ApplicationDialog.ask(presenter, self)
        if number:
            self.show_contract(number)
            self.posted.emit(_("Application {contract} recorded.").format(contract=number))

    # --- the portfolio --------------------------------------------------------------
    def print_portfolio(self) -> bool:
        """Ctrl+R: the portfolio-quality paper as of today, opened."""
        path = self.portfolio.paper(prefs.papers_folder())
        if isinstance(path, Outcome):
            self.page.status.show_message(path.text, path.kind)
            return False
        if not open_file(path):
            self.page.status.show_message(_("No program could open {path}. Open it from the "
                                            "folder.").format(path=path), "error")
            return False
        self.page.status.show_message(_("Portfolio quality written: {path}").format(path=path),
                                      "ok")
        return True

    def form_allowance(self) -> Outcome | None:
        """The PPAP dialog, then the allowance posted on the day chosen."""
        day = AllowanceDialog.ask(self.portfolio, self)
        if day is None:
            return None
        outcome = self.portfolio.post_allowance(day)
        self.page.status.show_message(outcome.text, outcome.kind)
        if outcome.ok:
            self.posted.emit(outcome.text)
        return outcome
