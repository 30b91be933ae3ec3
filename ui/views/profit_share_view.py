"""Monthly profit sharing (bagi hasil) on mudharabah savings.

1. The month is chosen (the last finished month is offered); a reserve in
   percent and another income than the book's may be typed. Enter computes.
2. The plan shows how the month's income becomes the members' part: the income,
   the average daily balances (ADB) of the mudharabah savings and of the
   productive funds, the part earned by the savings, the reserve, the nisbah
   and the pool; then each member's ADB, gross share, final tax and net share.
3. Ctrl+Enter (or the button) posts it in one entry, once: a second time is
   refused with the service's message. A month not yet over is computed but not
   posted.

The screen says plainly that the share follows the month's real income and is
never a promised rate: that is what makes it mudharabah and not interest. The
page only draws and forwards keys; ``ProfitSharePresenter`` computes, posts and
words the outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.profit_share.queries import ProfitSharePlan
from ui.dialogs.period_dialog import month_name
from ui.models.profit_share import NAME_COLUMN, SharesModel
from ui.presenters.outcome import Outcome
from ui.presenters.profit_share_presenter import ProfitShareForm, ProfitSharePresenter
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.style import ENTER_KEYS, NOTE_BG, NOTE_BORDER, POST_STYLE, RIGHT_ALIGN, panel_style
from ui.widgets.tables import fit_columns, table_view


class ProfitShareView(QWidget):
    posted = Signal(str)  # one line for the window's status bar

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = ProfitSharePresenter(book, current_actor())
        self.values: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        self._build()
        self.show_plan()

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(_("The profit share depends on the income the cooperative really "
                         "received this month, so it changes from month to month; it is never "
                         "a promised rate or interest."), self)
        intro.setObjectName("profitShareIntro")
        intro.setWordWrap(True)
        intro.setStyleSheet(panel_style("profitShareIntro", NOTE_BG, NOTE_BORDER)
                               + " QLabel { padding: 6px 8px; }")
        outer.addWidget(intro)
        outer.addLayout(self._inputs())
        outer.addWidget(self._figures())
        self.table_title = QLabel(self)
        self.table_title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.table_title)
        self.shares = SharesModel(self)
        self.table = table_view(self.shares, self, stretch_column=NAME_COLUMN)
        self.table.setObjectName("profitShareTable")
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        outer.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.status = StatusLabel(self)
        self.status.setObjectName("profitShareStatus")
        bottom.addWidget(self.status, 1)
        self.post_button = QPushButton(_("Post the profit sharing (Ctrl+Enter)"), self)
        self.post_button.setObjectName("profitSharePost")
        self.post_button.setAutoDefault(True)  # Enter on the focused button posts
        font = self.post_button.font()
        font.setBold(True)
        self.post_button.setFont(font)
        self.post_button.setStyleSheet(POST_STYLE)
        self.post_button.setMinimumWidth(  # bold text and the style's padding
            QFontMetrics(font).horizontalAdvance(self.post_button.text()) + 48)
        self.post_button.clicked.connect(self.post)
        bottom.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.post,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        chain: list[QWidget] = [self.month, self.year, self.reserve, self.income,
                                self.compute_button, self.post_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _inputs(self) -> QHBoxLayout:
        row = QHBoxLayout()
        year, month = self.presenter.default_month()
        row.addWidget(QLabel(_("Month"), self))
        self.month = QComboBox(self)
        self.month.setObjectName("profitShareMonth")
        for m in range(1, 13):
            self.month.addItem(month_name(m), m)
        self.month.setCurrentIndex(month - 1)
        row.addWidget(self.month)
        row.addWidget(QLabel(_("Year"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("profitShareYear")
        self.year.setRange(1990, 2099)
        self.year.setValue(year)
        row.addWidget(self.year)
        row.addSpacing(12)
        row.addWidget(QLabel(_("Reserve"), self))
        self.reserve = QLineEdit(self)
        self.reserve.setObjectName("profitShareReserve")
        self.reserve.setPlaceholderText("0")
        self.reserve.setAlignment(RIGHT_ALIGN)
        self.reserve.setFixedWidth(self.reserve.fontMetrics().horizontalAdvance("100,00") + 20)
        row.addWidget(self.reserve)
        row.addWidget(QLabel("%", self))
        row.addSpacing(12)
        row.addWidget(QLabel(_("Other income"), self))
        self.income = QLineEdit(self)
        self.income.setObjectName("profitShareIncome")
        self.income.setPlaceholderText(_("empty: the book's"))
        self.income.setAlignment(RIGHT_ALIGN)
        self.income.setToolTip(_("Leave empty to share the income the book received that "
                                 "month; type an amount (1.500.000) only to share another."))
        self.income.setFixedWidth(max(
            self.income.fontMetrics().horizontalAdvance("999.999.999.999"),
            self.income.fontMetrics().horizontalAdvance(self.income.placeholderText())) + 36)
        row.addWidget(self.income)
        row.addSpacing(12)
        self.compute_button = QPushButton(_("Compute (Enter)"), self)
        self.compute_button.setObjectName("profitShareCompute")
        self.compute_button.setAutoDefault(True)
        self.compute_button.clicked.connect(self.compute)
        row.addWidget(self.compute_button)
        row.addStretch(1)
        for widget in (self.month, self.year, self.reserve, self.income):
            widget.installEventFilter(self)
        self.month.currentIndexChanged.connect(lambda _i: self._inputs_changed())
        self.year.valueChanged.connect(lambda _v: self._inputs_changed())
        self.reserve.textEdited.connect(lambda _t: self._inputs_changed())
        self.income.textEdited.connect(lambda _t: self._inputs_changed())
        return row

    def _figures(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("profitShareFigures")
        box.setStyleSheet(panel_style("profitShareFigures"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        places = {"income": (0, 0), "mudharabah_adb": (1, 0), "productive_adb": (2, 0),
                  "portion": (0, 2), "reserve": (1, 2), "nisbah": (2, 2), "pool": (3, 2)}
        for key, (row, col) in places.items():
            title = QLabel(box)
            title.setWordWrap(True)
            value = QLabel(box)
            value.setObjectName(f"figure_{key}")
            value.setAlignment(RIGHT_ALIGN)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key == "pool":
                title.setFont(big)
                value.setFont(big)
                value.setStyleSheet("color: #1b5e20;")
            grid.addWidget(title, row, col)
            grid.addWidget(value, row, col + 1)
            self.titles[key] = title
            self.values[key] = value
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(3, 2)
        return box

    # --- keys: Enter computes from any field ------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if watched is self.month and self.month.view().isVisible():
                return super().eventFilter(watched, event)  # the open list takes its Enter
            self.compute()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown: the cursor on the month unless it is already on the page."""
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.month.setFocus()

    # --- the plan ------------------------------------------------------------------------
    @property
    def plan(self) -> ProfitSharePlan | None:
        return self.presenter.plan

    def form(self) -> ProfitShareForm:
        return ProfitShareForm(self.year.value(), int(self.month.currentData()),
                               self.reserve.text(), self.income.text())

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def _inputs_changed(self) -> None:
        """Another month or figure: the plan shown no longer answers it."""
        stale = self.presenter.forget(self.form())
        if stale is not None:
            self.show_plan()
            self._show(stale)

    def compute(self) -> bool:
        """Enter: the plan of the chosen month (nothing is written)."""
        outcome = self.presenter.compute(self.form())
        self.show_plan()
        self._show(outcome)
        return outcome.kind != "error"

    def show_plan(self) -> None:
        for figure in self.presenter.figures():
            self.titles[figure.key].setText(figure.title)
            self.values[figure.key].setText(figure.value)
        self.shares.set_rows(self.presenter.rows())
        self.table_title.setText(self.presenter.table_title())
        fit_columns(self.table, skip=NAME_COLUMN)
        self.post_button.setEnabled(self.presenter.verdict().can_post)

    # --- posting ----------------------------------------------------------------------------
    def post(self) -> bool:
        """Ctrl+Enter: post the plan shown, once; the service refuses a second time."""
        outcome = self.presenter.post()
        self._show(outcome)
        if not outcome.ok:
            return False
        self.posted.emit(outcome.text)
        return True

    def refresh(self) -> None:
        """Shown again: the book may have changed; the plan is computed again."""
        if self.plan is not None:
            status = (self.status.text(), self.status.kind)
            self.compute()
            if status[1] == "ok":
                self.status.show_message(*status)
