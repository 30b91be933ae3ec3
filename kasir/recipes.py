"""Posting rules as data: a business event that moves one amount between two accounts.

Most of the cooperative's everyday events are one debit and one credit: zakat
received into the maal cash, an expense paid from the cash box, a machine
bought. Each is written once as a ``Recipe`` (the operation it stamps on the
entry and the account roles of its two sides) in the feature that owns it, and
turned into an entry with ``draft``; a side that depends on the event (cash or
bank) is given when the draft is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money


@dataclass(frozen=True, slots=True)
class Recipe:
    operation: str
    debit: str | None  # an account role; None: given by the event (the channel)
    credit: str | None

    def draft(self, day: dt.date, amount: Money, memo: str, *, debit: str | None = None,
              credit: str | None = None, key: str | None = None) -> EntryDraft:
        debit_code, credit_code = debit or self.debit, credit or self.credit
        if debit_code is None or credit_code is None:
            raise ValueError(f"the recipe {self.operation} needs both of its accounts")
        return EntryDraft(day, memo[:500], (LineDraft(str(debit_code), debit=amount),
                                            LineDraft(str(credit_code), credit=amount)),
                          operation=self.operation, uuid=key)
