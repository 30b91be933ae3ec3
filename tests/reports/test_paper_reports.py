"""``kasir report ... --format pdf|xlsx`` and ``kasir statement``."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from factories import ACTOR, rp
from kasir.members import rules as members_rules
from kasir.savings import rules as savings_rules
from ui.cli import main

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def book_file(tmp_path, book):
    def work(s):
        members_rules.add_member(s, members_rules.MemberInput("A-001", "=HYPERLINK(\"x\")",
                                                  dt.date(2026, 1, 5)))
        members_rules.add_member(s, members_rules.MemberInput("A-002", "Nur Hasanah", dt.date(2026, 1, 5)))
        savings_rules.deposit(s, ACTOR, "A-001", "sukarela", rp(1_234_567), day=dt.date(2026, 2, 1))
        savings_rules.deposit(s, ACTOR, "A-002", "pokok", rp(50_000), day=dt.date(2026, 2, 1))
    book.run(work)
    return str(book.path)


def test_savings_balances_as_spreadsheet_never_runs_formulas(book_file, tmp_path):
    out = tmp_path / "simpanan.xlsx"
    assert main(["report", "savings-balances", "--book", book_file, "--format", "xlsx",
                 "--out", str(out)]) == 0
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("No. Anggota", "Nama", "Produk", "Saldo")
    assert rows[1][1] == '=HYPERLINK("x")' and ws["B2"].data_type == "s"
    assert rows[1][3] == 1234567


def test_trial_balance_as_paper(book_file, tmp_path):
    out = tmp_path / "neraca-saldo.pdf"
    assert main(["report", "trial-balance", "--book", book_file, "--format", "pdf",
                 "--out", str(out)]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Neraca Saldo" in text and "1.284.567" in text and "Jumlah" in text
    assert main(["report", "trial-balance", "--book", book_file, "--format", "pdf"]) == 2


def test_statements_for_every_member(book_file, tmp_path):
    out = tmp_path / "buku"
    assert main(["statement", "--all", "--book", book_file, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["A-001-sukarela.pdf", "A-002-sukarela.pdf"]
    one = tmp_path / "a1.pdf"
    assert main(["statement", "A-001", "--book", book_file, "--out", str(one)]) == 0
    assert "1.234.567" in PdfReader(one).pages[0].extract_text()
