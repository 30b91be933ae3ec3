"""The book: one cooperative's database, from creation to verification.

Owns: creating, opening, inspecting and upgrading a book (``opening``,
``migrate``), backups, their rotation and restores (``backup``, ``service``), copying a
book into another database, file or server, checked (``copy``, ``copy_figures``), the
lock that keeps a second program off a book (``lock``), ``verify``, the
cooperative's own details printed on every paper (``cooperative``), the schema
version commands (``service``) and the demo cooperative (``demo``).
Owns no account. May import: ``ledger``, kasir's shared modules, and, for the
demo and the verification, the features' rules and queries (it sits above them;
no feature imports it: they work on the open ``kasir.uow.Book``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kasir.book.opening import create_book, open_book
    from kasir.uow import Book

__all__ = ["Book", "create_book", "open_book"]


def __getattr__(name: str) -> Any:
    """``Book``, ``create_book`` and ``open_book`` loaded at their first use: they bring
    SQLAlchemy, which the quick answers (``kasir.book.files``, ``quick_read``) do without."""
    if name == "Book":
        from kasir.uow import Book

        return Book
    if name in ("create_book", "open_book"):
        from kasir.book import opening

        return getattr(opening, name)
    raise AttributeError(f"module 'kasir.book' has no attribute {name!r}")
