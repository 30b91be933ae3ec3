"""Importing a business-event file, for the window's import page and ``kasir import``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.imports.events import EventFile, event_file, read_events, unreadable
from kasir.imports.handlers import HANDLERS, NOT_YET, hold_products
from kasir.imports.importer import Importer, ImportResult
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger import background_writer

__all__ = ["EventFile", "ImportResult", "event_file", "import_event_file"]


def import_event_file(book: Book, actor: Actor, path: Path | str,
                      progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import the whole file in one transaction, or nothing; refuse it whole on the first
    bad event.

    ``progress`` hears the number of events handled: 0 at the start, every few
    hundred events on the way, and the total once the file is in the book."""
    path = Path(path)
    require(book, actor, Permission.IMPORT)
    if progress is not None:
        progress(0)
    try:
        path.stat()  # a missing file is refused before the book is touched
    except OSError as exc:
        raise unreadable(path, exc) from None
    events = read_events(path)  # read as the import goes: memory flat in the file's size

    def work(s: Session) -> ImportResult:
        im = Importer(s, path.name, actor, HANDLERS, NOT_YET, progress)
        hold_products(im)
        # The importer flushes the session with each batch; flushing before every query
        # (the contracts and payments changed since) was a third of an import's time. A thread
        # writes each batch's rows while the next batch is read.
        with s.no_autoflush, background_writer.in_background(s):
            return im.run(events)
    try:
        result = book.run(work, retries=0, actor=actor)
    except (OSError, UnicodeDecodeError) as exc:  # the file, read during the import
        raise unreadable(path, exc) from None
    if progress is not None:
        progress(result.events)
    return result
