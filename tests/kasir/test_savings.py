"""At the cashier's desk: savings deposits, withdrawals, transfers and exits."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from factories import ACTOR, rp
from kasir.errors import KasirError
from kasir.journal import service as journal
from kasir.members import queries as members_queries
from kasir.members import rules as members_rules
from kasir.receipts.models import Receipt as Kuitansi
from kasir.savings import queries as savings_queries
from kasir.savings import rules as savings_rules
from ledger import queries
from ledger.schema import JournalEntry

D = dt.date(2026, 11, 2)


@pytest.fixture
def siti(book):
    def work(s):
        members_rules.add_group(s, members_rules.GroupInput("K01", "Mawar", "Sukamaju", 0, "Bu Ratna"))
        members_rules.add_member(s, members_rules.MemberInput("A-001", "Siti  Aminah", dt.date(2026, 10, 5),
                                                  "K01", wajib_amount=rp(5_000)))
    book.run(work)
    return "A-001"


def snapshot(book):
    with book.read_session() as s:
        return (s.scalar(select(func.count()).select_from(JournalEntry)),
                s.scalar(select(func.count()).select_from(Kuitansi)))


def test_deposit_posts_with_member_and_receipt(book, siti):
    r = book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(250_000), day=D))
    r2 = book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "wajib", rp(20_000), day=D))
    assert (r.receipt, r2.receipt) == ("0001/KW/XI/2026", "0002/KW/XI/2026")
    with book.read_session() as s:
        assert savings_rules.balances(s, siti)["sukarela"] == rp(250_000)
        assert queries.balance(s, "1101") == rp(270_000)
        st = savings_queries.wajib_status(s, siti, dt.date(2026, 11, 2))
    assert (st.periods, st.due, st.paid, st.arrears) == (5, rp(25_000), rp(20_000), rp(5_000))


def test_withdrawal_beyond_balance_refused_and_nothing_changes(book, siti):
    book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(120_000), day=D))
    before = snapshot(book)
    with pytest.raises(KasirError) as err:
        book.run(lambda s: savings_rules.withdraw(s, ACTOR, siti, "sukarela", rp(500_000), day=D))
    assert "exceeds its balance" in err.value.english()
    assert snapshot(book) == before
    book.run(lambda s: savings_rules.withdraw(s, ACTOR, siti, "sukarela", rp(120_000), day=D))
    with book.read_session() as s:
        assert savings_rules.balance(s, siti, "sukarela") == rp(0)


def test_pokok_and_wajib_never_withdrawn_outside_exit(book, siti):
    book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "pokok", rp(50_000), day=D))
    before = snapshot(book)
    for product in ("pokok", "wajib"):
        with pytest.raises(KasirError, match="only be paid out when the member leaves"):
            book.run(lambda s, p=product: savings_rules.withdraw(s, ACTOR, siti, p, rp(10_000), day=D))
        with pytest.raises(KasirError, match="only be paid out when the member leaves"):
            book.run(lambda s, p=product: savings_rules.transfer(s, ACTOR, siti, p, "sukarela", rp(1), day=D))
    assert snapshot(book) == before


def test_transfer_between_own_accounts(book, siti):
    book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(100_000), day=D))
    book.run(lambda s: savings_rules.transfer(s, ACTOR, siti, "sukarela", "mudharabah", rp(40_000), day=D))
    with book.read_session() as s:
        b = savings_rules.balances(s, siti)
    assert (b["sukarela"], b["mudharabah"]) == (rp(60_000), rp(40_000))


def test_exit_pays_everything_and_refused_while_owing(book, siti):
    for product, amount in (("pokok", 50_000), ("wajib", 35_000), ("sukarela", 80_000)):
        book.run(lambda s, p=product, a=amount: savings_rules.deposit(s, ACTOR, siti, p, rp(a), day=D))
    from factories import simple_entry
    from ledger import posting

    book.run(lambda s: posting.post(s, simple_entry(D, "1311", "1101", 100_000, party=siti)))
    with pytest.raises(KasirError, match="still owes"):
        book.run(lambda s: savings_rules.member_exit(s, ACTOR, siti, day=D))
    book.run(lambda s: posting.post(s, simple_entry(D, "1101", "1311", 100_000, party=siti)))
    r = book.run(lambda s: savings_rules.member_exit(s, ACTOR, siti, day=dt.date(2026, 11, 3)))
    assert r.receipt is not None
    with book.read_session() as s:
        assert all(not b for b in savings_rules.balances(s, siti).values())
        assert members_rules.get_member(s, siti).status == "exited"
        assert queries.balance(s, "1101") == rp(0)
    with pytest.raises(KasirError, match="has left"):
        book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(1_000), day=D))


def test_bad_inputs_refused(book, siti):
    with pytest.raises(KasirError):
        book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(0), day=D))
    with pytest.raises(KasirError, match="no member"):
        book.run(lambda s: savings_rules.deposit(s, ACTOR, "Z-9", "sukarela", rp(1), day=D))
    with pytest.raises(KasirError, match="no savings product"):
        book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "emas", rp(1), day=D))
    with pytest.raises(KasirError, match="cash or bank"):
        book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "sukarela", rp(1), day=D, channel="ovo"))
    assert snapshot(book) == (0, 0)


def test_search_by_number_or_any_part_of_name(book, siti):
    with book.read_session() as s:
        assert [m.number for m in members_queries.search(s, "amin")] == ["A-001"]
        assert [m.name for m in members_queries.search(s, "a-001")] == ["Siti Aminah"]
        assert members_queries.search(s, "zzz") == []


def test_reversed_exit_makes_the_member_active_again(book, siti):

    book.run(lambda s: savings_rules.deposit(s, ACTOR, siti, "pokok", rp(50_000), day=D))
    r = book.run(lambda s: savings_rules.member_exit(s, ACTOR, siti, day=D))
    journal.reverse_entry(book, ACTOR, r.entry.id, reason="keluar dibatalkan", day=D)
    with book.read_session() as s:
        assert members_rules.get_member(s, siti).status == "active"
        assert savings_rules.balance(s, siti, "pokok") == rp(50_000)


def test_wadiah_bonus_only_by_board_decision(book, siti):
    with pytest.raises(KasirError, match="board decision"):
        book.run(lambda s: savings_rules.wadiah_bonus(s, ACTOR, day=D, decision=" ",
                                                 amounts={siti: rp(1_000)}))
    book.run(lambda s: savings_rules.wadiah_bonus(s, ACTOR, day=D, decision="SK 03/PENGURUS/XI/2026",
                                             amounts={siti: rp(2_500)}))
    with book.read_session() as s:
        assert savings_rules.balance(s, siti, "sukarela") == rp(2_500)
        assert queries.balance(s, "6102") == rp(2_500)
