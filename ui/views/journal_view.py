"""The posted journal, newest first; one entry's lines below; reversal with a reason."""

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
from kasir.i18n import _, message
from kasir.journal import service as journal
from ledger.errors import LedgerError
from ledger.queries import JournalRow
from ui.dialogs.reverse_dialog import ReverseDialog
from ui.models.journal import EntryLinesModel, JournalModel, shown_lines
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.tables import fit_columns, table_view


class JournalView(QWidget):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
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

        self.model = JournalModel(
            lambda offset, limit: journal.journal(self.book, limit=limit, offset=offset), parent=self)
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
        shown = self.model.rowCount()
        if self.model.canFetchMore():
            self.count_label.setText(_("{count} newest entries shown; scroll down for more")
                                     .format(count=shown))
        else:
            self.count_label.setText(_("{count} entries").format(count=shown))

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
        if row is None:
            self.lines_model.set_rows([])
            self.lines_title.setText(_("Select an entry to see its lines."))
            return
        names = {p.code: p.name for p in journal.parties(self.book)}
        self.lines_model.set_rows(shown_lines(journal.entry_lines(self.book, row.id), names))
        fit_columns(self.lines_table, skip=1)
        title = _("Lines of entry {number}: {description}").format(
            number=row.label, description=row.memo)
        if row.reversed_by:
            title += " — " + _("reversed by {number}").format(number=row.reversed_by)
            reason = journal.reversal_reason(self.book, row.id)
            if reason:
                title += " — " + _("reason: {reason}").format(reason=reason)
        self.lines_title.setText(title)

    # --- reversal -------------------------------------------------------------------
    def reverse_selected(self) -> bool:
        """Ask for a reason and a date, then reverse; the service refuses what cannot be."""
        row = self.selected()
        if row is None:
            self.status.show_message(_("Select the entry to reverse first."), "hint")
            return False
        answer = ReverseDialog.ask(self, row.label, row.memo)
        if answer is None:
            return False
        reason, day = answer
        try:
            ref = journal.reverse_entry(self.book, current_actor(), row.id, reason=reason,
                                        day=day)
        except LedgerError as exc:
            self.status.show_message(message(exc), "error")
            return False
        self.status.show_message(_("Entry {number} was reversed by {reversal}.").format(
            number=row.label, reversal=ref.label), "ok")
        self.refresh()
        self.select_entry(row.id)
        return True
