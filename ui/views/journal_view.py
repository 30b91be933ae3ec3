"""The posted journal, newest first; one entry's lines below; reversal with a reason.

Only widgets live here: what is read, what the titles say and what a reversal
answers come from :class:`ui.presenters.journal_presenter.JournalPresenter`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from ledger.queries import JournalRow
from ui.dialogs.reverse_dialog import ReverseDialog
from ui.models.journal import EntryLinesModel, JournalModel, shown_lines
from ui.presenters.journal_presenter import JournalPresenter
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.tables import fit_columns, table_view


class JournalView(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = JournalPresenter(book, current_actor())
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.reverse_button = QPushButton(_("Reverse entry…"), self)
        self.reverse_button.setObjectName("reverseButton")
        self.reverse_button.setToolTip(_("Undo the selected entry by posting its mirror image, "
                                         "with a reason"))
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.refresh_button = QPushButton(_("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.reverse_button)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.status = StatusLabel(self)
        self.status.setObjectName("journalStatus")
        layout.addWidget(self.status)

        self.model = JournalModel(self.presenter.page, parent=self)
        self.lines_model = EntryLinesModel(parent=self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = table_view(self.model, splitter, stretch_column=2)
        lower = QWidget(splitter)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_title = QLabel(lower)
        self.lines_title.setWordWrap(True)
        lower_layout.addWidget(self.lines_title)
        self.lines_table = table_view(self.lines_model, lower, stretch_column=1)
        lower_layout.addWidget(self.lines_table)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._show_count)
        self.refresh()

    # --- content --------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        self.model.reload()
        fit_columns(self.table, skip=2)
        self._show_count()
        if selected is not None:
            self.select_entry(selected.id)
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)
        if not self.model.rowCount():
            self._show_lines(None)

    def _show_count(self) -> None:
        self.count_label.setText(self.presenter.count_text(self.model.rowCount(),
                                                           self.model.canFetchMore()))

    def selected(self) -> JournalRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(rows[0].row())

    def select_entry(self, entry_id: int) -> bool:
        for index, row in enumerate(self.model.rows):
            if row.id == entry_id:
                self.table.selectRow(index)
                return True
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_lines(self.selected())

    def _show_lines(self, row: JournalRow | None) -> None:
        shown = self.presenter.lines(row)
        self.lines_model.set_rows(shown_lines(shown.lines, shown.names))
        if row is not None:
            fit_columns(self.lines_table, skip=1)
        self.lines_title.setText(shown.title)

    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    # --- reversal -------------------------------------------------------------------
    def reverse_selected(self) -> bool:
        """Ask for a reason and a date, then reverse; the service refuses what cannot be."""
        row = self.selected()
        if row is None:
            self._show(self.presenter.nothing_selected())
            return False
        answer = ReverseDialog.ask(self, row.label, row.memo, self.presenter.today())
        if answer is None:
            return False
        reason, day = answer
        outcome = self.presenter.reverse(row, reason, day)
        self._show(outcome)
        if not outcome.ok:
            return False
        self.refresh()
        self.select_entry(row.id)
        return True
