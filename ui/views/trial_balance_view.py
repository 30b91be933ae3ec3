"""The trial balance at a date, with a plain "balanced / not balanced" verdict.

The figures and the verdict come from
:class:`ui.presenters.ledger_presenter.TrialBalancePresenter`; this page draws them.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kasir.book import Book
from kasir.i18n import _
from ledger.trial_balance import TrialBalance
from ui.models.trial_balance import TrialBalanceModel, lines_of
from ui.presenters.ledger_presenter import TrialBalancePresenter
from ui.widgets.dates import date_edit, to_date
from ui.widgets.tables import fit_columns, table_view

VERDICT_STYLES = {
    "ok": "color: #1b5e20; background: #e8f5e9; padding: 4px 10px; border-radius: 3px;",
    "error": "color: #b71c1c; background: #fdecea; padding: 4px 10px; border-radius: 3px;",
}


class TrialBalanceView(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = TrialBalancePresenter(book)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("As of"), self))
        self.as_of = date_edit(self.presenter.today(), self)
        self.as_of.setObjectName("trialBalanceDate")
        self.as_of.dateChanged.connect(lambda _day: self.refresh())
        bar.addWidget(self.as_of)
        self.refresh_button = QPushButton(_("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("balanceVerdict")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.verdict.setFont(font)
        bar.addWidget(self.verdict)
        layout.addLayout(bar)
        self.model = TrialBalanceModel(self)
        self.table = table_view(self.model, self, stretch_column=1)
        layout.addWidget(self.table, 1)
        self.refresh()

    @property
    def report(self) -> TrialBalance | None:
        return self.presenter.report

    def refresh(self) -> None:
        report = self.presenter.load(to_date(self.as_of.date()))
        self.model.set_rows(lines_of(report))
        fit_columns(self.table, skip=1)
        verdict = self.presenter.verdict(report)
        self.verdict.setText(verdict.text)
        self.verdict.setStyleSheet(VERDICT_STYLES[verdict.kind])
