"""The receipts list (daftar kuitansi): find a receipt, print it again, cancel it.

The receipts of a date range show newest first: number, date, member, in or
out, amount, purpose, and "cancelled" when the operation was reversed (the
row turns grey). Typing in the search narrows them to a receipt number ("12"
or "0012/KW/XI/2026") or a member's number or name; ↑↓ move, Ctrl+P prints the
highlighted receipt again (the PDF opens in the system's viewer).

"Cancel receipt…" asks why (required) and reverses the receipt's operation
(``ReceiptsPresenter.cancel``): the receipt keeps its number, prints
"DIBATALKAN" with the reversing entry and the reason, and its money is back
where it was. The cashier reaches this page with Ctrl+K.

The page only draws and forwards keys: ``ReceiptsPresenter`` reads the list,
prints and cancels, and words what happened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.receipts.queries import ReceiptRow
from ui import prefs
from ui.dialogs.cancel_receipt_dialog import CancelReceiptDialog
from ui.models.receipts import PURPOSE_COLUMN, ReceiptsModel
from ui.presenters.outcome import Outcome
from ui.presenters.receipts_presenter import ReceiptsPresenter, describe
from ui.user import current_actor
from ui.widgets.dates import date_edit, to_date, to_qdate
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS
from ui.widgets.tables import fit_columns, table_view
from ui.widgets.viewer import open_file

MOVE_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


class ReceiptsView(QWidget):
    cancelled = Signal(str)  # one line for the window's status bar

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = ReceiptsPresenter(book, current_actor())
        self._build()
        self.refresh()

    @property
    def last_pdf(self) -> Path | None:
        return self.presenter.last_pdf

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Find"), self))
        self.search = QLineEdit(self)
        self.search.setObjectName("receiptsSearch")
        self.search.setPlaceholderText(_("receipt number, member number or name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        first, last = self.presenter.default_range()
        top.addWidget(QLabel(_("From"), self))
        self.date_from = date_edit(first, self)
        self.date_from.setObjectName("receiptsFrom")
        top.addWidget(self.date_from)
        top.addWidget(QLabel(_("until"), self))
        self.date_to = date_edit(last, self)
        self.date_to.setObjectName("receiptsTo")
        top.addWidget(self.date_to)
        for edit in (self.date_from, self.date_to):
            edit.setFixedWidth(edit.sizeHint().width() + 24)
            edit.dateChanged.connect(lambda _d: self.refresh())
        outer.addLayout(top)

        self.model = ReceiptsModel(self)
        self.table = table_view(self.model, self, stretch_column=PURPOSE_COLUMN)
        self.table.setObjectName("receiptsTable")
        self.table.doubleClicked.connect(lambda _i: self.reprint())
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        outer.addWidget(self.table, 1)

        self.totals = QLabel(self)
        self.totals.setObjectName("receiptsTotals")
        outer.addWidget(self.totals)

        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(_("Print again (Ctrl+P)"), self)
        self.reprint_button.setObjectName("receiptsReprint")
        self.reprint_button.setAutoDefault(True)
        self.reprint_button.clicked.connect(self.reprint)
        self.cancel_button = QPushButton(_("Cancel receipt…"), self)
        self.cancel_button.setObjectName("receiptsCancel")
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setToolTip(_("Take the money of the receipt back with a reversing "
                                        "entry and a reason"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)
        self.status = StatusLabel(self)
        self.status.setObjectName("receiptsStatus")
        outer.addWidget(self.status)
        keys = QLabel(_("Type to find · ↑↓: receipts · Ctrl+P: print again · F2: search"), self)
        keys.setStyleSheet("color: #78909c;")
        outer.addWidget(keys)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+P"), self, self.reprint, context=ctx)
        QShortcut(QKeySequence("F2"), self, self.focus_search, context=ctx)
        chain: list[QWidget] = [self.search, self.date_from, self.date_to, self.table,
                                self.reprint_button, self.cancel_button]
        for first_widget, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first_widget, second)

    # --- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in MOVE_KEYS:
                self._move(key)
                return True
            if watched is self.search and key in ENTER_KEYS:
                self.table.setFocus()
                return True
            if watched is self.table and key in ENTER_KEYS:
                self.reprint()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.table.currentIndex().row()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10}[Qt.Key(key)]
        self._select(max(0, min(count - 1, current + step if current >= 0 else 0)))

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown (Ctrl+2): the cursor waits in the search unless it is already on the page."""
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.search.setFocus()

    # --- content -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the receipts again, keeping the highlighted one when it is still listed."""
        chosen = self.selected()
        today = self.presenter.moved_today(to_date(self.date_to.date()))
        if today is not None:  # open past midnight: the list keeps reaching today
            self.date_to.blockSignals(True)
            self.date_to.setDate(to_qdate(today))
            self.date_to.blockSignals(False)
        problem = self.presenter.load(to_date(self.date_from.date()),
                                      to_date(self.date_to.date()), self.search.text())
        if problem is not None:
            self.model.set_rows([])
            self.totals.setText("")
            self._show(problem)
            self._selected()
            return
        if self.status.kind == "error":
            self.status.show_message("", "plain")
        rows = self.presenter.rows
        self.model.set_rows(rows)
        fit_columns(self.table, skip=PURPOSE_COLUMN)
        self.totals.setText(self.presenter.totals_text())
        if not self.select_receipt(chosen.id if chosen else None) and rows:
            self._select(0)
        self._selected()

    def select_receipt(self, receipt_id: int | None) -> bool:
        if receipt_id is None:
            return False
        for index, row in enumerate(self.model.rows):
            if row.id == receipt_id:
                self._select(index)
                return True
        return False

    def show_receipt(self, receipt_id: int) -> bool:
        """From the cashier: the receipt in view and highlighted, its dates included."""
        row = self.presenter.receipt(receipt_id)
        if isinstance(row, Outcome):
            self._show(row)
            return False
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for edit, outside in ((self.date_from, row.date < to_date(self.date_from.date())),
                              (self.date_to, row.date > to_date(self.date_to.date()))):
            if outside:
                edit.blockSignals(True)
                edit.setDate(to_qdate(row.date))
                edit.blockSignals(False)
        self.refresh()
        self.select_receipt(receipt_id)
        self.table.setFocus()
        return True

    def selected(self) -> ReceiptRow | None:
        row = self.table.currentIndex().row()
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def _selected(self) -> None:
        row = self.selected()
        self.reprint_button.setEnabled(row is not None)
        self.cancel_button.setEnabled(row is not None and not row.cancelled)

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    # --- actions ---------------------------------------------------------------------------
    def reprint(self) -> bool:
        """Ctrl+P: write the highlighted receipt again (as it stands now) and open it."""
        row = self.selected()
        path = self.presenter.reprint(row, prefs.papers_folder())
        if isinstance(path, Outcome):
            self._show(path)
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        self._show(self.presenter.reprinted())
        return True

    def cancel_selected(self) -> bool:
        """Ask why, then reverse the receipt's operation; the service refuses what cannot be."""
        row = self.selected()
        problem = self.presenter.cancel_refusal(row)
        if problem is not None:
            self._show(problem)
            return False
        if row is None:  # cancel_refusal said "select the receipt first"
            return False
        answer = CancelReceiptDialog.ask(self, row.label, describe(row),
                                         self.presenter.cancel_day(row))
        if answer is None:
            return False
        reason, when = answer
        outcome = self.presenter.cancel(row, reason, when)
        if not outcome.ok:
            self._show(outcome)
            return False
        self.refresh()
        self.select_receipt(row.id)
        self._show(outcome)
        self.cancelled.emit(outcome.text)
        return True
