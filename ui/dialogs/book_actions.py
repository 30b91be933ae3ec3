"""Creating and opening books from the window, with refusals shown, never raised.

The start dialog and the File menu offer the same three things; both call these
functions, which answer an open ``Book`` or None after telling the user why
not (a file that is not a book, a damaged or too new book: the message from
``kasir.i18n.message``, and the file left as it was). Only the Qt side is
here: the file dialogs, the wait cursor and the message boxes; the opening,
the demo and the daily backup are :mod:`ui.presenters.book_presenter`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from kasir.book import Book
from kasir.i18n import _
from ui.dialogs.new_book_dialog import NewBookDialog, book_file_filter, default_location
from ui.presenters import book_presenter as books
from ui.presenters.outcome import Outcome
from ui.widgets.messages import warn


def _attempt(parent: QWidget | None, title: str,
             work: Callable[[], books.Opened | Outcome]) -> Book | None:
    """Run ``work`` under the wait cursor; say why no book, or that the backup failed."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        opened = work()
    finally:
        QApplication.restoreOverrideCursor()
    if isinstance(opened, Outcome):
        warn(parent, title, opened.text)
        return None
    if opened.backup_problem is not None:
        warn(parent, _("Automatic backup failed"), opened.backup_problem.text)
    return opened.book


def open_location(parent: QWidget | None, location: str | Path) -> Book | None:
    return _attempt(parent, _("Cannot open the book"), lambda: books.open_location(location))


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
    return _attempt(parent, _("Cannot create the book"), lambda: books.create_new(path, name))


def open_demo(parent: QWidget | None) -> Book | None:
    """The demo cooperative: made on first use, opened as it is afterwards."""
    return _attempt(parent, _("Cannot open the demo book"), books.open_demo)
