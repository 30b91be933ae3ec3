"""The window's backups: the status-bar line, the hourly timer, the File menu, the close hook.

The main window only wires these in (menu entries, ``refresh`` after each rebuild,
``closing`` when a book is put away), so its own code stays about pages. The
decisions are :class:`ui.presenters.backup_presenter.BackupPresenter`'s; this module
asks (which file, which folder, "really restore?") and shows. Every copy the window
takes on its own is said in the status bar; a copy that fails is said in a message,
because a treasurer who believes she has backups must learn at once that she has not.

``BackupChoice.ask`` and ``BackupFilePicker`` are the seams tests patch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QStatusBar,
    QWidget,
)

from kasir.book import Book
from kasir.i18n import _
from ui import prefs
from ui.dialogs import book_actions
from ui.dialogs.backups_dialog import BackupsDialog
from ui.presenters.backup_presenter import HOURLY_MS, BackupInfo, BackupPresenter
from ui.presenters.outcome import Outcome
from ui.user import current_actor
from ui.widgets.messages import confirm, inform, warn


class Window(Protocol):
    """What of the main window the backups need (the window itself sits above dialogs)."""

    book: Book

    def statusBar(self) -> QStatusBar: ...  # noqa: N802

    def set_book(self, book: Book) -> None: ...

    def may_discard_entry(self) -> bool: ...


class BackupChoice:
    """Where "Back up now" writes: into the backup folder, or a file the user names."""

    @classmethod
    def ask(cls, parent: QWidget | None, folder: Path) -> str | None:
        """``"folder"``, ``"file"`` or None (cancelled)."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Back up now"),
                          _("Where should the backup go?\n\nThe backup folder is {folder}.")
                          .format(folder=folder), QMessageBox.StandardButton.NoButton, parent)
        into = box.addButton(_("Into the backup folder"), QMessageBox.ButtonRole.AcceptRole)
        elsewhere = box.addButton(_("Choose a file…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(into)
        box.exec()
        clicked = box.clickedButton()
        return "folder" if clicked is into else "file" if clicked is elsewhere else None


class BackupFilePicker:
    """Backup files chosen with the system's own dialogs."""

    @staticmethod
    def _filter() -> str:
        return _("Kasir books (*.kasir)") + ";;" + _("All files (*)")

    @classmethod
    def open(cls, parent: QWidget | None, folder: Path) -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(parent, _("Restore from a backup"),
                                                    str(folder), cls._filter())
        return Path(path) if path else None

    @classmethod
    def save(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(parent, _("Back up to a file"),
                                                    str(suggested), cls._filter())
        return Path(path) if path else None


class BackupActions(QObject):
    def __init__(self, window: Window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: self.show_dialog())
        self.timer = QTimer(self)
        self.timer.setInterval(HOURLY_MS)
        self.timer.timeout.connect(self.daily)
        self.timer.start()

    def presenter(self, book: Book | None = None) -> BackupPresenter:
        return BackupPresenter(book or self.window.book, prefs.backup_place(),
                               current_actor())

    @property
    def _parent(self) -> QWidget | None:
        return self.window if isinstance(self.window, QWidget) else None

    # --- the status bar ---------------------------------------------------------------
    def refresh(self) -> None:
        """The last backup's time and folder, as a link to the Backups dialog."""
        status = self.window.statusBar()
        status.removeWidget(self.label)  # after the book's label, which each rebuild renews
        status.addPermanentWidget(self.label)
        self.label.show()
        presenter = self.presenter()
        note = presenter.folder_note()
        text = presenter.status_text()
        mark = "⚠ " if note else ""
        self.label.setText(f'<a href="backups">{mark}{_escape(text)}</a>')
        self.label.setToolTip(note or _("Backups…"))

    def _said(self, outcome: Outcome | None) -> None:
        """A copy the window took on its own: in the status bar; a failure in a message."""
        self.refresh()
        if outcome is None:
            return
        if outcome.ok:
            self.window.statusBar().showMessage(outcome.text, 15000)
        else:
            warn(self._parent, _("Automatic backup failed"), outcome.text)

    # --- automatic copies -------------------------------------------------------------
    def daily(self) -> None:
        """Every hour: the daily copy when it is due (not in the middle of an import: the
        next hour will do)."""
        if getattr(self.window, "busy", False):
            return
        self._said(self.presenter().daily())

    def closing(self, book: Book | None = None) -> None:
        """The copy taken when a book is put away (the window closes, another is opened)."""
        with _waiting():
            outcome = self.presenter(book).on_close()
        if outcome is not None and not outcome.ok:
            warn(self._parent, _("Automatic backup failed"), outcome.text)

    def stop(self) -> None:
        self.timer.stop()

    # --- the menu ---------------------------------------------------------------------
    def back_up_now(self) -> None:
        presenter = self.presenter()
        where = BackupChoice.ask(self._parent, presenter.folder)
        if where is None:
            return
        if where == "file":
            name = f"{presenter.book.path.stem if presenter.book.path else 'buku'}-cadangan.kasir"
            out = BackupFilePicker.save(self._parent, presenter.folder / name)
            if out is None:
                return
            with _waiting():
                outcome = presenter.back_up_to(out)
        else:
            with _waiting():
                outcome = presenter.back_up_now()
        self.refresh()
        if outcome.ok:
            self.window.statusBar().showMessage(outcome.text, 15000)
        else:
            warn(self._parent, _("The backup was not made"), outcome.text)

    def restore(self) -> None:
        """Pick a backup, confirm naming both files and its time, restore, reopen the book."""
        if not self.window.may_discard_entry():
            return
        presenter = self.presenter()
        source = BackupFilePicker.open(self._parent, presenter.folder)
        if source is None:
            return
        info = presenter.describe(source)
        if isinstance(info, Outcome):
            warn(self._parent, _("Cannot restore this file"), info.text)
            return
        if not self.ask_restore(presenter, info):
            return
        with _waiting():
            outcome = presenter.restore(info.path)
        if not outcome.ok:
            warn(self._parent, _("Nothing was restored"), outcome.text)
            return
        path = presenter.book.path
        book = book_actions.open_location(self._parent, path) if path else None
        if book is not None:
            self.window.set_book(book)
        self.refresh()
        inform(self._parent, _("Backup restored"), outcome.text)

    def ask_restore(self, presenter: BackupPresenter, info: BackupInfo) -> bool:
        return confirm(self._parent, _("Restore from a backup"), presenter.confirm_text(info),
                       yes=_("Restore"), no=_("Cancel"))

    def show_dialog(self) -> None:
        dialog = BackupsDialog(self.presenter, self.back_up_now, self.restore, self.refresh,
                               self._parent)
        dialog.exec()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _waiting:  # noqa: N801 (used as a statement: ``with _waiting():``)
    """The wait cursor while a copy is written (a large book takes seconds)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()
