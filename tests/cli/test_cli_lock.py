"""The book's lock on the command line: a writing command meets it at once in one sentence,
reading commands run beside the window, a crashed holder is taken over, ``kasir unlock``."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kasir.book import lock
from ui.cli import main

pytestmark = pytest.mark.usefixtures("sqlite_only")
ROOT = Path(__file__).parent.parent.parent
ENTRY = {"date": "2026-11-03", "memo": "Transport", "lines": [
    {"account": "6202", "debit": "15000"}, {"account": "1101", "credit": "15000"}]}


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    path = tmp_path / "buku.kasir"
    assert main(["init", "--book", str(path), "--name", "Uji"]) == 0
    return path


@pytest.fixture
def entry_file(tmp_path: Path) -> Path:
    path = tmp_path / "entri.json"
    path.write_text(json.dumps(ENTRY), "utf-8")
    return path


def locked_by(book: Path, computer: str, pid: int = 4242) -> None:
    since = dt.datetime.now().astimezone().replace(hour=14, minute=5, second=0)
    lock.lock_path(book).write_text(json.dumps({
        "computer": computer, "user": "siti", "pid": pid, "since": since.isoformat()}))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--lang", "en", *argv])
    return code, capsys.readouterr().err


def test_a_writing_command_on_a_book_open_elsewhere_exits_1_in_one_sentence(
        book_file, entry_file, capsys):
    locked_by(book_file, "LAPTOP-1")
    code, err = run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))
    assert code == 1
    assert err == (f"The book {book_file} is open in Kasir on LAPTOP-1 by siti since 14:05; "
                   "close it there first (if Kasir is no longer running there, `kasir unlock` "
                   "releases it).\n")
    assert lock.read_holder(book_file).computer == "LAPTOP-1"


def test_a_book_held_by_another_program_here_is_refused_at_once(book_file, entry_file,
                                                                 capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from kasir.book import lock;"
         f"lock.acquire(Path({str(book_file)!r})); print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, err = run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))
        assert code == 1 and err.count("\n") == 1
        assert "is already open in Kasir on this computer" in err
        assert f"(process {holder.pid})" in err
        # reading is safe in WAL: reports and verify run while the book is open
        assert run(capsys, "verify", "--book", str(book_file))[0] == 0
        assert run(capsys, "report", "trial-balance", "--book", str(book_file))[0] == 0
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()


def test_a_crashed_commands_lock_is_taken_over_with_a_note_and_released_after(
        book_file, entry_file, capsys):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    locked_by(book_file, socket.gethostname(), int(done.stdout))
    code, err = run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))
    assert code == 0
    assert err.startswith(f"Kasir did not close the book {book_file} properly last time")
    assert not lock.lock_path(book_file).exists()


def test_unlock_asks_and_breaks_another_computers_lock(book_file, entry_file, capsys,
                                                      monkeypatch):
    locked_by(book_file, "LAPTOP-1")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    code, err = run(capsys, "unlock", "--book", str(book_file))
    assert code == 1 and "LAPTOP-1 (siti, since 14:05, process 4242)" in err
    assert "--yes" in err and lock.lock_path(book_file).exists()
    code, err = run(capsys, "unlock", "--yes", "--book", str(book_file))
    assert code == 0 and f"The lock on {book_file} was released." in err
    assert run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))[0] == 0
    assert run(capsys, "unlock", "--book", str(book_file)) == (
        0, f"The book {book_file} is not locked.\n")


def test_unlock_refuses_a_program_still_running_here(book_file, capsys):
    locked_by(book_file, socket.gethostname(), os.getppid())
    code, err = run(capsys, "unlock", "--yes", "--book", str(book_file))
    assert code == 1 and "still running on this computer" in err
    assert lock.lock_path(book_file).exists()


@pytest.mark.parametrize(("argv", "locks"), [
    (["import", "x.jsonl"], True), (["restore", "x.kasir"], True), (["db", "upgrade"], True),
    (["entry", "post", "x.json"], True), (["entry", "reverse", "1", "--reason", "r"], True),
    (["profit-share", "2026-10", "--income", "1", "--post"], True),
    (["profit-share", "2026-10", "--income", "1"], False), (["db", "current"], False),
    (["entry", "show", "1"], False), (["verify"], False), (["backup", "--out", "x"], False),
    (["report", "trial-balance"], False), (["init"], False), (["unlock"], False),
    (["db", "copy", "a.kasir", "b.kasir"], False)])
def test_which_commands_take_the_lock(argv, locks):
    from ui.cli import build_parser
    from ui.commands.lock import writes

    assert writes(build_parser().parse_args(argv)) is locks
