"""One program at a time on a SQLite book: the lock file beside it, who holds it, a crashed
holder taken over, another computer's lock named, and the lock released on close."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kasir import i18n
from kasir.book import lock
from kasir.i18n import message

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(autouse=True)
def english() -> None:
    """Checked in English: the Indonesian catalog is another hand's."""
    i18n.set_language("en")


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    path = tmp_path / "buku.kasir"
    path.write_bytes(b"")  # the lock needs only the name; opening is another test's job
    return path


def write_lock(book: Path, *, computer: str | None = None, user: str = "siti",
               pid: int = 4242, since: dt.datetime | None = None) -> None:
    since = since or dt.datetime.now().astimezone().replace(hour=14, minute=5, second=0)
    lock.lock_path(book).write_text(json.dumps({
        "computer": computer if computer is not None else socket.gethostname(),
        "user": user, "pid": pid, "since": since.isoformat(), "program": "kasir",
        "token": "lain"}), "utf-8")


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_the_lock_names_computer_user_process_and_time_and_goes_on_release(book_file):
    held = lock.acquire(book_file)
    data = json.loads(lock.lock_path(book_file).read_text("utf-8"))
    assert lock.lock_path(book_file).name == "buku.kasir.lock"
    assert data["computer"] == socket.gethostname() and data["pid"] == os.getpid()
    assert data["user"] and dt.datetime.fromisoformat(data["since"]).tzinfo is not None
    assert held.taken_over is None
    lock.release(book_file)
    assert not lock.lock_path(book_file).exists()


def test_the_same_program_may_open_its_book_twice_and_keeps_the_lock_until_the_last(book_file):
    lock.acquire(book_file)
    lock.acquire(book_file)  # the window, and a restore it runs
    lock.release(book_file)
    assert lock.lock_path(book_file).exists()
    lock.release(book_file)
    assert not lock.lock_path(book_file).exists()


def test_a_second_program_is_refused_at_once_with_who_holds_the_book(book_file):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from kasir.book import lock;"
         f"lock.acquire(Path({str(book_file)!r})); print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(lock.BookLocked) as refused:
            lock.acquire(book_file)
        assert time.monotonic() - started < 1  # at once, not after a timeout
        text = message(refused.value)
        assert text.startswith(f"The book {book_file} is already open in Kasir on this "
                               "computer by ")
        assert text.endswith(f"(process {holder.pid}); close it there first.")
        assert refused.value.holder is not None and refused.value.holder.pid == holder.pid
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    # the holder ended without releasing (as after a crash): taken over now
    held = lock.acquire(book_file)
    assert held.taken_over is not None and held.taken_over.pid == holder.pid
    lock.release(book_file)


def test_a_dead_process_lock_on_this_computer_is_taken_over(book_file):
    pid = dead_pid()
    write_lock(book_file, pid=pid)
    held = lock.acquire(book_file)
    assert held.taken_over is not None and held.taken_over.pid == pid
    assert json.loads(lock.lock_path(book_file).read_text())["pid"] == os.getpid()
    note = message(lock.BookLocked(lock.TAKEN_OVER, path=str(book_file),
                                   user=held.taken_over.user,
                                   since=held.taken_over.since_text()))
    assert "14:05" in note and "siti" in note
    lock.release(book_file)


def test_a_lock_from_before_this_computer_started_is_dead_whatever_its_number(book_file):
    booted = lock._boot_time()
    if booted is None:
        pytest.skip("this system does not say when it started")
    write_lock(book_file, pid=os.getppid(), since=booted - dt.timedelta(hours=1))
    held = lock.acquire(book_file)
    assert held.taken_over is not None  # a power cut: the number now belongs to another
    lock.release(book_file)


def test_another_computers_lock_names_it_and_is_not_taken_over(book_file):
    write_lock(book_file, computer="LAPTOP-1", pid=1)
    with pytest.raises(lock.BookLocked) as refused:
        lock.acquire(book_file)
    assert message(refused.value) == (
        f"The book {book_file} is open in Kasir on LAPTOP-1 by siti since 14:05; close it "
        "there first (if Kasir is no longer running there, `kasir unlock` releases it).")
    assert refused.value.holder is not None and not refused.value.holder.here
    assert lock.read_holder(book_file).computer == "LAPTOP-1"  # left as it was
    assert lock.break_lock(book_file).computer == "LAPTOP-1"
    lock.acquire(book_file)
    lock.release(book_file)


def test_a_live_program_on_this_computer_is_never_taken_over(book_file):
    write_lock(book_file, pid=os.getppid())  # pytest's parent: alive
    with pytest.raises(lock.BookLocked):
        lock.acquire(book_file)
    assert lock.read_holder(book_file).pid == os.getppid()


def test_an_unreadable_lock_waits_while_young_and_is_taken_over_when_old(book_file):
    path = lock.lock_path(book_file)
    path.write_text("{")
    with pytest.raises(lock.BookLocked) as refused:
        lock.acquire(book_file)
    assert refused.value.holder is None
    old = time.time() - 60
    os.utime(path, (old, old))
    lock.acquire(book_file)
    assert lock.read_holder(book_file).pid == os.getpid()
    lock.release(book_file)


def test_a_lock_broken_meanwhile_is_not_deleted_on_release(book_file):
    lock.acquire(book_file)
    lock.break_lock(book_file)
    write_lock(book_file, computer="LAPTOP-2")  # another program took it since
    lock.release(book_file)
    assert lock.read_holder(book_file).computer == "LAPTOP-2"


def test_since_is_the_time_today_and_the_day_before(book_file):
    today = dt.datetime(2026, 11, 20, 14, 5).astimezone()
    holder = lock.Holder("X", "siti", 1, today)
    assert holder.since_text(dt.date(2026, 11, 20)) == "14:05"
    assert holder.since_text(dt.date(2026, 11, 21)) == "2026-11-20 14:05"
