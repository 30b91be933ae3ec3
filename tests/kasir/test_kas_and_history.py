"""Cash count against the book, the member's history and page, product settings."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import rp
from kasir import anggota, kas, simpanan
from kasir.errors import KasirError
from ledger import queries

D = dt.date(2026, 11, 2)


@pytest.fixture
def siti(book):
    def work(s):
        anggota.add_group(s, anggota.GroupInput("K01", "Mawar", "Sukamaju", 0))
        anggota.add_member(s, anggota.MemberInput("A-001", "Siti Aminah", dt.date(2026, 10, 5),
                                                  "K01", wajib_amount=rp(5_000)))
        simpanan.deposit(s, "A-001", "sukarela", rp(250_000), day=D)
        simpanan.deposit(s, "A-001", "wajib", rp(20_000), day=D)
        simpanan.withdraw(s, "A-001", "sukarela", rp(50_000), day=dt.date(2026, 11, 9))
    book.run(work)
    return "A-001"


def test_cash_count_shortage_goes_to_suspense_with_note(book, siti):
    pieces = {100_000: 2, 10_000: 1, 5_000: 1}  # Rp215.000 counted, book says Rp220.000
    with book.read_session() as s:
        preview = kas.count_cash(s, dt.date(2026, 11, 9), pieces)
    assert (preview.counted, preview.book, preview.difference) == (
        rp(215_000), rp(220_000), rp(-5_000))
    with pytest.raises(KasirError, match="Explain the difference"):
        book.run(lambda s: kas.confirm_count(s, dt.date(2026, 11, 9), pieces))
    book.run(lambda s: kas.confirm_count(s, dt.date(2026, 11, 9), pieces,
                                         note="uang kembalian kurang", user="bendahara"))
    with book.read_session() as s:
        assert queries.balance(s, "1101") == rp(215_000)
        assert kas.unexplained(s) == rp(5_000)
        (row,) = kas.counts_between(s, D, dt.date(2026, 11, 30))
    assert row.difference == rp(-5_000) and row.note == "uang kembalian kurang"


def test_cash_count_refuses_unknown_denominations(book):
    with pytest.raises(KasirError, match="not a rupiah note"), book.read_session() as s:
        kas.count_cash(s, D, {75_000: 1})
    with pytest.raises(KasirError, match="whole number"), book.read_session() as s:
        kas.count_cash(s, D, {1_000: -1})


def test_history_gives_passbook_rows_with_running_balance(book, siti):
    with book.read_session() as s:
        opening, rows = simpanan.history(s, siti, "sukarela")
    assert opening == rp(0)
    assert [(r.code, r.credit, r.debit, r.balance) for r in rows] == [
        ("SS", rp(250_000), rp(0), rp(250_000)), ("TR", rp(0), rp(50_000), rp(200_000))]
    assert rows[0].receipt == "0001/KW/XI/2026"
    with book.read_session() as s:
        opening, rows = simpanan.history(s, siti, "sukarela", date_from=dt.date(2026, 11, 5))
    assert opening == rp(250_000) and len(rows) == 1


def test_member_page_shows_balances_and_dues(book, siti):
    with book.read_session() as s:
        page = simpanan.member_detail(s, siti, dt.date(2026, 11, 9))
    assert page.group_code == "K01" and page.balances["sukarela"] == rp(200_000)
    assert (page.wajib.periods, page.wajib.arrears) == (6, rp(10_000))


def test_product_settings(book):
    book.run(lambda s: simpanan.update_product(s, "mudharabah", nisbah_bp=3500))
    with pytest.raises(KasirError, match="Only mudharabah"):
        book.run(lambda s: simpanan.update_product(s, "sukarela", nisbah_bp=100))
    with book.read_session() as s:
        rows = simpanan.product_rows(s)
    assert {r.code: r for r in rows}["mudharabah"].nisbah_percent == "35"
    assert [r.code for r in rows] == ["pokok", "wajib", "sukarela", "mudharabah"]
