"""The chart of accounts and the trial balance pages without Qt: what they read and say.

Both pages only look: the chart is filtered as the treasurer types, and the
trial balance at a date ends in a plain verdict an auditor can trust at a
glance. The figures come from the journal service and ``reports``; the views
draw them.
"""

from __future__ import annotations

import datetime as dt

from kasir.i18n import _
from kasir.journal import service as journal
from kasir.journal.service import AccountRow
from kasir.uow import Book
from ledger.trial_balance import TrialBalance
from reports.ledger_reports import trial_balance
from ui.presenters.labels import account_name
from ui.presenters.outcome import Outcome


def matching(accounts: list[AccountRow], text: str) -> list[AccountRow]:
    """The accounts whose code or name (in the user's language) contains ``text``, with
    their headings kept so the tree still reads; all of them for an empty search."""
    needle = text.strip().casefold()
    if not needle:
        return list(accounts)
    by_code = {a.code: a for a in accounts}
    keep: set[str] = set()
    for a in accounts:
        if needle in a.code.casefold() or needle in account_name(a.name_id,
                                                                 a.name_en).casefold():
            keep.add(a.code)
            parent = a.parent_code
            while parent is not None and parent in by_code:
                keep.add(parent)
                parent = by_code[parent].parent_code
    return [a for a in accounts if a.code in keep]


class ChartPresenter:
    """The book's accounts, read again when the page is shown (settings may add some)."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.accounts: list[AccountRow] = []

    def load(self) -> list[AccountRow]:
        self.accounts = journal.chart(self.book)
        return self.accounts

    def filter(self, text: str) -> list[AccountRow]:
        return matching(self.accounts, text)


class TrialBalancePresenter:
    """The trial balance at the chosen date, and whether it balances."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.report: TrialBalance | None = None

    def today(self) -> dt.date:
        """The date the page opens on: the book's today, from its clock."""
        return self.book.clock.today()

    def load(self, as_of: dt.date) -> TrialBalance:
        self.report = trial_balance(self.book, as_of)
        return self.report

    @staticmethod
    def verdict(report: TrialBalance) -> Outcome:
        """The verdict with its sign: Balanced (kind ok) or Not balanced (kind error)."""
        if report.balanced:
            return Outcome("✓ " + _("Balanced"), "ok")
        return Outcome("✗ " + _("Not balanced"), "error")
