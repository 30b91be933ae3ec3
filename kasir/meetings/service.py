"""The group meeting's use cases: its collection sheet, and posting what was paid.

Everything the treasurer entered for one meeting is posted in one unit of work:
each savings deposit through ``savings.rules.deposit`` and each installment through
``financing.payments.installment``, with a receipt each, exactly as at the desk; a
single refusal (an amount more than she owes, a member who left) posts nothing.
When the treasurer gives the cash handed over, the meeting is posted only if it
equals what the grid adds up to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.financing import payments
from kasir.financing import rules as financing
from kasir.financing.steps import post_step
from kasir.i18n import Reason
from kasir.meetings import queries
from kasir.meetings.queries import Sheet
from kasir.members import rules as members
from kasir.receipts.rules import PostResult, posted_with_key
from kasir.savings import rules as savings
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger.money import ZERO, Money

__all__ = ["MeetingLine", "Posted", "Sheet", "post_meeting", "sheet"]


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """What one member paid at the meeting (or what was paid for her)."""

    member: str
    savings: dict[str, Money] = field(default_factory=dict)  # product code -> amount
    installments: dict[str, Money] = field(default_factory=dict)  # contract -> amount
    paid_by: str = ""  # tanggung renteng: the member (or group) who paid her installment

    @property
    def total(self) -> Money:
        return sum(self.savings.values(), ZERO) + sum(self.installments.values(), ZERO)


@dataclass(frozen=True, slots=True)
class Posted:
    results: list[PostResult]
    total: Money
    duplicate: bool = False  # this meeting's key had been posted: this is that posting


def sheet(book: Book, group: str, day: dt.date) -> Sheet:
    return book.read(lambda s: queries.sheet(s, group, day))


def _line(s: Session, actor: Actor, group: str, ln: MeetingLine, day: dt.date,
          out: list[PostResult], key: str | None) -> None:
    m = members.active_member(s, ln.member)
    for product, amount in sorted(ln.savings.items()):
        if amount.is_positive():
            r = savings.deposit(s, actor, m.number, product, amount, day=day,
                                key=_sub(key, len(out)))
            out.append(PostResult.of(r))
    for number, amount in sorted(ln.installments.items()):
        if not amount.is_positive():
            continue
        c = financing.get(s, number)
        if c.member_id != m.id:
            raise KasirError(N_("{contract} is not the contract of {member}."),
                             contract=number, member=m.number)
        payer = ln.paid_by if ln.paid_by and ln.paid_by != m.number else ""
        if payer and payer != f"kelompok {group}":
            members.active_member(s, payer)
        step = payments.installment(s, actor, c, amount, day, payer=payer)
        out.append(post_step(s, actor, step, ("in", amount, step[0].memo, "cash",
                                              payer if payer and not payer.startswith(
                                                  "kelompok ") else m.number),
                             _sub(key, len(out))))


def _sub(key: str | None, n: int) -> str | None:
    """The key of the meeting's ``n``-th posting: the meeting posts once under its key."""
    return f"{key}:{n}" if key else None


def _posted_before(s: Session, key: str | None, total: Money) -> Posted | None:
    if not key or posted_with_key(s, _sub(key, 0)) is None:
        return None
    results, n = [], 0
    while (r := posted_with_key(s, _sub(key, n))) is not None:
        results.append(r)
        n += 1
    return Posted(results, total, duplicate=True)


def post_meeting(book: Book, actor: Actor, group: str, day: dt.date,
                 lines: list[MeetingLine], cash_handed: Money | None = None,
                 key: str | None = None) -> Posted:
    """Post the whole meeting at once, or nothing. ``key``, made when the grid was
    prepared, posts it once: asking again answers the first posting."""
    require(book, actor, Permission.CASHIER)
    total = sum((ln.total for ln in lines), ZERO)
    if cash_handed is not None and cash_handed != total:
        raise KasirError(N_("The cash handed over, {cash}, differs from the {total} the "
                            "meeting adds up to; nothing was posted."), cash=cash_handed,
                         total=total)
    if not total.is_positive():
        raise KasirError(N_("Nothing was paid at this meeting."))

    def work(s: Session) -> Posted:
        before = _posted_before(s, key, total)
        if before is not None:
            return before
        out: list[PostResult] = []
        for ln in lines:
            try:
                _line(s, actor, group, ln, day, out, key)
            except KasirError as exc:
                raise KasirError(N_("{member}: {reason}"), member=ln.member,
                                 reason=Reason(exc.template, exc.params)) from None
        return Posted(out, total)
    return book.run(work, actor=actor)
