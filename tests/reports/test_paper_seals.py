"""Every paper prints the seal of the book as it was printed, and this computer logs it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pypdf import PdfReader

from factories import ACTOR, rp
from kasir.book import seals
from kasir.savings import service as savings
from reports import member_papers, paper_reports, tabular
from reports.ledger_reports import trial_balance

D = dt.date(2026, 11, 20)


def text_of(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_receipt_passbook_cash_book_and_report_carry_the_seal(members_book, tmp_path):
    done = savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(250_000), D)
    seal = str(seals.current(members_book))
    papers = {
        "receipt": lambda p: member_papers.write_receipt(members_book, done.receipt_id, p),
        "passbook": lambda p: member_papers.write_passbook(members_book, "A-001", "sukarela", p),
        "cash book": lambda p: member_papers.write_cash_book(members_book, D, D, p),
        "report": lambda p: paper_reports.write(
            members_book, "trial-balance",
            tabular.trial_balance_rows(trial_balance(members_book)), p, "pdf"),
    }
    for name, write in papers.items():
        path = tmp_path / f"{name}.pdf"
        write(path)
        assert f"Segel buku {seal}" in " ".join(text_of(path).split()), name
    logged = [json.loads(line) for line in seals.log_path().read_text("utf-8").splitlines()]
    assert [item["what"].split()[0] for item in logged] == ["kuitansi", "buku", "buku",
                                                          "laporan"]
    assert {f"{item['code']} /{item['seq']}" for item in logged} == {seal}
