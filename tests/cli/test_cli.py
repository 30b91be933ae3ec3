"""The ``kasir`` command as a facilitator scripts it: exit codes, findings, reports."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import ddl
from ui.cli import main

pytestmark = pytest.mark.usefixtures("sqlite_only")


def tamper(path: Path, *sql: str) -> None:
    """Edit the book behind Kasir's back, as someone with a SQLite tool could."""
    con = sqlite3.connect(path)
    for t in ddl.TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t.name}")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--lang", "en", "verify", "--book", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_init_then_verify_is_clean(demo, capsys):
    code, text = verify(demo, capsys)
    assert code == 0, text
    assert "sound" in text


def test_edited_posted_line_is_named(demo, capsys):
    tamper(demo, "UPDATE journal_line SET debit = debit + 100000 WHERE id = "
                 "(SELECT MIN(l.id) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                 " WHERE e.number = 5 AND l.debit > 0)")
    code, text = verify(demo, capsys)
    assert code == 1
    assert "Entry 2026/000005 was changed after posting" in text
    assert "trigger" in text  # the dropped triggers are reported too


def test_deleted_posted_line_is_named(demo, capsys):
    tamper(demo, "DELETE FROM journal_line WHERE id = (SELECT MAX(l.id) FROM journal_line l "
                 "JOIN journal_entry e ON e.id = l.entry_id WHERE e.number = 7)")
    code, text = verify(demo, capsys)
    assert code == 1 and "2026/000007" in text


def test_inserted_line_is_named(demo, capsys):
    tamper(demo, "INSERT INTO journal_line (entry_id, line_no, account_id, debit, credit, "
                 "entry_date, posted) SELECT e.id, 99, a.id, 500000, 0, e.date, 1 "
                 "FROM journal_entry e, account a WHERE e.number = 9 AND a.code = '1101'")
    code, text = verify(demo, capsys)
    assert code == 1 and "Entry 2026/000009 was changed after posting" in text


def test_deleted_entry_is_found(demo, capsys):
    tamper(demo,
           "DELETE FROM journal_line WHERE entry_id = (SELECT id FROM journal_entry "
           "WHERE number = 12)",
           "DELETE FROM journal_entry WHERE number = 12")
    code, text = verify(demo, capsys)
    assert code == 1 and "2026/000012 is missing" in text


def test_trial_balance_formats(demo, capsys):
    capsys.readouterr()
    assert main(["report", "trial-balance", "--book", str(demo), "--as-of", "2026-07-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "code\tname\tdebit\tcredit"
    assert "4101\tSimpanan Pokok\t0\t500000" in lines
    assert main(["report", "trial-balance", "--book", str(demo), "--format", "json",
                 "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    debit = sum(int(r["debit"]) for r in rows)
    credit = sum(int(r["credit"]) for r in rows)
    assert debit == credit == 53_372_000  # the demo, its financing included
    assert {"code": "4101", "name": "Principal membership savings", "debit": "0",
            "credit": "500000"} in rows


def test_general_ledger_csv(demo, tmp_path, capsys):
    out = tmp_path / "bb.csv"
    assert main(["report", "general-ledger", "--book", str(demo), "--format", "csv",
                 "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "date,entry,code,member_id,memo,debit,credit,balance"
    assert all(line.startswith("2026-11-") for line in lines[1:])
    assert any(",A-00" in line for line in lines[1:])  # member codes on savings lines


def test_usage_errors_exit_2(capsys):
    assert main(["report", "nope"]) == 2
    assert main(["report", "trial-balance", "--as-of", "2026-02-30"]) == 2
    assert main(["frobnicate"]) == 2


def test_refusals_exit_1(demo, tmp_path, capsys):
    assert main(["init", "--book", str(demo)]) == 1
    assert main(["verify", "--book", str(tmp_path / "tidak-ada.kasir")]) == 1
    capsys.readouterr()
    (tmp_path / "x.txt").write_text("halo")
    assert main(["verify", "--book", str(tmp_path / "x.txt")]) == 1


def test_newer_book_refused_by_db_current(demo, capsys):
    con = sqlite3.connect(demo)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["--lang", "en", "db", "current", "--book", str(demo)]) == 1
    assert "newer version of Kasir" in capsys.readouterr().err


def test_backup_and_restore_round_trip(demo, tmp_path, capsys):
    copy = tmp_path / "cadangan.kasir"
    assert main(["backup", "--book", str(demo), "--out", str(copy)]) == 0
    before = _tb(demo, capsys)
    tamper(demo, "DELETE FROM journal_line WHERE entry_id = 3")
    assert main(["verify", "--book", str(demo)]) == 1
    assert main(["restore", str(copy), "--book", str(demo)]) == 0
    assert main(["verify", "--book", str(demo)]) == 0
    assert _tb(demo, capsys) == before


def test_restore_refuses_a_tampered_backup(demo, tmp_path, capsys):
    copy = tmp_path / "cadangan.kasir"
    assert main(["backup", "--book", str(demo), "--out", str(copy)]) == 0
    tamper(copy, "UPDATE journal_line SET credit = credit + 1 WHERE id = 4 AND credit > 0")
    before = demo.read_bytes()
    assert main(["restore", str(copy), "--book", str(demo)]) == 1
    assert demo.read_bytes() == before


def test_backup_refuses_to_overwrite(demo, tmp_path):
    copy = tmp_path / "cadangan.kasir"
    copy.write_text("penting")
    assert main(["backup", "--book", str(demo), "--out", str(copy)]) == 1
    assert copy.read_text() == "penting"


def _tb(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["report", "trial-balance", "--book", str(path)]) == 0
    return capsys.readouterr().out


def test_headless_commands_never_import_qt(demo):
    code = ("import sys; from ui.cli import main; "
            f"rc = main(['verify', '--book', {str(demo)!r}]); "
            "assert 'PySide6' not in sys.modules, 'Qt imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_import_and_savings_balances(tmp_path, capsys):
    book = tmp_path / "b.kasir"
    events = tmp_path / "riwayat.events.jsonl"
    events.write_text("\n".join([
        '{"type": "group_created", "date": "2026-01-05", "group_id": "G1", "village": "X", '
        '"meeting_weekday": 0}',
        '{"type": "member_created", "date": "2026-01-05", "member_id": "M1", "group_id": "G1", '
        '"name": "Siti", "village": "X", "joined": "2026-01-05", "wajib_weekly": 5000}',
        '{"type": "deposit", "date": "2026-01-05", "member_id": "M1", "product": "pokok", '
        '"amount": 50000, "channel": "cash"}',
        '{"type": "deposit", "date": "2026-01-05", "member_id": "M1", "product": "sukarela", '
        '"amount": "12500.50", "channel": "cash"}',
    ]) + "\n")
    assert main(["init", "--book", str(book)]) == 0
    assert main(["--lang", "en", "import", str(events), "--book", str(book)]) == 0
    assert "4 events imported" in capsys.readouterr().err
    assert main(["--lang", "en", "import", str(events), "--book", str(book)]) == 0
    assert "4 already in the book" in capsys.readouterr().err
    assert main(["report", "savings-balances", "--book", str(book), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "member_id,name,product,balance", "M1,Siti,pokok,50000", "M1,Siti,sukarela,12500.50"]
