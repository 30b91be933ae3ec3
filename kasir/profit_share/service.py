"""The month's profit sharing for the window and the command line: compute, post once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.profit_share import queries as plans
from kasir.profit_share import rules
from kasir.profit_share.queries import ProfitSharePlan, ShareLine
from kasir.receipts.rules import PostResult, posted_with_key
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger import queries
from ledger.money import Money
from ledger.posting import PostedRef

__all__ = ["ProfitSharePlan", "ShareLine", "owed", "pay_out", "plan", "post", "posted_entry"]


def plan(book: Book, year: int, month: int, income: Money | None = None,
         reserve_bp: int = 0) -> ProfitSharePlan:
    """The month's profit sharing as it would be posted; nothing is written.
    ``income`` replaces the income the book received that month when given."""
    return book.read(lambda s: plans.plan(s, year, month, income=income,
                                          reserve_bp=reserve_bp))


def post(book: Book, actor: Actor, year: int, month: int, income: Money | None = None,
         reserve_bp: int = 0, expected: ProfitSharePlan | None = None) -> PostedRef:
    """Compute the plan again inside the posting's transaction and post it once.

    ``expected`` is the plan the treasurer looked at: when the book changed since
    (a late deposit, income posted meanwhile) the posting is refused, so what is
    posted is always what was shown."""
    require(book, actor, Permission.PROFIT_SHARE)

    def work(s: Session) -> PostedRef:
        fresh = plans.plan(s, year, month, income=income, reserve_bp=reserve_bp)
        posted = plans.standing_posting(s, year, month)
        if posted is None and expected is not None and fresh != expected:
            raise KasirError(N_("The figures of {period} changed since they were computed; "
                                "compute them again before posting."),
                             period=f"{month:02d}/{year}")
        return rules.post_plan(s, actor, fresh)  # refuses a month posted before
    return book.run(work, actor=actor)


def posted_entry(book: Book, year: int, month: int) -> str | None:
    """The number of the entry that posted the month's profit sharing, or None."""
    def query(s: Session) -> str | None:
        entry_id = plans.standing_posting(s, year, month)
        return queries.journal_entry_label(s, entry_id) if entry_id is not None else None
    return book.read(query)


def owed(book: Book, number: str) -> Money:
    """The profit share waiting for a member who left before it was posted."""
    return book.read(lambda s: queries.normal_balance(s, AccountRole.PROFIT_SHARE_PAYABLE,
                                                      None, number))


def pay_out(book: Book, actor: Actor, number: str, day: dt.date, channel: str = "cash",
            key: str | None = None) -> PostResult:
    """Pay it out at the cashier, with its receipt; the same key pays once."""
    require(book, actor, Permission.CASHIER)

    def work(s: Session) -> PostResult:
        return posted_with_key(s, key) or PostResult.of(rules.pay_out(
            s, actor, number, day=day, channel=channel, key=key))
    return book.run(work, actor=actor)
