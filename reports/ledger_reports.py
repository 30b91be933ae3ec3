"""The ledger's own reports, as plain data: trial balance and general ledger.

Builders return rows; ``reports.tabular`` writes them as TSV, CSV or JSON and
the window shows the same rows, so every face reports the same figures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kasir.errors import SUM_OVERFLOW, SumOverflow
from kasir.uow import Book
from ledger import queries
from ledger.queries import LedgerAccount
from ledger.trial_balance import TrialBalance
from reports import tabular

if TYPE_CHECKING:
    from kasir.savings.queries import SavingsBalanceRow


def trial_balance(book: Book, as_of: dt.date | None = None) -> TrialBalance:
    return book.read(lambda s: queries.trial_balance(s, as_of))


def general_ledger(book: Book, date_from: dt.date | None = None,
                   date_to: dt.date | None = None,
                   account_codes: list[str] | None = None) -> list[LedgerAccount]:
    return book.read(lambda s: queries.general_ledger(s, date_from, date_to, account_codes))


@contextlib.contextmanager
def general_ledger_stream(book: Book, date_from: dt.date | None = None,
                          date_to: dt.date | None = None,
                          account_codes: list[str] | None = None,
                          ) -> Iterator[Iterator[tabular.Row]]:
    """The general ledger's rows (``tabular.GENERAL_LEDGER_COLUMNS``) as they are read,
    inside one read-only session held open for the block: a book of any size in flat
    memory."""
    with book.read_session() as s:
        lines = queries.general_ledger_lines(s, date_from, date_to, account_codes)
        try:
            yield tabular.general_ledger_stream(lines)
        except OverflowError:  # a sum beyond what money can hold: lines put there by hand
            raise SumOverflow(SUM_OVERFLOW) from None


def savings_balances(book: Book, as_of: dt.date | None = None) -> list[SavingsBalanceRow]:
    # imported here: the trial balance and the ledgers, this module's other reports, start
    # without the savings and financing models (a command's start-up is most of its time)
    from kasir.savings import queries as savings

    return book.read(lambda s: savings.savings_balances(s, as_of))
