"""Backups a treasurer can find, and restores that cannot make things worse.

Copies use SQLite's online backup API (never a file copy of a live book), are
written to a temporary name, checked with ``integrity_check`` and only then
renamed into place, so a half-written backup never looks like a good one.
Automatic backups go to one folder: the one the treasurer chose in the window
(a USB stick; when it is not plugged in, the default folder), else
``Documents/Kasir/Cadangan`` (``KASIR_BACKUP_DIR`` to change it). Each is
recorded in a manifest there with its book, reason, time and SHA-256; the
rotation keeps the last N of each book and deletes only files the manifest
says Kasir made, never a file merely named like one. A backup that fails
(a full disk, a read-only folder, the book held by another program) leaves no
``.partial`` file behind and says why in words (``kasir.errors``), never with a
``sqlite3`` or ``OSError`` traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_documents_dir

from kasir.errors import N_, BookInUse, DamagedBook, KasirError, file_error
from kasir.sqlite_file import BOOK_IN_USE, BUSY_SECONDS, sqlite_error

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
    _seal_beside(dest)
    return dest


def _seal_beside(dest: Path) -> None:
    """Every backup carries the seal of the book it copies, in ``name.seal`` beside it: the
    copy is an anchor ``verify`` can check a later book against."""
    from kasir.book import seals

    seal = seals.backup_seal(dest)
    if seal is not None:
        with contextlib.suppress(OSError):
            seals.write_beside(dest, seal)


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


@dataclass(frozen=True, slots=True)
class Place:
    """Where the window's automatic backups go, and how many of each book are kept.

    ``chosen`` is the treasurer's folder (a USB stick); when it is not there the
    default folder is used instead, so a forgotten stick never costs a backup.
    """

    chosen: Path | None = None
    keep: int = KEEP_AUTOMATIC

    @property
    def missing(self) -> bool:
        """The chosen folder is not there (the stick is not plugged in)."""
        return self.chosen is not None and not self.chosen.is_dir()

    def folder(self) -> Path:
        if self.chosen is not None and self.chosen.is_dir():
            return self.chosen
        return default_backup_dir()


_PLACES: list[Place] = []


@contextlib.contextmanager
def placed(place: Place) -> Iterator[Place]:
    """Automatic backups taken inside (before a restore, before an upgrade) go to
    ``place``: the services that take them need not know the window's preference."""
    _PLACES.append(place)
    try:
        yield place
    finally:
        _PLACES.pop()


def current_place() -> Place:
    return _PLACES[-1] if _PLACES else Place()


@dataclass(frozen=True, slots=True)
class Made:
    """One automatic backup as the manifest records it."""

    path: Path
    book: str | None  # the book it copies (None in manifests of older Kasirs)
    reason: str
    made: dt.datetime
    sha256: str | None = None


def automatic_backup(src: Path, reason: str, folder: Path | None = None,
                     keep: int | None = None) -> Path:
    """A timestamped backup into the backup folder, recorded for rotation."""
    made = _automatic(src, reason, folder, keep, unless_same=False)
    assert made is not None
    return made


def _automatic(src: Path, reason: str, folder: Path | None, keep: int | None, *,
               unless_same: bool) -> Path | None:
    place = current_place()
    folder = folder or place.folder()
    with _worded(folder):
        return _automatic_backup(src, reason, folder, place.keep if keep is None else keep,
                                 unless_same)


def _automatic_backup(src: Path, reason: str, folder: Path, keep: int,
                      unless_same: bool) -> Path | None:
    now = dt.datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    name = f"{src.stem}-{stamp}-{reason}{src.suffix or '.kasir'}"
    dest = folder / name
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{src.stem}-{stamp}-{reason}-{n}{src.suffix or '.kasir'}"
    previous = backups(folder, src)
    backup_sqlite(src, dest)
    digest = _sha256(dest)
    if unless_same and previous and previous[-1].sha256 == digest:
        dest.unlink()  # the book is as its last backup holds it: nothing new to keep
        return None
    _record(folder, dest.name, Made(dest, str(Path(src).resolve()), reason, now, digest))
    prune(folder, keep)
    return dest


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read(folder: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        files = [str(x) for x in data.get("files", [])]
        details = data.get("details", {})
        return files, details if isinstance(details, dict) else {}
    except (OSError, ValueError, AttributeError):
        return [], {}


def _read_manifest(folder: Path) -> list[str]:
    return _read(folder)[0]


def _write_manifest(folder: Path, files: list[str],
                    details: dict[str, dict[str, str]] | None = None) -> None:
    kept = {k: v for k, v in (details or {}).items() if k in files}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"files": files, "details": kept}, indent=1), "utf-8")
    os.replace(tmp, folder / MANIFEST)


def _record(folder: Path, name: str, made: Made) -> None:
    files, details = _read(folder)
    files.append(name)
    details[name] = {"book": made.book or "", "reason": made.reason,
                     "made": made.made.isoformat(), "sha256": made.sha256 or ""}
    _write_manifest(folder, files, details)


def _made(folder: Path, name: str, about: dict[str, str] | None) -> Made:
    path = folder / name
    about = about or {}
    try:
        when = dt.datetime.fromisoformat(about["made"])
    except (KeyError, ValueError):
        when = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return Made(path, about.get("book") or None, about.get("reason", ""), when,
                about.get("sha256") or None)


def _of_book(name: str, about: dict[str, str] | None, src: Path) -> bool:
    if about and about.get("book"):
        return about["book"] == str(Path(src).resolve())
    return name.startswith(f"{src.stem}-")  # recorded by an older Kasir: by its name


def backups(folder: Path, src: Path | None = None) -> list[Made]:
    """The automatic backups in ``folder`` that still exist, oldest first; only those of
    the book ``src`` when given."""
    files, details = _read(folder)
    return [_made(folder, f, details.get(f)) for f in files
            if (folder / f).exists() and (src is None or _of_book(f, details.get(f), src))]


def prune(folder: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete the oldest automatic backups of each book beyond ``keep``; never a file Kasir
    did not make (only names the manifest lists are ever deleted)."""
    files, details = _read(folder)
    files = [f for f in files if (folder / f).exists()]
    groups: dict[str, list[str]] = {}
    for f in files:
        groups.setdefault((details.get(f) or {}).get("book", ""), []).append(f)
    victims = [f for group in groups.values() for f in group[:max(len(group) - keep, 0)]]
    removed: list[Path] = []
    for f in victims:
        (folder / f).unlink(missing_ok=True)
        (folder / f"{f}.seal").unlink(missing_ok=True)  # its seal goes with it
        removed.append(folder / f)
    _write_manifest(folder, [f for f in files if f not in victims], details)
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
                  max_age: dt.timedelta = dt.timedelta(hours=20),
                  now: dt.datetime | None = None, keep: int | None = None) -> Path | None:
    """The daily automatic backup: checked when a book is opened and every hour while
    the window runs.

    Due when no backup of this book recorded in the manifest is younger than
    ``max_age``; a treasurer who works every day gets one copy a day, and one who
    leaves the window open for a week gets one each day too.
    """
    folder = folder or current_place().folder()
    now = now or dt.datetime.now()
    with _worded(folder):
        made = backups(folder, src)
    if made and now - made[-1].made < max_age:
        return None
    return automatic_backup(src, "harian", folder, keep)


def backup_on_close(src: Path, folder: Path | None = None,
                    keep: int | None = None) -> Path | None:
    """The backup taken when the window closes; None when the book holds exactly what its
    last backup holds (a copy is compared by its SHA-256, so nothing changed is never
    mistaken for a change, and a change is never missed)."""
    return _automatic(src, "penutupan", folder, keep, unless_same=True)
