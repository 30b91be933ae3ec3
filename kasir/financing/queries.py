"""What the screens, the reports and the other features read of financing.

``outstanding`` is what a member still owes on every financing receivable (the
savings exit asks it before paying her out: the named edge savings → financing).
The rest are the portfolio's rows and one contract's page, with where each
contract stands on a day: arrears and days past due from the oldest installment
not fully paid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.errors import N_, KasirError
from kasir.financing import schedule
from kasir.financing.models import Contract, FinancingEvent, FinancingProduct, ScheduleLine
from kasir.members.models import Group, Member
from ledger import queries
from ledger.money import ZERO, Money
from ledger.posting import entry_label
from ledger.schema import JournalEntry

# Accounts on which a member may owe the cooperative: murabahah, qard, maal qard.
RECEIVABLES = (AccountRole.MURABAHAH_RECEIVABLE, AccountRole.QARD_RECEIVABLE,
               AccountRole.MAAL_QARD_RECEIVABLE)


def outstanding(s: Session, number: str) -> Money:
    """What the member still owes on every financing receivable (debit-positive)."""
    return sum((queries.balance(s, code, None, number) for code in RECEIVABLES), ZERO)


@dataclass(frozen=True, slots=True)
class ContractRow:
    number: str
    kind: str
    member: str
    name: str
    group: str
    product: str
    goods: str
    akad_on: dt.date | None
    status: str
    price: Money  # a qard's amount
    down_payment: Money
    tenor: int
    installment: Money
    paid: Money  # collected toward what is financed
    outstanding: Money
    deferred_margin: Money
    principal: Money  # outstanding less deferred margin
    arrears: Money
    days_past_due: int
    next_due: dt.date | None
    next_amount: Money
    restructured: bool
    tazir: Money
    fund: str = "own"  # a qard from the benevolence fund is the maal book's


def _lines(s: Session, contract_ids: list[int]) -> dict[int, list[schedule.Installment]]:
    out: dict[int, list[schedule.Installment]] = {}
    if not contract_ids:
        return out
    versions = dict(s.execute(select(Contract.id, Contract.schedule_version)
                              .where(Contract.id.in_(contract_ids))).all())
    for cid, ver, seq, due, amount, principal, margin in s.execute(
            select(ScheduleLine.contract_id, ScheduleLine.version, ScheduleLine.seq,
                   ScheduleLine.due_date, ScheduleLine.amount, ScheduleLine.principal,
                   ScheduleLine.margin)
            .where(ScheduleLine.contract_id.in_(contract_ids))
            .order_by(ScheduleLine.contract_id, ScheduleLine.seq)):
        if ver == versions[cid]:
            out.setdefault(cid, []).append(schedule.Installment(seq, due, amount, principal,
                                                                margin))
    return out


def current_lines(s: Session, numbers: list[str]) -> dict[str, list[schedule.Installment]]:
    """The schedule in force of each contract named (its latest version, or its terms')."""
    found = list(s.scalars(select(Contract).where(Contract.number.in_(numbers))))
    lines = _lines(s, [c.id for c in found])
    return {c.number: lines.get(c.id) or terms_lines(c) for c in found}


def terms_lines(c: Contract) -> list[schedule.Installment]:
    """The schedule a contract's fixed terms make: its first one, never stored."""
    return schedule.build(c.first_due, c.frequency, c.tenor, c.installment,
                          c.last_installment, c.margin, c.margin_method)


@dataclass(frozen=True, slots=True)
class Totals:
    """A contract's running totals as they stood at the end of a day."""

    collected: int = 0
    recognized: int = 0
    cleared: int = 0
    margin_cleared: int = 0


def totals_on(s: Session, ids: list[int], day: dt.date) -> dict[int, Totals]:
    """Each contract's totals from its events up to and including ``day``."""
    if not ids:
        return {}
    rows = s.execute(
        select(FinancingEvent.contract_id, func.sum(FinancingEvent.collected),
               func.sum(FinancingEvent.recognized), func.sum(FinancingEvent.cleared),
               func.sum(FinancingEvent.margin_cleared))
        .where(FinancingEvent.contract_id.in_(ids), FinancingEvent.date <= day)
        .group_by(FinancingEvent.contract_id))
    return {cid: Totals(*(int(v or 0) for v in vals)) for cid, *vals in rows}


def status_on(c: Contract, day: dt.date) -> str:
    """The contract's status at the end of ``day``: running between its akad and its end."""
    if c.status not in ("active", "settled", "written_off"):
        return c.status  # not signed (or its akad reversed), cancelled or rejected
    if c.akad_on is None or c.akad_on > day:
        return "approved"
    if c.closed_on is not None and c.closed_on <= day:
        return c.status
    return "active"


def row_of(c: Contract, m: Member, group: str, lines: list[schedule.Installment],
           day: dt.date, t: Totals) -> ContractRow:
    financed = c.price - c.down_payment
    status = status_on(c, day)
    active = status == "active"
    owed = financed - t.collected - t.cleared if active else 0
    deferred = c.margin - t.recognized - t.margin_cleared if active else 0
    st = schedule.standing(lines, t.collected, day) if active else None
    return ContractRow(
        c.number, c.kind, m.number, m.name, group, c.product_code, c.goods, c.akad_on,
        status, Money(c.price), Money(c.down_payment), c.tenor, Money(c.installment),
        Money(t.collected), Money(owed), Money(deferred), Money(owed - deferred),
        Money(st.arrears if st else 0), st.days_past_due if st else 0,
        st.next_due if st else None, Money(st.next_amount if st else 0), c.restructured,
        Money(c.tazir), c.fund)


def contract_rows(s: Session, day: dt.date, *, open_only: bool = True,
                  member: str | None = None, group: str | None = None) -> list[ContractRow]:
    """Contracts with where each stood at the end of ``day`` (open ones: signed by then
    and not yet ended)."""
    q = (select(Contract, Member, Group.code).join(Member, Member.id == Contract.member_id)
         .outerjoin(Group, Group.id == Member.kelompok_id).order_by(Contract.number))
    if open_only:
        q = q.where(Contract.akad_on <= day,
                    or_(Contract.closed_on.is_(None), Contract.closed_on > day),
                    Contract.status.in_(("active", "settled", "written_off")))
    if member:
        q = q.where(Member.number == member)
    if group:
        q = q.where(Group.code == group)
    found = s.execute(q).all()
    ids = [c.id for c, _m, _g in found]
    lines = _lines(s, ids)
    totals = totals_on(s, ids, day)
    return [row_of(c, m, g or "", lines.get(c.id) or terms_lines(c), day,
                   totals.get(c.id, Totals())) for c, m, g in found]


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    seq: int
    due_date: dt.date
    amount: Money
    principal: Money
    margin: Money
    paid: Money  # of this installment, oldest first
    state: str  # paid | partly | late | due


@dataclass(frozen=True, slots=True)
class EventRow:
    date: dt.date
    kind: str
    amount: Money  # money in (or out, for a disbursement/purchase)
    margin: Money
    tazir: Money
    payer: str
    entry: str
    note: str
    reversed: bool


@dataclass(frozen=True, slots=True)
class ContractPage:
    row: ContractRow
    cost: Money
    margin: Money
    admin_fee: Money
    frequency: str
    first_due: dt.date
    margin_method: str
    purchase_mode: str
    supplier: str
    applied_on: dt.date
    applied_by: str
    approved_by: str
    fund: str
    schedule: list[ScheduleRow]
    events: list[EventRow]
    settle_owed: Money
    settle_unearned: Money
    settle_pays: Money
    effective_rate_year: str  # percent, two decimals, as disclosed
    flat_rate_year: str


def schedule_rows(lines: list[schedule.Installment], collected: int,
                  day: dt.date) -> list[ScheduleRow]:
    left, out = collected, []
    for x in lines:
        paid = max(0, min(left, x.amount))
        left -= paid
        state = ("paid" if paid == x.amount else "partly" if paid else
                 "late" if x.due_date < day else "due")
        if state == "partly" and x.due_date < day:
            state = "late"
        out.append(ScheduleRow(x.seq, x.due_date, Money(x.amount), Money(x.principal),
                               Money(x.margin), Money(paid), state))
    return out


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.01'))}"


def contract_page(s: Session, number: str, day: dt.date) -> ContractPage:
    c = s.scalar(select(Contract).where(Contract.number == number))
    if c is None:
        raise KasirError(N_("There is no contract {contract}."), contract=number)
    m = s.get(Member, c.member_id)
    assert m is not None
    group = s.scalar(select(Group.code).where(Group.id == m.kelompok_id)) or ""
    lines = _lines(s, [c.id]).get(c.id) or terms_lines(c)
    t = totals_on(s, [c.id], day).get(c.id, Totals())
    row = row_of(c, m, group, lines, day, t)
    events = []
    undone = {ev.reverses_id for ev in s.scalars(select(FinancingEvent).where(
        FinancingEvent.contract_id == c.id, FinancingEvent.reverses_id.is_not(None)))}
    # each step with its entry's number, in one query (not one per step)
    for ev, fiscal_year, number in s.execute(
            select(FinancingEvent, JournalEntry.fiscal_year, JournalEntry.number)
            .outerjoin(JournalEntry, JournalEntry.uuid == FinancingEvent.entry_key)
            .where(FinancingEvent.contract_id == c.id).order_by(FinancingEvent.id)):
        label = entry_label(fiscal_year, number) if number is not None else ""
        amount = ev.collected + ev.recovered + ev.down_payment
        if ev.kind in ("purchase", "disbursement"):
            amount = c.cost
        events.append(EventRow(ev.date, ev.kind, Money(amount), Money(ev.recognized),
                               Money(ev.tazir), ev.payer, label, ev.note, ev.id in undone))
    owed, unearned = row.outstanding, row.deferred_margin
    financed = c.price - c.down_payment
    parts = [x.amount for x in terms_lines(c)]
    _per, per_year = schedule.effective_rate_per_year(c.margin, parts, c.frequency)
    flat = schedule.flat_rate_per_year(c.margin, financed - c.margin, c.tenor, c.frequency)
    return ContractPage(
        row, Money(c.cost), Money(c.margin), Money(c.admin_fee), c.frequency, c.first_due,
        c.margin_method, c.purchase_mode, c.supplier, c.applied_on, c.applied_by,
        c.approved_by, c.fund, schedule_rows(lines, t.collected, day), events, owed, unearned,
        owed - unearned, _percent(per_year), _percent(flat))


@dataclass(frozen=True, slots=True)
class ProductRow:
    code: str
    kind: str
    name: str
    frequency: str
    rounding: Money
    margin_method: str
    admin_fee: Money
    tazir: Money
    fund: str
    fine_account: str


def product_rows(s: Session) -> list[ProductRow]:
    return [ProductRow(p.code, p.kind, p.name_id, p.frequency, Money(p.rounding),
                       p.margin_method, Money(p.admin_fee), Money(p.tazir), p.fund,
                       p.fine_account)
            for p in s.scalars(select(FinancingProduct).where(FinancingProduct.active.is_(True))
                               .order_by(FinancingProduct.code))]
