"""The cashier screen (kasir): one member after another, from the keyboard.

1. The cursor waits in the search field: a member number or part of a name
   lists the matches, and the card of the highlighted one shows at once
   (Up/Down to move, Enter to take her; the exact number is always first, so
   typing it and Enter takes her).
2. Her card shows her balances and what is due, and the operation pad takes
   the focus: a letter picks the operation (S Setor, T Tarik, P Pindah buku,
   K Keluar), a number the savings product (1 Pokok ... 4 Mudharabah).
3. The amount is typed the Indonesian way (``250.000``); for simpanan wajib the
   arrears are offered. Enter posts.
4. The receipt number shows, her balances are read again, the receipt PDF is
   written (Documents/Kasir/Kuitansi) and can be opened with Ctrl+P; the cursor
   is back in the search field for the next member. Ctrl+K opens the receipts
   list (to print one again or cancel it).

Esc clears everything. A refusal (beyond the balance, capital withdrawn, a
member who still owes financing leaving...) is shown on the screen, in the
user's language, and nothing changes. Each prepared operation carries a key,
so a double Enter posts once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _, message
from kasir.members import service as members
from kasir.numbers import format_rupiah
from kasir.savings import service as savings
from kasir.savings.service import MemberPage, PostResult
from ledger.errors import LedgerError
from ui import papers, prefs
from ui.dialogs.exit_dialog import ExitDialog
from ui.models.members import MembersModel
from ui.presenters.cashier_presenter import (
    CHANNELS,
    DEPOSIT,
    EXIT,
    TRANSFER,
    WITHDRAW,
    CashierForm,
    CashierPresenter,
    Request,
    short_name,
)
from ui.user import current_actor
from ui.views.entry_view import POST_STYLE
from ui.widgets.dates import date_edit, to_date
from ui.widgets.member_card import MemberCard
from ui.widgets.operation_pad import OperationPad
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, panel_style
from ui.widgets.tables import table_view
from ui.widgets.viewer import open_file

SEARCH_LIMIT = 50


class CashierView(QWidget):
    """Deposits, withdrawals, transfers and exits for one member at a time."""

    posted = Signal(str)  # one line for the window's status bar
    to_receipts = Signal(int)  # the receipts list, with this receipt highlighted (0: none)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = CashierPresenter(None)
        self.form = CashierForm()
        self.key = uuid.uuid4().hex
        self.last_result: PostResult | None = None
        self.last_receipt: Path | None = None
        self.preview_page: MemberPage | None = None  # the highlighted match, not yet taken
        self._busy = False
        self._build()
        self.search_members("")
        self._show_state()

    # --- building ---------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)

        top = QHBoxLayout()
        find = QLabel(_("Member"), self)
        find.setFont(big)
        top.addWidget(find)
        self.search = QLineEdit(self)
        self.search.setObjectName("cashierSearch")
        self.search.setFont(big)
        self.search.setPlaceholderText(_("number or part of the name, then Enter"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self.search_members)
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(QLabel(_("Date"), self))
        self.day = date_edit(dt.date.today(), self)
        self.day.setObjectName("cashierDate")
        self.day.setFixedWidth(self.day.sizeHint().width() + 24)
        self.day.dateChanged.connect(lambda _d: self._reload_member())
        top.addWidget(self.day)
        top.addSpacing(12)
        self.receipts_button = QPushButton(_("Receipts (Ctrl+K)"), self)
        self.receipts_button.setObjectName("cashierReceipts")
        self.receipts_button.setAutoDefault(False)
        self.receipts_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.receipts_button.setToolTip(_("The list of receipts: print one again or cancel it"))
        self.receipts_button.clicked.connect(self.open_receipts)
        top.addWidget(self.receipts_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        self.matches = MembersModel(self, columns=3)
        self.results = table_view(self.matches, self, stretch_column=1)
        self.results.setObjectName("cashierMatches")
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.setMinimumWidth(250)
        self.results.setMaximumWidth(380)
        self.results.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.results.doubleClicked.connect(lambda index: self.pick_row(index.row()))
        self.results.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._preview(current.row()))
        self.results.installEventFilter(self)
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
        right.addWidget(self._amount_row(big))
        self.status = StatusLabel(self)
        self.status.setObjectName("cashierStatus")
        right.addWidget(self.status)
        right.addWidget(self._receipt_row())
        right.addStretch(1)
        keys = QLabel(_("Enter: take / post · ↑↓: matches · Esc: clear · Ctrl+P: open the "
                        "receipt · Ctrl+K: receipts list · F2: search"), self)
        keys.setStyleSheet("color: #78909c;")
        keys.setWordWrap(True)
        right.addWidget(keys)
        body.addLayout(right, 7)
        outer.addLayout(body, 1)

        QShortcut(QKeySequence("Ctrl+P"), self, self.open_receipt,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F2"), self, self.focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+K"), self, self.open_receipts,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self, self.clear,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QWidget.setTabOrder(self.search, self.pad)
        QWidget.setTabOrder(self.pad, self.amount)
        QWidget.setTabOrder(self.amount, self.channel)
        QWidget.setTabOrder(self.channel, self.post_button)

    def _amount_row(self, big: QFont) -> QWidget:
        row = QFrame(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.amount_title = QLabel(_("Amount"), row)
        self.amount_title.setFont(big)
        layout.addWidget(self.amount_title)
        self.amount = QLineEdit(row)
        self.amount.setObjectName("cashierAmount")
        amount_font = QFont(big)
        amount_font.setPointSizeF(big.pointSizeF() * 1.2)
        amount_font.setBold(True)
        self.amount.setFont(amount_font)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setPlaceholderText("0")
        self.amount.setMinimumWidth(self.amount.fontMetrics().horizontalAdvance("999.999.999") + 24)
        self.amount.setMaximumWidth(self.amount.minimumWidth() + 60)
        self.amount.textEdited.connect(self._amount_edited)
        self.amount.installEventFilter(self)
        layout.addWidget(self.amount)
        self.channel = QComboBox(row)
        self.channel.setObjectName("cashierChannel")
        for code, title in CHANNELS.items():
            self.channel.addItem(_(title), code)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.channel.installEventFilter(self)
        layout.addWidget(self.channel)
        self.available = QLabel(row)
        self.available.setObjectName("cashierAvailable")
        self.available.setStyleSheet("color: #455a64;")
        layout.addWidget(self.available, 1)
        self.post_button = QPushButton(_("Post (Enter)"), row)
        self.post_button.setObjectName("cashierPost")
        self.post_button.setAutoDefault(False)
        font = self.post_button.font()
        font.setBold(True)
        self.post_button.setFont(font)
        self.post_button.setMinimumWidth(140)
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.clicked.connect(self.post)
        layout.addWidget(self.post_button)
        return row

    def _receipt_row(self) -> QWidget:
        row = QFrame(self)
        row.setObjectName("receiptRow")
        row.setStyleSheet(panel_style("receiptRow"))
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 4, 8, 4)
        self.receipt_label = QLabel(row)
        self.receipt_label.setObjectName("cashierReceipt")
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.receipt_label, 1)
        self.receipt_button = QPushButton(_("Print / open receipt (Ctrl+P)"), row)
        self.receipt_button.setObjectName("cashierOpenReceipt")
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.clicked.connect(self.open_receipt)
        layout.addWidget(self.receipt_button)
        self.receipt_row = row
        row.setVisible(False)
        return row

    # --- the keyboard -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search or watched is self.results:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in ENTER_KEYS:
                self.take()
                return True
        elif watched is self.amount or watched is self.channel:
            if key in ENTER_KEYS:
                self.post()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        count = self.matches.rowCount()
        if not count:
            return
        current = self.results.currentIndex().row()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10}[Qt.Key(key)]
        self._select(max(0, min(count - 1, current + step if current >= 0 else 0)))

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
            self.presenter = CashierPresenter(None)
            self._new_operation()
            self.pad.set_products([])
        self.preview_page = None
        rows = members.find_members(self.book, text, limit=SEARCH_LIMIT)
        self.matches.set_rows(rows)
        if rows:
            self._select(0)  # previews her card
        if self.status.kind != "ok":  # the last posting stays in view while typing
            self.status.show_message("", "plain")
        self._show_state()
        if text.strip() and not rows:
            self.status.show_message(_("No member has the number or name “{typed}”.")
                                     .format(typed=text.strip()), "hint")

    def _preview(self, row: int) -> None:
        """The highlighted match's card, before she is taken (the pad stays off)."""
        if self.presenter.page is not None or not self.search.text().strip() \
                or not 0 <= row < self.matches.rowCount():
            return
        number = self.matches.row(row).number
        if self.preview_page is not None and self.preview_page.number == number:
            return
        try:
            self.preview_page = savings.member_page(self.book, number, self._day())
        except LedgerError:
            self.preview_page = None
        self._show_state()

    def take(self) -> None:
        """Enter in the search: the exact number typed, else the highlighted match."""
        typed = self.search.text().strip().casefold()
        for row, member in enumerate(self.matches.rows):
            if typed and member.number.casefold() == typed:
                self.pick_row(row)
                return
        row = self.results.currentIndex().row()
        if 0 <= row < self.matches.rowCount():
            self.pick_row(row)

    def pick_row(self, row: int) -> None:
        self.show_member(self.matches.row(row).number)

    def show_member(self, number: str) -> bool:
        """Her card, a fresh operation (a deposit, the usual case), the pad ready for keys."""
        try:
            page = savings.member_page(self.book, number, self._day())
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return False
        self.presenter = CashierPresenter(page)
        self.preview_page = None
        self.search.setText(f"{page.number}")
        self.pad.set_products([short_name(a) for a in page.accounts])
        self._new_operation()
        self.status.show_message("", "plain")
        self._show_state()
        self.pad.setFocus()
        return True

    def _reload_member(self) -> None:
        page = self.presenter.page
        if page is None:
            return
        try:
            self.presenter = CashierPresenter(savings.member_page(self.book, page.number,
                                                               self._day()))
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return
        self._show_state()

    def refresh(self) -> None:
        """Shown again: balances may have changed, members been added, on another page."""
        if self.presenter.page is None:
            self.search_members(self.search.text())
        else:
            self._reload_member()

    def _day(self) -> dt.date:
        return to_date(self.day.date())

    # --- choosing ----------------------------------------------------------------------
    def _new_operation(self, operation: str = DEPOSIT) -> None:
        self.key = uuid.uuid4().hex
        self.form = CashierForm(operation, channel=self.form.channel)
        self.amount.clear()

    def choose_operation(self, operation: str) -> None:
        if self.presenter.page is None:
            return
        self.form = self.presenter.pick_operation(self.form, operation)
        self.key = uuid.uuid4().hex
        self.amount.clear()
        self.status.show_message("", "plain")
        self._show_state()
        self.pad.setFocus()

    def choose_product(self, digit: int) -> None:
        if self.presenter.page is None:
            return
        form, problem = self.presenter.pick_product(self.form, digit)
        if problem is not None:
            self.status.show_message(message(problem), "error")
            return
        self.form = form
        self.status.show_message("", "plain")
        self.amount.setText(form.amount)
        self._show_state()
        if form.product is not None and not self.presenter.wants_destination(form):
            self.amount.setFocus()
            self.amount.selectAll()

    def _advance(self) -> None:
        """Enter on the pad: an exit is confirmed; otherwise on to the amount when ready."""
        if self.form.operation == EXIT:
            self.post()
            return
        verdict = self.presenter.evaluate(self.form)
        if self.form.product is None or (self.form.operation == TRANSFER
                                         and self.form.to_product is None):
            if verdict.hint:
                self.status.show_message(verdict.hint, "hint")
            return
        self.amount.setFocus()
        self.amount.selectAll()

    def _amount_edited(self, text: str) -> None:
        self.form = CashierForm(self.form.operation, self.form.product, self.form.to_product,
                                text, self.form.channel)
        if self.status.kind in ("error", "hint"):
            self.status.show_message("", "plain")
        self._show_state(typing=True)

    def _channel_changed(self, _index: int) -> None:
        code = str(self.channel.currentData())
        self.form = CashierForm(self.form.operation, self.form.product, self.form.to_product,
                                self.form.amount, code)

    # --- showing ------------------------------------------------------------------------
    def _show_state(self, typing: bool = False) -> None:
        page = self.presenter.page
        form = self.form
        chosen = tuple(p for p in (form.product, form.to_product) if p)
        self.card.show_page(page or self.preview_page, chosen)
        accounts = self.presenter.accounts()
        picking_to = self.presenter.wants_destination(form)
        allowed = [self.presenter.allowed(form, a, to=picking_to) for a in accounts]
        digits = [n for n, a in enumerate(accounts, start=1) if a.product in chosen]
        title = _("Savings")
        if form.operation == TRANSFER:
            title = _("To") if picking_to else _("From")
        active = page is not None and page.active
        self.pad.setEnabled(active)
        self.pad.show_choice(form.operation if page else None, digits,
                             allowed if active else [False] * len(accounts), title)
        exit_ = form.operation == EXIT
        self.amount.setEnabled(active and not exit_)
        self.channel.setEnabled(active and form.operation != TRANSFER)
        if exit_ and page is not None:
            self.amount.setText(format_rupiah(page.total, symbol=False))
        self.available.setText(self._available_text())
        verdict = self.presenter.evaluate(form)
        self.post_button.setEnabled(verdict.can_post)
        if not typing and self.status.kind in ("plain", "hint"):
            # a typed amount is judged on Enter, not while "1.2" is on its way to "1.250"
            if verdict.problem is not None and not form.amount.strip():
                self.status.show_message(message(verdict.problem), "error")
            else:
                hint = verdict.hint
                if page is None and self.preview_page is not None:
                    hint = _("Enter takes {name}; ↑↓ chooses another.").format(
                        name=self.preview_page.name)
                self.status.show_message(hint, "hint" if hint else "plain")

    def _available_text(self) -> str:
        page, form = self.presenter.page, self.form
        if page is None or form.product is None or form.operation not in (WITHDRAW, TRANSFER):
            return ""
        account = page.account(form.product)
        if account is None:
            return ""
        return _("{product} balance: {amount}").format(product=short_name(account),
                                                       amount=format_rupiah(account.balance))

    # --- posting -------------------------------------------------------------------------
    def post(self) -> bool:
        """Enter: post the prepared operation once; refusals are shown, nothing changes."""
        if self._busy:
            return False
        request = self.presenter.request(self.form)
        if request is None:
            verdict = self.presenter.evaluate(self.form)
            if verdict.problem is not None:
                self.status.show_message(message(verdict.problem), "error")
            elif verdict.hint:
                self.status.show_message(verdict.hint, "hint")
            return False
        page = self.presenter.page
        assert page is not None
        if request.operation == EXIT:
            channel = ExitDialog.ask(page, self._day(), self)
            if channel is None:
                return False
            request = Request(EXIT, request.number, channel=channel, expected=request.expected)
        self._busy = True
        try:
            result = self._call(request)
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return False
        finally:
            self._busy = False
        self._after_posting(request, result)
        return True

    def _call(self, r: Request) -> PostResult:
        day, actor = self._day(), current_actor()
        if r.operation == DEPOSIT:
            assert r.product is not None and r.amount is not None
            return savings.deposit(self.book, actor, r.number, r.product, r.amount, day,
                                   r.channel, self.key)
        if r.operation == WITHDRAW:
            assert r.product is not None and r.amount is not None
            return savings.withdraw(self.book, actor, r.number, r.product, r.amount, day,
                                    r.channel, self.key)
        if r.operation == TRANSFER:
            assert r.product and r.to_product and r.amount is not None
            return savings.transfer(self.book, actor, r.number, r.product, r.to_product,
                                    r.amount, day, self.key)
        return savings.exit_member(self.book, actor, r.number, day, r.channel, r.expected,
                                   self.key)

    def _after_posting(self, request: Request, result: PostResult) -> None:
        done = self.presenter.describe(request)
        self.last_result = result
        self.last_receipt = None
        if result.receipt:
            text = _("Posted: {what}. Receipt {receipt}.").format(what=done,
                                                                  receipt=result.receipt)
        elif result.entry:
            text = _("Posted: {what}. Entry {entry}.").format(what=done, entry=result.entry)
        else:
            text = _("{name} has left the cooperative; there was no balance to pay out.").format(
                name=self.presenter.page.name if self.presenter.page else "")
        kind = "ok"
        if result.receipt_id is not None:
            try:
                self.last_receipt = papers.receipt_pdf(
                    self.book, result.receipt_id, papers.receipts_folder(prefs.papers_folder()))
            except (OSError, LedgerError) as exc:
                reason = message(exc) if isinstance(exc, LedgerError) else str(exc)
                text += " " + _("The receipt file could not be written: {reason}").format(
                    reason=reason)
                kind = "hint"
        self._new_operation()
        self._reload_member()
        self.status.show_message(text, kind)
        self._show_receipt(result)
        self.posted.emit(text)
        self.focus_search()

    def _show_receipt(self, result: PostResult) -> None:
        if result.receipt:
            self.receipt_label.setText(_("Last receipt: <b>{receipt}</b>").format(
                receipt=result.receipt))
            self.receipt_button.setEnabled(self.last_receipt is not None)
            self.receipt_row.setVisible(True)
        else:
            self.receipt_row.setVisible(False)

    def open_receipts(self) -> None:
        """Ctrl+K: the receipts list, the last receipt posted here highlighted."""
        result = self.last_result
        self.to_receipts.emit(result.receipt_id if result and result.receipt_id else 0)

    def open_receipt(self) -> bool:
        """Ctrl+P: the last receipt in the system's PDF viewer, to look at and print."""
        if self.last_receipt is None:
            self.status.show_message(_("There is no receipt to open yet."), "hint")
            return False
        if not open_file(self.last_receipt):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=self.last_receipt), "error")
            return False
        return True

    # --- starting over --------------------------------------------------------------------
    def clear(self) -> None:
        """Esc: forget the member and the operation; the cursor back in the search."""
        self.presenter = CashierPresenter(None)
        self._new_operation()
        self.pad.set_products([])
        self.search.clear()
        self.search_members("")
        self.status.show_message("", "plain")
        self._show_state()
        self.search.setFocus()

    @property
    def page(self) -> MemberPage | None:
        return self.presenter.page
