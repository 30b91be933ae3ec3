"""The daily cash count (kas harian): the box counted note by note against the book.

The treasurer types how many pieces of each rupiah note and coin she counts
(Tab or Enter moves down). The total, the book's cash balance (1101) at the end
of the chosen day and the difference are always in view: red when the box is
short, orange when it holds more. "Confirm" records the count and posts any
difference to the suspense account with her note (a difference needs one).
The month's cash book (buku kas harian) prints from here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.cash.queries import CashCountRow
from kasir.cash.service import COINS, DENOMINATIONS
from kasir.i18n import _
from kasir.numbers import format_amount, format_date_short, format_rupiah
from ledger.errors import N_
from ledger.money import ZERO, Money
from ui import prefs
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.cash_count_presenter import CashCountPresenter, CountState, evaluate
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.dates import date_edit, to_date
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, POST_STYLE, RIGHT_ALIGN, panel_style
from ui.widgets.tables import fit_columns, table_view
from ui.widgets.viewer import open_file

COUNT_COLUMNS: list[Column[CashCountRow]] = [
    Column(N_("Date"), lambda r: format_date_short(r.date)),
    Column(N_("Counted"), lambda r: format_amount(r.counted), RIGHT),
    Column(N_("Book"), lambda r: format_amount(r.book), RIGHT),
    Column(N_("Difference"), lambda r: format_amount(r.difference) if r.difference else "0",
           RIGHT),
    Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
]


class CashCountView(QWidget):
    confirmed = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = CashCountPresenter(book, current_actor())
        self.state: CountState = evaluate({}, ZERO)
        self.fields: dict[int, QLineEdit] = {}
        self.subtotals: dict[int, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.addWidget(self._grid(), 0)
        layout.addLayout(self._summary(), 1)
        self.refresh()

    # --- building -----------------------------------------------------------------------
    def _grid(self) -> QWidget:
        box = QGroupBox(_("Cash in the box"), self)
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        grid.setHorizontalSpacing(10)
        bold = "font-weight: bold;"
        for col, title in enumerate((_("Note or coin"), _("Pieces"), _("Value"))):
            label = QLabel(title, box)
            label.setStyleSheet(bold)
            if col:
                label.setAlignment(RIGHT_ALIGN)
            grid.addWidget(label, 0, col)
        for row, value in enumerate(DENOMINATIONS, start=1):
            kind = (_("note or coin") if value in COINS and value >= 1_000
                    else _("coin") if value in COINS else _("note"))
            name = QLabel(f"{format_rupiah(Money.rupiah(value))}  <span style='color:#78909c'>"
                          f"{kind}</span>", box)
            field = QLineEdit(box)
            field.setObjectName(f"pieces_{value}")
            field.setAlignment(RIGHT_ALIGN)
            field.setValidator(QIntValidator(0, 999_999, field))
            field.setMaxLength(6)
            field.setFixedWidth(field.fontMetrics().horizontalAdvance("0000000") + 16)
            field.setPlaceholderText("0")
            field.textEdited.connect(lambda _t: self.evaluate())
            field.installEventFilter(self)
            subtotal = QLabel(box)
            subtotal.setAlignment(RIGHT_ALIGN)
            subtotal.setMinimumWidth(subtotal.fontMetrics().horizontalAdvance("Rp99.999.999.999"))
            grid.addWidget(name, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(subtotal, row, 2)
            self.fields[value] = field
            self.subtotals[value] = subtotal
        line = QFrame(box)
        line.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(line, len(DENOMINATIONS) + 1, 0, 1, 3)
        total_title = QLabel(_("Total counted"), box)
        total_title.setStyleSheet(bold)
        self.total = QLabel(box)
        self.total.setObjectName("countTotal")
        self.total.setAlignment(RIGHT_ALIGN)
        self.total.setStyleSheet(bold)
        grid.addWidget(total_title, len(DENOMINATIONS) + 2, 0, 1, 2)
        grid.addWidget(self.total, len(DENOMINATIONS) + 2, 2)
        grid.setRowStretch(len(DENOMINATIONS) + 3, 1)
        return box

    def _summary(self) -> QVBoxLayout:
        right = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Date"), self))
        self.day = date_edit(self.book.clock.today(), self)
        self.day.setObjectName("countDate")
        self.day.setFixedWidth(self.day.sizeHint().width() + 24)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        top.addWidget(self.day)
        top.addStretch(1)
        right.addLayout(top)

        figures = QFrame(self)
        figures.setObjectName("countFigures")
        figures.setStyleSheet(panel_style("countFigures"))
        form = QFormLayout(figures)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        big.setBold(True)
        self.counted_label = QLabel(figures)
        self.book_label = QLabel(figures)
        self.book_label.setObjectName("countBook")
        self.difference = QLabel(figures)
        self.difference.setObjectName("countDifference")
        for label in (self.counted_label, self.book_label, self.difference):
            label.setFont(big)
            label.setAlignment(RIGHT_ALIGN)
        form.addRow(_("Counted"), self.counted_label)
        form.addRow(_("Cash in the book (1101)"), self.book_label)
        form.addRow(_("Difference"), self.difference)
        right.addWidget(figures)

        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(_("Note"), self))
        self.note = QLineEdit(self)
        self.note.setObjectName("countNote")
        self.note.setPlaceholderText(_("needed when there is a difference: what happened?"))
        self.note.setMaxLength(400)
        self.note.returnPressed.connect(self.confirm)
        note_row.addWidget(self.note, 1)
        right.addLayout(note_row)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(_("Clear the count"), self)
        self.clear_button.clicked.connect(self.clear)
        self.print_button = QPushButton(_("Print the month's cash book"), self)
        self.print_button.setObjectName("printCashBook")
        self.print_button.clicked.connect(self.print_cash_book)
        self.confirm_button = QPushButton(_("Confirm the count"), self)
        self.confirm_button.setObjectName("confirmCount")
        self.confirm_button.setStyleSheet(POST_STYLE)
        self.confirm_button.setAutoDefault(False)
        font = self.confirm_button.font()
        font.setBold(True)
        self.confirm_button.setFont(font)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        right.addLayout(buttons)
        self.status = StatusLabel(self)
        self.status.setObjectName("countStatus")
        right.addWidget(self.status)
        self.counts_title = QLabel(self)
        self.counts_title.setStyleSheet("font-weight: bold;")
        right.addWidget(self.counts_title)
        self.counts = RowsModel(COUNT_COLUMNS, [], self)
        self.counts_table = table_view(self.counts, self, stretch_column=4)
        self.counts_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        right.addWidget(self.counts_table, 1)
        chain: list[QWidget] = [self.day, *self.fields.values(), self.note, self.confirm_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        return right

    # --- keys: Enter goes down like Tab -------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS and watched in self.fields.values():
            values = list(self.fields.values())
            at = values.index(watched)  # type: ignore[arg-type]
            (values[at + 1] if at + 1 < len(values) else self.note).setFocus()
            return True
        return super().eventFilter(watched, event)

    # --- figures -----------------------------------------------------------------------
    def _day(self) -> dt.date:
        return to_date(self.day.date())

    @property
    def book_balance(self) -> Money:
        return self.presenter.book_balance

    def refresh(self) -> None:
        """The book's cash on the chosen day (another page may have posted meanwhile)."""
        problem = self.presenter.load(self._day())
        if problem is not None:
            self._show(problem)
        self._show_counts()
        self.evaluate()

    def _show_counts(self) -> None:
        self.counts.set_rows(self.presenter.counts)
        fit_columns(self.counts_table, skip=4)
        self.counts_title.setText(self.presenter.counts_title())

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def typed(self) -> dict[int, str]:
        return {value: field.text() for value, field in self.fields.items()}

    def evaluate(self) -> CountState:
        state = self.presenter.evaluate(self.typed())
        self.state = state
        for value, label in self.subtotals.items():
            amount = state.subtotals[value]
            label.setText(format_rupiah(amount) if amount else "")
        self.total.setText(format_rupiah(state.total))
        self.counted_label.setText(format_rupiah(state.total))
        self.book_label.setText(format_rupiah(state.book))
        diff = state.difference
        if state.short:
            self.difference.setText(_("short {amount}").format(amount=format_rupiah(abs(diff))))
            self.difference.setStyleSheet("color: #b71c1c;")
        elif state.over:
            self.difference.setText(_("over {amount}").format(amount=format_rupiah(diff)))
            self.difference.setStyleSheet("color: #e65100;")
        else:
            self.difference.setText("✓ " + _("matches the book"))
            self.difference.setStyleSheet("color: #1b5e20;")
        return state

    # --- actions ------------------------------------------------------------------------
    def confirm(self) -> bool:
        refusal = self.day.refusal()  # a date typed that is no day: never another day's count
        if refusal is not None:
            self._show(refusal)
            return False
        state = self.evaluate()
        outcome = self.presenter.confirm(self.typed(), self.note.text())
        self._show(outcome)
        if not outcome.ok:
            if not state.errors:
                self.note.setFocus()
            return False
        self.note.clear()
        self._show_counts()
        self.evaluate()
        self.confirmed.emit(outcome.text)
        return True

    def clear(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.note.clear()
        self.status.show_message("", "plain")
        self.evaluate()
        self.fields[DENOMINATIONS[0]].setFocus()

    def print_cash_book(self) -> bool:
        path = self.presenter.cash_book(prefs.papers_folder())
        if isinstance(path, Outcome):
            self._show(path)
            return False
        if not open_file(path):
            self.status.show_message(_("No program could open {path}. Open it from the "
                                       "folder.").format(path=path), "error")
            return False
        self.status.show_message(_("Cash book written: {path}").format(path=path), "ok")
        return True
