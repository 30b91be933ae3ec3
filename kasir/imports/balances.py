"""Members' savings balances held in memory for an import, so a withdrawal is checked
without posting the queue and walking the journal.

A file's events come in date order, so once the book holds nothing on an account dated
after the event, the lowest balance from the event's day on (what a withdrawal may
take, ``savings.rules.check_can_take``) is simply the balance now: what the book holds
plus what the import has queued. The book's balances are read once, at the start, one
statement per account (reading each member's as her first withdrawal came made the
import wait for the rows written in the background, ``ledger.background_writer``), and kept up
to date as drafts are queued; a member's are read again after something was posted for
her outside the queue. An account with later-dated lines in the book (an import
back-dated into a kept book) goes the slow, exact way.

Some accounts are held whole, not by member (``whole``): the allowance a write-off draws
on was read from the journal at each write-off, which made the import wait for the
batches being written. Only a member's savings are ever posted outside the queue.
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
    def __init__(self, s: Session, accounts: Iterable[str], whole: Iterable[str] = ()) -> None:
        self.s = s
        self.accounts = frozenset(accounts)
        self.whole = frozenset(whole)
        self.latest: dict[str, dt.date | None] = dict(s.execute(
            select(Account.code, func.max(JournalLine.entry_date))
            .join(JournalLine, JournalLine.account_id == Account.id, isouter=True)
            .where(Account.code.in_(self.accounts | self.whole))
            .group_by(Account.code)).all())
        self.totals: dict[str, int] = {  # debit-positive sen, the queue included
            account: queries.balance(s, account).sen for account in sorted(self.whole)}
        self.held: dict[tuple[str, str], int] = {}  # debit-positive sen
        self.book: dict[tuple[str, str], int] = {  # what the book held as the import began
            (account, party): money.sen for account in sorted(self.accounts)
            for party, money in queries.party_balances(s, account).items()}
        self.stale: set[str] = set()  # members whose book balances moved outside the queue

    def fast(self, account: str, day: dt.date) -> bool:
        """Whether the balance now is the lowest from ``day`` on (nothing later in the
        book than ``day`` on that account when the import began)."""
        latest = self.latest.get(account)
        return latest is None or latest <= day

    def balance(self, account: str, party: str) -> int:
        """Debit-positive balance now, the queue included."""
        key = (account, party)
        if key not in self.held:
            self.held[key] = self._in_book(key)
        return self.held[key]

    def total(self, account: str) -> int:
        """A whole account's debit-positive balance now, the queue included."""
        return self.totals[account]

    def _in_book(self, key: tuple[str, str]) -> int:
        account, party = key
        if party in self.stale:
            return queries.balance(self.s, account, None, party).sen
        return self.book.get(key, 0)

    def add(self, draft: EntryDraft) -> None:
        """A queued draft moves the balances (every draft queued comes here, so a balance
        is the book's at the start plus all the import queued since)."""
        for ln in draft.lines:
            if ln.account_code in self.whole:
                self.totals[ln.account_code] += ln.debit.sen - ln.credit.sen
            if ln.party_code and ln.account_code in self.accounts:
                key = (ln.account_code, ln.party_code)
                if key not in self.held:
                    self.held[key] = self._in_book(key)
                self.held[key] += ln.debit.sen - ln.credit.sen

    def forget(self, party: str) -> None:
        """Posted outside the queue (an exit, a slow withdrawal), after the queue was
        posted: read from the book again when needed."""
        for key in [k for k in self.held if k[1] == party]:
            del self.held[key]
        self.stale.add(party)
