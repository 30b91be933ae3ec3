"""After the akad: installments, early settlement, rescheduling, write-off and recovery,
and the qard's disbursement — each one entry with its event row.

No rule here ever adds money for time: a late member owes what was due, never more.
A ta'zir fine, where the akad fixed one and the member delays while able to pay,
goes to the benevolence money (the product's fine account, which the database
refuses to point at income), never to income (Fatwa 17, 123/2018). Early
settlement bills no margin for time not yet passed (Fatwa 153/2022);
rescheduling extends the term without extra margin (Fatwa 48).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole
from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.financing import schedule
from kasir.financing.models import BEFORE_AKAD, Contract, FinancingEvent, StepEvent
from kasir.financing.rules import (
    cash_account,
    current_schedule,
    draft,
    event,
    member_of,
    need_status,
    product,
    receivable_account,
    write_schedule,
)
from kasir.numbers import format_rupiah
from ledger import queries
from ledger.entry import EntryDraft, LineDraft
from ledger.money import ZERO, Money

Step = tuple[EntryDraft, StepEvent]


def financed(c: Contract) -> int:
    return c.price - c.down_payment


def outstanding(c: Contract) -> int:
    """What the member still owes on the receivable (sen)."""
    if c.status != "active":
        return 0
    return financed(c) - c.collected - c.cleared


def deferred(c: Contract) -> int:
    """Margin not yet recognised (the contract's part of the MMD)."""
    return c.margin - c.recognized - c.margin_cleared


def fine_account(s: Session, c: Contract) -> str:
    return product(s, c.product_code).fine_account


def installment(s: Session, actor: Actor, c: Contract, amount: Money, day: dt.date, *,
                channel: str = "cash", tazir: Money = ZERO, payer: str = "",
                fixed_fine: bool = True) -> Step:
    """A payment on the contract, to the oldest installment first (margin before principal
    within it); the margin it earns is recognised now. ``payer`` is the member or group
    paying for her at the group meeting (tanggung renteng). ``fixed_fine=False`` lets an
    import carry the fines its history recorded."""
    need_status(c, "active")
    if not amount.is_positive():
        raise KasirError(N_("The amount must be more than zero."))
    owed = outstanding(c)
    if amount.sen > owed:
        raise KasirError(N_("{amount} is more than the {owed} still owed on {contract}."),
                         amount=amount, owed=Money(owed), contract=c.number)
    if tazir.sen < 0:
        raise KasirError(N_("A fine is an amount of zero or more."))
    lines = current_schedule(s, c)
    if tazir.is_positive() and fixed_fine:
        _check_fine(c, lines, tazir, day)
    m = member_of(s, c)
    prod = product(s, c.product_code)
    after = c.collected + amount.sen
    mg = schedule.recognized(lines, c.margin, after, c.margin_method) - c.recognized
    mg = max(0, min(mg, deferred(c)))
    cash = cash_account(channel, c.fund)
    k1 = schedule.paid_installments(lines, c.collected) + 1
    k2 = schedule.paid_installments(lines, after)
    which = f"ke-{k1}" if k2 <= k1 else f"ke-{k1} s.d. {k2}"
    kind = "Qard" if c.kind == "qard" else "Murabahah"
    memo = (f"Angsuran {which} {kind} No. {c.number} {m.number} {m.name}; "
            f"pokok {format_rupiah(amount - Money(mg))}"
            + (f", margin {format_rupiah(Money(mg))}" if c.kind == "murabahah" else "")
            + (f"; denda {format_rupiah(tazir)} untuk dana kebajikan" if tazir else "")
            + (f"; dibayar oleh {payer}" if payer else ""))
    d = draft(day, memo, [
        LineDraft(cash, debit=amount + tazir, party_code=m.number),
        LineDraft(receivable_account(c, prod), credit=amount, party_code=m.number),
        LineDraft(prod.deferred_margin_account or AccountRole.DEFERRED_MARGIN,
                  debit=Money(mg), party_code=m.number),
        LineDraft(prod.income_account or AccountRole.MARGIN_INCOME, credit=Money(mg)),
        LineDraft(prod.fine_account, credit=tazir, party_code=m.number)],
        "installment" if c.kind == "murabahah" else "qard_repayment")
    ev = event(c, actor, d, "installment", day, collected=amount.sen, recognized=mg,
               tazir=tazir.sen, payer=payer[:60])
    c.collected = after
    c.recognized += mg
    if outstanding(c) == 0:
        c.status = "settled"
        c.closed_on = day
    return d, ev


def _check_fine(c: Contract, lines: list[schedule.Installment], tazir: Money,
                day: dt.date) -> None:
    if not c.tazir:
        raise KasirError(N_("The akad of {contract} fixed no fine: none can be charged."),
                         contract=c.number)
    if tazir.sen != c.tazir:
        raise KasirError(N_("The fine is the {fine} fixed in the akad of {contract}, no more "
                            "and no less."), fine=Money(c.tazir), contract=c.number)
    if schedule.standing(lines, c.collected, day).days_past_due <= 0:
        raise KasirError(N_("{contract} is not late: a fine is only for a member who delays."),
                         contract=c.number)


def settlement_quote(c: Contract) -> tuple[Money, Money, Money]:
    """Early settlement under Fatwa 153: what she owes, the margin for time not yet passed
    (never billed), and what she pays — under the contract's method."""
    owed, unearned = Money(outstanding(c)), Money(deferred(c))
    return owed, unearned, owed - unearned


def settle(s: Session, actor: Actor, c: Contract, day: dt.date, *, channel: str = "cash",
           discount: Money | None = None) -> Step:
    """Pay off the rest now. The discount is the unearned margin (what Kasir's own screen
    gives); a historical file may carry the smaller discount actually granted."""
    need_status(c, "active")
    if c.kind != "murabahah":
        raise KasirError(N_("A qard has no margin: its rest is paid as an installment."))
    owed, unearned, _pays = settlement_quote(c)
    discount = unearned if discount is None else discount
    if discount.sen < 0 or discount > unearned:
        raise KasirError(N_("The discount must be from zero to the unearned margin "
                            "{unearned}."), unearned=unearned)
    cash = owed - discount
    m = member_of(s, c)
    prod = product(s, c.product_code)
    d = draft(day, f"Pelunasan dipercepat murabahah {c.number} {m.number} {m.name}; "
                   f"potongan margin {format_rupiah(discount)}", [
        LineDraft(cash_account(channel), debit=cash, party_code=m.number),
        LineDraft(prod.deferred_margin_account, debit=unearned, party_code=m.number),
        LineDraft(prod.receivable_account, credit=owed, party_code=m.number),
        LineDraft(prod.income_account, credit=unearned - discount)],
        "murabahah_settlement")
    ev = event(c, actor, d, "settlement", day, collected=cash.sen,
               recognized=(unearned - discount).sen, cleared=discount.sen,
               margin_cleared=discount.sen)
    c.collected += cash.sen
    c.recognized += (unearned - discount).sen
    c.cleared += discount.sen
    c.margin_cleared += discount.sen
    c.status = "settled"
    c.closed_on = day
    return d, ev


def write_off(s: Session, actor: Actor, c: Contract, day: dt.date, *,
              charged_to: str = "allowance", allowance_held: Money | None = None) -> Step:
    """Hapus buku: the receivable leaves the books; its unearned margin is reversed, not
    income; the loss is met by the allowance (PPAP) as far as it goes, then expense. A
    qard may instead be charged to the benevolence money (its own fund's, for a loan
    from the maal book). ``allowance_held``: the allowance's balance on ``day``, when the
    caller holds it (an import keeps it as it queues entries); else read from the journal."""
    need_status(c, "active")
    m = member_of(s, c)
    prod = product(s, c.product_code)
    owed, unearned = Money(outstanding(c)), Money(deferred(c))
    loss = owed - unearned
    lines = [LineDraft(receivable_account(c, prod), credit=owed, party_code=m.number)]
    if unearned.is_positive():
        lines.append(LineDraft(prod.deferred_margin_account, debit=unearned,
                               party_code=m.number))
    if c.kind == "qard" and charged_to == "kebajikan":
        fund = (AccountRole.BENEVOLENCE_FUND if c.fund == "kebajikan"
                else AccountRole.BENEVOLENCE_HELD)
        lines.append(LineDraft(fund, debit=loss, party_code=m.number))
    elif c.kind == "qard" and c.fund == "kebajikan":
        raise KasirError(N_("A qard from the benevolence fund is written off against that "
                            "fund."))
    elif charged_to in ("allowance", "expense"):
        allowance = prod.allowance_account
        held = ZERO
        if allowance:
            if allowance_held is None:
                allowance_held = queries.normal_balance(s, allowance, day)
            held = max(allowance_held, ZERO)
        used = min(held, loss)
        lines += [LineDraft(allowance, debit=used) if used.is_positive() else None,
                  LineDraft(AccountRole.WRITEOFF_EXPENSE, debit=loss - used,
                            party_code=m.number)]
    else:
        raise KasirError(N_("A write-off is charged to the allowance or, for a qard, to the "
                            "benevolence money."))
    operation = "murabahah_writeoff" if c.kind == "murabahah" else "qard_writeoff"
    d = draft(day, f"Hapus buku {c.number} {m.number} {m.name}",
              [ln for ln in lines if ln is not None], operation)
    ev = event(c, actor, d, "write_off", day, cleared=owed.sen, margin_cleared=unearned.sen,
               loss=loss.sen, note=charged_to)
    c.cleared += owed.sen
    c.margin_cleared += unearned.sen
    c.loss += loss.sen
    c.status = "written_off"
    c.closed_on = day
    return d, ev


def recover(s: Session, actor: Actor, c: Contract, amount: Money, day: dt.date, *,
            channel: str = "cash", payer: str = "") -> Step:
    """Money paid on a written-off contract: other income (never more margin than the
    price agreed; never more than the loss)."""
    need_status(c, "written_off")
    left = Money(c.loss - c.recovered)
    if not amount.is_positive() or amount > left:
        raise KasirError(N_("Only {left} of {contract} is left to recover."), left=left,
                         contract=c.number)
    m = member_of(s, c)
    last = s.query(FinancingEvent.note).filter(
        FinancingEvent.contract_id == c.id, FinancingEvent.kind == "write_off") \
        .order_by(FinancingEvent.id.desc()).limit(1).scalar()
    back_to = AccountRole.OTHER_INCOME
    if c.kind == "qard" and last == "kebajikan":
        back_to = (AccountRole.BENEVOLENCE_FUND if c.fund == "kebajikan"
                   else AccountRole.BENEVOLENCE_HELD)
    d = draft(day, f"Penerimaan piutang yang telah dihapus {c.number} {m.number} {m.name}", [
        LineDraft(cash_account(channel, c.fund if back_to != AccountRole.OTHER_INCOME
                               else "own"), debit=amount, party_code=m.number),
        LineDraft(back_to, credit=amount, party_code=m.number)], "writeoff_recovery")
    ev = event(c, actor, d, "recovery", day, recovered=amount.sen, payer=payer[:60])
    c.recovered += amount.sen
    return d, ev


def reschedule(s: Session, actor: Actor, c: Contract, day: dt.date, tenor: int,
               first_due: dt.date, reason: str) -> StepEvent:
    """Fatwa 48: what is still owed is spread over ``tenor`` new installments from
    ``first_due``; not a rupiah of margin is added, and the contract is flagged as
    restructured. What was paid stays as one line of the new version."""
    need_status(c, "active")
    if not reason.strip():
        raise KasirError(N_("A rescheduling needs a reason."))
    if not 1 <= tenor <= 520 or first_due <= day:
        raise KasirError(N_("The new schedule needs from 1 to {most} installments, the first "
                            "after today."), most=520)
    owed = outstanding(c)
    prod = product(s, c.product_code)
    inst, last = schedule.plan(owed, tenor, prod.rounding)
    parts = schedule.amounts(tenor, inst, last)
    margin_left = c.margin - c.recognized
    if c.margin_method == "annuity":
        margins = schedule.annuity_margins(margin_left, parts)
    else:  # the cumulative floor over the whole contract, continued past what was paid
        margins = schedule.proportional_margins(c.margin, [c.collected, *parts])[1:]
    new = []
    if c.collected:
        new.append(schedule.Installment(0, day, c.collected, c.collected - c.recognized,
                                        c.recognized))
    new += [schedule.Installment(k, schedule.due_date(first_due, k, c.frequency), a, a - mg, mg)
            for k, (a, mg) in enumerate(zip(parts, margins), start=1)]
    c.schedule_version += 1
    write_schedule(s, c, c.schedule_version, new)
    c.restructured = True
    ev = event(c, actor, None, "reschedule", day, note=f"{tenor}x: {reason.strip()}"[:500])
    return ev


def disburse_qard(s: Session, actor: Actor, c: Contract, day: dt.date,
                  paid_from: str) -> Step:
    """The loan paid out (principal only ever comes back); a fixed admin fee at actual
    cost, if the akad set one, is paid in cash at the same time."""
    need_status(c, "approved")
    if c.first_due <= day:
        raise KasirError(N_("The first installment must fall after the akad."))
    m = member_of(s, c)
    prod = product(s, c.product_code)
    amount, fee = Money(c.cost), Money(c.admin_fee)
    d = draft(day, f"Pencairan qard {c.number} {m.number} {m.name}: {c.goods}", [
        LineDraft(receivable_account(c, prod), debit=amount, party_code=m.number),
        LineDraft(cash_account(paid_from, c.fund), credit=amount, party_code=m.number),
        LineDraft(AccountRole.CASH, debit=fee, party_code=m.number),
        LineDraft(AccountRole.ADMIN_FEE_INCOME, credit=fee, party_code=m.number)],
        "qard_disbursed")
    ev = event(c, actor, d, "disbursement", day)
    c.status = "active"
    c.akad_on = day  # the terms (and the schedule they make) are fixed from now on
    return d, ev


def cancel(s: Session, actor: Actor, c: Contract, day: dt.date, actual_cost: Money,
           channel: str, reason: str) -> tuple[EntryDraft | None, StepEvent]:
    """The member withdraws before the akad (Fatwa 13): the cooperative keeps only its
    actual loss from the down payment and returns the rest. Goods already bought stay
    the cooperative's stock."""
    need_status(c, *BEFORE_AKAD)
    if c.status == "purchasing":
        raise KasirError(N_("The goods of {contract} are still with the agent; receive them "
                            "first."), contract=c.number)
    if not reason.strip():
        raise KasirError(N_("A cancellation needs a reason."))
    held = Money(c.down_payment_held)
    if actual_cost.sen < 0:
        raise KasirError(N_("The actual cost must be an amount of zero or more."))
    kept = min(actual_cost, held)
    refund = held - kept
    d = None
    if held.is_positive():
        m = member_of(s, c)
        d = draft(day, f"Batal murabahah {c.number} {m.number}: {reason}", [
            LineDraft(AccountRole.MURABAHAH_DOWN_PAYMENT, debit=held, party_code=m.number),
            LineDraft(cash_account(channel), credit=refund, party_code=m.number),
            LineDraft(AccountRole.TAWIDH_INCOME, credit=kept, party_code=m.number)],
            "murabahah_cancel")
    ev = event(c, actor, d, "cancel", day, down_payment=-held.sen, note=reason[:500])
    c.down_payment_held = 0
    c.status = "cancelled"
    c.closed_on = day
    c.note = (c.note + "\n" if c.note else "") + reason.strip()
    return d, ev
