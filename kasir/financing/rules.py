"""The way to an akad: products, the application, its approval, the purchase of the goods,
the down payment (urbun), the akad itself, and cancelling before it (Fatwa 04, 13).

The cooperative buys the goods in its own name, directly or through the member as
its agent (*wakalah*), and sells them to her only once they are its own: the akad
is refused before the goods are received. The akad fixes cost, margin, price,
down payment and schedule; from then on nothing changes them (the database
refuses it too). Every money step is one balanced entry with its event row
(``financing_event``) tied to it by the entry's key, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kasir.accounts import CHANNELS, MAAL_CHANNELS, AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.financing import queries, schedule
from kasir.financing.models import (
    BEFORE_AKAD,
    FREQUENCIES,
    Contract,
    FinancingProduct,
    ScheduleLine,
    StepEvent,
)
from kasir.i18n import Reason
from kasir.members import rules as members
from kasir.members.models import Member
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money
from ledger.posting import new_key

MAX_TENOR = 520  # ten years of weeks
ZERO_TOTALS = ("down_payment_held", "collected", "recognized", "cleared", "margin_cleared",
               "loss", "recovered")
STATUS_WORDS = {
    "applied": N_("waiting for approval"), "approved": N_("approved"),
    "purchasing": N_("with the agent buying the goods"), "purchased": N_("bought, not yet sold"),
    "active": N_("running"), "settled": N_("paid off"), "written_off": N_("written off"),
    "cancelled": N_("cancelled"), "rejected": N_("rejected"),
}


def status_word(status: str) -> Reason:
    """A contract's status as people read it, translated when shown."""
    return Reason(STATUS_WORDS.get(status, status), {})
NUMBER_PREFIX = {"murabahah": "MRB", "qard": "QRD"}


def product(s: Session, code: str) -> FinancingProduct:
    held: dict[str, FinancingProduct] = s.info.setdefault("financing_products", {})
    prod = held.get(code)
    if prod is None:
        prod = s.get(FinancingProduct, code)
        if prod is not None:
            held[code] = prod
    if prod is None or not prod.active:
        raise KasirError(N_("There is no financing product {product}."), product=code)
    return prod


def default_product(s: Session, kind: str, fund: str = "own") -> FinancingProduct:
    """The first active product of the kind (for a qard, of its fund), held for the unit
    of work."""
    held: dict[tuple[str, str], FinancingProduct] = s.info.setdefault("financing_defaults",
                                                                      {})
    if (kind, fund) in held:
        return held[(kind, fund)]
    q = select(FinancingProduct).where(FinancingProduct.kind == kind,
                                       FinancingProduct.active.is_(True))
    if kind == "qard":
        q = q.where(FinancingProduct.fund == fund)
    prod = s.scalars(q.order_by(FinancingProduct.code)).first()
    if prod is None:
        raise KasirError(N_("The book has no {kind} product; add one in the settings."),
                         kind=kind)
    held[(kind, fund)] = prod
    return prod


def get(s: Session, number: str) -> Contract:
    c = s.scalar(select(Contract).where(Contract.number == number))
    if c is None:
        raise KasirError(N_("There is no contract {contract}."), contract=number)
    return c


def member_of(s: Session, c: Contract) -> Member:
    """The contract's member, held for the unit of work (an import pays a hundred thousand
    installments, and asking the session for her each time was a tenth of their cost)."""
    held: dict[int, Member] = s.info.setdefault("financing_members", {})
    m = held.get(c.member_id)
    if m is None:
        m = s.get(Member, c.member_id)
        assert m is not None
        held[c.member_id] = m
    return m


def next_number(s: Session, kind: str) -> str:
    prefix = NUMBER_PREFIX[kind]
    count = s.scalar(select(func.count()).select_from(Contract)
                     .where(Contract.kind == kind)) or 0
    n = int(count) + 1
    while s.scalar(select(Contract.id).where(Contract.number == f"{prefix}{n:06d}")):
        n += 1
    return f"{prefix}{n:06d}"


def cash_account(channel: str, fund: str = "own") -> str:
    channels = MAAL_CHANNELS if fund == "kebajikan" else CHANNELS
    if channel not in channels:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    return channels[channel]


def receivable_account(c: Contract, prod: FinancingProduct) -> str:
    if c.kind == "qard" and c.fund == "kebajikan":
        return AccountRole.MAAL_QARD_RECEIVABLE
    return prod.receivable_account


@dataclass(frozen=True, slots=True)
class Terms:
    """What an application asks for. ``installment``/``last_installment`` may be left to
    the product's rounding; a contract file gives them and Kasir checks their sum."""

    member: str
    kind: str  # murabahah | qard
    cost: Money  # what the goods cost the cooperative; a qard's amount
    margin: Money
    tenor: int
    first_due: dt.date
    product: str | None = None
    goods: str = ""
    supplier: str = ""
    down_payment: Money = ZERO
    frequency: str | None = None
    installment: Money | None = None
    last_installment: Money | None = None
    admin_fee: Money | None = None
    tazir: Money | None = None
    fund: str = "own"
    number: str | None = None
    purchase_mode: str = "direct"


def check_terms(s: Session, t: Terms) -> tuple[FinancingProduct, int, int]:
    """Every rule an application must meet; the usual and the last installment."""
    if t.kind not in NUMBER_PREFIX:
        raise KasirError(N_("A financing is a murabahah or a qard, not {kind}."), kind=t.kind)
    prod = product(s, t.product) if t.product else default_product(s, t.kind, t.fund)
    if prod.kind != t.kind:
        raise KasirError(N_("Product {product} is not a {kind} product."), product=prod.code,
                         kind=t.kind)
    for name, amount in (("cost", t.cost), ("margin", t.margin),
                         ("down_payment", t.down_payment)):
        if not isinstance(amount, Money) or amount.sen < 0:
            raise KasirError(N_("The {what} must be an amount of zero or more."), what=name)
    if not t.cost.is_positive():
        raise KasirError(N_("The cost must be more than zero."))
    if t.kind == "qard" and (t.margin.sen or t.down_payment.sen):
        raise KasirError(N_("A qard is repaid as lent: principal only, no margin and no "
                            "down payment (Fatwa 19)."))
    if t.fund not in ("own", "kebajikan") or (t.kind == "murabahah" and t.fund != "own"):
        raise KasirError(N_("A qard is lent from the cooperative's own money or from the "
                            "benevolence fund."))
    if t.purchase_mode not in ("direct", "wakalah"):
        raise KasirError(N_("The goods are bought directly or through the member as agent "
                            "(wakalah)."))
    if not 1 <= t.tenor <= MAX_TENOR:
        raise KasirError(N_("The number of installments must be from 1 to {most}."),
                         most=MAX_TENOR)
    if (t.frequency or prod.frequency) not in FREQUENCIES:
        raise KasirError(N_("Installments fall weekly, fortnightly or monthly."))
    price = t.cost + t.margin
    if t.down_payment >= price:
        raise KasirError(N_("The down payment must be less than the price {price}."),
                         price=price)
    financed = (price - t.down_payment).sen
    if t.installment is None:
        inst, last = schedule.plan(financed, t.tenor, prod.rounding)
    else:
        inst = t.installment.sen
        last = t.last_installment.sen if t.last_installment is not None else inst
        if inst <= 0 or last <= 0 or inst * (t.tenor - 1) + last != financed:
            raise KasirError(N_("The installments do not add up: {tenor} installments of "
                                "{installment} with a last one of {last} must make "
                                "{financed}."), tenor=t.tenor, installment=Money(inst),
                             last=Money(last), financed=Money(financed))
    for amount in (t.admin_fee, t.tazir):
        if amount is not None and (not isinstance(amount, Money) or amount.sen < 0):
            raise KasirError(N_("A fee or fine is a fixed amount in rupiah, never a "
                                "percentage."))
    return prod, inst, last


def apply(s: Session, actor: Actor, t: Terms, day: dt.date,
          member: Member | None = None, in_use: Container[str] | None = None) -> Contract:
    """Record an application (nothing is posted: no money moved yet). ``member`` may be
    passed by a caller that already holds her (an import), and ``in_use`` by one that
    holds every contract number of the book (an import reads them once)."""
    if member is None or member.number != t.member or member.status != "active":
        member = members.active_member(s, t.member)
    prod, inst, last = check_terms(s, t)
    number = t.number or next_number(s, t.kind)
    taken = (number in in_use if in_use is not None
             else s.scalar(select(Contract.id).where(Contract.number == number)) is not None)
    if taken:
        raise KasirError(N_("Contract number {contract} is already in use."), contract=number)
    if t.first_due <= day:
        raise KasirError(N_("The first installment must fall after the day of the "
                            "application."))
    c = Contract(
        number=number, kind=t.kind, product_code=prod.code, member_id=member.id,
        goods=t.goods[:200], supplier=t.supplier[:200], purchase_mode=t.purchase_mode,
        fund=t.fund, cost=t.cost.sen, margin=t.margin.sen, price=(t.cost + t.margin).sen,
        down_payment=t.down_payment.sen,
        admin_fee=(t.admin_fee.sen if t.admin_fee is not None else prod.admin_fee),
        tazir=(t.tazir.sen if t.tazir is not None else prod.tazir), tenor=t.tenor,
        frequency=t.frequency or prod.frequency, installment=inst, last_installment=last,
        first_due=t.first_due, margin_method=prod.margin_method, status="applied",
        applied_on=day, applied_by=actor.user, approved_by="", restructured=False,
        schedule_version=1, note="", **dict.fromkeys(ZERO_TOTALS, 0))
    s.add(c)  # flushed with the unit of work's next batch: its id is not needed before
    return c


def approve(s: Session, approver: Actor, c: Contract) -> None:
    if c.status != "applied":
        raise KasirError(N_("Contract {contract} is {status}, not waiting for approval."),
                         contract=c.number, status=status_word(c.status))
    if approver.user and approver.user == c.applied_by:
        raise KasirError(N_("Nobody approves their own application: {contract} was entered "
                            "by {user}; another ketua decides."), contract=c.number,
                         user=c.applied_by)
    c.status = "approved"
    c.approved_by = approver.user


def need_status(c: Contract, *allowed: str) -> None:
    if c.status not in allowed:
        raise KasirError(N_("Contract {contract} is {status}; this cannot be done now."),
                         contract=c.number, status=status_word(c.status))


def event(c: Contract, actor: Actor, draft: EntryDraft | None, kind: str, day: dt.date,
          **amounts: int | str) -> StepEvent:
    """The event row of one money step, tied to its entry by the entry's key."""
    return StepEvent(c, draft.uuid if draft else None, day, kind, c.status, actor.user,
                     **amounts)  # type: ignore[arg-type]


def draft(day: dt.date, memo: str, lines: list[LineDraft], operation: str,
          key: str | None = None) -> EntryDraft:
    """A step's entry; ``key`` (an operation key the screen made) posts it once."""
    return EntryDraft(day, memo[:500], tuple([ln for ln in lines
                                              if ln.debit.sen or ln.credit.sen]),
                      operation=operation, uuid=key or new_key())


def down_payment(s: Session, actor: Actor, c: Contract, amount: Money, day: dt.date,
                 channel: str) -> tuple[EntryDraft, StepEvent]:
    """The urbun, held as a liability until the akad (or refunded, less actual costs)."""
    need_status(c, *BEFORE_AKAD)
    if not amount.is_positive() or c.down_payment_held + amount.sen > c.down_payment:
        raise KasirError(N_("The down payment agreed is {agreed}; {held} was received "
                            "already."), agreed=Money(c.down_payment),
                         held=Money(c.down_payment_held))
    m = member_of(s, c)
    d = draft(day, f"Uang muka murabahah {c.number} {m.number} {m.name}", [
        LineDraft(cash_account(channel), debit=amount, party_code=m.number),
        LineDraft(AccountRole.MURABAHAH_DOWN_PAYMENT, credit=amount, party_code=m.number)],
        "murabahah_down_payment")
    ev = event(c, actor, d, "down_payment", day, down_payment=amount.sen)
    c.down_payment_held += amount.sen
    return d, ev


def purchase(s: Session, actor: Actor, c: Contract, day: dt.date,
             paid_from: str) -> tuple[EntryDraft, StepEvent]:
    """The cooperative pays for the goods: into its stock (direct), or as an advance to
    the member buying as its agent (wakalah), which becomes stock when she hands over
    the goods and the supplier's proof (``goods_received``)."""
    need_status(c, "approved")
    cost = Money(c.cost)
    agent = c.purchase_mode == "wakalah"
    to = AccountRole.WAKALAH_ADVANCE if agent else AccountRole.MURABAHAH_INVENTORY
    what = "Uang muka wakalah pembelian" if agent else "Pembelian barang murabahah"
    d = draft(day, f"{what} {c.number}: {c.goods}", [
        LineDraft(to, debit=cost), LineDraft(cash_account(paid_from), credit=cost)],
        "murabahah_purchase")
    ev = event(c, actor, d, "purchase", day)
    c.status = "purchasing" if agent else "purchased"
    return d, ev


def goods_received(s: Session, actor: Actor, c: Contract,
                   day: dt.date) -> tuple[EntryDraft, StepEvent]:
    """The agent hands over the goods: now they are the cooperative's, and may be sold."""
    need_status(c, "purchasing")
    cost = Money(c.cost)
    d = draft(day, f"Barang murabahah {c.number} diterima dari wakil: {c.goods}", [
        LineDraft(AccountRole.MURABAHAH_INVENTORY, debit=cost),
        LineDraft(AccountRole.WAKALAH_ADVANCE, credit=cost)], "murabahah_purchase")
    ev = event(c, actor, d, "goods_received", day)
    c.status = "purchased"
    return d, ev


def akad(s: Session, actor: Actor, c: Contract, day: dt.date,
         fee_channel: str = "cash") -> tuple[EntryDraft, StepEvent]:
    """The sale to the member: receivable at the price, the margin deferred, the down
    payment applied, the admin fee received; the terms, and the schedule they make, are
    fixed from now on."""
    if c.status == "purchasing":
        raise KasirError(N_("The goods of {contract} are still with the agent: the sale is "
                            "signed only after they are the cooperative's (Fatwa 04)."),
                         contract=c.number)
    need_status(c, "purchased")
    if c.down_payment_held != c.down_payment:
        raise KasirError(N_("The down payment agreed is {agreed}; {held} was received "
                            "already."), agreed=Money(c.down_payment),
                         held=Money(c.down_payment_held))
    if c.first_due <= day:
        raise KasirError(N_("The first installment must fall after the akad."))
    m = member_of(s, c)
    prod = product(s, c.product_code)
    price, cost, margin, dp = Money(c.price), Money(c.cost), Money(c.margin), \
        Money(c.down_payment)
    fee = Money(c.admin_fee)
    lines = [
        LineDraft(prod.receivable_account, debit=price, party_code=m.number),
        LineDraft(AccountRole.MURABAHAH_INVENTORY, credit=cost),
        LineDraft(prod.deferred_margin_account, credit=margin, party_code=m.number),
        LineDraft(AccountRole.MURABAHAH_DOWN_PAYMENT, debit=dp, party_code=m.number),
        LineDraft(prod.receivable_account, credit=dp, party_code=m.number),
        LineDraft(cash_account(fee_channel), debit=fee, party_code=m.number),
        LineDraft(AccountRole.ADMIN_FEE_INCOME, credit=fee, party_code=m.number)]
    d = draft(day, f"Akad murabahah {c.number} {m.number} {m.name}: {c.goods}", lines,
              "murabahah_contract")
    ev = event(c, actor, d, "akad", day, down_payment=-c.down_payment)
    c.down_payment_held = 0
    c.status = "active"
    c.akad_on = day  # from now on the terms, and so the schedule they make, are fixed
    return d, ev


def write_schedule(s: Session, c: Contract, version: int,
                   lines: list[schedule.Installment]) -> None:
    """A rescheduled contract's new schedule. The first schedule is not stored: it is the
    terms' own (``queries.terms_lines``), and the database keeps the terms fixed."""
    for x in lines:
        s.add(ScheduleLine(contract=c, version=version, seq=x.seq, due_date=x.due_date,
                           amount=x.amount, principal=x.principal, margin=x.margin))


def current_schedule(s: Session, c: Contract) -> list[schedule.Installment]:
    """The schedule in force: the terms' own until a rescheduling wrote a new version (the
    first version is written from the terms at the akad, so it is the same), then that
    version as written. Held for the unit of work (a version is never rewritten)."""
    held: dict[tuple[str, int], list[schedule.Installment]] = s.info.setdefault(
        "financing_schedules", {})
    key = (c.number, c.schedule_version)  # a new contract has no id before its flush
    if key in held:
        return held[key]
    if not c.restructured:
        held[key] = queries.terms_lines(c)
        return held[key]
    rows = s.execute(select(ScheduleLine.seq, ScheduleLine.due_date, ScheduleLine.amount,
                            ScheduleLine.principal, ScheduleLine.margin)
                     .where(ScheduleLine.contract_id == c.id,
                            ScheduleLine.version == c.schedule_version)
                     .order_by(ScheduleLine.seq)).all()
    if not rows:
        return queries.terms_lines(c)
    held[key] = schedule.Schedule(schedule.Installment(*r) for r in rows)
    return held[key]
