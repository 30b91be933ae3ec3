"""Cash count against the book, the member's history and page, product settings."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp
from kasir.actor import Actor
from kasir.cash import queries as cash_queries
from kasir.cash import rules as cash_rules
from kasir.errors import KasirError
from kasir.members import rules as members_rules
from kasir.savings import queries as savings_queries
from kasir.savings import rules as savings_rules
from ledger import queries

D = dt.date(2026, 11, 2)


@pytest.fixture
def siti(book):
    def work(s):
        members_rules.add_group(s, members_rules.GroupInput("K01", "Mawar", "Sukamaju", 0))
        members_rules.add_member(s, members_rules.MemberInput("A-001", "Siti Aminah", dt.date(2026, 10, 5),
                                                  "K01", wajib_amount=rp(5_000)))
        savings_rules.deposit(s, ACTOR, "A-001", "sukarela", rp(250_000), day=D)
        savings_rules.deposit(s, ACTOR, "A-001", "wajib", rp(20_000), day=D)
        savings_rules.withdraw(s, ACTOR, "A-001", "sukarela", rp(50_000), day=dt.date(2026, 11, 9))
    book.run(work)
    return "A-001"


def test_cash_count_shortage_goes_to_suspense_with_note(book, siti):
    pieces = {100_000: 2, 10_000: 1, 5_000: 1}  # Rp215.000 counted, book says Rp220.000
    with book.read_session() as s:
        preview = cash_rules.count_cash(s, dt.date(2026, 11, 9), pieces)
    assert (preview.counted, preview.book, preview.difference) == (
        rp(215_000), rp(220_000), rp(-5_000))
    with pytest.raises(KasirError, match="Explain the difference"):
        book.run(lambda s: cash_rules.confirm_count(s, ACTOR, dt.date(2026, 11, 9), pieces))
    book.run(lambda s: cash_rules.confirm_count(s, Actor("bendahara"), dt.date(2026, 11, 9), pieces,
                                                     note="uang kembalian kurang"))
    with book.read_session() as s:
        assert queries.balance(s, "1101") == rp(215_000)
        assert cash_queries.unexplained(s) == rp(5_000)
        (row,) = cash_queries.counts_between(s, D, dt.date(2026, 11, 30))
    assert row.difference == rp(-5_000) and row.note == "uang kembalian kurang"


def test_cash_count_refuses_unknown_denominations(book):
    with pytest.raises(KasirError, match="not a rupiah note"), book.read_session() as s:
        cash_rules.count_cash(s, D, {75_000: 1})
    with pytest.raises(KasirError, match="whole number"), book.read_session() as s:
        cash_rules.count_cash(s, D, {1_000: -1})


def test_history_gives_passbook_rows_with_running_balance(book, siti):
    with book.read_session() as s:
        h = savings_queries.history(s, siti, "sukarela")
        opening, rows = h.opening, h.rows
    assert opening == rp(0)
    assert [(r.code, r.credit, r.debit, r.balance) for r in rows] == [
        ("SS", rp(250_000), rp(0), rp(250_000)), ("TR", rp(0), rp(50_000), rp(200_000))]
    assert rows[0].receipt == "0001/KW/XI/2026"
    with book.read_session() as s:
        h = savings_queries.history(s, siti, "sukarela", date_from=dt.date(2026, 11, 5))
    opening, rows = h.opening, h.rows
    assert opening == rp(250_000) and len(rows) == 1


def test_member_page_shows_balances_and_dues(book, siti):
    with book.read_session() as s:
        page = savings_queries.member_detail(s, siti, dt.date(2026, 11, 9))
    assert page.group_code == "K01" and page.balances["sukarela"] == rp(200_000)
    assert (page.wajib.periods, page.wajib.arrears) == (6, rp(10_000))


def test_product_settings(book):
    book.run(lambda s: savings_rules.update_product(s, "mudharabah", nisbah_bp=3500))
    with pytest.raises(KasirError, match="Only mudharabah"):
        book.run(lambda s: savings_rules.update_product(s, "sukarela", nisbah_bp=100))
    with book.read_session() as s:
        rows = savings_queries.product_rows(s)
    assert {r.code: r for r in rows}["mudharabah"].nisbah_percent == "35"
    assert [r.code for r in rows] == ["pokok", "wajib", "sukarela", "mudharabah"]
