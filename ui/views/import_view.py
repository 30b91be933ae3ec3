"""Importing a business-event file (``*.jsonl``) from the old books.

1. "Choose file…" (the system's file dialog) names the file; its name and number
   of lines show.
2. "Import" reads it into the book in one go, with a progress bar: the whole
   file or nothing. Events imported before are skipped and counted, so the
   same file can be imported again safely.
3. The summary says what came in (events, entries posted, skipped, per kind of
   event). A bad event refuses the whole file: the message names the file, the
   line, the field and the reason, and nothing was imported.

The import runs on the window's own thread: the progress callback lets the
window repaint (``QApplication.processEvents``) while the rest of the window is
locked, so nothing else can write to the book meanwhile. The page only draws
and forwards input; ``ImportPresenter`` reads the file, imports it and words
the outcome.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from kasir.imports.service import EventFile, ImportResult
from ledger.errors import N_
from ui.dialogs.file_dialogs import EventFilePicker
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.import_presenter import ImportPresenter, TypeRow
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.status import StatusLabel
from ui.widgets.style import POST_STYLE
from ui.widgets.tables import fit_height, table_view

TYPE_COLUMNS: list[Column[TypeRow]] = [
    Column(N_("Kind of event"), lambda r: r.name, tooltip=lambda r: r.code),
    Column(N_("Imported"), lambda r: f"{r.count:,}".replace(",", "."), RIGHT),
]


class ImportView(QWidget):
    busy = Signal(bool)  # the window locks everything else while a file goes in
    imported = Signal(str)  # one line for the window's status bar

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.presenter = ImportPresenter(book, current_actor())
        self._build()
        self._show_file()

    @property
    def file(self) -> EventFile | None:
        return self.presenter.file

    @property
    def result(self) -> ImportResult | None:
        return self.presenter.result

    @property
    def running(self) -> bool:
        return self.presenter.running

    @property
    def progress_seen(self) -> list[int]:
        return self.presenter.progress_seen

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(_("Bring in the records of the old books from a business-event file "
                         "(.jsonl). The whole file goes in, or nothing does; events imported "
                         "before are skipped, so a file can safely be imported again."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)

        row = QHBoxLayout()
        self.choose_button = QPushButton(_("Choose file…"), self)
        self.choose_button.setObjectName("importChoose")
        self.choose_button.setAutoDefault(True)  # Enter on the focused button
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.choose_button)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("importFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.file_label, 1)
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.setObjectName("importRun")
        self.import_button.setAutoDefault(True)
        font = self.import_button.font()
        font.setBold(True)
        self.import_button.setFont(font)
        self.import_button.setStyleSheet(POST_STYLE)
        self.import_button.setMinimumWidth(120)
        self.import_button.clicked.connect(self.run_import)
        row.addWidget(self.import_button)
        outer.addLayout(row)

        self.bar = QProgressBar(self)
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat(_("%v of %m events"))
        outer.addWidget(self.bar)

        self.status = StatusLabel(self)
        self.status.setObjectName("importStatus")
        outer.addWidget(self.status)

        self.types_title = QLabel(_("Imported per kind of event"), self)
        self.types_title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.types_title)
        self.types = RowsModel(TYPE_COLUMNS, [], self)
        self.types_table = table_view(self.types, self, stretch_column=0)
        self.types_table.setObjectName("importTypes")
        self.types_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.types_table.setFixedWidth(self.types_table.fontMetrics().horizontalAdvance(
            "Non-halal income to the benevolence fund 999.999") + 60)
        outer.addWidget(self.types_table, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addStretch(1)
        QWidget.setTabOrder(self.choose_button, self.import_button)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown (Ctrl+I): Enter chooses a file, or imports the one chosen."""
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            (self.import_button if self.import_button.isEnabled()
             else self.choose_button).setFocus()

    # --- the file ------------------------------------------------------------------------
    def _show(self, outcome: Outcome) -> None:
        self.status.show_message(outcome.text, outcome.kind)

    def choose_file(self) -> bool:
        path = EventFilePicker.ask(self, self.presenter.folder())
        if path is None:
            return False
        return self.set_file(path)

    def set_file(self, path: Path | str) -> bool:
        """Take a file: its name and lines show, the import button is ready."""
        outcome = self.presenter.choose(path)
        self._show_result()
        self._show_file()
        self._show(outcome)
        if self.file is None:
            return False
        self.import_button.setFocus()
        return True

    def _show_file(self) -> None:
        self.file_label.setText(self.presenter.file_text())
        if self.file is None:
            self.file_label.setStyleSheet("color: #78909c;")
        else:
            self.file_label.setStyleSheet("font-weight: bold;")
            self.file_label.setToolTip(str(self.file.path))
        self._show_file_buttons()
        self.bar.setRange(0, max(1, self.file.lines if self.file else 1))
        self.bar.setValue(0)

    # --- importing -----------------------------------------------------------------------
    def progress(self, done: int) -> None:
        """Called by the import every few hundred events: move the bar, let Qt paint."""
        if done > self.bar.maximum():
            self.bar.setMaximum(done)
        self.bar.setValue(done)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def run_import(self) -> bool:
        if self.running:
            return False
        problem = self.presenter.not_ready()
        if problem is not None:
            self._show(problem)
            return False
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self._show(self.presenter.starting())
        self.busy.emit(True)
        try:
            outcome = self.presenter.run(self.progress)
        finally:
            self.busy.emit(False)
            self.choose_button.setEnabled(True)
            self._show_file_buttons()
        if not outcome.ok:
            self.bar.setValue(0)
            self._show(outcome)
            return False
        events = self.result.events if self.result is not None else 0
        self.bar.setMaximum(max(1, events))
        self.bar.setValue(events)
        self._show(outcome)
        self._show_result()
        self.imported.emit(self.presenter.status_bar_text())
        self.choose_button.setFocus()
        return True

    def _show_file_buttons(self) -> None:
        self.import_button.setEnabled(self.presenter.can_import())

    def _show_result(self) -> None:
        rows = self.presenter.type_rows()
        self.types.set_rows(rows)
        self.types_title.setVisible(bool(rows))
        self.types_table.setVisible(bool(rows))
        if rows:
            self.types_table.resizeColumnToContents(1)
            fit_height(self.types_table, min(len(rows), 12))
