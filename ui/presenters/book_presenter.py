"""Opening and making books without Qt, with refusals returned, never raised.

The start dialog and the File menu offer the same three things (a new book, an
existing file, the demo cooperative); ``ui.dialogs.book_actions`` asks the user which
file or name with Qt's dialogs and calls these functions. A file that is not a
book, a damaged or too new book comes back as an error ``Outcome`` in the
user's language, and the file is left as it was. A book that opens takes its
daily automatic backup; a backup that fails does not keep the book closed, it
is only reported with the book. A book file is locked for this window before
it is opened (``kasir.book.lock``): one held by another program comes back as a
``Locked`` refusal naming who holds it, at once, and ``close_book`` releases it.
Automatic backups taken while opening (the daily one, the one before an upgrade)
go to the treasurer's backup ``Place``. Opening, creating and backing up word every
failure of the disk, the file system and the database driver themselves
(``kasir.errors``), so only ``LedgerError`` is caught here; anything else is a
bug for the window's last-resort handler (``ui.crash``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from kasir.book import Book, cooperative, create_book, lock, open_book
from kasir.book.backup import Place, backup_if_due, placed
from kasir.book.demo import DEMO_NAME, build_demo
from kasir.book.files import resolve_location
from kasir.i18n import _, message
from ledger.errors import LedgerError
from ui.presenters.outcome import Outcome, refused

DEMO_FILE = "contoh.kasir"


@dataclass(frozen=True, slots=True)
class Opened:
    """A book ready for the window, and the daily backup's failure if it failed."""

    book: Book
    backup_problem: Outcome | None = None
    lock_note: Outcome | None = None  # a crashed program's lock was taken over


@dataclass(frozen=True, slots=True)
class Locked(Outcome):
    """The book is open in another program: the refusal, and whether the user may break
    the lock (only one from another computer: this one can tell a live program here)."""

    path: Path | None = None
    breakable: bool = False


def demo_path() -> Path:
    """Where the demo book lives: the user's data folder, away from real books."""
    return Path(user_data_dir("Kasir", appauthor=False)) / DEMO_FILE


def window_title(book: Book) -> str:
    """The window's title: the cooperative's name before "Kasir", so two open windows
    (a real book, the demo) are told apart; only "Kasir" for a book not named yet."""
    name = cooperative.book_name(book).strip()
    return f"{name} — Kasir" if name else "Kasir"


def daily_backup(book: Book, place: Place | None = None) -> Outcome | None:
    """Nothing committed is ever lost: one automatic copy a day, taken on opening.
    None when it was made or not due (or the book is on a server, backed up there)."""
    if book.path is None:
        return None
    place = place or Place()
    try:
        backup_if_due(book.path, place.folder(), keep=place.keep)
    except LedgerError as exc:
        reason = message(exc)
        return Outcome(_("Today's automatic backup could not be made: {reason}").format(
            reason=reason), "error")
    return None


def attempt(work: Callable[[], Book], at: str | Path | None = None,
            place: Place | None = None) -> Opened | Outcome:
    """Lock the book file ``at``, run ``work`` (open or make the book) and take the daily
    backup; why not, if not."""
    target = resolve_location(at) if at is not None else None
    path = target if isinstance(target, Path) else None
    note = None
    if path is not None:
        try:
            held = lock.acquire(path, "kasir")
        except lock.BookLocked as exc:
            holder = exc.holder
            return Locked(message(exc), "error", path,
                          breakable=holder is not None and not holder.here)
        except LedgerError as exc:
            return refused(exc)
        if held.taken_over is not None:
            note = Outcome(message(lock.BookLocked(
                lock.TAKEN_OVER, path=str(path), user=held.taken_over.user,
                since=held.taken_over.since_text())), "hint")
    try:
        with placed(place or Place()):
            book = work()
    except BaseException as exc:
        if path is not None:
            lock.release(path)
        if isinstance(exc, LedgerError):
            return refused(exc)
        raise
    return Opened(book, daily_backup(book, place), note)


def close_book(book: Book) -> None:
    """Close the book and release its lock, so the next program may open it."""
    book.close()
    if book.path is not None:
        lock.release(book.path)


def break_lock(path: Path) -> None:
    """Break another computer's lock on ``path``, after the user confirmed it."""
    lock.break_lock(path)


def open_location(location: str | Path, place: Place | None = None) -> Opened | Outcome:
    """An existing book: a .kasir file or a server's address."""
    return attempt(lambda: open_book(location), location, place)


def create_new(path: str | Path, name: str, place: Place | None = None) -> Opened | Outcome:
    """A new book with the default chart of accounts; an existing file is never
    overwritten (the refusal says so)."""
    return attempt(lambda: create_book(path, name=name), path, place)


def _demo(path: Path) -> Book:
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


def open_demo(path: Path | None = None, place: Place | None = None) -> Opened | Outcome:
    """The demo cooperative: made on first use, opened as it is afterwards."""
    where = path or demo_path()
    return attempt(lambda: _demo(where), where, place)
