"""The trial balance as a table, with its totals as the last, bold row."""

from __future__ import annotations

from dataclasses import dataclass

from kasir.i18n import _
from kasir.numbers import format_amount
from ledger.errors import N_
from ledger.money import Money
from ledger.trial_balance import TrialBalance
from ui.models.table import RIGHT, Column, RowsModel, amount_text
from ui.presenters import labels


@dataclass(frozen=True, slots=True)
class TrialBalanceLine:
    code: str
    name: str
    debit: Money
    credit: Money
    is_total: bool = False


def _figure(amount: Money, is_total: bool) -> str:
    """Account rows leave a zero side empty; the totals always show a figure."""
    return format_amount(amount) if is_total else amount_text(amount)


COLUMNS: list[Column[TrialBalanceLine]] = [
    Column(N_("Code"), lambda r: r.code),
    Column(N_("Account"), lambda r: r.name),
    Column(N_("Debit"), lambda r: _figure(r.debit, r.is_total), RIGHT),
    Column(N_("Credit"), lambda r: _figure(r.credit, r.is_total), RIGHT),
]


def lines_of(tb: TrialBalance) -> list[TrialBalanceLine]:
    """Account rows then the totals row (named at call time, in the user's language)."""
    out = [TrialBalanceLine(r.code, labels.account_name(r.name_id, r.name_en), r.debit, r.credit)
           for r in tb.rows]
    out.append(TrialBalanceLine("", _("Total"), tb.total_debit, tb.total_credit, True))
    return out


class TrialBalanceModel(RowsModel[TrialBalanceLine]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(COLUMNS, [], parent)

    def is_bold(self, row: TrialBalanceLine) -> bool:
        return row.is_total
