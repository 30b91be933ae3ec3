"""What this laptop remembers between runs: the language and the last book.

These are settings of the program on one computer, so they live in an INI file
(QSettings, organisation and application "Kasir") that can be copied with the
data, not in the book; the book's own settings (the cooperative's name) stay
in the book.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from kasir.book import Book
from kasir.i18n import LANGUAGES

ORGANIZATION = "Kasir"
APPLICATION = "Kasir"


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APPLICATION)


def saved_language() -> str | None:
    value = qsettings().value("ui/language", "", type=str)
    return value if value in LANGUAGES else None


def save_language(lang: str) -> None:
    s = qsettings()
    s.setValue("ui/language", lang)
    s.sync()


def last_book() -> Path | None:
    value = qsettings().value("book/last", "", type=str)
    return Path(value) if value else None


def remember_book(book: Book) -> None:
    """Remember a book file for the next start (server URLs may hold a password: not kept)."""
    if book.path is None:
        return
    s = qsettings()
    s.setValue("book/last", str(book.path))
    s.sync()


def papers_folder() -> Path:
    """Where receipts, passbooks and cash books are written (Documents/Kasir unless set)."""
    from platformdirs import user_documents_dir

    value = qsettings().value("papers/folder", "", type=str)
    return Path(value) if value else Path(user_documents_dir()) / "Kasir"


def save_papers_folder(folder: Path | str) -> None:
    s = qsettings()
    s.setValue("papers/folder", str(folder))
    s.sync()
