"""Small builders for tests, in the cooperative's words."""

from __future__ import annotations

import datetime as dt

from kasir.actor import Actor
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money


def rp(amount: int) -> Money:
    return Money.rupiah(amount)


def simple_entry(day: dt.date, debit: str, credit: str, amount: int, memo: str = "uji",
                 party: str | None = None, key: str | None = None) -> EntryDraft:
    return EntryDraft(day, memo, (LineDraft(debit, debit=rp(amount), party_code=party),
                                  LineDraft(credit, credit=rp(amount), party_code=party)),
                      uuid=key)


# who does the work in tests that call services directly
ACTOR = Actor("uji")
