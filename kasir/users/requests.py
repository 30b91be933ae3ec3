"""Maker–checker: where money or history could be bent, a second person decides.

A reversal above the book's threshold (Rp1.000.000 unless the administrator set
another), reopening a closed month, a change to a savings product and a restore
are not done when asked on a book with users: the feature's service records a
request (``ask``) and raises ``ApprovalRequested``, which both faces show as
"waiting for approval" with the request's number. The action is carried out
only when another user with the approving role (``ketua``) approves it: the
feature's service is called again with an ``Approval``, and ``settle`` marks the
request approved in the same transaction as the action, so an approval carries
it out exactly once, or not at all. Nobody approves their own request (the
database refuses it too). A book with no users has nobody to ask: it acts at once.

Features may import this module (the named edge ``kasir.*.service ->
kasir.users.requests``); the table from a request's kind to the service that
carries it out lives above them, in ``kasir.approvals``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.i18n import Reason
from kasir.settings import get_setting
from kasir.uow import Book
from kasir.users.models import Request
from kasir.users.permissions import Permission, check, has_users
from kasir.users.roles import ApprovalRequested as ApprovalRequested  # for the callers
from ledger.money import Money
from ledger.schema import utcnow

T = TypeVar("T")
THRESHOLD_KEY = "approval_above"
DEFAULT_THRESHOLD = Money.rupiah(1_000_000)
APPROVER = "ketua"

# what each kind of request asks for, worded from its payload when shown
DESCRIPTIONS: dict[str, str] = {
    "reverse_entry": N_("reverse entry {number} ({amount}): {reason}"),
    "cancel_receipt": N_("cancel receipt {label} ({amount}): {reason}"),
    "reopen_month": N_("reopen {month:02d}/{year}: {reason}"),
    "update_product": N_("change savings product {code}: name “{name}”, usual amount "
                         "{amount}, members' nisbah {nisbah}"),
    "restore": N_("restore the backup {source} over the book"),
    "approve_financing": N_("approve financing {contract} for {member} ({amount})"),
    "write_off": N_("write off {contract} of {member} ({amount} outstanding), charged to "
                    "{charged_to}"),
    "update_financing_product": N_("change financing product {code}"),
}


STATES = {"pending": N_("waiting"), "approved": N_("approved"), "rejected": N_("rejected")}


@dataclass(frozen=True, slots=True)
class Approval:
    """The second person's yes to one request, handed to the service that carries it out."""

    request_id: int
    approver: Actor


def threshold(s: Session) -> Money:
    """The amount above which a reversal waits for approval."""
    stored = get_setting(s, THRESHOLD_KEY)
    try:
        return Money(int(stored)) if stored else DEFAULT_THRESHOLD
    except (ValueError, OverflowError):  # a hand-edited book: the safe default
        return DEFAULT_THRESHOLD


def needed(s: Session) -> bool:
    """A book with users has someone to ask; an open book acts at once."""
    return has_users(s)


def describe(kind: str, payload: dict[str, Any]) -> Reason:
    """What the request asks, translated when shown (amounts in sen become rupiah)."""
    params = {k: (Money(v) if k == "amount" and isinstance(v, int) else
                  "-" if v is None else v) for k, v in payload.items()}
    return Reason(DESCRIPTIONS.get(kind, kind), params)


def ask(s: Session, actor: Actor, kind: str, payload: dict[str, Any]) -> int:
    """Record the request (once: the same pending request is answered with its number)."""
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    same = s.scalar(select(Request.id).where(Request.kind == kind, Request.payload == body,
                                             Request.status == "pending"))
    if same is not None:
        return int(same)
    req = Request(kind=kind, payload=body, asked_by=actor.user, asked_role=actor.role or "",
                  asked_from=actor.computer[:120], status="pending", reason="", result="")
    s.add(req)
    s.flush()
    return req.id


def requested(request_id: int, kind: str, payload: dict[str, Any]) -> ApprovalRequested:
    return ApprovalRequested(N_("Request {request} is recorded: {what}. It is waiting for "
                                "approval by {role}; nothing was changed yet."),
                             request=request_id, what=describe(kind, payload), role=APPROVER)


def get(s: Session, request_id: int) -> Request:
    req = s.get(Request, request_id)
    if req is None:
        raise KasirError(N_("There is no request {request}."), request=request_id)
    return req


def payload_of(req: Request) -> dict[str, Any]:
    return dict(json.loads(req.payload or "{}"))


def decidable(s: Session, request_id: int, approver: Actor) -> Request:
    check(s, approver, Permission.APPROVE)
    req = get(s, request_id)
    if req.status != "pending":
        raise KasirError(N_("Request {request} was already {status} by {user}."),
                         request=req.id, status=Reason(STATES[req.status], {}),
                         user=req.decided_by or "")
    if approver.user == req.asked_by:
        raise KasirError(N_("Nobody approves their own request: request {request} was asked "
                            "by {user}; another {role} decides."), request=req.id,
                         user=req.asked_by, role=APPROVER)
    return req


def maker(req: Request) -> Actor:
    """The one who asked, who carries the action out once it is approved."""
    return Actor(req.asked_by, req.asked_role or None, req.asked_from)


def settle(s: Session, approval: Approval, kind: str, payload: dict[str, Any]) -> Request:
    """Inside the action's own transaction: the request is this action's, still pending,
    and approved by someone else with the approving role; it is marked approved now."""
    req = decidable(s, approval.request_id, approval.approver)
    if req.kind != kind or payload_of(req) != json.loads(json.dumps(payload)):
        raise KasirError(N_("Request {request} asks for something else; nothing was done."),
                         request=req.id)
    req.status = "approved"
    req.decided_by = approval.approver.user
    req.decided_at = utcnow()
    s.flush()
    return req


def done(s: Session, approval: Approval | None, result: str) -> None:
    """Write what the approved action produced (the reversal's number) on its request."""
    if approval is not None:
        get(s, approval.request_id).result = result[:120]
        s.flush()


def decided_fields(req: Request) -> dict[str, object]:
    """A decided request as plain values, to be written again into a restored book."""
    return {c: getattr(req, c) for c in ("kind", "payload", "asked_by", "asked_role",
                                         "asked_from", "asked_at", "status", "decided_by",
                                         "decided_at", "reason")}


def record_decided(s: Session, fields: dict[str, object]) -> None:
    """Write a decision made in the book a restore replaced into the restored one."""
    s.add(Request(**fields, result="restored"))
    s.flush()


def reject(s: Session, approver: Actor, request_id: int, reason: str) -> Request:
    """No, with a reason kept for both; nothing is done."""
    if not reason or not reason.strip():
        raise KasirError(N_("A rejection needs a reason."))
    req = decidable(s, request_id, approver)
    req.status = "rejected"
    req.decided_by = approver.user
    req.decided_at = utcnow()
    req.reason = reason.strip()
    s.flush()
    return req


class _WouldAsk(Exception):
    """Raised inside the work to undo an action that must wait for approval."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__("waiting for approval")
        self.payload = payload


def run_or_ask(book: Book, actor: Actor, approval: Approval | None, kind: str,
               describe_it: Callable[[Session], tuple[dict[str, Any], bool]],
               action: Callable[[Session], T], result_label: Callable[[T], str]) -> T:
    """Carry the action out, or record it as a request and raise ``ApprovalRequested``.

    ``describe_it`` gives the request's payload and whether this action needs a second
    person (a reversal above the threshold). The action is always tried first, so a
    request is only recorded for what would have been done (a reversal the savings
    rules refuse is refused at once, not left for the approver); when it must wait,
    its transaction is rolled back and the request recorded in its own. With an
    ``approval`` the request is settled in the action's own transaction."""
    def work(s: Session) -> T:
        payload, needs = describe_it(s)
        if approval is not None:
            settle(s, approval, kind, payload)
        result = action(s)
        if approval is None and needs and needed(s):
            raise _WouldAsk(payload)
        done(s, approval, result_label(result))
        return result
    try:
        return book.run(work, actor=actor)
    except _WouldAsk as wait:
        payload = wait.payload
    request_id = book.run(lambda s: ask(s, actor, kind, payload), actor=actor)
    raise requested(request_id, kind, payload)
