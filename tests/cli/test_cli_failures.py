"""What the world does to a book ends in one sentence and status 1, never a traceback.

Issue 7, point 5 (``../shared/spec/cli.md``, "Messages, never tracebacks"): a book
held by another program, a full disk, a server that is down, an address with an
unknown driver, ``--out`` onto the book or over an existing file, a writer that
fails half-way, text cells a spreadsheet would run, and whatever nobody foresaw.
"""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import event

import kasir.db
from factories import EVENTS, write_events
from kasir.sqlite_file import BUSY_SECONDS
from tests.cli.running import run
from ui.cli import main

pytestmark = pytest.mark.usefixtures("sqlite_only")

ENTRY = ('{"date": "2026-11-21", "memo": "Beli kertas", "key": "atk-1", "lines": '
         '[{"account": "6203", "debit": "150000"}, {"account": "1101", "credit": 150000}]}')
HYPERLINK = '=HYPERLINK("http://x.example/?a=1","klik")'


def one_sentence(err: str) -> str:
    """The whole of standard error: one line, no traceback."""
    assert "Traceback" not in err and 'File "' not in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    """A book with a group, a member whose name is a formula, and a few deposits."""
    path = tmp_path / "buku.kasir"
    assert main(["init", "--book", str(path), "--name", "Koperasi Uji"]) == 0
    events = [dict(e) for e in EVENTS]
    events[1]["name"] = HYPERLINK
    assert main(["import", str(write_events(tmp_path, events)), "--book", str(path)]) == 0
    return path


@pytest.fixture
def entry_file(tmp_path: Path) -> Path:
    path = tmp_path / "entri.json"
    path.write_text(ENTRY, "utf-8")
    return path


# --- a book in use by another program -------------------------------------------------

def held(path: Path) -> sqlite3.Connection:
    """Another program holding the book's write lock (as a long import would)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    return con


def test_entry_post_on_a_locked_book_says_so_within_seconds(book_file, entry_file, capsys):
    other = held(book_file)
    try:
        started = time.monotonic()
        code, _out, err = run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))
        waited = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert code == 1
    assert "in use by another program" in one_sentence(err)
    assert f"waited {BUSY_SECONDS} seconds" in err
    assert BUSY_SECONDS - 0.5 <= waited < BUSY_SECONDS + 4
    # once the other program is done, the same command goes through
    assert run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))[0] == 0


def test_import_on_a_locked_book_says_so_within_seconds(book_file, tmp_path, capsys):
    more = write_events(tmp_path, [{"type": "deposit", "date": "2026-01-19", "member_id": "M1",
                                    "product": "sukarela", "amount": 10000,
                                    "channel": "cash"}], name="lagi.events.jsonl")
    other = held(book_file)
    try:
        started = time.monotonic()
        code, _out, err = run(capsys, "import", str(more), "--book", str(book_file))
        waited = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert code == 1 and "in use by another program" in one_sentence(err)
    assert waited < BUSY_SECONDS + 4


def test_restore_onto_a_locked_book_gives_up_within_seconds(book_file, tmp_path, capsys):
    """Python's backup API retries a busy step for ever; the restore must not."""
    copy = tmp_path / "salinan.kasir"
    assert run(capsys, "backup", "--book", str(book_file), "--out", str(copy))[0] == 0
    other = held(book_file)
    try:
        started = time.monotonic()
        code, _out, err = run(capsys, "restore", str(copy), "--book", str(book_file))
        waited = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert code == 1 and "in use by another program" in one_sentence(err)
    assert waited < BUSY_SECONDS + 4


# --- a full disk ------------------------------------------------------------------------

def test_a_full_disk_during_an_import_is_one_sentence_and_keeps_the_book(
        book_file, tmp_path, monkeypatch, capsys):
    """SQLite's own SQLITE_FULL ("database or disk is full"), made by capping the file at
    the size it has: the import needs new pages and is refused whole."""
    real = kasir.db._sqlite_engine

    def capped(url: str, *, foreign_keys: bool):  # noqa: ANN202
        engine = real(url, foreign_keys=foreign_keys)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_conn, _record) -> None:  # noqa: ANN001
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

        return engine

    many = [{"type": "deposit", "date": "2026-01-20", "member_id": "M1", "product": "sukarela",
             "amount": 1000 + n, "channel": "cash"} for n in range(400)]
    events = write_events(tmp_path, many, name="banyak.events.jsonl")
    before = run(capsys, "report", "trial-balance", "--book", str(book_file))[1]
    monkeypatch.setattr(kasir.db, "_sqlite_engine", capped)
    code, _out, err = run(capsys, "import", str(events), "--book", str(book_file))
    assert code == 1
    assert "The disk is full" in one_sentence(err) and str(book_file) in err
    monkeypatch.undo()
    assert run(capsys, "verify", "--book", str(book_file))[0] == 0
    assert run(capsys, "report", "trial-balance", "--book", str(book_file))[1] == before


def test_disk_full_raised_by_sqlite_at_commit_is_worded(book_file, entry_file, monkeypatch,
                                                        capsys):
    """The same message when the driver's error is raised by hand, as at a commit."""
    from sqlalchemy.engine import default

    def full(self, dbapi_connection) -> None:  # noqa: ANN001
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(default.DefaultDialect, "do_commit", full)
    code, _out, err = run(capsys, "entry", "post", str(entry_file), "--book", str(book_file))
    assert code == 1 and "The disk is full" in one_sentence(err)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "pdf", "xlsx"])
def test_enospc_while_writing_out_leaves_nothing_and_says_disk_full(
        book_file, tmp_path, monkeypatch, capsys, fmt):
    folder = tmp_path / "keluar"
    folder.mkdir()
    out = folder / f"neraca.{fmt}"
    out.write_bytes(b"old")

    def no_space(src, dst) -> None:  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(book_file),
                          "--format", fmt, "--out", str(out), "--force")
    assert code == 1
    assert "The disk is full" in one_sentence(err) and str(out) in err
    assert sorted(p.name for p in folder.iterdir()) == [out.name]  # no .partial, no .tmp
    assert out.read_bytes() == b"old"


# --- a server that is down, an unknown driver ------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", [["init"], ["report", "trial-balance"], ["verify"],
                                     ["db", "current"]])
def test_a_server_that_is_down_is_one_sentence_without_the_password(capsys, command):
    url = f"postgresql+psycopg://kasir:rahasia@127.0.0.1:{closed_port()}/kasir"
    code, _out, err = run(capsys, *command, "--book", url)
    assert code == 1
    text = one_sentence(err)
    assert text.startswith("Cannot reach the database postgresql+psycopg://kasir:***@127.0.0.1")
    assert "rahasia" not in err


@pytest.mark.parametrize("url", ["foo://x", "mysql://u@h/d", "postgresql+nosuch://u@h/d",
                                 "://x"])
def test_an_unknown_driver_is_one_sentence(capsys, url):
    code, _out, err = run(capsys, "report", "trial-balance", "--book", url)
    assert code == 1
    assert "knows no database of the kind" in one_sentence(err)


# --- --out never destroys the book, nor an existing file without --force ---------------

@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "pdf", "xlsx"])
def test_report_out_onto_the_book_is_refused_even_with_force(book_file, capsys, fmt):
    before = digest(book_file)
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(book_file),
                          "--format", fmt, "--out", str(book_file), "--force")
    assert code == 1 and "is the book itself" in one_sentence(err)
    assert digest(book_file) == before


def test_the_book_under_another_name_is_refused_too(book_file, tmp_path, capsys):
    before = digest(book_file)
    link = tmp_path / "tautan.kasir"
    link.symlink_to(book_file)
    hard = tmp_path / "keras.kasir"
    os.link(book_file, hard)
    names = [link, hard, Path(f"{book_file}-wal"), tmp_path / "." / book_file.name]
    for name in names:
        code, _out, err = run(capsys, "report", "trial-balance", "--book", str(book_file),
                              "--out", str(name), "--force")
        assert code == 1 and "is the book itself" in one_sentence(err), name
    code, _out, err = run(capsys, "statement", "M1", "--book", str(book_file),
                          "--out", str(book_file), "--force")
    assert code == 1 and "is the book itself" in one_sentence(err)
    code, _out, err = run(capsys, "backup", "--book", str(book_file),
                          "--out", f"{book_file}-wal")
    assert code == 1 and "is the book itself" in one_sentence(err)
    assert digest(book_file) == before


def test_out_over_an_existing_file_needs_force(book_file, tmp_path, capsys):
    out = tmp_path / "neraca.tsv"
    out.write_text("mine\n", "utf-8")
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(book_file),
                          "--out", str(out))
    assert code == 1 and "already exists; add --force" in one_sentence(err)
    assert out.read_text("utf-8") == "mine\n"
    code, _out, _err = run(capsys, "report", "trial-balance", "--book", str(book_file),
                           "--out", str(out), "--force")
    assert code == 0 and out.read_text("utf-8").startswith("code\tname\tdebit\tcredit\n")


def test_statement_over_an_existing_file_needs_force(book_file, tmp_path, capsys):
    one = tmp_path / "m1.pdf"
    one.write_bytes(b"mine")
    code, _out, err = run(capsys, "statement", "M1", "--book", str(book_file), "--out", str(one))
    assert code == 1 and "already exists" in one_sentence(err) and one.read_bytes() == b"mine"
    assert run(capsys, "statement", "M1", "--book", str(book_file), "--out", str(one),
               "--force")[0] == 0
    assert one.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "semua"
    assert run(capsys, "statement", "--all", "--book", str(book_file), "--out", str(folder))[0] == 0
    code, _out, err = run(capsys, "statement", "--all", "--book", str(book_file),
                          "--out", str(folder))
    assert code == 1 and "already exists" in one_sentence(err)


# --- nothing .partial survives a failing writer -----------------------------------------

@pytest.mark.parametrize("fmt", ["tsv", "pdf", "xlsx"])
def test_a_writer_failing_half_way_leaves_no_partial(book_file, tmp_path, monkeypatch, capsys,
                                                     fmt):
    folder = tmp_path / "keluar"
    folder.mkdir()

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    code, _out, err = run(capsys, "report", "general-ledger", "--book", str(book_file),
                          "--format", fmt, "--out", str(folder / f"bb.{fmt}"))
    assert code == 1 and "The disk failed" in one_sentence(err)
    assert list(folder.iterdir()) == []


# --- text a spreadsheet would run --------------------------------------------------------

def test_tsv_and_csv_escape_formulas_and_keep_amounts_numbers(book_file, tmp_path, capsys):
    code, out, _err = run(capsys, "report", "savings-balances", "--book", str(book_file))
    assert code == 0
    cells = [line.split("\t") for line in out.splitlines()]
    assert ["M1", "'" + HYPERLINK, "sukarela", "120000"] in cells
    csv_file = tmp_path / "s.csv"
    assert run(capsys, "report", "savings-balances", "--book", str(book_file), "--format", "csv",
               "--out", str(csv_file))[0] == 0
    assert '"\'=HYPERLINK(""http://x.example/?a=1"",""klik"")"' in csv_file.read_text("utf-8")


def test_leading_tab_and_cr_are_escaped_and_line_breaks_quoted():
    from reports import tabular

    rows = [{"date": "2026-01-05", "entry": "2026/000001", "code": "1101", "member_id": "@M",
             "memo": "\tdisembunyikan", "debit": "-1500", "credit": "0", "balance": "-1500"},
            {"date": "2026-01-05", "entry": "2026/000002", "code": "1101", "member_id": "+1",
             "memo": "\rbaris\nbaru", "debit": "0", "credit": "1500.50", "balance": "0"}]
    tsv = tabular.render(rows, tabular.GENERAL_LEDGER_COLUMNS, "tsv").splitlines()
    assert tsv[1].split("\t") == ["2026-01-05", "2026/000001", "1101", "'@M",
                                  "' disembunyikan", "-1500", "0", "-1500"]
    assert tsv[2].split("\t")[3:5] == ["'+1", "' baris baru"]
    csv = tabular.render(rows, tabular.GENERAL_LEDGER_COLUMNS, "csv")
    assert "'@M,'\tdisembunyikan,-1500,0,-1500\n" in csv
    assert ",'+1,\"'\rbaris\nbaru\",0,1500.50,0\n" in csv


# --- whatever nobody foresaw ------------------------------------------------------------

def test_an_unforeseen_error_is_one_sentence_naming_its_log(book_file, tmp_path, monkeypatch,
                                                            capsys):
    import ui.cli

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def bug(args: object) -> int:
        raise RuntimeError("a bug nobody saw\nwith more lines")

    monkeypatch.setitem(ui.cli.COMMANDS, "verify", bug)
    code, _out, err = run(capsys, "verify", "--book", str(book_file))
    assert code == 1
    text = one_sentence(err)
    assert "unexpected problem (RuntimeError: a bug nobody saw)" in text
    logs = list((tmp_path / "state").rglob("kasir-*.log"))
    assert len(logs) == 1 and str(logs[0]) in text
    assert "Traceback" in logs[0].read_text("utf-8") and "a bug nobody saw" in logs[0].read_text()
