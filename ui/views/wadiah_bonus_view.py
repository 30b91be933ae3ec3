"""A voluntary bonus on wadiah savings (simpanan sukarela), as the board decided it.

1. The reference of the board's decision ("SK 03/PENGURUS/XI/2026") and the
   date are typed; the decision is required.
2. The table lists the active members holding simpanan sukarela, with their
   balance; the bonus the board decided is typed beside each (Enter or Tab to
   the next member; empty is no bonus). The total runs below.
3. Ctrl+Enter (or the button) posts it in one entry; a refusal stays on the
   page and nothing is posted.

There is on purpose no "compute by percentage": a bonus on wadiah may never be
a promised rate (DSN-MUI fatwa 02/2000), and the page says so plainly. The
page only draws and forwards keys; ``WadiahBonusPresenter`` reads the holders,
posts and words the outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.numbers import format_amount
from kasir.savings.service import WadiahHolder
from ui.presenters.wadiah_bonus_presenter import WadiahBonusPresenter
from ui.user import current_actor
from ui.widgets.dates import date_edit, to_date
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, NOTE_BG, NOTE_BORDER, POST_STYLE, RIGHT_ALIGN, panel_style
from ui.widgets.tables import AMOUNT_WIDTH

NUMBER, NAME, BALANCE, BONUS = range(4)
BAD_FIELD = "QLineEdit { background: #fdecea; }"


class WadiahBonusView(QWidget):
    posted = Signal(str)  # one line for the window's status bar

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = WadiahBonusPresenter(book, current_actor())
        self.fields: dict[str, QLineEdit] = {}
        self._build()
        self.load()

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(_("The wadiah bonus is a voluntary gift the board decides, member by "
                         "member; it is never a promised rate or interest."), self)
        intro.setObjectName("wadiahBonusIntro")
        intro.setWordWrap(True)
        intro.setStyleSheet(panel_style("wadiahBonusIntro", NOTE_BG, NOTE_BORDER)
                               + " QLabel { padding: 6px 8px; }")
        outer.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Board decision"), self))
        self.decision = QLineEdit(self)
        self.decision.setObjectName("wadiahBonusDecision")
        self.decision.setPlaceholderText("SK 03/PENGURUS/XI/2026")
        self.decision.setMaxLength(200)
        self.decision.setMinimumWidth(
            self.decision.fontMetrics().horizontalAdvance("SK 03/PENGURUS/XI/2026") + 60)
        row.addWidget(self.decision, 1)
        row.addSpacing(12)
        row.addWidget(QLabel(_("Date"), self))
        self.date = date_edit(self.presenter.today(), self)
        self.date.setObjectName("wadiahBonusDate")
        row.addWidget(self.date)
        row.addStretch(1)
        outer.addLayout(row)
        self.table_title = QLabel(self)
        self.table_title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.table_title)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("wadiahBonusTable")
        self.table.setHorizontalHeaderLabels(
            [_("Number"), _("Name"), _("Sukarela balance"), _("Bonus decided")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from bonus to bonus
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        amount_width = self.fontMetrics().horizontalAdvance(AMOUNT_WIDTH) + 24
        self.table.setColumnWidth(NUMBER, self.fontMetrics().horizontalAdvance("A-0000") + 40)
        for col in (BALANCE, BONUS):  # a large figure, and the whole title
            title = self.table.horizontalHeaderItem(col).text()
            self.table.setColumnWidth(col, max(
                amount_width, header.fontMetrics().horizontalAdvance(title) + 24))
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        outer.addWidget(self.table, 1)
        self.total = QLabel(self)
        self.total.setObjectName("wadiahBonusTotal")
        self.total.setAlignment(RIGHT_ALIGN)
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        outer.addWidget(self.total)
        bottom = QHBoxLayout()
        self.status = StatusLabel(self)
        self.status.setObjectName("wadiahBonusStatus")
        bottom.addWidget(self.status, 1)
        self.post_button = QPushButton(_("Post the wadiah bonus (Ctrl+Enter)"), self)
        self.post_button.setObjectName("wadiahBonusPost")
        self.post_button.setAutoDefault(True)
        bold = self.post_button.font()
        bold.setBold(True)
        self.post_button.setFont(bold)
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.setMinimumWidth(
            QFontMetrics(bold).horizontalAdvance(self.post_button.text()) + 48)
        self.post_button.clicked.connect(self.post)
        bottom.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.post,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (self.decision, self.date):
            widget.installEventFilter(self)

    # --- the members ----------------------------------------------------------------------
    @property
    def holders(self) -> list[WadiahHolder]:
        return self.presenter.holders

    def typed(self) -> dict[str, str]:
        return {number: field.text() for number, field in self.fields.items()}

    def load(self) -> None:
        """The holders and their balances, read again; what was typed stays typed."""
        kept = self.typed()
        self.presenter.load()
        self.fields = {}
        self.table.setRowCount(len(self.holders))
        for r, holder in enumerate(self.holders):
            for col, text in ((NUMBER, holder.number), (NAME, holder.name),
                              (BALANCE, format_amount(holder.balance))):
                item = QTableWidgetItem(text)
                if col == BALANCE:
                    item.setTextAlignment(RIGHT_ALIGN)
                if col == NAME:
                    item.setToolTip(holder.name)
                self.table.setItem(r, col, item)
            field = QLineEdit(self.table)
            field.setObjectName(f"wadiahBonus_{holder.number}")
            field.setAlignment(RIGHT_ALIGN)
            field.setFrame(False)
            field.setText(kept.get(holder.number, ""))
            field.textChanged.connect(lambda _t: self.update_total())
            self.table.setCellWidget(r, BONUS, field)
            field.installEventFilter(self)  # after the table's own: Tab stays ours
            self.fields[holder.number] = field
        self.chain: list[QWidget] = [self.decision, self.date, *self.fields.values(),
                                     self.post_button]
        chain = self.chain
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.table_title.setText(self.presenter.table_title())
        self.update_total()

    def update_total(self) -> None:
        total = self.presenter.total(self.typed())
        self.total.setText(total.text())
        for number, field in self.fields.items():
            field.setStyleSheet(BAD_FIELD if number in total.unreadable else "")

    # --- keys: Enter (or Tab) goes to the next member's bonus --------------------------
    def _step(self, watched: QWidget, forward: bool) -> None:
        at = self.chain.index(watched)
        self.chain[min(max(at + (1 if forward else -1), 0), len(self.chain) - 1)].setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        is_field = isinstance(watched, QLineEdit) and watched in self.fields.values()
        if event.type() == QEvent.Type.FocusIn and is_field:
            row = list(self.fields.values()).index(watched)  # type: ignore[arg-type]
            self.table.scrollTo(self.table.model().index(row, BONUS))
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QWidget) or watched not in self.chain:
            return super().eventFilter(watched, event)
        if event.key() in ENTER_KEYS \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._step(watched, True)
            return True
        if is_field and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._step(watched, event.key() == Qt.Key.Key_Tab
                       and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown: the cursor on the decision unless it is already on the page."""
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.decision.setFocus()

    # --- posting ----------------------------------------------------------------------------
    def post(self) -> bool:
        """Ctrl+Enter: post the bonuses typed under the board's decision, or say why not."""
        refusal = self.date.refusal()  # a date typed that is no day: never another day
        if refusal is not None:
            self.status.show_message(refusal.text, refusal.kind)
            return False
        outcome = self.presenter.post(self.typed(), to_date(self.date.date()),
                                      self.decision.text())
        if not outcome.ok:
            self.status.show_message(outcome.text, outcome.kind)
            if self.presenter.bad_member in self.fields:
                self.fields[self.presenter.bad_member].setFocus()
                self.fields[self.presenter.bad_member].selectAll()
            elif self.presenter.needs_decision:
                self.decision.setFocus()
            return False
        for field in self.fields.values():
            field.clear()
        self.decision.clear()
        self.load()
        self.status.show_message(outcome.text, outcome.kind)
        self.posted.emit(outcome.text)
        self.decision.setFocus()
        return True

    def refresh(self) -> None:
        """Shown again: the book may have changed; the balances are read again."""
        self.load()
