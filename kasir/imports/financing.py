"""Financing events (events.md): each through the same financing rules the screens use.

A ``murabahah_contract`` of a history is an application approved, the goods bought,
the down payment received and the akad signed, all on its day, by the rules that
check each step; an ``installment`` is ``financing.payments.installment`` with the
fines the history recorded (still only ever to the benevolence money). Every check
field is computed by Kasir and compared: an import is also an audit of the old books.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_
from kasir.financing import payments, rules, schedule
from kasir.financing.models import Contract, FinancingEvent, FinancingProduct, StepEvent
from kasir.imports.importer import Handler, Importer
from ledger.bulk_rows import insert_tuples
from ledger.entry import EntryDraft
from ledger.money import ZERO, Money

MAX_TENOR = rules.MAX_TENOR
GOODS_LIMIT = 200


def _step(im: Importer, step: tuple[EntryDraft | None, StepEvent]) -> None:
    d, ev = step
    if d is not None:
        im.queue(d)
    if "financing_events" not in im.cache:
        im.cache["financing_events"] = []
        im.before_flush.append(_write_events)
    im.cache["financing_events"].append(ev)


def _write_events(im: Importer) -> None:
    """The batch's contract events in one statement (a new contract's id was reserved when
    it was held, and its row written before: ``Importer._write_held``)."""
    events: list[StepEvent] = im.cache.get("financing_events", [])
    if events:
        insert_tuples(im.s, FinancingEvent.__table__, StepEvent.ROW_COLUMNS,
                      [ev.row() for ev in events], {"created_at": im.now, "reverses_id": None})
        events.clear()


def _tenor(im: Importer) -> tuple[int, str]:
    if im.has("tenor_weeks"):
        return im.whole("tenor_weeks", 1, MAX_TENOR), "weekly"
    return (im.whole("tenor", 1, MAX_TENOR),
            im.choice("frequency", ("weekly", "fortnightly", "monthly")))


def _contract(im: Importer, field: str, kind: str) -> Contract:
    number = im.ident(field) or ""
    cache: dict[str, Contract] = im.cache.setdefault("contracts", {})
    c = cache.get(number)
    if c is None:
        with im.about(field):
            c = rules.get(im.s, number)
        cache[number] = c
    if c.kind != kind:
        raise im.fail(field, N_("{contract} is not a {kind}"), contract=number, kind=kind)
    member = im.member("member_id", active=False)
    assert member is not None
    if member.id != c.member_id:
        raise im.fail("member_id", N_("{contract} is not the contract of {member}"),
                      contract=number, member=member.number)
    return c


def _new_number(im: Importer, field: str, number: str) -> None:
    """A contract number used earlier in this file (not yet written to the book)."""
    if number in im.cache.get("contracts", {}):
        raise im.fail(field, N_("Contract number {contract} is already in use."),
                      contract=number)


def _held(im: Importer, c: Contract) -> Contract:
    """A new contract, out of the session's next flush and into the import's own rows
    (``Importer.hold``): its id reserved at once, its row written with the next batch.
    Through the session, a year's contracts were a multi-row INSERT that PostgreSQL's
    driver took apart in Python at every flush."""
    im.s.expunge(c)
    im.hold(c)
    return c


def _numbers_in_use(im: Importer) -> set[str]:
    """Every contract number of the book, read once, with those this import adds: a
    contract applied for is checked without a statement (which would wait for the rows
    written in the background)."""
    if "contract_numbers" not in im.cache:
        im.cache["contract_numbers"] = set(im.s.scalars(select(Contract.number)))
    numbers: set[str] = im.cache["contract_numbers"]
    return numbers


def _murabahah_contract(im: Importer, day: dt.date) -> None:
    member = im.member("member_id")
    assert member is not None
    number = im.ident("contract_id") or ""
    cost, margin = im.positive("cost"), im.money("margin", ZERO)
    price = im.money("price")
    if price != cost + margin:
        raise im.fail("price", N_("must be cost + margin = {expected}"), expected=cost + margin)
    tenor, frequency = _tenor(im)
    dp = im.money("down_payment", ZERO)
    inst = im.positive("installment")
    last = im.money("last_installment") if im.has("last_installment") else None
    first_due = im.date("first_due", schedule.one_period_after(day, frequency).isoformat())
    fee = im.money("admin_fee", ZERO)
    paid_from = im.channel("paid_from", "cash")
    terms = rules.Terms(member=member.number, kind="murabahah", cost=cost, margin=margin,
                        tenor=tenor, first_due=first_due, goods=im.text("goods", "",
                                                                        limit=GOODS_LIMIT),
                        down_payment=dp, frequency=frequency, installment=inst,
                        last_installment=last, admin_fee=fee, number=number)
    im.open_month(day)
    with im.about("installment"):
        rules.check_terms(im.s, terms)
    _new_number(im, "contract_id", number)
    in_use = _numbers_in_use(im)
    with im.about("contract_id"):
        c = _held(im, rules.apply(im.s, im.actor, terms, day, member=member, in_use=in_use))
    in_use.add(c.number)
    rules.approve(im.s, Actor("", None, im.actor.computer), c)
    c.approved_by = "import"
    if dp.is_positive():
        _step(im, rules.down_payment(im.s, im.actor, c, dp, day, "cash"))
    _step(im, rules.purchase(im.s, im.actor, c, day, paid_from))
    with im.about("first_due"):
        _step(im, rules.akad(im.s, im.actor, c, day))
    im.cache.setdefault("contracts", {})[number] = c


def _installment(im: Importer, day: dt.date) -> None:
    c = _contract(im, "contract_id", "murabahah")
    amount, tazir = im.positive("amount"), im.money("tazir", ZERO)
    im.get("installments", None)
    im.get("days_late", None)
    im.get("due_date", None)
    with im.about("amount"):
        d, ev = payments.installment(im.s, im.actor, c, amount, day, tazir=tazir,
                                     fixed_fine=False)
    im.check("margin_recognized", Money(ev.recognized))
    im.check("outstanding_after", Money(payments.outstanding(c)))
    _step(im, (d, ev))


def _settlement(im: Importer, day: dt.date) -> None:
    c = _contract(im, "contract_id", "murabahah")
    owed, unearned, _pays = payments.settlement_quote(c)
    im.check("outstanding", owed)
    im.check("deferred_margin", unearned)
    discount = im.money("discount", unearned)
    with im.about("discount"):
        step = payments.settle(im.s, im.actor, c, day, discount=discount)
    im.check("cash_received", Money(step[1].collected))
    _step(im, step)


def _writeoff(im: Importer, day: dt.date) -> None:
    c = _contract(im, "contract_id", "murabahah")
    owed, unearned, _pays = payments.settlement_quote(c)
    im.check("outstanding", owed)
    im.check("deferred_margin", unearned)
    im.check("loss", owed - unearned)
    im.get("last_payment", None)
    with im.about("contract_id"):
        _step(im, payments.write_off(im.s, im.actor, c, day,
                                     allowance_held=_allowance(im, c, day)))


def _allowance(im: Importer, c: Contract, day: dt.date) -> Money | None:
    """The allowance a write-off draws on, on its normal side, as the import holds it;
    None (read from the journal, after posting the queue) when the book has lines on it
    dated after ``day``."""
    account = rules.product(im.s, c.product_code).allowance_account
    held = im.balances
    if not account or held is None or account not in held.whole:
        return None
    if not held.fast(account, day):
        im.flush(whole=False)
        return None
    total = Money(held.total(account))
    return total if im.ctx.accounts[account].normal_side == "D" else -total


def _recovery(im: Importer, day: dt.date) -> None:
    number = im.ident("contract_id") or ""
    kind = "qard" if number in im.cache.get("contracts", {}) and \
        im.cache["contracts"][number].kind == "qard" else "murabahah"
    c = _contract(im, "contract_id", kind)
    with im.about("amount"):
        _step(im, payments.recover(im.s, im.actor, c, im.positive("amount"), day))


def _qard_disbursed(im: Importer, day: dt.date) -> None:
    member = im.member("member_id")
    assert member is not None
    number = im.ident("qard_id") or ""
    amount = im.positive("amount")
    tenor, frequency = _tenor(im)
    inst = im.money("installment", None)
    last = None
    if inst is not None:
        last = amount - Money(inst.sen * (tenor - 1))
        if not inst.is_positive() or not last.is_positive():
            raise im.fail("installment", N_("{tenor} installments of {installment} do not "
                                            "repay {amount}"), tenor=tenor, installment=inst,
                          amount=amount)
    first_due = im.date("first_due", schedule.one_period_after(day, frequency).isoformat())
    fund = im.choice("fund", ("own", "kebajikan"), "own")
    terms = rules.Terms(member=member.number, kind="qard", cost=amount, margin=ZERO,
                        tenor=tenor, first_due=first_due, frequency=frequency,
                        installment=inst, last_installment=last,
                        admin_fee=im.money("admin_fee", ZERO), fund=fund, number=number,
                        goods=im.text("purpose", "", limit=GOODS_LIMIT))
    paid_from = im.channel("paid_from", "cash")
    im.open_month(day)
    _new_number(im, "qard_id", number)
    in_use = _numbers_in_use(im)
    with im.about("qard_id"):
        c = _held(im, rules.apply(im.s, im.actor, terms, day, member=member, in_use=in_use))
    in_use.add(c.number)
    rules.approve(im.s, Actor("", None, im.actor.computer), c)
    c.approved_by = "import"
    with im.about("first_due"):
        _step(im, payments.disburse_qard(im.s, im.actor, c, day, paid_from))
    im.cache.setdefault("contracts", {})[number] = c


def _qard_repayment(im: Importer, day: dt.date) -> None:
    c = _contract(im, "qard_id", "qard")
    with im.about("amount"):
        step = payments.installment(im.s, im.actor, c, im.positive("amount"), day)
    im.check("outstanding_after", Money(payments.outstanding(c)))
    _step(im, step)


def _qard_writeoff(im: Importer, day: dt.date) -> None:
    c = _contract(im, "qard_id", "qard")
    im.positive("amount")
    im.check("amount", Money(payments.outstanding(c)))
    to = im.choice("charged_to", ("kebajikan", "expense"))
    with im.about("charged_to"):
        _step(im, payments.write_off(im.s, im.actor, c, day,
                                     charged_to="kebajikan" if to == "kebajikan"
                                     else "expense", allowance_held=_allowance(im, c, day)))


def products_held(s: Session) -> list[FinancingProduct]:
    return list(s.scalars(select(FinancingProduct)))


HANDLERS: dict[str, Handler] = {
    "murabahah_contract": _murabahah_contract, "installment": _installment,
    "murabahah_settlement": _settlement, "murabahah_writeoff": _writeoff,
    "writeoff_recovery": _recovery, "qard_disbursed": _qard_disbursed,
    "qard_repayment": _qard_repayment, "qard_writeoff": _qard_writeoff,
}
