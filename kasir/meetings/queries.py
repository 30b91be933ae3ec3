"""The collection sheet of a group's meeting: for each member what is expected that day
(her mandatory savings, the installments falling due that week, what is in arrears),
and what others paid for her at earlier meetings (tanggung renteng)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.errors import N_, KasirError
from kasir.financing import queries as financing
from kasir.financing.models import Contract, FinancingEvent
from kasir.members.models import Group, Member
from ledger import queries
from ledger.money import ZERO, Money

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Due:
    contract: str
    kind: str
    installment_due: Money  # falling due in the week ending on the meeting day
    arrears: Money  # due before that week and still unpaid
    days_past_due: int
    outstanding: Money


@dataclass(frozen=True, slots=True)
class SheetRow:
    group: str
    member: str
    name: str
    savings_due: Money  # simpanan wajib expected at this meeting
    installment_due: Money
    arrears: Money
    contracts: tuple[Due, ...]

    @property
    def expected(self) -> Money:
        return self.savings_due + self.installment_due + self.arrears


@dataclass(frozen=True, slots=True)
class Owed:
    """A member's obligation to those who paid her installments for her."""

    member: str
    name: str
    payer: str
    amount: Money


@dataclass(frozen=True, slots=True)
class Sheet:
    group: str
    name: str
    village: str
    day: dt.date
    rows: list[SheetRow]
    owed: list[Owed]

    @property
    def totals(self) -> tuple[Money, Money, Money]:
        return (sum((r.savings_due for r in self.rows), ZERO),
                sum((r.installment_due for r in self.rows), ZERO),
                sum((r.arrears for r in self.rows), ZERO))


def _savings_due(s: Session, m: Member, day: dt.date) -> Money:
    """Her simpanan wajib at this meeting, less what she already paid into it that day
    (a sheet reopened after the meeting was posted asks nothing twice)."""
    due = Money(m.wajib_amount)
    if m.wajib_period == "monthly" and day.day > 7:
        due = ZERO
    if not due.is_positive():
        return ZERO
    paid = (queries.normal_balance(s, AccountRole.SIMPANAN_WAJIB, day, m.number)
            - queries.normal_balance(s, AccountRole.SIMPANAN_WAJIB, day - dt.timedelta(days=1),
                                     m.number))
    return max(due - paid, ZERO)


def _due(row: financing.ContractRow, lines_due_before: int, lines_due_week: int,
         collected: int) -> Due:
    arrears = max(0, lines_due_before - collected)
    this_week = max(0, min(lines_due_week, lines_due_before + lines_due_week - collected))
    return Due(row.number, row.kind, Money(this_week), Money(arrears), row.days_past_due,
               row.outstanding)


def sheet(s: Session, group: str, day: dt.date) -> Sheet:
    g = s.scalar(select(Group).where(Group.code == group))
    if g is None:
        raise KasirError(N_("There is no group {code}."), code=group)
    members = list(s.scalars(select(Member).where(Member.kelompok_id == g.id,
                                                  Member.status == "active")
                             .order_by(Member.number)))
    contracts = financing.contract_rows(s, day, group=group)
    lines = financing.current_lines(s, [r.number for r in contracts])
    by_member: dict[str, list[Due]] = {}
    for r in contracts:
        ls = lines[r.number]
        before = sum(x.amount for x in ls if x.due_date <= day - WEEK)
        week = sum(x.amount for x in ls if day - WEEK < x.due_date <= day)
        by_member.setdefault(r.member, []).append(_due(r, before, week, r.paid.sen))
    rows = []
    for m in members:
        dues = tuple(by_member.get(m.number, ()))
        rows.append(SheetRow(group, m.number, m.name, _savings_due(s, m, day),
                             sum((d.installment_due for d in dues), ZERO),
                             sum((d.arrears for d in dues), ZERO), dues))
    return Sheet(g.code, g.name, g.village, day, rows, owed_in_group(s, g.id))


def owed_in_group(s: Session, group_id: int) -> list[Owed]:
    """What others paid for each member of the group (tanggung renteng), by payer."""
    q = (select(Member.number, Member.name, FinancingEvent.payer,
                func.sum(FinancingEvent.collected))
         .join(Contract, Contract.id == FinancingEvent.contract_id)
         .join(Member, Member.id == Contract.member_id)
         .where(Member.kelompok_id == group_id, FinancingEvent.payer != "")
         .group_by(Member.number, Member.name, FinancingEvent.payer)
         .order_by(Member.number, FinancingEvent.payer))
    return [Owed(n, name, payer, Money(int(total))) for n, name, payer, total in s.execute(q)
            if total]
