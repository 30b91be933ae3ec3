"""Backups a treasurer can find, and restores that cannot make things worse.

Copies use SQLite's online backup API (never a file copy of a live book), are
written to a temporary name, checked with ``integrity_check`` and only then
renamed into place, so a half-written backup never looks like a good one.
Automatic backups go to one folder (``Documents/Kasir/Cadangan`` by default,
``KASIR_BACKUP_DIR`` to change it) and are recorded in a manifest there;
retention deletes only files the manifest says Kasir made. A backup that fails
(a full disk, a read-only folder, the book held by another program) leaves no
``.partial`` file behind and says why in words (``kasir.errors``), never with a
``sqlite3`` or ``OSError`` traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from platformdirs import user_documents_dir

from kasir.db import BOOK_IN_USE, BUSY_SECONDS, sqlite_error
from kasir.errors import N_, BookInUse, DamagedBook, KasirError, file_error

MANIFEST = "kasir-cadangan.json"
KEEP_AUTOMATIC = 30


def default_backup_dir() -> Path:
    env = os.environ.get("KASIR_BACKUP_DIR")
    if env:
        return Path(env)
    return Path(user_documents_dir()) / "Kasir" / "Cadangan"


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(src: Path, dest: Path) -> Path:
    """Consistent online copy of ``src`` at ``dest`` (refuses to overwrite)."""
    dest = Path(dest)
    if dest.exists():
        raise KasirError(N_("The file {path} already exists; choose another name."),
                         path=str(dest))
    partial = dest.with_name(dest.name + ".partial")
    try:
        with _worded(dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)
            _copy(src, partial)
            with open(partial, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, dest)
            _fsync_dir(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return dest


def _copy(src: Path, partial: Path) -> None:
    source = sqlite3.connect(f"{Path(src).resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(partial)
        try:
            with target:
                source.backup(target)
            # a backup is a single self-contained file: no WAL beside it
            target.execute("PRAGMA journal_mode=DELETE")
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DamagedBook(N_("The backup copy of {book} failed its integrity check."),
                                  book=str(src))
        finally:
            target.close()
    finally:
        source.close()


@contextlib.contextmanager
def _worded(where: Path) -> Iterator[None]:
    """The disk's and SQLite's failures while copying, as a refusal naming ``where``."""
    try:
        yield
    except OSError as exc:
        raise file_error(exc, where) from exc
    except sqlite3.Error as exc:
        raise (sqlite_error(exc, str(where))
               or KasirError(N_("The backup could not be written to {path}: {reason}"),
                             path=str(where), reason=str(exc))) from exc


def automatic_backup(src: Path, reason: str, folder: Path | None = None) -> Path:
    """A timestamped backup into the backup folder, recorded for retention."""
    folder = folder or default_backup_dir()
    with _worded(folder):
        return _automatic_backup(src, reason, folder)


def _automatic_backup(src: Path, reason: str, folder: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{src.stem}-{stamp}-{reason}{src.suffix or '.kasir'}"
    dest = folder / name
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{src.stem}-{stamp}-{reason}-{n}{src.suffix or '.kasir'}"
    backup_sqlite(src, dest)
    _record(folder, dest.name)
    prune(folder)
    return dest


def _read_manifest(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return [str(x) for x in data.get("files", [])]
    except (OSError, ValueError):
        return []


def _write_manifest(folder: Path, files: list[str]) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"files": files}, indent=1), "utf-8")
    os.replace(tmp, folder / MANIFEST)


def _record(folder: Path, name: str) -> None:
    files = _read_manifest(folder)
    files.append(name)
    _write_manifest(folder, files)


def prune(folder: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete the oldest automatic backups beyond ``keep``; never a file Kasir did not make."""
    files = [f for f in _read_manifest(folder) if (folder / f).exists()]
    removed: list[Path] = []
    while len(files) > keep:
        victim = folder / files.pop(0)
        victim.unlink(missing_ok=True)
        removed.append(victim)
    _write_manifest(folder, files)
    return removed


def latest_backup(folder: Path | None = None) -> Path | None:
    folder = folder or default_backup_dir()
    files = [folder / f for f in _read_manifest(folder) if (folder / f).exists()]
    return files[-1] if files else None


def restore_sqlite(backup: Path, book: Path) -> None:
    """Write the backup's content into the book through the backup API.

    Copying into the open database (rather than replacing the file) lets SQLite
    deal with the book's WAL, so no stale log can be replayed onto the restored
    pages.
    """
    with _worded(book):
        source = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(book)
        try:
            target.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
            with target:
                source.backup(target, progress=_waiting_at_most(BUSY_SECONDS, book))
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()


def _waiting_at_most(seconds: float, book: Path) -> Callable[[int, int, int], None]:
    """A ``Connection.backup`` progress callback that gives up on a held lock.

    Python's backup loop retries a busy step every 250 ms for as long as another
    program holds the book, ignoring ``busy_timeout``: without this a restore onto a
    book held by a long import would hang the command line. Raising in the callback
    aborts the copy before any page of the book was replaced.
    """
    started = time.monotonic()

    def progress(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and time.monotonic() - started > seconds:
            raise BookInUse(BOOK_IN_USE, path=str(book), seconds=BUSY_SECONDS)

    return progress


def backup_if_due(src: Path, folder: Path | None = None,
                  max_age: dt.timedelta = dt.timedelta(hours=20)) -> Path | None:
    """The daily automatic backup, taken when a book is opened in the window.

    Due when no backup of this book recorded in the manifest is younger than
    ``max_age``; a treasurer who opens Kasir every day gets one copy a day.
    """
    folder = folder or default_backup_dir()
    prefix = f"{src.stem}-"
    now = dt.datetime.now()
    with _worded(folder):
        for name in reversed(_read_manifest(folder)):
            path = folder / name
            if name.startswith(prefix) and path.exists():
                age = now - dt.datetime.fromtimestamp(path.stat().st_mtime)
                if age < max_age:
                    return None
                break
    return automatic_backup(src, "harian", folder)
