"""The approver's use cases for both faces: the list of requests, approve, reject.

Approving calls the feature's own service again, as the one who asked, with the
approver's ``Approval``: the service checks everything it checked the first time
(her role, the savings rules, an open month) and settles the request in the
same transaction as the action, so an approval carries it out once or not at
all, and a refusal leaves the request waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.book import service as book_service
from kasir.errors import N_, KasirError
from kasir.financing import service as financing
from kasir.journal import service as journal
from kasir.receipts import service as receipts
from kasir.savings import service as savings
from kasir.uow import Book
from kasir.users import queries, requests
from kasir.users.permissions import Permission, require
from kasir.users.queries import RequestRow
from kasir.users.requests import Approval, ApprovalRequested
from ledger.money import Money

__all__ = ["ApprovalRequested", "RequestRow", "Approved", "approve", "reject",
           "request_list"]

Executor = Callable[[Book, Actor, dict[str, Any], Approval], str]


def _reverse_entry(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    return journal.reverse_entry(book, maker, int(p["entry_id"]), reason=str(p["reason"]),
                                 day=dt.date.fromisoformat(p["day"]), approval=yes).label


def _cancel_receipt(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    return receipts.cancel_receipt(book, maker, int(p["receipt_id"]), str(p["reason"]),
                                   dt.date.fromisoformat(p["day"]), approval=yes).label


def _reopen_month(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    journal.reopen_period(book, maker, int(p["year"]), int(p["month"]),
                          reason=str(p["reason"]), approval=yes)
    return ""


def _update_product(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    amount = Money(int(p["amount"])) if p.get("amount") is not None else None
    savings.update_product(book, maker, str(p["code"]), default_amount=amount,
                           nisbah_bp=p.get("nisbah_bp"), name_id=p.get("name"), approval=yes)
    return ""


def _restore(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    if book.path is None:
        return ""
    result = book_service.restore(Path(p["source"]), book.path, actor=maker, approval=yes)
    if not result.done:
        raise KasirError(N_("The backup {file} no longer passes verification; nothing was "
                            "restored and the request still waits."), file=p["source"])
    return ""


def _approve_financing(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    financing.approve(book, maker, str(p["contract"]), yes)
    return str(p["contract"])


def _write_off(book: Book, maker: Actor, p: dict[str, Any], yes: Approval) -> str:
    return financing.write_off(book, maker, str(p["contract"]),
                               dt.date.fromisoformat(p["day"]),
                               charged_to=str(p["charged_to"]), approval=yes)


def _update_financing_product(book: Book, maker: Actor, p: dict[str, Any],
                              yes: Approval) -> str:
    changes = {k: v for k, v in p.items() if k != "code"}
    financing.update_product(book, maker, str(p["code"]), changes, approval=yes)
    return ""


EXECUTORS: dict[str, Executor] = {
    "approve_financing": _approve_financing,
    "write_off": _write_off,
    "update_financing_product": _update_financing_product,
    "reverse_entry": _reverse_entry,
    "cancel_receipt": _cancel_receipt,
    "reopen_month": _reopen_month,
    "update_product": _update_product,
    "restore": _restore,
}


@dataclass(frozen=True, slots=True)
class Approved:
    request: int
    kind: str
    result: str  # what it produced: the reversal's number, or ""


def request_list(book: Book, status: str | None = None) -> list[RequestRow]:
    """Every request, newest first (only the pending ones with ``status="pending"``)."""
    return book.read(lambda s: queries.request_rows(s, status))


def approve(book: Book, approver: Actor, request_id: int) -> Approved:
    """Carry the request out as it was asked: never by the one who asked."""
    require(book, approver, Permission.APPROVE)

    def look(s: Session) -> tuple[str, dict[str, Any], Actor]:
        req = requests.decidable(s, request_id, approver)
        return req.kind, requests.payload_of(req), requests.maker(req)
    kind, payload, maker = book.read(look)
    result = EXECUTORS[kind](book, maker, payload, Approval(request_id, approver))
    return Approved(request_id, kind, result)


def reject(book: Book, approver: Actor, request_id: int, reason: str) -> None:
    """Refuse the request with a reason both will read; nothing is done."""
    require(book, approver, Permission.APPROVE)
    book.run(lambda s: requests.reject(s, approver, request_id, reason), actor=approver)
