"""The cashier screen (kasir): one member after another, from the keyboard.

1. The cursor waits in the search field: a member number or part of a name
   lists the matches, and the card of the highlighted one shows at once
   (Up/Down to move, Enter to take her; the exact number is always first, so
   typing it and Enter takes her).
2. Her card shows her balances and what is due, and the operation pad takes
   the focus: a letter picks the operation (S Setor, T Tarik, P Pindah buku,
   K Keluar), a number the savings product (1 Pokok ... 4 Mudharabah).
3. The amount is typed the Indonesian way (``250.000``; ``50,000`` is refused with
   "did you mean 50.000?") and shown in words under it; for simpanan wajib the
   arrears are offered. Enter posts; above the book's threshold it asks once first.
4. The receipt number shows, her balances are read again, the receipt PDF is
   written (Documents/Kasir/Kuitansi) and can be opened with Ctrl+P; the cursor
   is back in the search field for the next member. Ctrl+K opens the receipts
   list (to print one again or cancel it).

Esc clears everything. A refusal (beyond the balance, capital withdrawn, a
member who still owes financing leaving...) is shown on the screen, in the
user's language, and nothing changes. Each prepared operation carries a key,
so a double Enter posts once. The presenter (``CashierDesk``) makes the calls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.savings.service import MemberPage
from ui import prefs
from ui.dialogs.exit_dialog import ExitDialog
from ui.models.members import MembersModel
from ui.presenters.cashier_desk import CashierDesk
from ui.presenters.cashier_presenter import EXIT, CashierForm
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.cashier_rows import AmountRow, ReceiptRow, SearchRow
from ui.widgets.member_card import MemberCard
from ui.widgets.messages import confirm
from ui.widgets.operation_pad import OperationPad
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, POST_STYLE
from ui.widgets.tables import table_view
from ui.widgets.viewer import open_file

SEARCH_LIMIT = 50
MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


class CashierView(QWidget):
    """Deposits, withdrawals, transfers and exits for one member at a time."""

    posted = Signal(str)  # one line for the window's status bar
    to_receipts = Signal(int)  # the receipts list, with this receipt highlighted (0: none)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = CashierDesk(book, current_actor(), SEARCH_LIMIT)
        self._build()
        self.search_members("")
        self._show_state()

    # the presenter's state under the names the window and the tests use
    @property
    def page(self) -> MemberPage | None:
        return self.presenter.page

    @property
    def form(self) -> CashierForm:
        return self.presenter.form

    @form.setter
    def form(self, form: CashierForm) -> None:
        self.presenter.form = form

    @property
    def key(self) -> str:
        return self.presenter.key

    @key.setter
    def key(self, key: str) -> None:
        self.presenter.key = key

    # --- building ---------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        top = SearchRow(big, self.presenter.day, self)
        self.search, self.day, self.receipts_button = top.search, top.day, top.receipts_button
        self.search.textEdited.connect(self.search_members)
        self.day.textChanged.connect(self._day_typed)  # every keystroke: kept, never guessed
        self.receipts_button.clicked.connect(self.open_receipts)
        outer.addWidget(top)

        body = QHBoxLayout()
        self.matches = MembersModel(self, columns=3)
        self.results = table_view(self.matches, self, stretch_column=1)
        self.results.setObjectName("cashierMatches")
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.setMinimumWidth(250)
        self.results.setMaximumWidth(380)
        self.results.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.results.doubleClicked.connect(
            lambda index: self.show_member(self.matches.row(index.row()).number))
        self.results.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._preview(current.row()))
        body.addWidget(self.results, 3)

        right = QVBoxLayout()
        right.setSpacing(8)
        self.card = MemberCard(self)
        right.addWidget(self.card)
        self.pad = OperationPad(self)
        self.pad.operation_chosen.connect(self.choose_operation)
        self.pad.product_chosen.connect(self.choose_product)
        self.pad.advance.connect(self._advance)
        self.pad.cancel.connect(self.clear)
        right.addWidget(self.pad)
        amount_row = AmountRow(big, self)
        self.amount, self.channel = amount_row.amount, amount_row.channel
        self.available, self.post_button = amount_row.available, amount_row.post_button
        self.words = amount_row.words
        self.amount.textEdited.connect(self._amount_edited)
        self.channel.currentIndexChanged.connect(
            lambda _i: self.presenter.edit(channel=str(self.channel.currentData())))
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.clicked.connect(self.post)
        right.addWidget(amount_row)
        self.status = StatusLabel(self)
        self.status.setObjectName("cashierStatus")
        right.addWidget(self.status)
        self.receipt_row = ReceiptRow(self)
        self.receipt_label, self.receipt_button = self.receipt_row.label, self.receipt_row.button
        self.receipt_button.clicked.connect(self.open_receipt)
        right.addWidget(self.receipt_row)
        right.addStretch(1)
        keys = QLabel(_("Enter: take / post · ↑↓: matches · Esc: clear · Ctrl+P: open the "
                        "receipt · Ctrl+K: receipts list · F2: search"), self)
        keys.setStyleSheet("color: #78909c;")
        keys.setWordWrap(True)
        right.addWidget(keys)
        body.addLayout(right, 7)
        outer.addLayout(body, 1)

        for watched in (self.search, self.results, self.amount, self.channel):
            watched.installEventFilter(self)
        for sequence, slot in (("Ctrl+P", self.open_receipt), ("F2", self.focus_search),
                               ("Ctrl+K", self.open_receipts), ("Escape", self.clear)):
            QShortcut(QKeySequence(sequence), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        chain: list[QWidget] = [self.search, self.pad, self.amount, self.channel,
                                self.post_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- the keyboard -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched in (self.search, self.results) and key in MOVES:
                count, current = self.matches.rowCount(), self.results.currentIndex().row()
                if count:
                    step = MOVES[Qt.Key(key)]
                    self._select(max(0, min(count - 1, current + step if current >= 0 else 0)))
                return True
            if watched in (self.search, self.results) and key in ENTER_KEYS:
                self.take()
                return True
            if watched in (self.amount, self.channel) and key in ENTER_KEYS:
                self.post()
                return True
        return super().eventFilter(watched, event)

    def _select(self, row: int) -> None:
        index = self.matches.index(row, 0)
        self.results.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.results.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.presenter.page is None:
            self.search.setFocus()

    # --- finding the member -----------------------------------------------------------
    def search_members(self, text: str) -> None:
        """Typing in the search starts the next member: the matches, and the card of the
        highlighted one at once (Enter takes her)."""
        if self.presenter.page is not None:
            self._start_over()
        nobody = self.presenter.search(text)
        self.matches.set_rows(self.presenter.matches)
        if self.presenter.matches:
            self._select(0)  # previews her card
        if self.status.kind != "ok":  # the last posting stays in view while typing
            self.status.show_message("", "plain")
        self._show_state()
        if nobody is not None:
            self._show(nobody)

    def _preview(self, row: int) -> None:
        """The highlighted match's card, before she is taken (the pad stays off)."""
        if self.presenter.preview(row, self.search.text()):
            self._show_state()

    def take(self) -> None:
        """Enter in the search: the exact number typed, else the highlighted match."""
        number = self.presenter.to_take(self.search.text(), self.results.currentIndex().row())
        if number is not None:
            self.show_member(number)

    def show_member(self, number: str) -> bool:
        """Her card, a fresh operation (a deposit, the usual case), the pad ready for keys."""
        problem = self.presenter.take(number)
        if problem is not None:
            self._show(problem)
            return False
        assert self.presenter.page is not None
        self.search.setText(self.presenter.page.number)
        self.pad.set_products(self.presenter.product_names(self.form.operation))
        self.amount.clear()
        self.status.show_message("", "plain")
        self._show_state()
        self.pad.setFocus()
        return True

    def _reload_member(self) -> None:
        problem = self.presenter.reload()
        if problem is not None:
            self._show(problem)
        elif self.presenter.page is not None:
            self._show_state()

    def _day_typed(self, text: str) -> None:
        """The date as typed: her page on a real day; on no day Post stays off and Enter
        says why (the field itself is red once left)."""
        problem, no_day = self.presenter.date_typed(text), self.presenter.bad_day is not None
        if problem is not None and not no_day:
            self._show(problem)  # her page could not be read on that day
            return
        if not no_day and self.status.kind == "error":
            self.status.show_message("", "plain")  # said before this day was typed
        self._show_state(typing=no_day)

    def refresh(self) -> None:
        """Shown again: balances may have changed, members been added, on another page."""
        if self.presenter.page is None:
            self.search_members(self.search.text())
        else:
            self._reload_member()

    # --- choosing ----------------------------------------------------------------------
    def choose_operation(self, operation: str) -> None:
        if self.presenter.page is None:
            return
        self.presenter.new_operation(operation)
        self.pad.set_products(self.presenter.product_names(operation))  # or her contracts
        self.amount.clear()
        self.status.show_message("", "plain")
        self._show_state()
        self.pad.setFocus()

    def choose_product(self, digit: int) -> None:
        if self.presenter.page is None:
            return
        problem = self.presenter.choose_product(digit)
        if problem is not None:
            self._show(problem)
            return
        self.status.show_message("", "plain")
        self.amount.setText(self.form.amount)
        self._show_state()
        if self.form.product is not None and not self.presenter.wants_destination(self.form):
            self._focus_amount()

    def _advance(self) -> None:
        """Enter on the pad: an exit is confirmed; otherwise on to the amount when ready."""
        step, hint = self.presenter.advance()
        if step == "post":
            self.post()
        elif step == "amount":
            self._focus_amount()
        elif hint is not None:
            self._show(hint)

    def _focus_amount(self) -> None:
        self.amount.setFocus()
        self.amount.selectAll()

    def _amount_edited(self, text: str) -> None:
        self.presenter.edit(amount=text)
        if self.status.kind in ("error", "hint"):
            self.status.show_message("", "plain")
        self._show_state(typing=True)

    # --- showing ------------------------------------------------------------------------
    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def _show_state(self, typing: bool = False) -> None:
        screen = self.presenter.screen()
        self.card.show_page(*screen.card)
        pad, amount, channel = screen.enabled
        self.pad.setEnabled(pad)
        self.pad.show_choice(*screen.pad)
        self.amount.setEnabled(amount)
        self.channel.setEnabled(channel)
        if screen.exit_amount is not None:
            self.amount.setText(screen.exit_amount)
        self.available.setText(screen.available)
        self.words.setText(screen.words)
        self.post_button.setEnabled(screen.can_post)
        if not typing and self.status.kind in ("plain", "hint"):
            # a typed amount is judged on Enter, not while "1.2" is on its way to "1.250"
            self._show(screen.guide)

    # --- posting -------------------------------------------------------------------------
    def post(self) -> bool:
        """Enter: post the prepared operation once; refusals are shown, nothing changes."""
        request = self.presenter.prepare()
        if isinstance(request, Outcome):
            self._show(request)
            return False
        question = self.presenter.confirmation(request)
        if question is not None:  # above the book's threshold: asked once
            if not confirm(self, _("Large amount"), question, yes=_("Post"),
                           no=_("Check the amount")):
                self._show(Outcome(_("Not posted. Check the amount, then Enter."), "hint"))
                self._focus_amount()
                return False
            self.presenter.confirm(request)
        channel = None
        if request.operation == EXIT:  # the one operation that asks first
            assert self.presenter.page is not None
            channel = ExitDialog.ask(self.presenter.page, self.presenter.day, self)
            if channel is None:
                return False
        outcome = self.presenter.post(request, prefs.papers_folder(), channel)
        if outcome.kind == "error":  # refused: nothing was posted
            self._show(outcome)
            return False
        self.amount.clear()
        self.pad.set_products(self.presenter.product_names(self.form.operation))
        self._show_state()
        self._show(outcome)
        result = self.presenter.last_result
        self.receipt_row.show_receipt(result.receipt if result else None,
                                      self.presenter.last_receipt is not None)
        self.posted.emit(outcome.text)
        self.focus_search()
        return True

    def open_receipts(self) -> None:
        """Ctrl+K: the receipts list, the last receipt posted here highlighted."""
        result = self.presenter.last_result
        self.to_receipts.emit(result.receipt_id if result and result.receipt_id else 0)

    def open_receipt(self) -> bool:
        """Ctrl+P: the last receipt in the system's PDF viewer, to look at and print."""
        path = self.presenter.last_receipt
        if path is None:
            self.status.show_message(_("There is no receipt to open yet."), "hint")
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        return True

    # --- starting over --------------------------------------------------------------------
    def _start_over(self) -> None:
        self.presenter.new_operation(forget=True)
        self.amount.clear()
        self.pad.set_products([])

    def clear(self) -> None:
        """Esc: forget the member and the operation; the cursor back in the search."""
        self._start_over()
        self.search.clear()
        self.search_members("")
        self.status.show_message("", "plain")
        self._show_state()
        self.search.setFocus()
