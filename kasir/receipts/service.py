"""The receipts list and cancelling a receipt, for the window and the command line."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.journal import reversals
from kasir.receipts import queries
from kasir.receipts.queries import ReceiptRow
from kasir.uow import Book
from kasir.users import requests
from kasir.users.permissions import Permission, require
from kasir.users.requests import Approval
from ledger.posting import PostedRef

__all__ = ["ReceiptRow", "cancel_receipt", "receipt", "receipt_label", "receipts"]


def receipts(book: Book, date_from: dt.date, date_to: dt.date, search: str = "",
             limit: int | None = 1000) -> list[ReceiptRow]:
    """Receipts of a date range, newest first, with the state of their operation;
    ``search`` is a receipt number or part of the member's number or name."""
    return book.read(lambda s: queries.receipts_between(s, date_from, date_to, search, limit))


def receipt(book: Book, receipt_id: int) -> ReceiptRow:
    """One receipt with its entry and reversal state."""
    return book.read(lambda s: queries.receipt_row(s, receipt_id))


def receipt_label(book: Book, receipt_id: int) -> str:
    """The printed number of a receipt ("0001/KW/XI/2026")."""
    return book.read(lambda s: queries.label_of(s, receipt_id))


def cancel_receipt(book: Book, actor: Actor, receipt_id: int, reason: str,
                   day: dt.date, approval: Approval | None = None) -> PostedRef:
    """Undo the receipt's operation by reversing its entry, with the reason, through the
    rules of the feature that made it; the receipt keeps its number and prints as
    DIBATALKAN. Above the book's threshold it waits for approval (``kasir.users.requests``)."""
    if not reason or not reason.strip():
        raise KasirError(N_("A reversal needs a reason."))
    require(book, actor, Permission.REVERSE)

    def describe(s: Session) -> tuple[dict[str, object], bool]:
        row = queries.receipt_row(s, receipt_id)
        payload = {"receipt_id": receipt_id, "label": row.label, "amount": row.amount.sen,
                   "reason": reason.strip(), "day": day.isoformat()}
        return payload, row.amount > requests.threshold(s)

    def work(s: Session) -> PostedRef:
        row = queries.receipt_row(s, receipt_id)
        if row.reversed_by is not None:
            raise KasirError(N_("Receipt {receipt} was already cancelled by entry {entry}."),
                             receipt=row.label, entry=row.reversed_by)
        return reversals.reverse(s, actor, row.entry_id, reason=reason, day=day,
                                 receipt=row.label)
    return requests.run_or_ask(book, actor, approval, "cancel_receipt", describe, work,
                               lambda ref: ref.label)
