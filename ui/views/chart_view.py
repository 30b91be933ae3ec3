"""The chart of accounts: every account with its code, class and normal side."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kasir.book import Book
from kasir.i18n import _
from kasir.journal import service as journal
from ledger.queries import AccountRow
from ui.models.chart import ChartModel
from ui.models.labels import account_name
from ui.widgets.tables import fit_columns, table_view


class ChartView(QWidget):
    """Read-only list of accounts, filtered as the treasurer types."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.accounts: list[AccountRow] = []
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

    def refresh(self) -> None:
        self.accounts = journal.chart(self.book)
        self._filter(self.search.text())
        fit_columns(self.table, skip=1)

    def _filter(self, text: str) -> None:
        """Matching accounts, with their headings kept so the tree still reads."""
        needle = text.strip().casefold()
        if not needle:
            self.model.set_rows(self.accounts)
            return
        by_code = {a.code: a for a in self.accounts}
        keep: set[str] = set()
        for a in self.accounts:
            if needle in a.code.casefold() or needle in account_name(a.name_id,
                                                                     a.name_en).casefold():
                keep.add(a.code)
                parent = a.parent_code
                while parent is not None and parent in by_code:
                    keep.add(parent)
                    parent = by_code[parent].parent_code
        self.model.set_rows([a for a in self.accounts if a.code in keep])
