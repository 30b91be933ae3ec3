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
locked, so nothing else can write to the book meanwhile.
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
from kasir.i18n import _, message
from kasir.imports import service as imports
from kasir.imports.service import EventFile, ImportResult
from ledger.errors import N_, LedgerError
from ui.dialogs.file_dialogs import EventFilePicker
from ui.models.table import RIGHT, Column, RowsModel
from ui.presenters.import_presenter import TypeRow, file_text, refusal, summary, type_rows
from ui.user import current_actor
from ui.views.entry_view import POST_STYLE
from ui.widgets.status import StatusLabel
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
        self.file: EventFile | None = None
        self.result: ImportResult | None = None
        self.progress_seen: list[int] = []
        self.running = False
        self._build()
        self._show_file()

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
    def choose_file(self) -> bool:
        folder = str(self.file.path.parent) if self.file is not None else ""
        path = EventFilePicker.ask(self, folder)
        if path is None:
            return False
        return self.set_file(path)

    def set_file(self, path: Path | str) -> bool:
        """Take a file: its name and lines show, the import button is ready."""
        self.result = None
        self._show_result()
        try:
            self.file = imports.event_file(path)
        except LedgerError as exc:
            self.file = None
            self._show_file()
            self.status.show_message(message(exc), "error")
            return False
        self._show_file()
        self.status.show_message(_("Press Import to bring the file into the book."), "hint")
        self.import_button.setFocus()
        return True

    def _show_file(self) -> None:
        if self.file is None:
            self.file_label.setText(_("No file chosen yet."))
            self.file_label.setStyleSheet("color: #78909c;")
        else:
            self.file_label.setText(file_text(self.file))
            self.file_label.setStyleSheet("font-weight: bold;")
            self.file_label.setToolTip(str(self.file.path))
        self.import_button.setEnabled(self.file is not None and not self.running)
        self.bar.setRange(0, max(1, self.file.lines if self.file else 1))
        self.bar.setValue(0)

    # --- importing -----------------------------------------------------------------------
    def progress(self, done: int) -> None:
        """Called by the import every few hundred events: move the bar, let Qt paint."""
        self.progress_seen.append(done)
        if done > self.bar.maximum():
            self.bar.setMaximum(done)
        self.bar.setValue(done)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def run_import(self) -> bool:
        if self.running:
            return False
        if self.file is None:
            self.status.show_message(_("Choose the file to import first."), "hint")
            return False
        self.running = True
        self.progress_seen = []
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.status.show_message(_("Importing {file}…").format(file=self.file.name), "plain")
        self.busy.emit(True)
        try:
            result = imports.import_event_file(self.book, current_actor(), self.file.path,
                                               self.progress)
        except LedgerError as exc:
            self.result = None
            self.bar.setValue(0)
            self.status.show_message(refusal(exc), "error")
            return False
        finally:
            self.running = False
            self.busy.emit(False)
            self.choose_button.setEnabled(True)
            self._show_file_buttons()
        self.result = result
        self.bar.setMaximum(max(1, result.events))
        self.bar.setValue(result.events)
        text = summary(result)
        self.status.show_message(text, "ok")
        self._show_result()
        self.imported.emit(summary(result, explain=False))
        self.choose_button.setFocus()
        return True

    def _show_file_buttons(self) -> None:
        self.import_button.setEnabled(self.file is not None and not self.running)

    def _show_result(self) -> None:
        rows = type_rows(self.result) if self.result is not None else []
        self.types.set_rows(rows)
        self.types_title.setVisible(bool(rows))
        self.types_table.setVisible(bool(rows))
        if rows:
            self.types_table.resizeColumnToContents(1)
            fit_height(self.types_table, min(len(rows), 12))
