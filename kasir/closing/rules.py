"""Spending the funds set aside from SHU (education, social): the one closing operation
that exists before the year-end close does."""

from __future__ import annotations

import datetime as dt

from kasir.accounts import CHANNELS, AccountRole
from kasir.errors import N_, KasirError
from kasir.recipes import Recipe
from ledger.entry import EntryDraft
from ledger.money import Money

SHU_FUNDS = {"education": AccountRole.EDUCATION_FUND, "social": AccountRole.SOCIAL_FUND}
FUND_USED = Recipe("fund_used", None, None)


def fund_used(day: dt.date, fund: str, amount: Money, *, paid_from: str = "cash",
              key: str | None = None) -> EntryDraft:
    if fund not in SHU_FUNDS:
        raise KasirError(N_("There is no fund {fund}."), fund=fund)
    if paid_from not in CHANNELS:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=paid_from)
    if amount.sen <= 0:
        raise KasirError(N_("The amount must be more than zero."))
    return FUND_USED.draft(day, amount, f"Penggunaan dana {fund}", debit=SHU_FUNDS[fund],
                           credit=CHANNELS[paid_from], key=key)
