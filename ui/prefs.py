"""What this laptop remembers between runs: the language, the last book, and where papers
and backups go.

These are settings of the program on one computer, so they live in an INI file
(QSettings, organisation and application "Kasir") that can be copied with the
data, not in the book; the book's own settings (the cooperative's name) stay
in the book.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from kasir.book import Book
from kasir.book.backup import KEEP_AUTOMATIC, Place
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


def backup_folder() -> Path | None:
    """The folder the treasurer chose for backups (a USB stick), or None for the default
    (``Documents/Kasir/Cadangan``). Kept even while the stick is out: the window falls
    back to the default folder then, and says so."""
    value = qsettings().value("backup/folder", "", type=str)
    return Path(value) if value else None


def save_backup_folder(folder: Path | str | None) -> None:
    s = qsettings()
    s.setValue("backup/folder", str(folder) if folder else "")
    s.sync()


def backup_keep() -> int:
    """How many automatic backups of each book are kept (30 unless set)."""
    value = qsettings().value("backup/keep", KEEP_AUTOMATIC, type=int)
    return value if isinstance(value, int) and value > 0 else KEEP_AUTOMATIC


def save_backup_keep(keep: int) -> None:
    s = qsettings()
    s.setValue("backup/keep", max(1, int(keep)))
    s.sync()


def backup_place() -> Place:
    """Where this laptop's automatic backups go and how many are kept."""
    return Place(backup_folder(), backup_keep())
