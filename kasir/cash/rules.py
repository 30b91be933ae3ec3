"""The daily cash count (cash opname): notes and coins counted against the book.

The treasurer counts the cash box by denomination; Kasir shows the difference
with the cash account's balance. Once she confirms it, a difference is posted
to the suspense account *Selisih Kas Belum Dijelaskan* (1409) with her note,
so the cash account again equals the money in the box and the difference stays
visible until it is explained.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.actor import Actor
from kasir.cash.models import CashCount
from kasir.errors import N_, KasirError
from ledger import posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money

# Rupiah notes and coins in circulation, largest first (in rupiah).
DENOMINATIONS = (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)
COINS = frozenset({1_000, 500, 200, 100})  # Rp1.000 exists as note and coin: counted as one


@dataclass(frozen=True, slots=True)
class CashCountResult:
    date: dt.date
    counted: Money
    book: Money
    difference: Money  # counted - book: negative is a shortage (kurang)
    pieces: dict[int, int]


def count_total(pieces: dict[int, int]) -> Money:
    total = 0
    for value, n in pieces.items():
        if value not in DENOMINATIONS:
            raise KasirError(N_("Rp{value} is not a rupiah note or coin."), value=value)
        if type(n) is not int or n < 0:
            raise KasirError(N_("The number of pieces must be a whole number, zero or more."))
        total += value * n
    return Money.rupiah(total)


def count_cash(s: Session, day: dt.date, pieces: dict[int, int],
               account: str = AccountRole.CASH) -> CashCountResult:
    """Compare a count with the book's cash balance at the end of the day."""
    counted = count_total(pieces)
    book = queries.balance(s, account, day)
    return CashCountResult(day, counted, book, counted - book, dict(pieces))


def confirm_count(s: Session, actor: Actor, day: dt.date, pieces: dict[int, int], *,
                  note: str = "", account: str = AccountRole.CASH) -> CashCountResult:
    """Record the count; post any difference to suspense with the treasurer's note."""
    result = count_cash(s, day, pieces, account)
    if result.difference and not note.strip():
        raise KasirError(N_("Explain the difference of {amount} in a note before confirming."),
                         amount=abs(result.difference))
    entry_id = None
    if result.difference:
        amount = abs(result.difference)
        short = result.difference.is_negative()
        suspense = AccountRole.CASH_SUSPENSE
        memo = (f"Selisih kas {'kurang' if short else 'lebih'} {day.isoformat()}: "
                f"{note.strip()}")[:500]
        lines = (LineDraft(suspense, debit=amount), LineDraft(account, credit=amount)) if short \
            else (LineDraft(account, debit=amount), LineDraft(suspense, credit=amount))
        entry_id = posting.post(s, EntryDraft(day, memo, lines, operation="cash_count"),
                                user=actor.user).id
    s.add(CashCount(date=day, account_code=str(account), counted=result.counted.sen,
                    book=result.book.sen, difference=result.difference.sen,
                    denominations=json.dumps({str(k): v for k, v in sorted(pieces.items())}),
                    note=note.strip(), entry_id=entry_id, confirmed_by=actor.user))
    s.flush()
    return result
