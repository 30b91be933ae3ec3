"""The confirmed cash counts and what still sits in suspense."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.cash.models import CashCount
from ledger import queries
from ledger.money import Money


@dataclass(frozen=True, slots=True)
class CashCountRow:
    date: dt.date
    counted: Money
    book: Money
    difference: Money
    note: str
    confirmed_by: str


def counts_between(s: Session, date_from: dt.date, date_to: dt.date,
                   account: str = AccountRole.CASH) -> list[CashCountRow]:
    rows = s.scalars(select(CashCount).where(
        CashCount.account_code == str(account), CashCount.date >= date_from,
        CashCount.date <= date_to).order_by(CashCount.date, CashCount.id))
    return [CashCountRow(r.date, Money(r.counted), Money(r.book), Money(r.difference), r.note,
                         r.confirmed_by) for r in rows]


def unexplained(s: Session) -> Money:
    """What still sits in the suspense account (debit-positive: a net shortage)."""
    return queries.balance(s, AccountRole.CASH_SUSPENSE)
