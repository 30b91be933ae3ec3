"""Monthly mudharabah profit sharing, with the domain reference's worked example."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp, worked_example_month
from kasir.errors import KasirError
from kasir.profit_share import queries as profit_share_queries
from kasir.profit_share import rules as profit_share_rules
from kasir.savings import queries as savings_queries
from kasir.savings import rules as savings_rules
from ledger import queries

NOV = dt.date(2026, 11, 1)


@pytest.fixture
def month(book):
    """domain.md §1.3: A keeps 400.000 for days 1-10 and 700.000 for days 11-30;
    mudharabah ADB 24.000.000; financing ADB 60.000.000; cash income 1.500.000."""
    book.run(worked_example_month)


def test_worked_example_of_the_domain_reference(book, month):
    with book.read_session() as s:
        plan = profit_share_queries.plan(s, 2026, 11)
    assert plan.income == rp(1_500_000)
    assert plan.mudharabah_adb == rp(24_000_000) and plan.productive_adb == rp(60_000_000)
    assert plan.portion == rp(600_000) and plan.pool == rp(180_000)
    shares = {ln.member: ln for ln in plan.lines}
    assert shares["A"].adb == rp(600_000) and shares["A"].gross == rp(4_500)
    assert shares["B"].gross == rp(175_500)
    assert sum((ln.gross for ln in plan.lines), rp(0)) == plan.pool
    assert plan.total_tax == rp(0)  # both below Rp240.000


def test_posting_credits_members_once(book, month):
    ref = book.run(lambda s: profit_share_rules.post_plan(s, ACTOR, profit_share_queries.plan(s, 2026, 11)))
    with book.read_session() as s:
        assert savings_rules.balance(s, "A", "mudharabah") == rp(704_500)
        assert queries.balance(s, "6101") == rp(180_000)
        h = savings_queries.history(s, "A", "mudharabah")
        rows = h.rows
    assert rows[-1].code == "BH"
    assert ref.label.startswith("2026/")
    with pytest.raises(KasirError, match="already been posted"):
        book.run(lambda s: profit_share_rules.post_plan(s, ACTOR, profit_share_queries.plan(s, 2026, 11)))


def test_final_tax_above_240_thousand(book, month):
    with book.read_session() as s:
        plan = profit_share_queries.plan(s, 2026, 11, income=rp(15_000_000))
    b = {ln.member: ln for ln in plan.lines}["B"]
    assert b.gross == rp(1_755_000) and b.tax == rp(175_500) and b.net == rp(1_579_500)
    book.run(lambda s: profit_share_rules.post_plan(s, ACTOR, plan))
    with book.read_session() as s:
        assert queries.normal_balance(s, "2107") == plan.total_tax
        h = savings_queries.history(s, "B", "mudharabah")
        rows = h.rows
    assert [r.code for r in rows[-2:]] == ["BH", "PJK"]


def test_reserve_and_nothing_to_share(book, month):
    with book.read_session() as s:
        plan = profit_share_queries.plan(s, 2026, 11, reserve_bp=1_500)
        assert plan.portion == rp(510_000)
        empty = profit_share_queries.plan(s, 2026, 10)
    assert empty.pool == rp(0)
    with pytest.raises(KasirError, match="no profit to share"):
        book.run(lambda s: profit_share_rules.post_plan(s, ACTOR, empty))


def test_plan_after_posting_shows_the_same_figures(book, month):
    with book.read_session() as s:
        before = profit_share_queries.plan(s, 2026, 11)
    book.run(lambda s: profit_share_rules.post_plan(s, ACTOR, before))
    with book.read_session() as s:
        after = profit_share_queries.plan(s, 2026, 11)
    assert after.pool == before.pool == rp(180_000)
    assert after.lines == before.lines
