"""How the commands speak: messages to standard error, data to standard output or a file.

A file named with ``--out`` is written whole under a temporary name in the same
folder and renamed into place only when complete, so a failure (a full disk, a
read-only folder, an interrupted run) leaves neither a half-written file nor a
``.partial`` beside it, and an older file of that name is kept as it was.
``guard_out`` refuses, before anything is written, the open book (even with
``--force``: a report written over the book destroys it) and an existing file
without ``--force``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kasir.errors import N_, OUT_IS_BOOK, OutputRefused, file_error
from kasir.replacing import replacing
from kasir.sqlite_file import is_book_file

if TYPE_CHECKING:
    from kasir.uow import Book

EXIT_OK, EXIT_FINDING, EXIT_USAGE = 0, 1, 2


def say(text: str) -> None:
    """A message for the person at the terminal (standard error)."""
    print(text, file=sys.stderr)


def guard_out(out: Path, book: Book, *, force: bool) -> None:
    """Refuse an output file that is the open book, or that exists when not forced."""
    guard_out_beside(out, book.path, force=force)


def guard_out_beside(out: Path, book: Path | None, *, force: bool) -> None:
    """``guard_out`` for the book at the file ``book`` (None: a server's book)."""
    if book is not None and is_book_file(book, out):
        raise OutputRefused(OUT_IS_BOOK, path=str(out))
    if not force and (out.exists() or out.is_symlink()):
        raise OutputRefused(N_("The file {path} already exists; add --force to write over "
                               "it."), path=str(out))


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Name ``out`` in the refusal when the system fails while it is written (the
    system names the temporary file, or nothing at all for a full disk)."""
    try:
        yield
    except OSError as exc:
        raise file_error(exc, out) from exc


def emit(text: str, out: Path | None = None) -> None:
    """Data: to the file named (written whole under a temporary name first), or stdout."""
    if out is None:
        sys.stdout.write(text)
        return
    with writing(out):
        write_whole(out, text.encode("utf-8"))


@contextlib.contextmanager
def text_out(out: Path | None) -> Iterator[TextIO]:
    """Somewhere to write data as it comes: standard output, or a temporary file beside
    ``out`` renamed into place (after a sync) only once the block ends without failing, so
    a report streamed from a big book is never left half-written under its name."""
    if out is None:
        yield sys.stdout
        return
    with writing(out), replacing(out, binary=False) as fh:
        yield fh  # type: ignore[misc]


def write_whole(out: Path, data: bytes) -> None:
    """``data`` at ``out`` all at once: a temporary file beside it, synced, then renamed;
    the temporary file is removed on any failure."""
    with replacing(out, binary=True) as fh:
        fh.write(data)


def progress(done: int, total: int, width: int = 30) -> str:
    """``[##########--------------------]  33%  1.000/3.000``"""
    total = max(total, 1)
    filled = min(width, width * done // total)
    return (f"[{'#' * filled}{'-' * (width - filled)}] {100 * done // total:3d}%  "
            f"{done:,}/{total:,}".replace(",", "."))
