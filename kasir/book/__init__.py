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

from kasir.book.opening import create_book, open_book
from kasir.uow import Book

__all__ = ["Book", "create_book", "open_book"]
