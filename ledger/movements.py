"""Movements of one account over time: statements, cash books and balance-days.

The features ask here instead of joining journal lines themselves: a member's
passbook is the movements of her savings account's sub-ledger, the cash book
the movements of the cash account, and profit sharing weighs each balance by
the days it was held. Only posted lines count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.money import Money
from ledger.posting import entry_label
from ledger.schema import Account, JournalEntry, JournalLine, Party


@dataclass(frozen=True, slots=True)
class Movement:
    entry_id: int
    date: dt.date
    entry: str  # official number "2026/000012"
    operation: str
    memo: str
    party: str | None  # the line's member number
    party_name: str | None
    debit: Money
    credit: Money


def account_movements(s: Session, account_code: str, *, party_code: str | None = None,
                      date_from: dt.date | None = None,
                      date_to: dt.date | None = None) -> list[Movement]:
    """Each posted line of the account (of one member's part of it), in posting order."""
    q = (
        select(JournalLine.entry_id, JournalLine.entry_date, JournalEntry.fiscal_year,
               JournalEntry.number, JournalEntry.operation, JournalEntry.memo, Party.code,
               Party.name, JournalLine.debit, JournalLine.credit)
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Party, Party.id == JournalLine.party_id)
        .where(Account.code == account_code, JournalLine.posted == True)  # noqa: E712
        .order_by(JournalLine.entry_date, JournalEntry.posted_seq, JournalLine.line_no)
    )
    if party_code is not None:
        q = q.where(Party.code == party_code)
    if date_from is not None:
        q = q.where(JournalLine.entry_date >= date_from)
    if date_to is not None:
        q = q.where(JournalLine.entry_date <= date_to)
    return [Movement(eid, day, entry_label(fy, no), op, memo, party, name, Money(d), Money(c))
            for eid, day, fy, no, op, memo, party, name, d, c in s.execute(q)]


def balance_days(s: Session, account_code: str, start: dt.date, end: dt.date, *,
                 by_party: bool, credit_normal: bool,
                 exclude_entries: Iterable[int] = ()) -> dict[str | None, int]:
    """Sum of end-of-day balances from ``start`` to ``end``, in sen-days, per member (or
    for the whole account under the key None): the balance before ``start`` counts every
    day, a movement on day k from day k to ``end``. The entries ``exclude_entries`` are left
    out (a month's own profit share, and its reversals, earn no share)."""
    days = (end - start).days + 1
    sign = -1 if credit_normal else 1
    q = (select(JournalLine.entry_date, JournalLine.debit - JournalLine.credit, Party.code)
         .join(Account, Account.id == JournalLine.account_id)
         .outerjoin(Party, Party.id == JournalLine.party_id)
         .where(Account.code == account_code, JournalLine.posted == True,  # noqa: E712
                JournalLine.entry_date <= end))
    excluded = list(exclude_entries)
    if excluded:
        q = q.where(JournalLine.entry_id.not_in(excluded))
    out: dict[str | None, int] = {}
    for day, change, who in s.execute(q):
        if by_party and who is None:
            continue
        k = who if by_party else None
        weight = days if day < start else (end - day).days + 1
        out[k] = out.get(k, 0) + sign * int(change) * weight
    return out


def net_credit(s: Session, account_codes: Iterable[str], start: dt.date,
               end: dt.date) -> Money:
    """Credits less debits posted to the accounts between two dates (income received)."""
    total = s.scalar(
        select(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0))
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code.in_(list(account_codes)), JournalLine.posted == True,  # noqa: E712
               JournalLine.entry_date >= start, JournalLine.entry_date <= end)
    )
    return Money(int(total or 0))


def lowest_balance_from(s: Session, account_code: str, party_code: str | None, day: dt.date,
                        *, credit_normal: bool) -> Money:
    """The lowest end-of-day balance, on the account's normal side, from ``day`` on: what
    can still leave on ``day`` without the balance going below zero on any later day (a
    back-dated withdrawal is checked against every day after it too)."""
    sign = -1 if credit_normal else 1
    q = (select(JournalLine.entry_date, func.sum(JournalLine.debit - JournalLine.credit))
         .join(Account, Account.id == JournalLine.account_id)
         .where(Account.code == account_code, JournalLine.posted == True)  # noqa: E712
         .group_by(JournalLine.entry_date).order_by(JournalLine.entry_date))
    if party_code is not None:
        q = q.join(Party, Party.id == JournalLine.party_id).where(Party.code == party_code)
    running, lowest = 0, None
    for when, change in s.execute(q):
        if when > day and lowest is None:
            lowest = running  # the balance at the end of ``day`` itself
        running += sign * int(change or 0)
        if when > day:
            lowest = min(lowest, running)  # type: ignore[type-var]
    return Money(running if lowest is None else lowest)


def below_zero(s: Session, account_code: str, *, credit_normal: bool) -> dict[str, tuple[dt.date, Money]]:
    """For each member whose part of the account goes below zero at the end of some day,
    the first such day and the balance then (on the account's normal side).

    The running balance of each member is summed in SQL (a window over the day's sums),
    so only the days below zero come back, never every line of the account."""
    sign = -1 if credit_normal else 1
    account_id = select(Account.id).where(Account.code == account_code).scalar_subquery()
    days = (select(JournalLine.party_id.label("party_id"),
                   JournalLine.entry_date.label("day"),
                   func.sum(JournalLine.debit - JournalLine.credit).label("change"))
            .where(JournalLine.account_id == account_id, JournalLine.posted == True,  # noqa: E712
                   JournalLine.party_id.is_not(None))
            .group_by(JournalLine.party_id, JournalLine.entry_date)
            .subquery())
    running = (select(days.c.party_id, days.c.day,
                      (sign * func.sum(days.c.change).over(
                          partition_by=days.c.party_id, order_by=days.c.day)).label("balance"))
               .subquery())
    q = (select(Party.code, running.c.day, running.c.balance)
         .join(Party, Party.id == running.c.party_id)
         .where(running.c.balance < 0)
         .order_by(Party.code, running.c.day))
    out: dict[str, tuple[dt.date, Money]] = {}
    for party, day, balance in s.execute(q):
        if party not in out:
            out[party] = (day, Money(int(balance)))
    return out


def lines_without_party(s: Session, account_code: str) -> list[str]:
    """The entries with a line on the account that names no member: a sub-ledger kept per
    member no longer adds up to its control account."""
    rows = s.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code == account_code, JournalLine.posted == True,  # noqa: E712
               JournalLine.party_id.is_(None))
        .order_by(JournalEntry.posted_seq))
    return [entry_label(fy, no) for fy, no in rows]
