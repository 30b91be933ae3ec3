"""The trial balance: one SQL statement and the rows built from what it returns.

Kept apart from ``ledger.queries`` and free of SQLAlchemy so that the command line can
answer ``kasir report trial-balance`` with the database driver alone (``kasir.book.
quick_read``): importing SQLAlchemy and the models costs more than the whole answer on
a million lines. The window, the papers and that quick answer all run this one
statement and this one builder, so they cannot disagree.

The statement sums posted lines per account from the covering index
``ix_journal_line_tb``. Its condition must be written as the index's own
(``posted = 1`` on SQLite, ``posted`` on PostgreSQL), or the planner reads the table
instead of the index: four times slower on SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ledger.money import ZERO, Money

_POSTED = {"sqlite": "posted = 1", "postgresql": "posted"}
_MARK = {"qmark": "?", "named": ":as_of", "format": "%s", "pyformat": "%(as_of)s"}


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    code: str
    name_id: str
    name_en: str
    account_class: str
    debit: Money
    credit: Money


@dataclass(frozen=True, slots=True)
class TrialBalance:
    as_of: dt.date | None
    rows: list[TrialBalanceRow]

    @property
    def total_debit(self) -> Money:
        return sum((r.debit for r in self.rows), ZERO)

    @property
    def total_credit(self) -> Money:
        return sum((r.credit for r in self.rows), ZERO)

    @property
    def balanced(self) -> bool:
        return self.total_debit == self.total_credit


def statement(dialect: str, paramstyle: str, as_of: dt.date | None) -> str:
    """The SQL for ``dialect`` (``sqlite`` or ``postgresql``) with the driver's placeholder
    for the date, when there is one: (code, name_id, name_en, class, debits, credits)."""
    where = _POSTED[dialect]
    if as_of is not None:
        where += f" AND entry_date <= {_MARK[paramstyle]}"
    return ("SELECT a.code, a.name_id, a.name_en, a.account_class, t.d, t.c FROM "
            "(SELECT account_id, SUM(debit) AS d, SUM(credit) AS c FROM journal_line "
            f"WHERE {where} GROUP BY account_id) AS t "
            "JOIN account AS a ON a.id = t.account_id")


def parameters(paramstyle: str, as_of: dt.date | None,
               date_as_text: bool) -> dict[str, object] | tuple[object, ...]:
    """The statement's parameters in the driver's style. SQLite keeps dates as ISO text,
    so the date is given as text there; PostgreSQL's driver takes the date itself."""
    if as_of is None:
        return ()
    value: object = as_of.isoformat() if date_as_text else as_of
    return {"as_of": value} if paramstyle in ("named", "pyformat") else (value,)


def build(as_of: dt.date | None, rows: Iterable[tuple]) -> TrialBalance:  # type: ignore[type-arg]
    """The net balance of every account that has one, in the debit or the credit column,
    in code order."""
    out = []
    for code, name_id, name_en, account_class, d, c in rows:
        net = int(d or 0) - int(c or 0)
        if net == 0:
            continue
        out.append(TrialBalanceRow(code, name_id, name_en, account_class,
                                   Money(net) if net > 0 else ZERO,
                                   Money(-net) if net < 0 else ZERO))
    out.sort(key=lambda r: r.code)
    return TrialBalance(as_of, out)
