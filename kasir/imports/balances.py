"""Members' savings balances held in memory for an import, so a withdrawal is checked
without posting the queue and walking the journal.

A file's events come in date order, so once the book holds nothing on an account dated
after the event, the lowest balance from the event's day on (what a withdrawal may
take, ``savings.rules.check_can_take``) is simply the balance now: what the book holds
plus what the import has queued. Each balance is read from the book once, when first
needed, and kept up to date as drafts are queued; an account with later-dated lines in
the book (an import back-dated into a kept book) goes the slow, exact way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger import queries
from ledger.entry import EntryDraft
from ledger.schema import Account, JournalLine


class RunningBalances:
    def __init__(self, s: Session, accounts: Iterable[str]) -> None:
        self.s = s
        self.accounts = frozenset(accounts)
        self.latest: dict[str, dt.date | None] = dict(s.execute(
            select(Account.code, func.max(JournalLine.entry_date))
            .join(JournalLine, JournalLine.account_id == Account.id, isouter=True)
            .where(Account.code.in_(self.accounts)).group_by(Account.code)).all())
        self.held: dict[tuple[str, str], int] = {}  # debit-positive sen

    def fast(self, account: str, day: dt.date) -> bool:
        """Whether the balance now is the lowest from ``day`` on (nothing later in the
        book than ``day`` on that account when the import began)."""
        latest = self.latest.get(account)
        return latest is None or latest <= day

    def balance(self, account: str, party: str, pending: list[EntryDraft]) -> int:
        """Debit-positive balance now, the queue included (read once, then kept)."""
        key = (account, party)
        if key not in self.held:
            queued = sum(ln.debit.sen - ln.credit.sen for d in pending for ln in d.lines
                         if ln.account_code == account and ln.party_code == party)
            self.held[key] = queries.balance(self.s, account, None, party).sen + queued
        return self.held[key]

    def add(self, draft: EntryDraft) -> None:
        """A queued draft moves the balances already held."""
        for ln in draft.lines:
            key = (ln.account_code, ln.party_code or "")
            if key in self.held:
                self.held[key] += ln.debit.sen - ln.credit.sen

    def forget(self, party: str) -> None:
        """Posted outside the queue (an exit, a slow withdrawal): read again when needed."""
        for key in [k for k in self.held if k[1] == party]:
            del self.held[key]
