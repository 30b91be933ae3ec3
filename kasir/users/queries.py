"""The users and the trace of their accounts, as plain rows for the faces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.users.models import Request, User, UserEvent
from kasir.users.requests import describe, payload_of


@dataclass(frozen=True, slots=True)
class UserRow:
    name: str
    full_name: str
    role: str
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class UserEventRow:
    at: dt.datetime  # UTC
    user: str
    event: str  # added, password, disabled, recovered
    by: str  # "" for a recovery: nobody signed in
    computer: str
    os_user: str
    note: str


def user_rows(s: Session) -> list[UserRow]:
    return [UserRow(u.name, u.full_name, u.role, u.active, u.created_at)
            for u in s.scalars(select(User).order_by(User.name))]


def event_rows(s: Session, name: str | None = None) -> list[UserEventRow]:
    q = select(UserEvent).order_by(UserEvent.id)
    if name:
        q = q.where(UserEvent.user_name == name)
    return [UserEventRow(e.at, e.user_name, e.event, e.by_user, e.computer, e.os_user, e.note)
            for e in s.scalars(q)]


@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    kind: str  # reverse_entry, cancel_receipt, reopen_month, update_product, restore
    what: str  # what it asks, in the reader's language
    asked_by: str
    asked_at: dt.datetime  # UTC
    status: str  # pending, approved, rejected
    decided_by: str
    decided_at: dt.datetime | None
    reason: str  # why it was rejected
    result: str  # what the approval produced (a reversal's number)


def request_rows(s: Session, status: str | None = None) -> list[RequestRow]:
    q = select(Request).order_by(Request.id.desc())
    if status:
        q = q.where(Request.status == status)
    return [RequestRow(r.id, r.kind, str(describe(r.kind, payload_of(r))), r.asked_by,
                       r.asked_at, r.status, r.decided_by or "", r.decided_at, r.reason,
                       r.result) for r in s.scalars(q)]
