"""Closing (locking) and reopening months of the books.

A closed month takes no postings, from the code or from raw SQL (the posting
trigger checks it). Reopening is possible, because real books need late
corrections, but only with a reason that stays in the append-only period log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.errors import N_, LedgerError
from ledger.schema import PERIOD_CLOSED, PERIOD_OPEN, FiscalPeriod, PeriodEvent, utcnow


@dataclass(frozen=True, slots=True)
class PeriodLogRow:
    year: int
    month: int
    action: str
    reason: str
    at: dt.datetime
    by: str


def _check_month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 1990 <= year <= 2099):
        raise LedgerError(N_("{month}/{year} is not a valid month."), month=month, year=year)


def _period(session: Session, year: int, month: int) -> FiscalPeriod:
    period = session.scalar(
        select(FiscalPeriod).where(FiscalPeriod.year == year, FiscalPeriod.month == month)
    )
    if period is None:
        period = FiscalPeriod(year=year, month=month, status=PERIOD_OPEN)
        session.add(period)
        session.flush()
    return period


def is_closed(session: Session, year: int, month: int) -> bool:
    return session.scalar(
        select(FiscalPeriod.status).where(FiscalPeriod.year == year, FiscalPeriod.month == month)
    ) == PERIOD_CLOSED


def close_period(session: Session, year: int, month: int, *, user: str = "",
                 note: str = "") -> None:
    _check_month(year, month)
    period = _period(session, year, month)
    if period.status == PERIOD_CLOSED:
        raise LedgerError(N_("The period {period} is already closed."),
                          period=f"{month:02d}/{year}")
    session.add(PeriodEvent(period_id=period.id, action="close", reason=note, at=utcnow(), by=user))
    session.flush()
    period.status = PERIOD_CLOSED
    session.flush()


def reopen_period(session: Session, year: int, month: int, *, reason: str,
                  user: str = "") -> None:
    _check_month(year, month)
    if not reason or not reason.strip():
        raise LedgerError(N_("Reopening a closed period needs a reason."))
    period = _period(session, year, month)
    if period.status != PERIOD_CLOSED:
        raise LedgerError(N_("The period {period} is not closed."), period=f"{month:02d}/{year}")
    session.add(PeriodEvent(period_id=period.id, action="reopen", reason=reason.strip(),
                            at=utcnow(), by=user))
    session.flush()
    period.status = PERIOD_OPEN
    session.flush()


def closed_periods(session: Session) -> list[tuple[int, int]]:
    return [
        (y, m) for y, m in session.execute(
            select(FiscalPeriod.year, FiscalPeriod.month)
            .where(FiscalPeriod.status == PERIOD_CLOSED)
            .order_by(FiscalPeriod.year, FiscalPeriod.month)
        )
    ]


def period_log(session: Session) -> list[PeriodLogRow]:
    rows = session.execute(
        select(FiscalPeriod.year, FiscalPeriod.month, PeriodEvent.action, PeriodEvent.reason,
               PeriodEvent.at, PeriodEvent.by)
        .join(FiscalPeriod, FiscalPeriod.id == PeriodEvent.period_id)
        .order_by(PeriodEvent.id)
    )
    return [PeriodLogRow(*r) for r in rows]
