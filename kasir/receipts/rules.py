"""Issuing a receipt inside an operation's transaction, and what an operation returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.receipts.models import Receipt
from ledger.money import Money
from ledger.posting import PostedRef, entry_label
from ledger.schema import JournalEntry

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def receipt_label(year: int, number: int, month: int) -> str:
    """The printed number: ``0001/KW/XI/2026``."""
    return f"{number:04d}/KW/{ROMAN[month - 1]}/{year}"


def issue_receipt(s: Session, actor: Actor, ref: PostedRef, day: dt.date, direction: str,
                  party_id: int | None, amount: Money, purpose: str,
                  channel: str) -> tuple[str, int]:
    """Give the next receipt number of the year, in the caller's transaction."""
    year = day.year
    # one statement: the year's counter made at its first receipt, or moved on by one
    # (the row stays locked until the commit, so the numbers are gap-free and unique)
    number = s.execute(text(
        "INSERT INTO kuitansi_counter (year, last_number) VALUES (:y, 1) "
        "ON CONFLICT (year) DO UPDATE SET last_number = kuitansi_counter.last_number + 1 "
        "RETURNING last_number"), {"y": year}).scalar_one()
    receipt = Receipt(year=year, number=number, entry_id=ref.id, date=day, direction=direction,
                      party_id=party_id, amount=amount.sen, purpose=purpose, channel=channel,
                      created_by=actor.user)
    s.add(receipt)
    s.flush()
    return receipt_label(year, number, day.month), receipt.id


@dataclass(frozen=True, slots=True)
class OperationResult:
    """A cash operation as its rules posted it: the entry and its receipt, if any."""

    entry: PostedRef
    receipt: str | None  # "0001/KW/XI/2026"
    receipt_id: int | None


@dataclass(frozen=True, slots=True)
class PostResult:
    """What the faces show after an operation: the entry and its receipt, as printed."""

    entry: str  # "2026/000012"; "" when nothing was posted (an exit with nothing to pay)
    entry_id: int
    receipt: str | None  # None for an operation without cash (a transfer)
    receipt_id: int | None
    duplicate: bool = False  # the key had been posted already: this is that posting

    @classmethod
    def of(cls, r: OperationResult) -> PostResult:
        if not r.entry.id:
            return cls("", 0, None, None)
        return cls(r.entry.label, r.entry.id, r.receipt, r.receipt_id, r.entry.duplicate)


def posted_with_key(s: Session, key: str | None) -> PostResult | None:
    """The posting made earlier with this operation key, with its receipt, or None:
    a double Enter, or a retry after a slow answer, posts once."""
    if not key:
        return None
    row = s.execute(select(JournalEntry.id, JournalEntry.fiscal_year, JournalEntry.number)
                    .where(JournalEntry.uuid == key)).first()
    if row is None:
        return None
    entry_id, fy, number = row
    receipt = s.execute(select(Receipt.id, Receipt.year, Receipt.number, Receipt.date)
                        .where(Receipt.entry_id == entry_id)).first()
    if receipt is None:
        return PostResult(entry_label(fy, number), entry_id, None, None, True)
    rid, year, rno, day = receipt
    return PostResult(entry_label(fy, number), entry_id, receipt_label(year, rno, day.month),
                      rid, True)
