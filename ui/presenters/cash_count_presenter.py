"""The daily cash count as typed: pieces per note or coin, the total, the difference.

Counts are whole numbers of pieces; an empty field is none. The difference is
the count minus the book's cash balance at the end of the day: below zero the
box is short (kas kurang), above it holds more than the book (kas lebih).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kasir.cash.rules import DENOMINATIONS
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money

MAX_PIECES = 999_999


class CountProblem(LedgerError):
    """A count that is not a whole number of pieces."""


@dataclass(frozen=True, slots=True)
class CountState:
    pieces: dict[int, int]
    subtotals: dict[int, Money]
    total: Money
    book: Money
    errors: dict[int, LedgerError] = field(default_factory=dict)

    @property
    def difference(self) -> Money:
        return self.total - self.book

    @property
    def short(self) -> bool:
        return self.difference.is_negative()

    @property
    def over(self) -> bool:
        return self.difference.is_positive()


def parse_pieces(typed: str) -> int:
    text = typed.strip().replace(".", "")
    if not text:
        return 0
    if not (text.isdigit() and text.isascii()) or int(text) > MAX_PIECES:
        raise CountProblem(N_("“{typed}” is not a number of pieces; type a whole number such "
                              "as 12."), typed=typed.strip())
    return int(text)


def evaluate(typed: Mapping[int, str], book: Money) -> CountState:
    pieces: dict[int, int] = {}
    subtotals: dict[int, Money] = {}
    errors: dict[int, LedgerError] = {}
    for value in DENOMINATIONS:
        try:
            n = parse_pieces(typed.get(value, ""))
        except CountProblem as exc:
            errors[value] = exc
            n = 0
        if n:
            pieces[value] = n
        subtotals[value] = Money.rupiah(value * n)
    total = sum(subtotals.values(), ZERO)
    return CountState(pieces, subtotals, total, book, errors)
