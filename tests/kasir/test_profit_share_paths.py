"""Profit sharing on every path: a member who left before the posting gets her share as a
payable the cashier pays out, never on a closed account; a reversed month can be posted
again, and its figures are the first ones."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp, worked_example_month
from kasir.errors import KasirError
from kasir.journal import service as journal
from kasir.profit_share import service as profit_share
from kasir.savings import service as savings
from ledger import queries


@pytest.fixture
def month(book):
    book.run(worked_example_month)
    savings.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    return book


def test_a_reversed_month_posts_again_with_the_same_figures(month):
    """Measured: a reversed profit sharing could never be posted again, and the
    recomputation counted the reversal lines (pool 179.952 instead of 180.000)."""
    first = profit_share.plan(month, 2026, 11)
    assert first.pool == rp(180_000)
    ref = profit_share.post(month, ACTOR, 2026, 11, expected=first)
    journal.reverse_entry(month, ACTOR, ref.id, reason="nisbah salah", day=dt.date(2026, 11, 30))
    assert profit_share.posted_entry(month, 2026, 11) is None
    again = profit_share.plan(month, 2026, 11)
    assert again == first  # the posting and its reversal earn nothing
    second = profit_share.post(month, ACTOR, 2026, 11, expected=again)
    assert second.label != ref.label
    assert profit_share.posted_entry(month, 2026, 11) == second.label
    with pytest.raises(KasirError, match="already been posted"):
        profit_share.post(month, ACTOR, 2026, 11)
    with month.read_session() as s:
        assert queries.balance(s, "6101") == rp(180_000)
        assert queries.normal_balance(s, "3101", party_code="A") == rp(704_500)


def test_a_member_who_left_gets_her_share_as_a_payable_then_in_cash(month):
    """Measured: the share of a member who left that month went on her closed account."""
    with month.read_session() as s:
        cash = queries.balance(s, "1101")
    out = savings.exit_member(month, ACTOR, "A", dt.date(2026, 11, 25))
    assert out.receipt is not None
    plan = profit_share.plan(month, 2026, 11)
    a = next(ln for ln in plan.lines if ln.member == "A")
    assert a.left and a.gross.is_positive()
    profit_share.post(month, ACTOR, 2026, 11, expected=plan)
    with month.read_session() as s:
        assert queries.normal_balance(s, "3101", party_code="A") == rp(0)  # nothing there
        assert queries.normal_balance(s, "2105", party_code="A") == a.net
    assert profit_share.owed(month, "A") == a.net
    paid = profit_share.pay_out(month, ACTOR, "A", dt.date(2026, 12, 2), key="bayar-A")
    assert paid.receipt is not None
    assert profit_share.pay_out(month, ACTOR, "A", dt.date(2026, 12, 2), key="bayar-A").duplicate
    assert profit_share.owed(month, "A") == rp(0)
    with pytest.raises(KasirError, match="No profit share waits for A"):
        profit_share.pay_out(month, ACTOR, "A", dt.date(2026, 12, 3))
    with month.read_session() as s:
        assert queries.balance(s, "1101") == cash - rp(700_000) - a.net
