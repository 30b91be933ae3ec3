"""The month-close sheet (*berita acara tutup buku bulanan*): what a closed month holds.

Printed when the treasurer closes a month (and again at any time for any month), it is
the paper the ketua and the pengawas sign: the month's activity, the cash the book says
and the last count of it, the trial balance at the month's last day, who closed it and
when, and the seal of the book as it was printed, so a later change to that month — a
reopening, a rewrite — can be proved against it (``kasir verify --anchor``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.book import seals
from kasir.cash import queries as cash
from kasir.cash.queries import CashCountRow
from kasir.journal import queries as journal
from kasir.receipts import queries as receipts
from kasir.settings import get_setting
from kasir.uow import Book
from ledger import queries
from ledger.money import Money
from ledger.trial_balance import TrialBalance
from reports.member_papers import cooperative
from reports.papers import Cooperative

ZERO = Money(0)


@dataclass(frozen=True, slots=True)
class MonthCloseData:
    coop: Cooperative
    year: int
    month: int
    closed: bool
    closed_at: dt.datetime | None  # the last close of the month, as its log says
    closed_by: str
    reopened: int  # how many times it was opened again
    entries: int
    reversals: int
    receipts: int
    cancelled: int
    money_in: Money  # by receipts not cancelled
    money_out: Money
    cash_book: Money  # the cash account at the month's last day
    last_count: CashCountRow | None
    trial_balance: TrialBalance
    treasurer: str
    printed_on: dt.date
    seal: str = ""

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


def _local(at: dt.datetime) -> dt.datetime:
    """A stored (UTC) time on this computer's clock."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def month_close_data(s: Session, year: int, month: int, today: dt.date) -> MonthCloseData:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    closed, log = journal.month_log(s, year, month)
    closes = [r for r in log if r.action == "close"]
    entries, reversals = queries.entries_between(s, first, last)
    issued = receipts.receipts_between(s, first, last)
    standing = [r for r in issued if not r.cancelled]
    counts = cash.counts_between(s, first, last)
    return MonthCloseData(
        coop=cooperative(s), year=year, month=month,
        closed=closed,
        closed_at=_local(closes[-1].at) if closes else None,
        closed_by=closes[-1].by if closes else "",
        reopened=sum(1 for r in log if r.action == "reopen"),
        entries=entries, reversals=reversals, receipts=len(issued),
        cancelled=len(issued) - len(standing),
        money_in=sum((r.amount for r in standing if r.direction == "in"), ZERO),
        money_out=sum((r.amount for r in standing if r.direction == "out"), ZERO),
        cash_book=queries.normal_balance(s, AccountRole.CASH, last),
        last_count=counts[-1] if counts else None,
        trial_balance=queries.trial_balance(s, last),
        treasurer=get_setting(s, "treasurer") or "",
        printed_on=today)


def write_month_close(book: Book, year: int, month: int, out: Path | BinaryIO) -> MonthCloseData:
    """The sheet as PDF, with the book's seal noted in this computer's seal log."""
    from reports.pdf.month_close import render_month_close

    data = book.read(lambda s: month_close_data(s, year, month, book.clock.today()))
    data = replace(data, seal=str(seals.record(book, f"tutup buku {year}-{month:02d}")))
    render_month_close(data, out)
    return data
