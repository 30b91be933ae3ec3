"""``kasir entry post | reverse | show`` and ``kasir profit-share``: the window's journal and
profit-sharing services, from the command line, end to end on a real book."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factories import ACTOR, rp, worked_example_month
from kasir.book import create_book, open_book
from kasir.members import service as member_service
from kasir.savings import rules as savings
from ledger import periods, queries
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")
NOV = dt.date(2026, 11, 1)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """domain.md §1.3's month: A and B save in mudharabah, the cash income is Rp1.500.000."""
    where = tmp_path / "buku.kasir"
    with create_book(where, name="Koperasi Uji") as book:
        def work(s):  # noqa: ANN001, ANN202
            worked_example_month(s)
            savings.deposit(s, ACTOR, "A", "sukarela", rp(100_000), day=dt.date(2026, 11, 12))
        book.run(work)
    return where


def balance(path: Path, code: str, member: str | None = None) -> object:
    with open_book(path) as book, book.read_session() as s:
        return queries.normal_balance(s, code, party_code=member)


def entry_file(tmp_path: Path, data: object) -> str:
    f = tmp_path / "entri.json"
    f.write_text(json.dumps(data), "utf-8")
    return str(f)


STATIONERY = {"date": "2026-11-21", "memo": "Beli kertas dan tinta", "key": "atk-21-11",
              "lines": [{"account": "6203", "debit": "150000"},
                        {"account": "1101", "credit": 150000, "memo": "tunai"}]}


def test_post_prints_the_number_and_posts_once_per_key(path, tmp_path, capsys):
    f = entry_file(tmp_path, STATIONERY)
    code, out, err = run(capsys, "entry", "post", f, "--book", str(path))
    assert code == 0, err
    number = out.strip()
    assert number.startswith("2026/") and "Posted: entry" in err
    assert balance(path, "6203") == rp(150_000)
    code, again, err = run(capsys, "entry", "post", f, "--book", str(path))
    assert code == 0 and again.strip() == number and "nothing was posted again" in err
    assert balance(path, "6203") == rp(150_000)


@pytest.mark.parametrize(("change", "said"), [
    ({"lines": [{"account": "6203", "debit": "150000"},
                {"account": "1101", "credit": "140000"}]}, "Debits (Rp150.000) and credits"),
    ({"lines": [{"account": "6203", "debit": 1.5}, {"account": "1101", "credit": "1"}]},
     "floating"),
    ({"lines": [{"account": "6203", "debit": "150000"},
                {"account": "1101", "credit": "-150000"}]}, "lines[2].credit: cannot be negative"),
    ({"lines": [{"account": "6203", "debit": "1", "credit": "1"},
                {"account": "1101", "credit": "1"}]}, "lines[1]: needs either a debit"),
    ({"date": "21/11/2026"}, "date: 21/11/2026 is not a date"),
    ({"memo": " "}, "description"),
    ({"lines": [{"account": "9999", "debit": "5"}, {"account": "1101", "credit": "5"}]},
     "9999"),
])
def test_a_bad_entry_file_is_refused_with_its_field_and_nothing_posted(path, tmp_path, capsys,
                                                                       change, said):
    f = entry_file(tmp_path, {**STATIONERY, **change})
    code, out, err = run(capsys, "entry", "post", f, "--book", str(path))
    assert code == 1 and out == ""
    assert said in err and "Traceback" not in err
    assert balance(path, "6203") == rp(0)


def test_a_closed_month_refuses_the_entry(path, tmp_path, capsys):
    with open_book(path) as book:
        book.run(lambda s: periods.close_period(s, 2026, 11, user="ketua"))
    code, _out, err = run(capsys, "entry", "post", entry_file(tmp_path, STATIONERY),
                          "--book", str(path))
    assert code == 1 and "closed" in err


def test_show_gives_the_entry_its_lines_and_who_posted_it(path, tmp_path, capsys):
    _, number, _ = run(capsys, "entry", "post", entry_file(tmp_path, STATIONERY),
                       "--book", str(path))
    number = number.strip()
    code, out, _ = run(capsys, "entry", "show", number, "--format", "json", "--book", str(path))
    assert code == 0
    shown = json.loads(out)
    assert shown["entry"] == number and shown["memo"] == "Beli kertas dan tinta"
    assert shown["operation"] == "manual" and shown["total"] == "150000"
    assert shown["key"] == "atk-21-11" and shown["posted_by"]
    assert [(ln["code"], ln["debit"], ln["credit"], ln["memo"]) for ln in shown["lines"]] == [
        ("6203", "150000", "", ""), ("1101", "", "150000", "tunai")]
    assert shown["reversed_by"] == ""
    code, out, _ = run(capsys, "entry", "show", number, "--book", str(path))
    head, table = out.split("\n\n")
    assert f"entry\t{number}" in head.splitlines()
    assert table.splitlines()[0] == "line\tcode\tname\tmember_id\tdebit\tcredit\tmemo"
    assert table.splitlines()[1].startswith("1\t6203\t")
    code, _, err = run(capsys, "entry", "show", "2026/999999", "--book", str(path))
    assert code == 1 and "no posted entry 2026/999999" in err


def test_reverse_by_number_once_with_a_reason(path, tmp_path, capsys):
    _, number, _ = run(capsys, "entry", "post", entry_file(tmp_path, STATIONERY),
                       "--book", str(path))
    number = number.strip()
    code, _, err = run(capsys, "entry", "reverse", number, "--book", str(path))
    assert code == 2 and "--reason" in err
    code, out, err = run(capsys, "entry", "reverse", number, "--reason", "Salah akun",
                         "--date", "2026-11-22", "--book", str(path))
    assert code == 0, err
    reversal = out.strip()
    assert balance(path, "6203") == rp(0)
    _, shown, _ = run(capsys, "entry", "show", number, "--format", "json", "--book", str(path))
    assert json.loads(shown)["reversed_by"] == reversal
    assert json.loads(shown)["reversed_because"] == "Salah akun"
    code, _, err = run(capsys, "entry", "reverse", number, "--reason", "lagi",
                       "--book", str(path))
    assert code == 1 and "already been reversed" in err


def test_reversing_a_deposit_already_withdrawn_is_refused(path, capsys):
    """The savings rule on the reversal, as at the receipts list: A's Rp100.000 sukarela
    went out again, so its deposit cannot be taken back."""
    with open_book(path) as book:
        book.run(lambda s: savings.withdraw(s, ACTOR, "A", "sukarela", rp(60_000),
                                            day=dt.date(2026, 11, 13)))
        with book.read_session() as s:
            label = next(row.label for row in queries.journal(s)
                         if row.operation == "deposit:sukarela")
    code, out, err = run(capsys, "entry", "reverse", label, "--reason", "salah",
                         "--book", str(path))
    assert code == 1 and out == ""
    assert "A has only Rp40.000 left in Simpanan Sukarela" in err
    assert balance(path, "2101", "A") == rp(40_000)


def test_reversing_an_exit_makes_her_a_member_again(path, capsys):
    with open_book(path) as book:
        ref = book.run(lambda s: savings.member_exit(s, ACTOR, "B", day=dt.date(2026, 11, 25)))
        assert member_service.find_members(book, "B", status="exited")
    code, _, err = run(capsys, "entry", "reverse", ref.entry.label, "--reason",
                       "belum jadi keluar", "--book", str(path))
    assert code == 0, err
    with open_book(path) as book:
        assert member_service.find_members(book, "B", status="active")[0].number == "B"
    assert balance(path, "3101", "B") == rp(23_400_000)


def test_profit_share_computes_then_posts_once(path, capsys):
    code, out, err = run(capsys, "profit-share", "2026-11", "--income", "1.500.000",
                         "--format", "json", "--book", str(path))
    assert code == 0, err
    plan = json.loads(out)
    assert plan["month"] == "2026-11" and plan["income"] == "1500000"
    assert plan["pool"] == "180000"
    assert plan["rows"] == [
        {"member_id": "A", "adb": "600000", "share": "4500", "tax": "0", "net": "4500"},
        {"member_id": "B", "adb": "23400000", "share": "175500", "tax": "0", "net": "175500"}]
    assert "nothing was posted" in err and balance(path, "6101") == rp(0)
    code, out, err = run(capsys, "profit-share", "2026-11", "--income", "1500000", "--post",
                         "--book", str(path))
    assert code == 0, err
    assert out.splitlines() == ["member_id\tadb\tshare\ttax\tnet", "A\t600000\t4500\t0\t4500",
                                "B\t23400000\t175500\t0\t175500"]
    assert "posted: entry 2026/" in err
    assert balance(path, "6101") == rp(180_000)
    assert balance(path, "3101", "A") == rp(704_500)
    code, _, err = run(capsys, "profit-share", "2026-11", "--income", "1500000", "--post",
                       "--book", str(path))
    assert code == 1 and "already been posted" in err
    assert balance(path, "6101") == rp(180_000)


@pytest.mark.parametrize("args", [["2026-13", "--income", "1"], ["2026-11", "--income", "abc"],
                                  ["2026-11"], ["November", "--income", "1"]])
def test_profit_share_wrong_usage_exits_2(path, capsys, args):
    code, _, err = run(capsys, "profit-share", *args, "--book", str(path))
    assert code == 2 and "Traceback" not in err


def test_a_refusal_of_the_book_names_the_file_and_the_line(path, tmp_path, capsys):
    data = {**STATIONERY, "lines": [{"account": "6203", "debit": "5"},
                                    {"account": "2101", "credit": "5", "member_id": "A"}]}
    code, _, err = run(capsys, "entry", "post", entry_file(tmp_path, data), "--book", str(path))
    assert code == 1
    assert err.startswith("entri.json: Line 2: account 2101 Simpanan Sukarela Wadiah is kept by "
                          "its own service; post it from the cashier page (Kasir)"), err


def test_verify_and_reports_survive_a_book_whose_sums_overflow(tmp_path, capsys):
    """Measured: accepted files made verify and every report crash on an integer overflow
    of SQLite's SUM. Lines beyond the limit written by hand are named, never a traceback."""
    import sqlite3

    where = tmp_path / "besar.kasir"
    create_book(where, name="Uji").close()
    con = sqlite3.connect(where)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'") \
            .fetchall():
        con.execute(f"DROP TRIGGER {name}")
    big = 9_000_000_000_000_000_000
    cash, equity = (con.execute("SELECT id FROM account WHERE code = ?", (c,)).fetchone()[0]
                    for c in ("1101", "4201"))
    for i in (1, 2):
        eid = con.execute(
            "INSERT INTO journal_entry (uuid, status, date, memo, operation, created_at, "
            "created_by, fiscal_year, number, posted_seq, prev_hash, hash, posted_at, "
            "posted_by) VALUES (?, 'posted', '2026-11-01', 'besar', 'manual', "
            "'2026-11-01 00:00:00', 'x', 2026, ?, ?, ?, ?, '2026-11-01 00:00:00', 'x') "
            "RETURNING id", (f"x{i}", i, i, "0" * 64, "f" * 64)).fetchone()[0]
        for no, (acc, d, c) in enumerate(((cash, big, 0), (equity, 0, big)), start=1):
            con.execute("INSERT INTO journal_line (entry_id, line_no, account_id, debit, "
                        "credit, entry_date, posted) VALUES (?, ?, ?, ?, ?, '2026-11-01', 1)",
                        (eid, no, acc, d, c))
    con.commit()
    con.close()
    code, out, err = run(capsys, "verify", "--book", str(where))
    assert code == 1 and "Traceback" not in out + err
    assert "Entry 2026/000001 carries an amount beyond Rp1.000.000.000.000.000" in out
    for report in ("trial-balance", "general-ledger"):
        code, out, err = run(capsys, "report", report, "--book", str(where))
        assert code == 1 and "too large to add up" in err and "Traceback" not in err
