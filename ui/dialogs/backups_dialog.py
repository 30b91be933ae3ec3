"""The "Backups" dialog: where copies go, how many are kept, and the copies themselves.

The treasurer chooses the folder once (a USB stick) and can see at a glance that the
copies are being made: the last one's time, the list of this book's copies, and a
warning when the chosen folder is not there and the default one is used instead.
The folder and the number kept are this laptop's preferences (``ui.prefs``). The two
actions ("Back up now", "Restore from a backup…") are the File menu's, passed in, so
they behave the same from either place. ``BackupFolderPicker.ask`` is the seam tests
patch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kasir.i18n import _
from ui import prefs
from ui.presenters.backup_presenter import BackupPresenter, reason_text, seal_text, when
from ui.widgets.status import StatusLabel

SHOWN = 50  # copies listed; the rotation keeps 30 unless set otherwise


class BackupFolderPicker:
    """The folder for backups, chosen with the system's own dialog."""

    @classmethod
    def ask(cls, parent: QWidget | None, start: Path) -> Path | None:
        folder = QFileDialog.getExistingDirectory(parent, _("Choose the folder for backups"),
                                                  str(start))
        return Path(folder) if folder else None


class BackupsDialog(QDialog):
    def __init__(self, presenter: Callable[[], BackupPresenter], back_up: Callable[[], None],
                 restore: Callable[[], None], changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenter, self._changed = presenter, changed
        self.setWindowTitle(_("Backups"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.folder = QLabel(self)
        self.folder.setWordWrap(True)
        change = QPushButton(_("Change…"), self)
        change.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(_("Use the default folder"), self)
        self.default_button.clicked.connect(self.use_default)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(change)
        row.addWidget(self.default_button)
        form.addRow(_("Folder:"), row)
        self.keep = QSpinBox(self)
        self.keep.setRange(1, 999)
        self.keep.setValue(prefs.backup_keep())
        self.keep.setSuffix(" " + _("copies of each book"))
        self.keep.valueChanged.connect(self.save_keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        form.addRow(_("Keep the last:"), keep_row)
        self.last = QLabel(self)
        form.addRow(_("Last backup:"), self.last)
        layout.addLayout(form)
        self.note = StatusLabel(self)
        layout.addWidget(self.note)
        self.copies = QTreeWidget(self)
        self.copies.setRootIsDecorated(False)
        self.copies.setHeaderLabels([_("Made"), _("Why"), _("File"), _("Seal")])
        layout.addWidget(self.copies, 1)
        buttons = QHBoxLayout()
        now = QPushButton(_("Back up now…"), self)
        now.clicked.connect(lambda: (back_up(), self.refresh()))
        again = QPushButton(_("Restore from a backup…"), self)
        again.clicked.connect(lambda: (self.accept(), restore()))
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(now)
        buttons.addWidget(again)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        """Show the folder, the warning when it fell back, and this book's copies."""
        presenter = self._presenter()
        chosen = presenter.place.chosen
        self.folder.setText(str(chosen or presenter.folder))
        self.default_button.setEnabled(chosen is not None)
        note = presenter.folder_note()
        self.note.show_message(note or "", "hint" if note else "plain")
        history = presenter.history()
        self.last.setText(when(history[0].made) if history else _("none yet"))
        self.copies.clear()
        for made in history[:SHOWN]:
            QTreeWidgetItem(self.copies, [when(made.made), reason_text(made.reason),
                                          made.path.name, seal_text(made)])
        for column in range(4):
            self.copies.resizeColumnToContents(column)

    def choose_folder(self) -> None:
        folder = BackupFolderPicker.ask(self, self._presenter().folder)
        if folder is not None:
            prefs.save_backup_folder(folder)
            self._changed()
            self.refresh()

    def use_default(self) -> None:
        prefs.save_backup_folder(None)
        self._changed()
        self.refresh()

    def save_keep(self, keep: int) -> None:
        prefs.save_backup_keep(keep)
        self._changed()
