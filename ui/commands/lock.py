"""The book's lock on the command line: commands that write take it, ``kasir unlock`` breaks it.

Every command takes the lock of a SQLite book for as long as it runs, except those
that only read (``kasir.book.lock`` says why reading is safe while the window works):
``verify``, ``report``, ``statement``, ``backup``, ``init`` (it makes a new file and
never overwrites), ``unlock`` itself, ``profit-share`` without ``--post``, and every
sub-action that only looks (``db current``, ``entry show``, a ``list``). A command not
listed here takes the lock, so a new writing command is protected without anyone
remembering to add it. A book held by the window or another command is refused at
once, in one sentence, with status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from kasir.book import lock
from kasir.book.files import resolve_location
from kasir.i18n import _, message
from ui.commands.output import EXIT_FINDING, EXIT_OK, say

READ_ONLY = {"verify", "report", "statement", "backup", "init", "unlock"}
# sub-actions that only look (entry show, db current, financing card: a paper of the book;
# db copy reads its FROM and builds its TO under a temporary name, as init does)
LOOKING = {"show", "list", "current", "card", "akad", "copy"}


def writes(args: argparse.Namespace) -> bool:
    """Whether the command changes the book (and so must hold its lock)."""
    if args.command in READ_ONLY or getattr(args, "action", None) in LOOKING:
        return False
    if args.command == "profit-share":
        return bool(args.post)
    return True


def _book_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file the command works on; None for a server's book (it has its own
    locking) or a folder that is not there (the command refuses in its own words)."""
    location = resolve_location(getattr(args, "book", None))
    if isinstance(location, str) or not location.parent.is_dir():
        return None
    return location


@contextlib.contextmanager
def holding_lock(args: argparse.Namespace) -> Iterator[None]:
    """Hold the book's lock around a writing command; say so when a crashed program's
    lock was taken over."""
    book = _book_file(args) if writes(args) else None
    if book is None:
        yield
        return
    with lock.holding(book, f"kasir {args.command}") as held:
        if held.taken_over is not None:
            say(message(lock.BookLocked(lock.TAKEN_OVER, path=str(book),
                                        user=held.taken_over.user,
                                        since=held.taken_over.since_text())))
        yield


def cmd_unlock(args: argparse.Namespace) -> int:
    """Break the book's lock after the user confirms (``--yes`` on a script)."""
    book = _book_file(args)
    holder = lock.read_holder(book) if book is not None else None
    if book is None or not lock.lock_path(book).exists():
        say(_("The book {path} is not locked.").format(path=book or args.book))
        return EXIT_OK
    if holder is not None:
        say(_("The book {path} is locked by Kasir on {computer} ({user}, since {since}, "
              "process {pid}).").format(path=book, computer=holder.computer, user=holder.user,
                                        since=holder.since_text(), pid=holder.pid))
        if holder.here and lock.process_alive(holder.pid, holder.since):
            say(_("That program is still running on this computer: close it instead."))
            return EXIT_FINDING
    if not args.yes:
        if not sys.stdin.isatty():
            say(_("Add --yes to release the lock without being asked."))
            return EXIT_FINDING
        answer = input(_("Release it? Only if Kasir is no longer running there. [y/N] "))
        if answer.strip().casefold() not in {"y", "ya", "yes"}:
            say(_("The lock was kept."))
            return EXIT_FINDING
    lock.break_lock(book)
    say(_("The lock on {path} was released.").format(path=book))
    return EXIT_OK
