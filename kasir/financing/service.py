"""The financing use cases, one unit of work each, for the window and the command line.

Who may do what follows cli.md's roles table: the treasurer (``bendahara``)
enters applications, buys the goods, signs the akad and disburses; the cashier
and the treasurer take installments, settlements and recoveries at the desk;
a ``ketua`` who did not enter the application approves it; a write-off and a
change of product wait for a ``ketua``'s approval (maker–checker). Each money
step is posted with its receipt where money changed hands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.financing import payments, portfolio, queries, rules, schedule
from kasir.financing import products as products_
from kasir.financing.rules import Terms
from kasir.financing.steps import post_step
from kasir.members import rules as members
from kasir.receipts.rules import PostResult, posted_with_key
from kasir.uow import Book
from kasir.users import requests
from kasir.users.permissions import Permission, require, run_as
from kasir.users.requests import Approval
from ledger import posting
from ledger.money import ZERO, Money

__all__ = ["Applied", "PostResult", "Terms", "akad", "apply", "approve", "cancel",
           "contract_page", "contracts", "disburse_qard", "down_payment", "goods_received",
           "pay", "portfolio_quality", "post_allowance", "preview", "products", "purchase",
           "recover", "reschedule", "settle", "write_off"]


@dataclass(frozen=True, slots=True)
class Applied:
    contract: str  # its number
    request: int | None  # the approval request waiting for a ketua, if any
    approved: bool


def _run(book: Book, actor: Actor, permission: Permission, key: str | None,
         work: Callable[[Session, str | None], PostResult],
         holds: tuple[str, ...] | None = None) -> PostResult:
    """One step in one unit of work; a step asked again with its key answers the first
    posting (a double Enter, a retry after a slow answer). ``holds``: see
    ``kasir.uow.Book.transaction``."""
    return run_as(book, actor, permission, lambda s: posted_with_key(s, key) or work(s, key),
                  holds=holds)


def apply(book: Book, actor: Actor, terms: Terms, day: dt.date) -> Applied:
    """Record an application; on a book with users it waits for a ketua's approval."""
    require(book, actor, Permission.FINANCING)

    def work(s: Session) -> Applied:
        c = rules.apply(s, actor, terms, day)
        if not requests.needed(s):
            rules.approve(s, Actor("", None, actor.computer), c)
            return Applied(c.number, None, True)
        payload = {"contract": c.number, "member": terms.member, "amount": c.price}
        return Applied(c.number, requests.ask(s, actor, "approve_financing", payload), False)
    return book.run(work, actor=actor)


def approve(book: Book, maker: Actor, number: str, approval: Approval) -> None:
    """Carried out by the approver's yes to request ``approve_financing``."""
    def describe(s: Session) -> tuple[dict[str, object], bool]:
        c = rules.get(s, number)
        return {"contract": c.number, "member": rules.member_of(s, c).number,
                "amount": c.price}, True
    requests.run_or_ask(book, maker, approval, "approve_financing", describe,
                        lambda s: rules.approve(s, approval.approver, rules.get(s, number)),
                        lambda _none: number)


def down_payment(book: Book, actor: Actor, number: str, amount: Money, day: dt.date,
                 channel: str = "cash", key: str | None = None) -> PostResult:
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        return post_step(s, actor, rules.down_payment(s, actor, c, amount, day, channel),
                         ("in", amount, f"Uang muka murabahah No. {c.number}", channel,
                          m.number), key)
    return _run(book, actor, Permission.FINANCING, key, work)


def purchase(book: Book, actor: Actor, number: str, day: dt.date, paid_from: str = "cash",
             key: str | None = None) -> PostResult:
    return _run(book, actor, Permission.FINANCING, key, lambda s, key: post_step(
        s, actor, rules.purchase(s, actor, rules.get(s, number), day, paid_from), key=key))


def goods_received(book: Book, actor: Actor, number: str, day: dt.date) -> PostResult:
    return _run(book, actor, Permission.FINANCING, None, lambda s, key: post_step(
        s, actor, rules.goods_received(s, actor, rules.get(s, number), day)))


def akad(book: Book, actor: Actor, number: str, day: dt.date, fee_channel: str = "cash",
         key: str | None = None) -> PostResult:
    """Sign the sale; the admin fee, if any, is received in the same entry (receipt)."""
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        return post_step(s, actor, rules.akad(s, actor, c, day, fee_channel),
                         ("in", Money(c.admin_fee), f"Biaya administrasi akad {c.number}",
                          fee_channel, m.number), key)
    return _run(book, actor, Permission.FINANCING, key, work)


def disburse_qard(book: Book, actor: Actor, number: str, day: dt.date,
                  paid_from: str = "cash", key: str | None = None) -> PostResult:
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        return post_step(s, actor, payments.disburse_qard(s, actor, c, day, paid_from),
                         ("out", Money(c.cost), f"Pencairan qard No. {c.number}", paid_from,
                          m.number), key)
    return _run(book, actor, Permission.FINANCING, key, work)


def pay(book: Book, actor: Actor, number: str, amount: Money, day: dt.date, *,
        channel: str = "cash", tazir: Money = ZERO, payer: str = "",
        key: str | None = None) -> PostResult:
    """An installment at the desk or the group meeting (``payer``: who paid for her)."""
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        if payer and payer != m.number:
            members.active_member(s, payer)
        step = payments.installment(s, actor, c, amount, day, channel=channel, tazir=tazir,
                                    payer=payer if payer != m.number else "")
        return post_step(s, actor, step, ("in", amount + tazir, step[0].memo, channel,
                                          payer or m.number), key)
    # an installment reads and changes its contract alone (a payer's status is only read)
    return _run(book, actor, Permission.CASHIER, key, work, holds=(f"contract:{number}",))


def settle(book: Book, actor: Actor, number: str, day: dt.date, channel: str = "cash",
           key: str | None = None) -> PostResult:
    """Early settlement: she pays what she owes less the unearned margin (Fatwa 153)."""
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        step = payments.settle(s, actor, c, day, channel=channel)
        return post_step(s, actor, step, ("in", Money(step[1].collected), step[0].memo,
                                          channel, m.number), key)
    return _run(book, actor, Permission.CASHIER, key, work)


def recover(book: Book, actor: Actor, number: str, amount: Money, day: dt.date,
            channel: str = "cash", key: str | None = None) -> PostResult:
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        step = payments.recover(s, actor, c, amount, day, channel=channel)
        return post_step(s, actor, step, ("in", amount, step[0].memo, channel, m.number),
                         key)
    return _run(book, actor, Permission.CASHIER, key, work)


def reschedule(book: Book, actor: Actor, number: str, day: dt.date, tenor: int,
               first_due: dt.date, reason: str) -> None:
    require(book, actor, Permission.FINANCING)

    def work(s: Session) -> None:
        s.add(payments.reschedule(s, actor, rules.get(s, number), day, tenor, first_due,
                                  reason).orm())
        s.flush()
    book.run(work, actor=actor)


def cancel(book: Book, actor: Actor, number: str, day: dt.date, reason: str,
           actual_cost: Money = ZERO, channel: str = "cash") -> PostResult:
    def work(s: Session, key: str | None) -> PostResult:
        c = rules.get(s, number)
        m = rules.member_of(s, c)
        step = payments.cancel(s, actor, c, day, actual_cost, channel, reason)
        refund = Money(-step[1].down_payment) - min(actual_cost, Money(-step[1].down_payment))
        return post_step(s, actor, step, ("out", refund, f"Pengembalian uang muka "
                                          f"{c.number}", channel, m.number))
    return _run(book, actor, Permission.FINANCING, None, work)


def write_off(book: Book, actor: Actor, number: str, day: dt.date, *,
              charged_to: str = "allowance", approval: Approval | None = None) -> str:
    """Hapus buku: always a ketua's decision on a book with users (maker–checker)."""
    require(book, actor, Permission.FINANCING)

    def describe(s: Session) -> tuple[dict[str, object], bool]:
        c = rules.get(s, number)
        return {"contract": c.number, "member": rules.member_of(s, c).number,
                "amount": payments.outstanding(c), "charged_to": charged_to,
                "day": day.isoformat()}, True

    def action(s: Session) -> str:
        c = rules.get(s, number)
        return post_step(s, actor, payments.write_off(s, actor, c, day,
                                                      charged_to=charged_to)).entry
    return requests.run_or_ask(book, actor, approval, "write_off", describe, action,
                               lambda label: label)


def update_product(book: Book, actor: Actor, code: str, changes: dict[str, object],
                   approval: Approval | None = None) -> None:
    """Change a financing product: on a book with users, only after a ketua's yes."""
    require(book, actor, Permission.PRODUCTS)
    payload = {"code": code, **{k: v for k, v in sorted(changes.items()) if v is not None}}
    requests.run_or_ask(book, actor, approval, "update_financing_product",
                        lambda s: (payload, True),
                        lambda s: products_.update_product(s, code, changes) and None,
                        lambda _none: "")


def post_allowance(book: Book, actor: Actor, day: dt.date) -> str:
    """Bring the allowance (PPAP) to what the portfolio's collectibility requires."""
    require(book, actor, Permission.FINANCING)

    def work(s: Session) -> str:
        d = portfolio.allowance_draft(s, day)
        if d is None:
            return ""
        return posting.post(s, d, user=actor.user).label
    return book.run(work, actor=actor)


def contract_page(book: Book, number: str, as_of: dt.date | None = None) -> queries.ContractPage:
    day = as_of or book.clock.today()
    return book.read(lambda s: queries.contract_page(s, number, day))


def contracts(book: Book, as_of: dt.date | None = None, *, open_only: bool = True,
              member: str | None = None) -> list[queries.ContractRow]:
    day = as_of or book.clock.today()
    return book.read(lambda s: queries.contract_rows(s, day, open_only=open_only,
                                                     member=member))


def portfolio_quality(book: Book, as_of: dt.date | None = None) -> portfolio.Portfolio:
    """Collectibility, PPAP required and formed, PAR30 and NPF on a day."""
    day = as_of or book.clock.today()
    return book.read(lambda s: portfolio.portfolio(s, day))


def products(book: Book) -> list[queries.ProductRow]:
    return book.read(queries.product_rows)


def preview(book: Book, terms: Terms) -> list[queries.ScheduleRow]:
    """The schedule an application would have, before anything is recorded (the wizard's
    live preview); refused like the application itself when the terms break a rule."""
    def read(s: Session) -> list[queries.ScheduleRow]:
        prod, inst, last = rules.check_terms(s, terms)
        lines = schedule.build(terms.first_due, terms.frequency or prod.frequency, terms.tenor,
                               inst, last, terms.margin.sen, prod.margin_method)
        return queries.schedule_rows(lines, 0, terms.first_due)
    return book.read(read)


def set_collectibility(book: Book, actor: Actor, preset: str | None = None,
                       classes: list[portfolio.Klass] | None = None) -> None:
    """Choose preset A (KSPPS, four classes) or B (bank, five), or edit the classes:
    thresholds rising, rates from 0 to 100 %, the last class open-ended."""
    require(book, actor, Permission.SETTINGS)
    book.run(lambda s: portfolio.save_classes(s, preset, classes), actor=actor)
