"""Creating and opening books from the window, with refusals shown, never raised.

The start dialog and the File menu offer the same three things; both call these
functions, which answer an open ``Book`` or None after telling the user why
not (a file that is not a book, a damaged or too new book: the message from
``kasir.i18n.message``, and the file left as it was).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from kasir.book import Book, create_book, open_book
from kasir.book.backup import backup_if_due
from kasir.book.demo import DEMO_NAME, build_demo
from kasir.i18n import _, message
from ledger.errors import LedgerError
from ui.dialogs.new_book_dialog import NewBookDialog, book_file_filter, default_location
from ui.widgets.messages import warn

DEMO_FILE = "contoh.kasir"


def demo_path() -> Path:
    """Where the demo book lives: the user's data folder, away from real books."""
    return Path(user_data_dir("Kasir", appauthor=False)) / DEMO_FILE


def _attempt(parent: QWidget | None, title: str, work: Callable[[], Book]) -> Book | None:
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        book = work()
        _daily_backup(parent, book)
        return book
    except LedgerError as exc:
        text = message(exc)
    except (OSError, sqlite3.Error) as exc:
        text = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    warn(parent, title, text)
    return None


def _daily_backup(parent: QWidget | None, book: Book) -> None:
    """Nothing committed is ever lost: one automatic copy a day, taken on opening."""
    if book.path is None:
        return
    try:
        backup_if_due(book.path)
    except (LedgerError, OSError, sqlite3.Error) as exc:
        reason = message(exc) if isinstance(exc, LedgerError) else str(exc)
        warn(parent, _("Automatic backup failed"),
             _("Today's automatic backup could not be made: {reason}").format(reason=reason))


def open_location(parent: QWidget | None, location: str | Path) -> Book | None:
    return _attempt(parent, _("Cannot open the book"), lambda: open_book(location))


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
    return _attempt(parent, _("Cannot create the book"), lambda: create_book(path, name=name))


def open_demo(parent: QWidget | None) -> Book | None:
    """The demo cooperative: made on first use, opened as it is afterwards."""
    path = demo_path()

    def work() -> Book:
        if path.exists():
            return open_book(path)
        book = create_book(path, name=DEMO_NAME)
        try:
            build_demo(book)
        except BaseException:
            # a demo without its entries would be opened as it is next time: start over
            book.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
        return book

    return _attempt(parent, _("Cannot open the demo book"), work)
