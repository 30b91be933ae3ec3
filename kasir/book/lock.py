"""One program at a time on a SQLite book: a lock file beside it saying who holds it.

SQLite itself keeps two writers from corrupting a book, but not two programs from
working on it at once: a second window would post beside the first, and a tool
that deletes or copies the book's ``-wal`` while another program reads can lose
committed work. So a program that opens a book *for work* (the window, and every
command that writes) first creates ``<book>.lock`` (``buku.kasir.lock``), a small
JSON file naming the computer, the operating-system user, the process and the
time. A second program meets it at once and is refused in words: "The book is
open in Kasir on LAPTOP-1 by siti since 14:05; close it there first".

Reading is safe in WAL mode, so ``kasir report``, ``statement``, ``verify`` and
``backup`` take no lock and run while the window holds it.

A lock survives a crash or a power cut, and is recognised as left behind when it
was made on this computer by a process that is gone (or before the computer last
started): it is then taken over, and the caller is told so. A lock from another
computer (a book on a USB stick or a shared folder) cannot be judged from here:
the refusal names who holds it and since when, and ``kasir unlock`` (or the
window's offer) breaks it after the user confirms.

Why not the ``filelock`` package: its lock records nobody, and an operating-system
lock vanishes with its process, so it can neither say who holds the book nor
survive a crash to be recognised. The file is created with ``O_EXCL`` (atomic on
local disks and on SMB shares), written whole and synced. A folder where the lock
cannot be written is a book that cannot be written either: no lock is taken there
and the book's own refusal (read-only, no permission) speaks instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kasir.errors import N_, BookInUse, file_error

SUFFIX = ".lock"
YOUNG_SECONDS = 10  # an unreadable lock younger than this is being written right now

HELD_ELSEWHERE = N_("The book {path} is open in Kasir on {computer} by {user} since {since}; "
                    "close it there first (if Kasir is no longer running there, `kasir "
                    "unlock` releases it).")
HELD_HERE = N_("The book {path} is already open in Kasir on this computer by {user} since "
               "{since} (process {pid}); close it there first.")
BEING_OPENED = N_("The book {path} is being opened by another program at this moment; try "
                  "again in a moment.")
TAKEN_OVER = N_("Kasir did not close the book {path} properly last time (on this computer, "
                "by {user} since {since}); its lock was taken over. `kasir verify` checks "
                "the book.")


class BookLocked(BookInUse):
    """Another program holds the book's lock; ``holder`` says who (None: unreadable)."""

    def __init__(self, template: str, holder: Holder | None = None, **params: object) -> None:
        super().__init__(template, **params)
        self.holder = holder


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a book, as the lock file says."""

    computer: str
    user: str
    pid: int
    since: dt.datetime
    program: str = "kasir"
    token: str = ""

    @property
    def here(self) -> bool:
        """Made on this computer (the host's name compared without letter case)."""
        return self.computer.casefold() == _computer().casefold()

    def since_text(self, today: dt.date | None = None) -> str:
        """``14:05`` today, ``2026-11-19 14:05`` another day."""
        local = self.since.astimezone() if self.since.tzinfo else self.since
        if local.date() == (today or dt.date.today()):
            return local.strftime("%H:%M")
        return local.strftime("%Y-%m-%d %H:%M")

    def to_json(self) -> str:
        return json.dumps({"computer": self.computer, "user": self.user, "pid": self.pid,
                           "since": self.since.isoformat(timespec="seconds"),
                           "program": self.program, "token": self.token}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Holder:
        data = json.loads(text)
        return cls(str(data["computer"]), str(data["user"]), int(data["pid"]),
                   dt.datetime.fromisoformat(str(data["since"])),
                   str(data.get("program", "kasir")), str(data.get("token", "")))


@dataclass(frozen=True, slots=True)
class BookLock:
    """A lock this program holds; ``taken_over`` is the crashed holder it replaced."""

    book: Path
    holder: Holder | None  # None: no lock could be written there (a read-only folder)
    taken_over: Holder | None = None


def lock_path(book: Path) -> Path:
    return Path(f"{book}{SUFFIX}")


def _computer() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


# The locks this process holds, by book, with how many openings share each: the window
# and a restore it runs, or the same book opened again, release the file only once.
_HELD: dict[Path, tuple[BookLock, int]] = {}


def read_holder(book: Path) -> Holder | None:
    """Who holds ``book`` (None when nobody does, or the lock cannot be read)."""
    try:
        return Holder.from_json(lock_path(book).read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire(book: Path, program: str = "kasir") -> BookLock:
    """Take the book's lock for this process, or refuse naming who holds it."""
    book = Path(book).resolve()
    held = _HELD.get(book)
    if held is not None and _still_ours(held[0]):
        _HELD[book] = (held[0], held[1] + 1)
        return held[0]
    taken_over: Holder | None = None
    for _attempt in range(3):
        mine = Holder(_computer(), _user(), os.getpid(), dt.datetime.now().astimezone(),
                      program, uuid.uuid4().hex)
        try:
            created = _create(lock_path(book), mine.to_json())
        except OSError:
            return _keep(BookLock(book, None))  # unwritable folder: the book's refusal speaks
        if created:
            return _keep(BookLock(book, mine, taken_over))
        try:
            other = _judge(book)
        except OSError as exc:
            raise file_error(exc, lock_path(book)) from exc
        if other is not None:
            taken_over = other
    raise BookLocked(BEING_OPENED, path=str(book))


def _keep(lock: BookLock) -> BookLock:
    _HELD[lock.book] = (lock, 1)
    return lock


def _still_ours(lock: BookLock) -> bool:
    if lock.holder is None:
        return True
    now = read_holder(lock.book)
    return now is not None and now.token == lock.holder.token


def _create(path: Path, text: str) -> bool:
    """Write the lock only if none exists; False when one does."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _judge(book: Path) -> Holder | None:
    """Refuse a lock held by a live program; remove one left behind and return its holder
    (None when it vanished meanwhile, or was unreadable and old)."""
    path = lock_path(book)
    holder = read_holder(book)
    if holder is None:
        try:
            age = dt.datetime.now().timestamp() - path.stat().st_mtime
        except FileNotFoundError:
            return None
        if age < YOUNG_SECONDS:
            raise BookLocked(BEING_OPENED, path=str(book))
        _remove_if_same(path, None)
        return None
    if not holder.here:
        raise BookLocked(HELD_ELSEWHERE, holder, path=str(book), computer=holder.computer,
                         user=holder.user, since=holder.since_text())
    if holder.pid == os.getpid() or process_alive(holder.pid, holder.since):
        raise BookLocked(HELD_HERE, holder, path=str(book), user=holder.user,
                         since=holder.since_text(), pid=holder.pid)
    _remove_if_same(path, holder)
    return holder


def _remove_if_same(path: Path, holder: Holder | None) -> None:
    """Remove the lock left behind, unless another program replaced it meanwhile: the
    file is moved aside first (only one program can), then checked."""
    aside = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return
    try:
        text = aside.read_text("utf-8")
        moved = Holder.from_json(text)
    except (OSError, ValueError, KeyError, TypeError):
        moved = None
    if moved is not None and (holder is None or moved.token != holder.token):
        _create(path, text)  # a fresh lock of another program: put it back
    aside.unlink(missing_ok=True)


def release(book: Path) -> None:
    """This process is done with the book: the lock goes with its last opening."""
    book = Path(book).resolve()
    held = _HELD.get(book)
    if held is None:
        return
    lock, count = held
    if count > 1:
        _HELD[book] = (lock, count - 1)
        return
    del _HELD[book]
    if lock.holder is not None and _still_ours(lock):
        with contextlib.suppress(FileNotFoundError):
            lock_path(book).unlink()


def break_lock(book: Path) -> Holder | None:
    """Remove whatever lock the book has (``kasir unlock``); the holder it named."""
    book = Path(book).resolve()
    holder = read_holder(book)
    try:
        lock_path(book).unlink()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise file_error(exc, lock_path(book)) from exc
    _HELD.pop(book, None)
    return holder


@contextlib.contextmanager
def holding(book: Path, program: str = "kasir") -> Iterator[BookLock]:
    lock = acquire(book, program)
    try:
        yield lock
    finally:
        release(book)


def process_alive(pid: int, since: dt.datetime | None = None) -> bool:
    """Whether process ``pid`` of this computer still runs (a lock from before the
    computer last started is dead whatever its number: numbers are reused)."""
    if pid <= 0:
        return False
    booted = _boot_time()
    if since is not None and booted is not None:
        if since.astimezone() < booted:  # a naive time is this computer's
            return False
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal
    return True


def _boot_time() -> dt.datetime | None:
    if sys.platform == "win32":
        import ctypes

        ticks = ctypes.windll.kernel32.GetTickCount64
        ticks.restype = ctypes.c_ulonglong
        up = dt.timedelta(milliseconds=ticks())
        return dt.datetime.now().astimezone() - up
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return dt.datetime.fromtimestamp(int(line.split()[1])).astimezone()
    except (OSError, ValueError):
        pass
    return None


def _windows_alive(pid: int) -> bool:
    """``os.kill(pid, 0)`` would end the process on Windows: ask the system instead."""
    if sys.platform != "win32":
        return False
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
