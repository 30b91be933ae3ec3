"""The arithmetic of a schedule, in whole sen and nothing else: no session, no rules.

A murabahah of ``price`` with ``down_payment`` leaves ``financed = price - down_payment``
to be paid in ``tenor`` installments, the last one absorbing the rounding (so the
schedule sums exactly to what is owed). Each installment's margin part follows the
contract's method (domain.md §1.1):

* proportional (the default): margin recognised to date is
  ``floor(margin * collected / financed)``, cumulative, so rounding never drifts
  and the last payment recognises exactly what remains (events.md);
* annuity (effective): the margin of each installment is the outstanding principal
  times the effective rate per period, rounded to the rupiah, the last adjusted so
  the margins sum to the contract's margin.

A payment goes to the oldest installment first, margin before principal within it.
Nothing here ever grows with time: lateness changes what is *due*, never the amount.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

RUPIAH = 100  # sen
PERIODS_PER_YEAR = {"weekly": 52, "fortnightly": 26, "monthly": 12}


@dataclass(frozen=True, slots=True)
class Installment:
    seq: int
    due_date: dt.date
    amount: int  # sen
    principal: int
    margin: int


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(first_due: dt.date, k: int, frequency: str) -> dt.date:
    """Installment ``k`` (1-based) falls ``k - 1`` periods after the first."""
    if frequency == "weekly":
        return first_due + dt.timedelta(days=7 * (k - 1))
    if frequency == "fortnightly":
        return first_due + dt.timedelta(days=14 * (k - 1))
    return add_months(first_due, k - 1)


def one_period_after(day: dt.date, frequency: str) -> dt.date:
    return due_date(day, 2, frequency)


def plan(financed: int, tenor: int, rounding: int) -> tuple[int, int]:
    """The usual installment (rounded up to ``rounding`` sen) and the last one, which
    absorbs the difference; the installments sum exactly to ``financed``."""
    if tenor < 1 or financed <= 0:
        raise ValueError("a schedule needs a positive amount and at least one installment")
    if tenor == 1:
        return financed, financed
    unit = max(1, rounding)
    inst = -(-financed // tenor)
    inst = -(-inst // unit) * unit
    if (tenor - 1) * inst >= financed:  # rounding up would leave nothing for the last
        inst = financed // tenor
    return inst, financed - (tenor - 1) * inst


def amounts(tenor: int, installment: int, last: int) -> list[int]:
    return [installment] * (tenor - 1) + [last]


def proportional_recognized(margin: int, financed: int, collected: int) -> int:
    """Margin recognised once ``collected`` of ``financed`` was paid: cumulative and
    floored to the rupiah (events.md), all of it once everything is paid."""
    if financed <= 0 or collected >= financed:
        return margin if financed > 0 else 0
    return margin * max(collected, 0) // financed // RUPIAH * RUPIAH


def proportional_margins(margin: int, parts: list[int]) -> list[int]:
    """Each installment's margin part as recognition will take it (the cumulative floor);
    never more than the installment itself, what does not fit moving to the installments
    that have room (only ever a matter of sen, for tiny installments)."""
    financed = sum(parts)
    out, given, done = [], 0, 0
    for amount in parts:
        done += amount
        m = min(proportional_recognized(margin, financed, done) - given, amount)
        out.append(m)
        given += m
    return _fit(out, parts, margin)


def effective_rate(principal: int, parts: list[int]) -> Decimal:
    """The rate per period at which the installments repay ``principal`` (IRR, by
    bisection in 50-digit decimals: no float touches money)."""
    if principal <= 0 or sum(parts) <= principal:
        return Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 50
        low, high = Decimal(0), Decimal(1)
        for _ in range(200):
            mid = (low + high) / 2
            factor, value = Decimal(1), Decimal(0)
            for amount in parts:
                factor /= (1 + mid)
                value += amount * factor
            if value > principal:
                low = mid
            else:
                high = mid
        return (low + high) / 2


def annuity_margins(margin: int, parts: list[int]) -> list[int]:
    """Each installment's margin at the effective rate on the principal still owed,
    rounded to the rupiah; the last takes what is left so they sum to ``margin``."""
    principal = sum(parts) - margin
    rate = effective_rate(principal, parts)
    out: list[int] = []
    owed = Decimal(principal)
    for amount in parts[:-1]:
        m = int((owed * rate / RUPIAH).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * RUPIAH
        m = max(0, min(m, amount, margin - sum(out)))
        out.append(m)
        owed -= amount - m
    out.append(margin - sum(out))
    return _fit(out, parts, margin)


def _fit(out: list[int], parts: list[int], margin: int) -> list[int]:
    """No installment's margin above the installment: the excess moves to the latest
    installments with room, so the margins still sum to ``margin``."""
    out = [min(m, a) for m, a in zip(out, parts)]
    given = sum(out)
    for k in range(len(parts) - 1, -1, -1):
        if given >= margin:
            break
        room = min(parts[k] - out[k], margin - given)
        out[k] += room
        given += room
    return out


class Schedule(list[Installment]):
    """A schedule's installments, with their running totals worked out once: each payment
    asks how many installments it covers and what margin it earns (a year's import pays
    a hundred thousand, on schedules of up to fifty installments)."""

    @functools.cached_property
    def running(self) -> list[int]:
        return list(itertools.accumulate(x.amount for x in self))


def build(first_due: dt.date, frequency: str, tenor: int, installment: int, last: int,
          margin: int, method: str) -> Schedule:
    parts = amounts(tenor, installment, last)
    margins = (annuity_margins if method == "annuity" else proportional_margins)(margin, parts)
    return Schedule(Installment(k, due_date(first_due, k, frequency), a, a - m, m)
                    for k, (a, m) in enumerate(zip(parts, margins), start=1))


def recognized(lines: list[Installment], margin: int, collected: int, method: str) -> int:
    """Margin recognised once ``collected`` was paid on the schedule ``lines``."""
    if method != "annuity":
        total = (lines.running[-1] if lines else 0) if isinstance(lines, Schedule) \
            else sum(x.amount for x in lines)
        return proportional_recognized(margin, total, collected)
    left, out = collected, 0
    for x in lines:
        if left <= 0:
            break
        take = min(left, x.amount)
        out += min(take, x.margin)  # margin first within an installment
        left -= take
    return min(out, margin)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a contract stands on a day: what was due, what is late and since when."""

    due: int  # sen due up to and including the day
    arrears: int  # due but not paid
    days_past_due: int  # from the oldest installment not fully paid, if it is late
    paid_installments: int  # installments fully covered
    next_due: dt.date | None  # the first installment not fully covered
    next_amount: int  # what is still owed on it


def paid_installments(lines: list[Installment], collected: int) -> int:
    """Installments fully covered by ``collected``, oldest first (``Standing``'s count,
    without the rest: a payment's description needs only this, twice)."""
    if isinstance(lines, Schedule):
        return bisect.bisect_right(lines.running, collected)
    left, paid = collected, 0
    for x in lines:
        if left < x.amount:
            break
        left -= x.amount
        paid += 1
    return paid


def standing(lines: list[Installment], collected: int, day: dt.date) -> Standing:
    due = sum(x.amount for x in lines if x.due_date <= day)
    left, paid, oldest, owed_on = collected, 0, None, 0
    for x in lines:
        if left >= x.amount:
            left -= x.amount
            paid += 1
            continue
        oldest, owed_on = x, x.amount - max(left, 0)
        break
    dpd = (day - oldest.due_date).days if oldest is not None and oldest.due_date < day else 0
    return Standing(due, max(0, due - collected), dpd, paid,
                    oldest.due_date if oldest else None, owed_on)


def flat_rate_per_year(margin: int, principal: int, tenor: int, frequency: str) -> Decimal:
    """The 'flat' rate people quote: margin / principal per year of the term (not a rate
    of return; shown beside the effective rate so nobody mistakes one for the other)."""
    if principal <= 0:
        return Decimal(0)
    years = Decimal(tenor) / PERIODS_PER_YEAR[frequency]
    return Decimal(margin) / principal / years


def effective_rate_per_year(margin: int, parts: list[int], frequency: str) -> tuple[Decimal,
                                                                                    Decimal]:
    """The effective rate per period and per year (periods × rate, as disclosed)."""
    per_period = effective_rate(sum(parts) - margin, parts)
    return per_period, per_period * PERIODS_PER_YEAR[frequency]
