"""Builders of the member-facing and cashier papers from the book.

They read the journal, the receipts and the settings and fill the plain data of
``reports.papers``; ``reports.pdf`` draws it. Every figure printed is a query
over posted lines, so a passbook's closing balance is the member's balance in
the trial balance's control account by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.book import seals
from kasir.cash import queries as cash
from kasir.errors import N_, KasirError
from kasir.members import queries as members
from kasir.receipts import queries as receipts
from kasir.savings import queries as savings
from kasir.settings import get_setting
from kasir.uow import Book
from ledger import movements, queries
from ledger.money import ZERO
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


def receipt_data(s: Session, receipt_id: int, copy_label: str = "") -> ReceiptData:
    detail = receipts.receipt_detail(s, receipt_id)
    row = detail.row
    products = savings.product_names_by_account(s)
    lines = [ReceiptLine(products[code], amount) for code, amount in detail.lines
             if code in products]
    exempt = row.operation.startswith(METERAI_EXEMPT_PREFIXES)
    return ReceiptData(
        coop=cooperative(s), number=row.label, date=row.date, direction=row.direction,
        party_name=row.name, party_number=row.member, amount=row.amount, purpose=detail.memo,
        lines=tuple(lines) if len(lines) > 1 else (),
        channel=row.channel, cashier=get_setting(s, "treasurer"),
        meterai=row.amount > METERAI_THRESHOLD and not exempt, copy_label=copy_label,
        reversed_note=(f"dibalik oleh {row.reversed_by}: {row.reversal_reason}"
                       if row.reversed_by else ""),
    )


def write_receipt(book: Book, receipt_id: int, out: Path | BinaryIO) -> None:
    data = book.read(lambda s: receipt_data(s, receipt_id))
    seal = seals.record(book, f"kuitansi {data.number}")
    render_receipt(replace(data, seal=str(seal)), out)


def passbook_data(s: Session, number: str, product: str, date_from: dt.date | None,
                  date_to: dt.date | None, today: dt.date) -> PassbookData:
    card = members.card(s, number)
    if card is None:
        raise KasirError(N_("There is no member {member}."), member=number)
    history = savings.history(s, number, product, date_from, date_to)
    return PassbookData(
        coop=cooperative(s), member_number=card.number, member_name=card.name,
        address=card.address, group=card.group, product=savings.product_name(s, product),
        opening=history.opening,
        lines=tuple(PassbookLine(r.date, r.code, r.debit, r.credit, r.balance,
                                 r.receipt or r.entry) for r in history.rows),
        printed_on=today, date_from=date_from, date_to=date_to,
    )


def write_passbook(book: Book, number: str, product: str, out: Path | BinaryIO, *,
                   size: str = "A5", date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> None:
    data = book.read(lambda s: passbook_data(s, number, product, date_from, date_to,
                                             book.clock.today()))
    data = replace(data, seal=str(seals.record(book, f"buku simpanan {number} {product}")))
    render_passbook(data, out, size=size)


def cash_book_data(s: Session, date_from: dt.date, date_to: dt.date,
                   account: str, today: dt.date) -> CashBookData:
    """Buku kas harian: each posted movement of the cash account, with running balance."""
    name = next((a.name_id for a in queries.chart(s) if a.code == account), account)
    opening = queries.balance(s, account, date_from - dt.timedelta(days=1))
    rows = []
    running = opening
    for m in movements.account_movements(s, account, date_from=date_from, date_to=date_to):
        running = running + m.debit - m.credit
        party = m.party_name
        text = m.memo if not party or party in m.memo else f"{m.memo} — {party}"
        rows.append(CashBookRow(m.date, m.entry, text, m.debit, m.credit, running))
    counts = tuple(CashCountSummary(c.date, c.counted, c.book, c.difference, c.note)
                   for c in cash.counts_between(s, date_from, date_to, account))
    return CashBookData(cooperative(s), f"{account} {name}", date_from, date_to, opening,
                        tuple(rows), counts, today)


def write_cash_book(book: Book, date_from: dt.date, date_to: dt.date,
                    out: Path | BinaryIO, account: str = AccountRole.CASH) -> None:
    data = book.read(lambda s: cash_book_data(s, date_from, date_to, account,
                                              book.clock.today()))
    data = replace(data, seal=str(seals.record(book, f"buku kas {date_from}..{date_to}")))
    render_cash_book(data, out)


def closing_matches_ledger(s: Session, data: PassbookData, product: str) -> bool:
    """The reconciliation every passbook must pass: its last balance is the ledger's."""
    expected = savings.balance(s, data.member_number, product, data.date_to)
    return data.closing == expected if data.lines or data.opening else expected == ZERO


def member_numbers(book: Book) -> list[str]:
    return book.read(members.member_numbers)
