"""Refusals of the cooperative layer, worded as message ids with parameters.

Like the ledger's, they carry an English template marked for translation; the
faces translate it with ``kasir.i18n.message``. Failures of the world around the
book (a full disk, a read-only folder, a book held by another program, a server
that is down) are refusals too: ``kasir.db`` and ``file_error`` below turn the
driver's and the system's exceptions into these classes, so neither face ever
has to know sqlite3, psycopg or errno to say what happened.
"""

from __future__ import annotations

import errno

from ledger.errors import N_, LedgerError

__all__ = ["N_", "KasirError", "BookError", "BookMissing", "BookExists", "NotABook",
           "DamagedBook", "BookTooNew", "BookInUse", "UnknownDriver", "ServerUnreachable",
           "DiskFull", "ReadOnly", "DiskTrouble", "FileProblem", "WriteConflict",
           "OutputRefused", "file_error"]


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
    """Another program holds the book's write lock longer than Kasir waits for it."""


class UnknownDriver(BookError):
    """An address naming a kind of database Kasir cannot use, or no address at all."""


class ServerUnreachable(BookError):
    """The database server is down, unreachable, or refused the login."""


class DiskFull(KasirError):
    """No space left where the book or a file is written; the write was undone."""


class ReadOnly(KasirError):
    """The file or its folder may not be written (read-only medium, no permission)."""


class DiskTrouble(KasirError):
    """The disk failed a read or write (SQLite's "disk I/O error", a file-size limit)."""


class FileProblem(KasirError):
    """Any other failure of the file system, worded with the system's own reason."""


class SumOverflow(KasirError):
    """Amounts too large to add up: lines beyond the most a line may carry, written behind
    the program's back."""


SUM_OVERFLOW = N_("The book holds amounts too large to add up (a line beyond "
                  "Rp1.000.000.000.000.000, written behind Kasir's back); nothing was changed, "
                  "and `kasir verify` names the entries.")


class WriteConflict(KasirError):
    """Concurrent writers kept conflicting (PostgreSQL 40001/40P01) after every retry."""


class OutputRefused(KasirError):
    """An output file that would destroy something: the open book, or an existing file."""


# Messages shared by the places that meet the same failure (the engine's hook, the raw
# SQLite connections of opening and backing up, the file writers), so that the treasurer
# reads one wording for one cause whichever face and whichever path she took.
DISK_FULL = N_("The disk is full, so {path} could not be written; nothing was saved, so free "
               "some space and try again.")
READ_ONLY = N_("{path} cannot be written: the file or its folder is read-only or not yours; "
               "nothing was saved.")
NO_PERMISSION = N_("Kasir is not allowed to read or write {path} (permission denied); "
                   "nothing was changed.")
DISK_TROUBLE = N_("The disk failed while {path} was read or written ({reason}): it may be "
                  "full, limited or failing; nothing was saved.")
FILE_PROBLEM = N_("Cannot read or write a file: {reason}")
OUT_IS_BOOK = N_("{path} is the book itself (or a file SQLite keeps beside it); Kasir never "
                 "writes a report, a statement or a backup over the book, not even with "
                 "--force.")

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM}


def file_error(exc: OSError, path: object = None) -> KasirError:
    """An ``OSError`` as the refusal the treasurer reads: a full disk, a read-only or
    forbidden place, or the system's own reason. ``path`` names the file when the
    error does not (``shutil`` and ``os.replace`` often leave ``filename`` empty)."""
    where = str(path if path is not None else exc.filename or "")
    if exc.errno in _FULL:
        return DiskFull(DISK_FULL, path=where)
    if exc.errno == errno.EROFS:
        return ReadOnly(READ_ONLY, path=where)
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        return ReadOnly(NO_PERMISSION, path=where)
    if exc.errno in (errno.EIO, errno.EFBIG):  # EFBIG: a file-size limit (ulimit -f)
        return DiskTrouble(DISK_TROUBLE, path=where, reason=exc.strerror or str(exc))
    reason = f"{exc.strerror}: {where}" if exc.strerror and where else str(exc)
    return FileProblem(FILE_PROBLEM, reason=reason)
