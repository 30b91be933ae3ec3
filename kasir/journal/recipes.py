"""The general journal's everyday events as posting rules: expenses, assets, bank profit
share, moving money between the cash box and the bank, and the programme's capital.

Every account here is the general journal's own (``journal`` in the chart); the
events that touch a fund or a member's savings belong to their features.
"""

from __future__ import annotations

import datetime as dt

from kasir.accounts import CHANNELS, AccountRole
from kasir.errors import N_, KasirError
from kasir.recipes import Recipe
from ledger.entry import EntryDraft
from ledger.money import Money

# The expense categories of an event file and the account each is booked to.
EXPENSE_ACCOUNTS = {
    "payroll": AccountRole.STAFF_INCENTIVES, "rent": AccountRole.RENT,
    "utilities": AccountRole.UTILITIES, "stationery": AccountRole.STATIONERY,
    "transport": AccountRole.MEETINGS_AND_TRANSPORT, "bank_charges": AccountRole.BANK_CHARGES,
    "meeting": AccountRole.MEETINGS_AND_TRANSPORT, "rat": AccountRole.RAT_EXPENSE,
    "other": AccountRole.OTHER_EXPENSES,
}

CAPITAL_GRANT = Recipe("coop_founded", None, None)  # cash or bank -> donated or repayable
EXPENSE = Recipe("expense", None, None)
BANK_PROFIT_SHARE = Recipe("bank_profit_share", AccountRole.BANK,
                           AccountRole.BANK_PROFIT_SHARE_INCOME)
CASH_TRANSFER = Recipe("cash_transfer", None, None)
ASSET_PURCHASED = Recipe("asset_purchased", AccountRole.EQUIPMENT, None)
DEPRECIATION = Recipe("depreciation", AccountRole.DEPRECIATION_EXPENSE,
                      AccountRole.ACCUMULATED_DEPRECIATION)
ASSET_DISPOSED = Recipe("asset_disposed", AccountRole.ACCUMULATED_DEPRECIATION,
                        AccountRole.EQUIPMENT)


def channel_account(channel: str) -> str:
    if channel not in CHANNELS:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    return CHANNELS[channel]


def capital_grant(day: dt.date, amount: Money, *, name: str = "", deposit_to: str = "bank",
                  repayable: bool = False) -> EntryDraft:
    """The programme's capital: donated (equity), or a revolving fund the donor wants back."""
    equity = AccountRole.PROGRAMME_REVOLVING_FUND if repayable else AccountRole.DONATED_CAPITAL
    return CAPITAL_GRANT.draft(day, amount, f"Modal program {name}".strip(),
                               debit=channel_account(deposit_to), credit=equity)


def expense(day: dt.date, category: str, amount: Money, *, paid_from: str = "cash",
            memo: str = "") -> EntryDraft:
    if category not in EXPENSE_ACCOUNTS:
        raise KasirError(N_("There is no expense category {category}."), category=category)
    return EXPENSE.draft(day, amount, memo or f"Beban {category}",
                         debit=EXPENSE_ACCOUNTS[category], credit=channel_account(paid_from))


def bank_profit_share(day: dt.date, amount: Money, *, bank: str = "") -> EntryDraft:
    return BANK_PROFIT_SHARE.draft(day, amount, f"Bagi hasil bank {bank}".strip())


def cash_transfer(day: dt.date, amount: Money, *, source: str, to: str) -> EntryDraft:
    return CASH_TRANSFER.draft(day, amount, "Pemindahan kas dan bank",
                               debit=channel_account(to), credit=channel_account(source))


def asset_purchased(day: dt.date, cost: Money, *, asset: str, kind: str = "",
                    paid_from: str = "cash") -> EntryDraft:
    return ASSET_PURCHASED.draft(day, cost, f"Pembelian inventaris {asset} ({kind})",
                                 credit=channel_account(paid_from))


def depreciation(day: dt.date, total: Money) -> EntryDraft:
    return DEPRECIATION.draft(day, total, "Penyusutan inventaris")


def asset_disposed(day: dt.date, cost: Money, *, asset: str) -> EntryDraft:
    """A fully depreciated asset taken off the books."""
    return ASSET_DISPOSED.draft(day, cost, f"Penghapusan inventaris {asset}")
