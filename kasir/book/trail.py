"""What the auditor reads of the audit trail: each change with who, when, where and why,
filtered by person, table, words and dates, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kasir.uow import Book
from ledger.schema import AuditRecord


@dataclass(frozen=True, slots=True)
class TrailRow:
    seq: int
    at: dt.datetime
    user: str
    computer: str
    action: str
    table: str
    key: str
    data: str
    reason: str


def _utc_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` on this computer's clock, as the trail stores times (UTC)."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def local_time(at: dt.datetime) -> dt.datetime:
    """A stored (UTC) time on this computer's clock, as the people who read it live."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def span(book: Book) -> tuple[dt.date, dt.date] | None:
    """The first and last day the trail speaks of (local days), or None when empty."""
    first, last = book.read(lambda s: s.execute(
        select(func.min(AuditRecord.at), func.max(AuditRecord.at))).one())
    if first is None or last is None:
        return None
    return local_time(first).date(), local_time(last).date()


def _rows(s: Session, user: str, table: str, words: str, date_from: dt.date | None,
          date_to: dt.date | None, limit: int) -> list[TrailRow]:
    q = select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(limit)
    if user:
        q = q.where(AuditRecord.user == user)
    if table:
        q = q.where(AuditRecord.table_name == table)
    if words.strip():
        folded = words.strip().lower()
        q = q.where(or_(*(func.lower(col).contains(folded, autoescape=True) for col in (
            AuditRecord.row_key, AuditRecord.data, AuditRecord.reason, AuditRecord.action))))
    if date_from is not None:
        q = q.where(AuditRecord.at >= _utc_midnight(date_from))
    if date_to is not None:
        q = q.where(AuditRecord.at < _utc_midnight(date_to + dt.timedelta(days=1)))
    return [TrailRow(r.seq, r.at, r.user, r.computer, r.action, r.table_name, r.row_key,
                     r.data, r.reason) for r in s.scalars(q)]


def records(book: Book, *, user: str = "", table: str = "", words: str = "",
            date_from: dt.date | None = None, date_to: dt.date | None = None,
            limit: int = 500) -> list[TrailRow]:
    return book.read(lambda s: _rows(s, user, table, words, date_from, date_to, limit))


def people_and_tables(book: Book) -> tuple[list[str], list[str]]:
    """Who appears in the trail and which tables it speaks of, for the filters."""
    def query(s: Session) -> tuple[list[str], list[str]]:
        users = sorted(u for (u,) in s.execute(select(AuditRecord.user).distinct()) if u)
        tables = sorted(t for (t,) in s.execute(select(AuditRecord.table_name).distinct())
                        if t)
        return users, tables
    return book.read(query)
