"""Creating and opening books from the window, with refusals shown, never raised.

The start dialog and the File menu offer the same three things; both call these
functions, which answer an open ``Book`` or None after telling the user why
not (a file that is not a book, a damaged or too new book: the message from
``kasir.i18n.message``, and the file left as it was). Only the Qt side is
here: the file dialogs, the wait cursor and the message boxes; the opening,
the demo and the daily backup are :mod:`ui.presenters.book_presenter`'s.

A book open in Kasir on another computer (a book on a USB stick that was in another
laptop when it crashed) is refused naming who holds it; only then, and only after
the user confirms that Kasir no longer runs there, is its lock broken here. A lock
on this computer is never broken from the window: Kasir can tell whether the
program holding it still runs, and takes over one left by a crash by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from kasir.book import Book
from kasir.i18n import _
from ui import prefs
from ui.dialogs.new_book_dialog import NewBookDialog, book_file_filter, default_location
from ui.presenters import book_presenter as books
from ui.presenters.outcome import Outcome
from ui.widgets.messages import confirm, inform, warn


def _attempt(parent: QWidget | None, title: str,
             work: Callable[[], books.Opened | Outcome]) -> Book | None:
    """Run ``work`` under the wait cursor; say why no book, or that the backup failed."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        opened = work()
    finally:
        QApplication.restoreOverrideCursor()
    if isinstance(opened, books.Locked) and opened.breakable and opened.path is not None:
        if may_break(parent, opened):
            books.break_lock(opened.path)
            return _attempt(parent, title, work)
        return None
    if isinstance(opened, Outcome):
        warn(parent, title, opened.text)
        return None
    if opened.lock_note is not None:
        inform(parent, _("Kasir was not closed properly"), opened.lock_note.text)
    if opened.backup_problem is not None:
        warn(parent, _("Automatic backup failed"), opened.backup_problem.text)
    return opened.book


def may_break(parent: QWidget | None, locked: books.Locked) -> bool:
    """Ask before breaking another computer's lock: only right when Kasir stopped there."""
    return confirm(parent, _("The book is open on another computer"),
                   locked.text + "\n\n" + _("Only if Kasir is no longer running there (the "
                                             "computer was switched off or Kasir stopped): "
                                             "break its lock and open the book here?"),
                   yes=_("Break the lock and open"), no=_("Cancel"))


def open_location(parent: QWidget | None, location: str | Path) -> Book | None:
    return _attempt(parent, _("Cannot open the book"),
                    lambda: books.open_location(location, prefs.backup_place()))


def open_existing(parent: QWidget | None) -> Book | None:
    """Let the user pick a .kasir file and open it."""
    start = str(default_location("x").parent)
    path, _filter = QFileDialog.getOpenFileName(parent, _("Open a book"), start,
                                                book_file_filter())
    if not path:
        return None
    return open_location(parent, path)


def create_new(parent: QWidget | None) -> Book | None:
    """Ask for the cooperative's name and the file, then make the book."""
    answer = NewBookDialog.ask(parent)
    if answer is None:
        return None
    name, path = answer
    return _attempt(parent, _("Cannot create the book"), lambda: books.create_new(path, name, prefs.backup_place()))


def open_demo(parent: QWidget | None) -> Book | None:
    """The demo cooperative: made on first use, opened as it is afterwards."""
    return _attempt(parent, _("Cannot open the demo book"),
                    lambda: books.open_demo(place=prefs.backup_place()))
