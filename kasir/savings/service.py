"""The savings use cases, one unit of work each: what the cashier screen, the member
page, the settings and the command line call.

Writes that move money take an operation ``key`` made when the screen prepares
the operation: the same key posts once, and asking again answers the first
posting with its receipt (a double Enter, or a retry after a slow answer).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.receipts.rules import PostResult, posted_with_key
from kasir.savings import queries, rules
from kasir.savings.queries import (
    History,
    MemberPage,
    ProductRow,
    SavingsAccount,
    SavingsBalanceRow,
    WadiahHolder,
)
from kasir.uow import Book
from kasir.users import requests
from kasir.users.permissions import Permission, require, run_as
from kasir.users.requests import Approval
from ledger.money import Money
from ledger.posting import PostedRef

__all__ = ["History", "MemberPage", "PostResult", "ProductRow", "SavingsAccount",
           "SavingsBalanceRow", "WadiahHolder", "deposit", "exit_member", "member_history",
           "member_page", "products", "savings_balances", "transfer", "update_product",
           "wadiah_bonus", "wadiah_holders", "withdraw"]


def deposit(book: Book, actor: Actor, number: str, product: str, amount: Money, day: dt.date,
            channel: str = "cash", key: str | None = None) -> PostResult:
    def work(s: Session) -> PostResult:
        return posted_with_key(s, key) or PostResult.of(rules.deposit(
            s, actor, number, product, amount, day=day, channel=channel, key=key))
    return run_as(book, actor, Permission.CASHIER, work, holds=(f"member:{number}",))


def withdraw(book: Book, actor: Actor, number: str, product: str, amount: Money,
             day: dt.date, channel: str = "cash", key: str | None = None) -> PostResult:
    def work(s: Session) -> PostResult:
        return posted_with_key(s, key) or PostResult.of(rules.withdraw(
            s, actor, number, product, amount, day=day, channel=channel, key=key))
    return run_as(book, actor, Permission.CASHIER, work, holds=(f"member:{number}",))


def transfer(book: Book, actor: Actor, number: str, from_product: str, to_product: str,
             amount: Money, day: dt.date, key: str | None = None) -> PostResult:
    """Between her own savings (no cash moves, so no receipt); the key posts it once."""
    def work(s: Session) -> PostResult:
        return posted_with_key(s, key) or PostResult.of(rules.transfer(
            s, actor, number, from_product, to_product, amount, day=day, key=key))
    return run_as(book, actor, Permission.CASHIER, work, holds=(f"member:{number}",))


def exit_member(book: Book, actor: Actor, number: str, day: dt.date, paid_from: str = "cash",
                expected: dict[str, Money] | None = None,
                key: str | None = None) -> PostResult:
    """Pay out every balance and mark her exited. ``expected`` is what the treasurer
    confirmed: when a balance changed meanwhile the exit is refused."""
    require(book, actor, Permission.MEMBER_EXIT)

    def work(s: Session) -> PostResult:
        return posted_with_key(s, key) or PostResult.of(rules.member_exit(
            s, actor, number, day=day, paid_from=paid_from, expected=expected, key=key))
    return book.run(work, actor=actor)


def member_page(book: Book, number: str, as_of: dt.date | None = None) -> MemberPage:
    day = as_of or book.clock.today()
    return book.read(lambda s: queries.member_page(s, number, day))


def member_history(book: Book, number: str, product: str, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> History:
    return book.read(lambda s: queries.history(s, number, product, date_from, date_to))


def products(book: Book) -> list[ProductRow]:
    return book.read(queries.product_rows)


def update_product(book: Book, actor: Actor, code: str, *, default_amount: Money | None = None,
                   nisbah_bp: int | None = None, name_id: str | None = None,
                   approval: Approval | None = None) -> None:
    """Change a product's name, usual amount or nisbah: on a book with users, only after
    the approver's yes (``approval``); until then it is a request."""
    require(book, actor, Permission.PRODUCTS)
    payload = {"code": code, "name": name_id,
               "amount": default_amount.sen if default_amount is not None else None,
               "nisbah_bp": nisbah_bp,
               "nisbah": f"{nisbah_bp / 100:g}%" if nisbah_bp is not None else "-"}
    requests.run_or_ask(
        book, actor, approval, "update_product", lambda s: (payload, True),
        lambda s: rules.update_product(s, code, default_amount=default_amount,
                                       nisbah_bp=nisbah_bp, name_id=name_id),
        lambda _none: "")


def savings_balances(book: Book, as_of: dt.date | None = None) -> list[SavingsBalanceRow]:
    return book.read(lambda s: queries.savings_balances(s, as_of))


def wadiah_holders(book: Book, as_of: dt.date | None = None) -> list[WadiahHolder]:
    return book.read(lambda s: queries.wadiah_holders(s, as_of))


def wadiah_bonus(book: Book, actor: Actor, day: dt.date, decision: str,
                 amounts: dict[str, Money]) -> PostedRef:
    """Post the board's bonus on wadiah savings in one entry; never a rate: the amounts
    are the ones the board decided."""
    require(book, actor, Permission.PROFIT_SHARE)
    return book.run(lambda s: rules.wadiah_bonus(s, actor, day=day, decision=decision,
                                                 amounts=amounts), actor=actor)
