"""The cashier's rows: the search line on top; under her card the amount line (with the
amount in words) and the last receipt.

They are plain widgets with no rules of their own: the cashier page wires their
signals to its presenter and fills them from its screen state. Kept apart so the
page itself is only the wiring, keys and focus.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from ui.presenters.cashier_presenter import CHANNELS
from ui.widgets.dates import date_edit
from ui.widgets.style import RIGHT_ALIGN, panel_style

WORDS_STYLE = "color: #37474f; font-style: italic;"


class SearchRow(QFrame):
    """Member search (large: it is where every member starts), the date of the postings
    and the button to the receipts list. The page connects them."""

    def __init__(self, big: QFont, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        find = QLabel(_("Member"), self)
        find.setFont(big)
        top.addWidget(find)
        self.search = QLineEdit(self)
        self.search.setObjectName("cashierSearch")
        self.search.setFont(big)
        self.search.setPlaceholderText(_("number or part of the name, then Enter"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(QLabel(_("Date"), self))
        self.day = date_edit(day, self)  # the book's clock, not the computer's
        self.day.setObjectName("cashierDate")
        self.day.setFixedWidth(self.day.sizeHint().width() + 24)
        top.addWidget(self.day)
        top.addSpacing(12)
        self.receipts_button = QPushButton(_("Receipts (Ctrl+K)"), self)
        self.receipts_button.setObjectName("cashierReceipts")
        self.receipts_button.setAutoDefault(False)
        self.receipts_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.receipts_button.setToolTip(_("The list of receipts: print one again or cancel it"))
        top.addWidget(self.receipts_button)


class AmountRow(QFrame):
    """The amount, typed the Indonesian way (``250.000``) in large right-aligned
    figures; cash or bank; what may be taken out; and Post (the page gives it the
    pages' Post colours). Post is never an auto-default button: Enter in the amount
    posts through the page, once. Under them the amount in words, as the receipt will
    say it, so "50,000" read as fifty rupiah is seen before Enter, not on paper."""

    def __init__(self, big: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.title = QLabel(_("Amount"), self)
        self.title.setFont(big)
        layout.addWidget(self.title)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("cashierAmount")
        amount_font = QFont(big)
        amount_font.setPointSizeF(big.pointSizeF() * 1.2)
        amount_font.setBold(True)
        self.amount.setFont(amount_font)
        self.amount.setAlignment(RIGHT_ALIGN)
        self.amount.setPlaceholderText("0")
        self.amount.setMinimumWidth(self.amount.fontMetrics().horizontalAdvance("999.999.999") + 24)
        self.amount.setMaximumWidth(self.amount.minimumWidth() + 60)
        layout.addWidget(self.amount)
        self.channel = QComboBox(self)
        self.channel.setObjectName("cashierChannel")
        for code, title in CHANNELS.items():
            self.channel.addItem(_(title), code)
        layout.addWidget(self.channel)
        self.available = QLabel(self)
        self.available.setObjectName("cashierAvailable")
        self.available.setStyleSheet("color: #455a64;")
        layout.addWidget(self.available, 1)
        self.post_button = QPushButton(_("Post (Enter)"), self)
        self.post_button.setObjectName("cashierPost")
        self.post_button.setAutoDefault(False)
        font = self.post_button.font()
        font.setBold(True)
        self.post_button.setFont(font)
        self.post_button.setMinimumWidth(140)
        layout.addWidget(self.post_button)
        self.words = QLabel(self)
        self.words.setObjectName("cashierWords")
        self.words.setStyleSheet(WORDS_STYLE)
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setContentsMargins(self.title.sizeHint().width() + layout.spacing(), 0, 0, 0)
        self.words.setMinimumHeight(self.words.fontMetrics().height())  # no jump on typing
        rows.addWidget(self.words)


class ReceiptRow(QFrame):
    """The last receipt posted at this desk and the button that opens its PDF; hidden
    until there is one (a transfer moves no cash, so it has none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptRow")
        self.setStyleSheet(panel_style("receiptRow"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setObjectName("cashierReceipt")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(_("Print / open receipt (Ctrl+P)"), self)
        self.button.setObjectName("cashierOpenReceipt")
        self.button.setAutoDefault(False)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_receipt(self, receipt: str | None, has_file: bool) -> None:
        """``receipt``'s number, or the row hidden when the last posting had none;
        the button works only when its PDF could be written."""
        if receipt:
            self.label.setText(_("Last receipt: <b>{receipt}</b>").format(receipt=receipt))
            self.button.setEnabled(has_file)
        self.setVisible(bool(receipt))
