"""Papers built from the book: receipt, passbook, cash book, with figures that reconcile."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from factories import ACTOR, rp
from kasir.members import rules as members_rules
from kasir.savings import rules as savings_rules
from kasir.settings import set_setting
from reports import member_papers

D = dt.date(2026, 11, 2)


@pytest.fixture
def desk(book):
    def work(s):
        set_setting(s, "name", "ISM Sejahtera Mandiri")
        set_setting(s, "place", "Lebak")
        members_rules.add_group(s, members_rules.GroupInput("K01", "Mawar", "Sukamaju", 0))
        members_rules.add_member(s, members_rules.MemberInput("A-001", "Siti Aminah", dt.date(2026, 10, 5),
                                                  "K01", village="Sukamaju"))
        r1 = savings_rules.deposit(s, ACTOR, "A-001", "sukarela", rp(420_000), day=D)
        for i in range(30):
            savings_rules.deposit(s, ACTOR, "A-001", "sukarela", rp(5_000 + i), day=D + dt.timedelta(days=i))
        r2 = savings_rules.withdraw(s, ACTOR, "A-001", "sukarela", rp(6_000_000 // 100), day=dt.date(2026, 12, 5))
        return r1.receipt_id, r2.receipt_id
    return book.run(work)


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_receipt_from_the_book(book, desk, tmp_path):
    out = tmp_path / "kuitansi.pdf"
    member_papers.write_receipt(book, desk[0], out)
    text = text_of(out)
    assert "0001/KW/XI/2026" in text and "Siti Aminah" in text
    assert "Empat ratus dua puluh ribu rupiah" in text and "Rp420.000" in text
    with book.read_session() as s:
        data = member_papers.receipt_data(s, desk[1])
    assert data.direction == "out" and not data.meterai  # savings are exempt from meterai


def test_passbook_reconciles_with_the_ledger(book, desk, tmp_path):
    with book.read_session() as s:
        data = member_papers.passbook_data(s, "A-001", "sukarela", None, None,
                                            dt.date(2026, 11, 30))
        assert member_papers.closing_matches_ledger(s, data, "sukarela")
    assert len(data.lines) == 32
    assert data.closing == rp(420_000 + sum(5_000 + i for i in range(30)) - 60_000)
    out = tmp_path / "buku.pdf"
    member_papers.write_passbook(book, "A-001", "sukarela", out, size="A5")
    assert "Siti Aminah" in text_of(out) and "Halaman 1 dari" in text_of(out)


def test_cash_book_runs_from_opening_to_closing(book, desk, tmp_path):
    with book.read_session() as s:
        data = member_papers.cash_book_data(s, dt.date(2026, 11, 10), dt.date(2026, 11, 30),
                                            "1101", dt.date(2026, 11, 30))
    assert data.opening == rp(420_000 + sum(5_000 + i for i in range(8)))
    assert data.closing == data.opening + sum((r.receipt for r in data.rows), rp(0))
    out = tmp_path / "kas.pdf"
    member_papers.write_cash_book(book, dt.date(2026, 11, 1), dt.date(2026, 11, 30), out)
    assert "BUKU KAS HARIAN" in text_of(out).upper()
