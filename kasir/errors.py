"""Refusals of the cooperative layer, worded as message ids with parameters.

Like the ledger's, they carry an English template marked for translation; the
faces translate it with ``kasir.i18n.message``.
"""

from __future__ import annotations

from ledger.errors import N_, LedgerError

__all__ = ["N_", "KasirError", "BookError", "BookMissing", "BookExists", "NotABook",
           "DamagedBook", "BookTooNew", "BookInUse"]


class KasirError(LedgerError):
    """A refused operation of the cooperative layer; nothing was changed."""


class BookError(KasirError):
    """A book that cannot be opened as it is; the file was left untouched."""


class BookMissing(BookError):
    pass


class BookExists(BookError):
    pass


class NotABook(BookError):
    pass


class DamagedBook(BookError):
    pass


class BookTooNew(BookError):
    pass


class BookInUse(BookError):
    pass
