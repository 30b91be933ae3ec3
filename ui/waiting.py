"""What the window shows while the book is held by another computer's work.

On a shared book a cashier's deposit may wait behind an import or a month's close on
another computer, for at most ``kasir.db.SERVER_WAIT_SECONDS``. The unit of work tells
the book's ``waiting`` before it waits (``kasir.uow``); the window then says so in its
status line and shows a busy pointer, and takes both back when the wait is over,
whether the work then went through or was refused. Only the status line is repainted:
no events are handled meanwhile, so nothing else starts while the work waits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from kasir import db
from kasir.i18n import _
from kasir.uow import Book


def attach(window: QMainWindow, book: Book) -> None:
    """Let ``book`` tell ``window`` when its work must wait for another computer."""
    book.waiting = lambda: waiting(window)


def waiting(window: QMainWindow) -> Callable[[], None]:
    """Say that the book is busy elsewhere; returns what takes it back."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    status = window.statusBar()
    status.showMessage(_("Waiting for another computer using this book (at most {seconds} "
                         "seconds)…").format(seconds=db.SERVER_WAIT_SECONDS))
    status.repaint()

    def over() -> None:
        QApplication.restoreOverrideCursor()
        status.clearMessage()

    return over
