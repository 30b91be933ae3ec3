"""The receipts list, one receipt with the state of its operation, and a receipt's paper."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from kasir.accounts import CHANNELS
from kasir.errors import N_, KasirError
from kasir.receipts.models import Receipt
from kasir.receipts.rules import receipt_label
from ledger import queries as ledger_queries
from ledger.money import Money
from ledger.posting import entry_label
from ledger.schema import ENTRY_POSTED, JournalEntry, Party


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    """One receipt as the receipts list shows it, with the state of its operation."""

    id: int
    label: str  # "0001/KW/XI/2026"
    date: dt.date
    direction: str  # "in" or "out"
    member: str  # her number ("" for a receipt without a member)
    name: str
    amount: Money
    purpose: str
    channel: str
    entry_id: int
    entry: str  # "2026/000012"
    operation: str
    reversed_by: str | None  # the entry that reversed the operation, if any
    reversal_reason: str | None

    @property
    def cancelled(self) -> bool:
        return self.reversed_by is not None


_LABEL = re.compile(r"0*(\d{1,9})(?:/KW/[IVX]+/(\d{4}))?", re.IGNORECASE)


def receipts_between(s: Session, date_from: dt.date, date_to: dt.date, search: str = "",
                     limit: int | None = None) -> list[ReceiptRow]:
    """Receipts dated in the range, newest first; ``search`` is a receipt number
    ("12", "0012/KW/XI/2026") or part of the member's number or name."""
    reversal = aliased(JournalEntry)
    q = (
        select(Receipt.id, Receipt.year, Receipt.number, Receipt.date, Receipt.direction,
               Receipt.amount, Receipt.purpose, Receipt.channel, Receipt.entry_id,
               JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.operation,
               Party.code, Party.name, reversal.fiscal_year, reversal.number,
               reversal.reversal_reason)
        .join(JournalEntry, JournalEntry.id == Receipt.entry_id)
        .outerjoin(Party, Party.id == Receipt.party_id)
        .outerjoin(reversal, (reversal.reverses_entry_id == Receipt.entry_id)
                   & (reversal.status == ENTRY_POSTED))
        .where(Receipt.date >= date_from, Receipt.date <= date_to)
        .order_by(Receipt.date.desc(), Receipt.year.desc(), Receipt.number.desc())
    )
    typed = " ".join(search.split())
    if typed:
        folded = typed.lower()
        found = [func.lower(Party.code).contains(folded, autoescape=True),
                 func.lower(Party.name).contains(folded, autoescape=True)]
        label = _LABEL.fullmatch(typed)
        if label is not None:
            by_number = Receipt.number == int(label.group(1))
            if label.group(2):
                by_number = by_number & (Receipt.year == int(label.group(2)))
            found.append(by_number)
        q = q.where(or_(*found))
    if limit is not None:
        q = q.limit(limit)
    rows = []
    for (rid, year, number, day, direction, amount, purpose, channel, entry_id, fy, eno, op,
         party, party_name, rfy, rno, reason) in s.execute(q):
        rows.append(ReceiptRow(
            rid, receipt_label(year, number, day.month), day, direction, party or "",
            party_name or "", Money(amount), purpose or "", channel, entry_id,
            entry_label(fy, eno), op, entry_label(rfy, rno) if rno is not None else None,
            reason))
    return rows


def _receipt(s: Session, receipt_id: int) -> Receipt:
    receipt = s.get(Receipt, receipt_id)
    if receipt is None:
        raise KasirError(N_("There is no receipt {number}."), number=receipt_id)
    return receipt


def receipt_row(s: Session, receipt_id: int) -> ReceiptRow:
    """One receipt with its entry and reversal state."""
    day = _receipt(s, receipt_id).date
    return next(r for r in receipts_between(s, day, day) if r.id == receipt_id)


def label_of(s: Session, receipt_id: int) -> str:
    """The printed number of a receipt ("0001/KW/XI/2026")."""
    receipt = _receipt(s, receipt_id)
    return receipt_label(receipt.year, receipt.number, receipt.date.month)


@dataclass(frozen=True, slots=True)
class ReceiptDetail:
    """Everything a receipt's paper prints, with the lines of its entry."""

    row: ReceiptRow
    memo: str  # the entry's description
    lines: tuple[tuple[str, Money], ...]  # (account code, amount) in line order


def receipt_detail(s: Session, receipt_id: int) -> ReceiptDetail:
    row = receipt_row(s, receipt_id)
    lines = tuple((ln.account_code, ln.credit or ln.debit)
                  for ln in ledger_queries.entry_lines(s, row.entry_id))
    memo = ledger_queries.entry_memo(s, row.entry_id)
    return ReceiptDetail(row, memo if memo is not None else row.purpose, lines)


def labels_by_entry(s: Session, entry_ids: list[int]) -> dict[int, str]:
    """Entry id -> the printed number of its receipt, for the entries that have one."""
    out: dict[int, str] = {}
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start:start + 500]
        for eid, year, number, day in s.execute(
                select(Receipt.entry_id, Receipt.year, Receipt.number, Receipt.date)
                .where(Receipt.entry_id.in_(chunk))):
            out[eid] = receipt_label(year, number, day.month)
    return out


@dataclass(frozen=True, slots=True)
class ReceiptProblem:
    template: str
    params: dict[str, object]


def receipt_problems(s: Session) -> list[ReceiptProblem]:
    """Each receipt equal to its entry: same date, the member on its lines, and the amount
    that came in or went out through the cash box or bank it names."""
    out: list[ReceiptProblem] = []
    for r in s.scalars(select(Receipt).order_by(Receipt.year, Receipt.number)):
        label = receipt_label(r.year, r.number, r.date.month)
        header = ledger_queries.entry_header(s, r.entry_id)
        if header is None:
            out.append(ReceiptProblem(N_("Receipt {receipt} has no posted entry."),
                                      {"receipt": label}))
            continue
        lines = ledger_queries.entry_lines(s, r.entry_id)
        channel = CHANNELS.get(r.channel)
        moved = sum(((ln.debit if r.direction == "in" else ln.credit).sen
                     for ln in lines if ln.account_code == channel), 0)
        party = s.get(Party, r.party_id).code if r.party_id else None
        if header.date != r.date or moved != r.amount or (
                party is not None and all(ln.party_code != party for ln in lines)):
            out.append(ReceiptProblem(
                N_("Receipt {receipt} ({amount}, {date}) does not match its entry {entry} "
                   "({moved} through {channel}, {entry_date})."),
                {"receipt": label, "amount": Money(r.amount), "date": r.date.isoformat(),
                 "entry": header.label, "moved": Money(moved), "channel": r.channel,
                 "entry_date": header.date.isoformat()}))
    return out
