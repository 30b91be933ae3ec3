"""The journal page's calls, without Qt: its pages, an entry's lines, reversing with a reason
(through the owning feature's rules: a deposit already withdrawn cannot be taken back)."""

from __future__ import annotations

import datetime as dt

from factories import ACTOR, rp
from kasir.journal import service as journal
from kasir.journal.service import LineInput
from kasir.savings import service as savings
from ledger import queries
from ui.presenters.journal_presenter import JournalPresenter
from ui.presenters.outcome import Outcome

from .conftest import TODAY

DAY = dt.date(2026, 11, 2)


def post_sale(book, memo: str = "Jual buku tulis", amount: int = 15_000) -> int:
    lines = [LineInput("1101", debit=rp(amount)), LineInput("5401", credit=rp(amount))]
    return journal.post_entry(book, ACTOR, DAY, memo, lines).id


def row_of(page: JournalPresenter, label: str):
    return next(r for r in page.page(0, 50) if r.label == label)


def test_pages_newest_first_and_the_lines_with_the_members_names(today_book):
    post_sale(today_book)
    page = JournalPresenter(today_book, ACTOR)
    assert page.today() == TODAY
    rows = page.page(0, 50)
    assert [r.label for r in rows] == ["2026/000003", "2026/000002", "2026/000001"]
    assert [r.label for r in page.page(1, 1)] == ["2026/000002"]
    deposit = page.lines(rows[1])  # A-002's sukarela deposit of 12 October
    assert deposit.title.startswith("Baris entri 2026/000002: ")
    assert [(ln.account_code, ln.debit, ln.credit, ln.party_code) for ln in deposit.lines] == [
        ("1101", rp(40_000), rp(0), "A-002"), ("2101", rp(0), rp(40_000), "A-002")]
    assert deposit.names["A-002"] == "Nur Hasanah"
    assert page.lines(None).title == "Pilih satu entri untuk melihat baris-barisnya."
    assert page.lines(None).lines == []
    assert page.count_text(3, False) == "3 entri"
    assert page.count_text(500, True).startswith("500 entri terbaru ditampilkan")


def test_a_reversal_with_a_reason_is_posted_and_shown_as_reversed(today_book):
    post_sale(today_book)
    page = JournalPresenter(today_book, ACTOR)
    sale = row_of(page, "2026/000003")
    outcome = page.reverse(sale, "Salah akun: seharusnya pendapatan lain", TODAY)
    assert outcome == Outcome("Entri 2026/000003 sudah dibalik dengan entri 2026/000004.", "ok")
    sale = row_of(page, "2026/000003")
    assert sale.reversed_by == "2026/000004"
    assert row_of(page, "2026/000004").reverses == "2026/000003"
    title = page.lines(sale).title
    assert title == ("Baris entri 2026/000003: Jual buku tulis — dibalik oleh 2026/000004 — "
                     "alasan: Salah akun: seharusnya pendapatan lain")
    with today_book.read_session() as s:
        assert queries.balance(s, "5401") == rp(0)


def test_a_second_reversal_and_one_without_a_reason_are_refused(today_book):
    post_sale(today_book)
    page = JournalPresenter(today_book, ACTOR)
    sale = row_of(page, "2026/000003")
    assert page.reverse(sale, "   ", TODAY) == Outcome("Pembalikan perlu alasan.", "error")
    assert len(page.page(0, 50)) == 3  # nothing posted
    assert page.reverse(sale, "Salah", TODAY).ok
    again = page.reverse(row_of(page, "2026/000003"), "Salah lagi", TODAY)
    assert again == Outcome("Entri 2026/000003 sudah pernah dibalik.", "error")
    assert len(page.page(0, 50)) == 4


def test_a_deposit_already_withdrawn_cannot_be_reversed(today_book):
    """The savings rule registered in kasir/savings/reversal.py refuses, and says why."""
    savings.withdraw(today_book, ACTOR, "A-002", "sukarela", rp(30_000), day=TODAY)
    page = JournalPresenter(today_book, ACTOR)
    before = page.page(0, 50)
    deposit = row_of(page, "2026/000002")  # Rp40.000 sukarela; Rp10.000 is left
    outcome = page.reverse(deposit, "Setoran dobel", TODAY)
    assert outcome == Outcome(
        "Entri 2026/000002 tidak bisa dibalik: saldo Simpanan Sukarela (Wadiah) milik A-002 "
        "tinggal Rp10.000, kurang dari Rp40.000 yang akan ditarik kembali oleh pembalikan.",
        "error")
    assert page.page(0, 50) == before  # nothing posted, nothing marked reversed
    assert row_of(page, "2026/000002").reversed_by is None


def test_nothing_selected_is_a_hint(today_book):
    assert JournalPresenter(today_book, ACTOR).nothing_selected() == Outcome(
        "Pilih dulu entri yang akan dibalik.", "hint")
