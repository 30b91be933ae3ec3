"""Builders of the member-facing and cashier papers from the book.

They read the journal, the receipts and the settings and fill the plain data of
``reports.papers``; ``reports.pdf`` draws it. Every figure printed is a query
over posted lines, so a passbook's closing balance is the member's balance in
the trial balance's control account by construction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir import kas, simpanan
from kasir.book import Book
from kasir.errors import N_, KasirError
from kasir.models import Anggota, Kelompok, Kuitansi, ProdukSimpanan
from kasir.settings import get_setting
from ledger import queries
from ledger.money import ZERO, Money
from ledger.posting import entry_label
from ledger.schema import Account, JournalEntry, JournalLine, Party
from reports.papers import (
    METERAI_THRESHOLD,
    CashBookData,
    CashBookRow,
    CashCountSummary,
    Cooperative,
    PassbookData,
    PassbookLine,
    ReceiptData,
    ReceiptLine,
)
from reports.pdf.cashbook import render_cash_book
from reports.pdf.passbook import render_passbook
from reports.pdf.receipt import render_receipt

# UU 10/2020: documents on savings deposits and withdrawals at cooperatives are
# exempt from bea meterai; other receipts above Rp5.000.000 carry the box.
METERAI_EXEMPT_PREFIXES = ("deposit:", "withdrawal:", "member_exit", "transfer")


def cooperative(s: Session) -> Cooperative:
    return Cooperative(name=get_setting(s, "name", "Koperasi"),
                       address=get_setting(s, "address"),
                       legal_number=get_setting(s, "legal_number"),
                       place=get_setting(s, "place"))


def _receipt(s: Session, receipt_id: int) -> Kuitansi:
    receipt = s.get(Kuitansi, receipt_id)
    if receipt is None:
        raise KasirError(N_("There is no receipt {number}."), number=receipt_id)
    return receipt


def receipt_data(s: Session, receipt_id: int, copy_label: str = "") -> ReceiptData:
    receipt = _receipt(s, receipt_id)
    entry = s.get(JournalEntry, receipt.entry_id)
    member = s.scalar(select(Anggota).where(Anggota.party_id == receipt.party_id)) \
        if receipt.party_id else None
    products = {p.account_code: p for p in s.scalars(select(ProdukSimpanan))}
    lines = []
    for code, debit, credit in s.execute(
        select(Account.code, JournalLine.debit, JournalLine.credit)
        .join(Account, Account.id == JournalLine.account_id)
        .where(JournalLine.entry_id == receipt.entry_id).order_by(JournalLine.line_no)
    ):
        if code in products:
            lines.append(ReceiptLine(products[code].name_id, Money(credit or debit)))
    reversal = s.execute(
        select(JournalEntry.fiscal_year, JournalEntry.number, JournalEntry.reversal_reason)
        .where(JournalEntry.reverses_entry_id == receipt.entry_id)
    ).first()
    amount = Money(receipt.amount)
    exempt = entry is not None and entry.operation.startswith(METERAI_EXEMPT_PREFIXES)
    return ReceiptData(
        coop=cooperative(s),
        number=simpanan.receipt_label(receipt.year, receipt.number, receipt.date.month),
        date=receipt.date, direction=receipt.direction,
        party_name=member.name if member else "", party_number=member.number if member else "",
        amount=amount, purpose=entry.memo if entry else receipt.purpose,
        lines=tuple(lines) if len(lines) > 1 else (),
        channel=receipt.channel, cashier=get_setting(s, "treasurer"),
        meterai=amount > METERAI_THRESHOLD and not exempt, copy_label=copy_label,
        reversed_note=(f"dibalik oleh {entry_label(reversal[0], reversal[1])}: {reversal[2]}"
                       if reversal else ""),
    )


def write_receipt(book: Book, receipt_id: int, out: Path | BinaryIO) -> None:
    with book.read_session() as s:
        data = receipt_data(s, receipt_id)
    render_receipt(data, out)


def receipts_of_entry(s: Session, entry_id: int) -> int | None:
    return s.scalar(select(Kuitansi.id).where(Kuitansi.entry_id == entry_id))


def passbook_data(s: Session, number: str, product: str, date_from: dt.date | None = None,
                  date_to: dt.date | None = None, today: dt.date | None = None) -> PassbookData:
    member = s.scalar(select(Anggota).where(Anggota.number == number))
    if member is None:
        raise KasirError(N_("There is no member {member}."), member=number)
    group = s.get(Kelompok, member.kelompok_id) if member.kelompok_id else None
    prod = s.get(ProdukSimpanan, product)
    opening, rows = simpanan.history(s, number, product, date_from, date_to)
    return PassbookData(
        coop=cooperative(s), member_number=member.number, member_name=member.name,
        address=", ".join(x for x in (member.address, member.village) if x),
        group=(group.code if group.name in ("", group.code) else f"{group.code} {group.name}")
        if group else "",
        product=prod.name_id if prod else product, opening=opening,
        lines=tuple(PassbookLine(r.date, r.code, r.debit, r.credit, r.balance,
                                 r.receipt or r.entry) for r in rows),
        printed_on=today or dt.date.today(), date_from=date_from, date_to=date_to,
    )


def write_passbook(book: Book, number: str, product: str, out: Path | BinaryIO, *,
                   size: str = "A5", date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> None:
    with book.read_session() as s:
        data = passbook_data(s, number, product, date_from, date_to)
    render_passbook(data, out, size=size)


def cash_book_data(s: Session, date_from: dt.date, date_to: dt.date,
                   account: str = "1101", today: dt.date | None = None) -> CashBookData:
    """Buku kas harian: each posted movement of the cash account, with running balance."""
    name = s.scalar(select(Account.name_id).where(Account.code == account)) or account
    opening = queries.balance(s, account, date_from - dt.timedelta(days=1))
    q = (
        select(JournalLine.entry_date, JournalEntry.fiscal_year, JournalEntry.number,
               JournalEntry.memo, Party.name, JournalLine.debit, JournalLine.credit)
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Party, Party.id == JournalLine.party_id)
        .where(Account.code == account, JournalLine.posted == True,  # noqa: E712
               JournalLine.entry_date >= date_from, JournalLine.entry_date <= date_to)
        .order_by(JournalLine.entry_date, JournalEntry.posted_seq, JournalLine.line_no)
    )
    rows = []
    running = opening
    for day, fy, no, memo, party, debit, credit in s.execute(q):
        running = running + Money(debit) - Money(credit)
        text = memo if not party or party in memo else f"{memo} — {party}"
        rows.append(CashBookRow(day, entry_label(fy, no), text, Money(debit), Money(credit),
                                running))
    counts = tuple(CashCountSummary(c.date, c.counted, c.book, c.difference, c.note)
                   for c in kas.counts_between(s, date_from, date_to, account))
    return CashBookData(cooperative(s), f"{account} {name}", date_from, date_to, opening,
                        tuple(rows), counts, today or dt.date.today())


def write_cash_book(book: Book, date_from: dt.date, date_to: dt.date,
                    out: Path | BinaryIO, account: str = "1101") -> None:
    with book.read_session() as s:
        data = cash_book_data(s, date_from, date_to, account)
    render_cash_book(data, out)


def closing_matches_ledger(s: Session, data: PassbookData, product: str) -> bool:
    """The reconciliation every passbook must pass: its last balance is the ledger's."""
    expected = simpanan.balance(s, data.member_number, product, data.date_to)
    return data.closing == expected if data.lines or data.opening else expected == ZERO


def member_numbers(book: Book) -> list[str]:
    with book.read_session() as s:
        return list(s.scalars(select(Anggota.number).order_by(Anggota.number)))
