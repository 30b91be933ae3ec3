"""The chart of accounts: every account with its code, class and normal side.

The accounts and the search are :class:`ui.presenters.ledger_presenter.ChartPresenter`'s;
this page draws the table.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kasir.book import Book
from kasir.i18n import _
from ledger.queries import AccountRow
from ui.models.chart import ChartModel
from ui.presenters.ledger_presenter import ChartPresenter
from ui.widgets.tables import fit_columns, table_view


class ChartView(QWidget):
    """Read-only list of accounts, filtered as the treasurer types."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = ChartPresenter(book)
        layout = QVBoxLayout(self)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(_("Find account"), self))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("code or part of the name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)
        self.model = ChartModel(parent=self)
        self.table = table_view(self.model, self, stretch_column=1)
        layout.addWidget(self.table, 1)
        self.refresh()

    @property
    def accounts(self) -> list[AccountRow]:
        return self.presenter.accounts

    def refresh(self) -> None:
        self.presenter.load()
        self._filter(self.search.text())
        fit_columns(self.table, skip=1)

    def _filter(self, text: str) -> None:
        """Matching accounts, with their headings kept so the tree still reads."""
        self.model.set_rows(self.presenter.filter(text))
