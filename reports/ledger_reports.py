"""The ledger's own reports, as plain data: trial balance and general ledger.

Builders return rows; ``reports.tabular`` writes them as TSV, CSV or JSON and
the window shows the same rows, so every face reports the same figures.
"""

from __future__ import annotations

import datetime as dt

from kasir.savings import queries as savings
from kasir.savings.queries import SavingsBalanceRow
from kasir.uow import Book
from ledger import queries
from ledger.queries import LedgerAccount, TrialBalance


def trial_balance(book: Book, as_of: dt.date | None = None) -> TrialBalance:
    return book.read(lambda s: queries.trial_balance(s, as_of))


def general_ledger(book: Book, date_from: dt.date | None = None,
                   date_to: dt.date | None = None,
                   account_codes: list[str] | None = None) -> list[LedgerAccount]:
    return book.read(lambda s: queries.general_ledger(s, date_from, date_to, account_codes))


def savings_balances(book: Book, as_of: dt.date | None = None) -> list[SavingsBalanceRow]:
    return book.read(lambda s: savings.savings_balances(s, as_of))
