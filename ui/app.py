"""Starting the window: the application, the language, and which book to show.

The book shown is the one given on the command line, else the one used last
on this laptop, else the user picks one in the start dialog (a new book, an
existing file, or the demo). A book that cannot be opened is explained in a
message, never a crash, and the start dialog is offered instead. A book with users
asks who works before the window shows it (``ui.dialogs.sign_in_dialog``). Whatever
slips past every refusal later (an exception in a slot or a key handler) is
caught by ``ui.crash``, installed first: told in a message box, logged, survived.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kasir import i18n
from kasir.book import Book
from ui import crash, prefs
from ui.dialogs import book_actions
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.dialogs.start_dialog import StartDialog
from ui.main_window import MainWindow, apply_locale
from ui.presenters.book_presenter import close_book


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication (an existing one is reused, as under tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(["kasir", *(argv if argv is not None else sys.argv[1:])])
    assert isinstance(app, QApplication)
    app.setOrganizationName(prefs.ORGANIZATION)
    app.setApplicationName(prefs.APPLICATION)
    app.setApplicationDisplayName("Kasir")
    app.setDesktopFileName("kasir")
    return app


def choose_language(lang: str | None = None) -> str:
    """The argument, else ``KASIR_LANG``, else the saved choice, else Indonesian."""
    env = os.environ.get("KASIR_LANG")
    for candidate in (lang, env, prefs.saved_language(), "id"):
        if candidate in i18n.LANGUAGES:
            i18n.set_language(candidate)
            apply_locale(candidate)
            return candidate
    raise AssertionError("unreachable: 'id' is always a language")


def first_book(book_location: str | Path | None = None) -> Book | None:
    """The book to show at start, or None when the user quits the start dialog."""
    if book_location is not None and str(book_location) != "":
        book = book_actions.open_location(None, book_location)
        if book is not None:
            return book
    else:
        last = prefs.last_book()
        if last is not None and last.exists():
            book = book_actions.open_location(None, last)
            if book is not None:
                return book
    return StartDialog.choose()


def run_event_loop(app: QApplication, window: MainWindow) -> int:  # noqa: ARG001
    """Hand over to Qt until the window closes (a seam: tests look at the window instead)."""
    return app.exec()


def main(argv: Sequence[str] | None = None, book_location: str | Path | None = None,
         lang: str | None = None) -> int:
    """Show the window; the exit code is 0 when the user quits normally."""
    app = application(argv)
    crash.install(app)
    choose_language(lang)
    book = first_book(book_location)
    if book is None:
        return 0
    if not SignInDialog.sign_in(book):  # a book with users: who works? (else: it is open)
        close_book(book)
        return 0
    window = MainWindow(book)
    window.show()
    return run_event_loop(app, window)
