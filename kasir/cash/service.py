"""The daily cash count's use cases: preview, confirm, and the counts of a period."""

from __future__ import annotations

import datetime as dt

from kasir.actor import Actor
from kasir.cash import queries, rules
from kasir.cash.queries import CashCountRow
from kasir.cash.rules import COINS, DENOMINATIONS, CashCountResult
from kasir.uow import Book
from kasir.users.permissions import Permission, require

__all__ = ["COINS", "DENOMINATIONS", "CashCountResult", "CashCountRow", "cash_counts",
           "confirm_cash_count", "cash_count_preview"]


def cash_count_preview(book: Book, day: dt.date, pieces: dict[int, int]) -> CashCountResult:
    """The count against the book's cash at the end of ``day``; nothing is written."""
    return book.read(lambda s: rules.count_cash(s, day, pieces))


def confirm_cash_count(book: Book, actor: Actor, day: dt.date, pieces: dict[int, int],
                       note: str = "") -> CashCountResult:
    require(book, actor, Permission.CASH_COUNT)
    return book.run(lambda s: rules.confirm_count(s, actor, day, pieces, note=note),
                    actor=actor)


def cash_counts(book: Book, date_from: dt.date, date_to: dt.date) -> list[CashCountRow]:
    return book.read(lambda s: queries.counts_between(s, date_from, date_to))
