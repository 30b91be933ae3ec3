"""The daily cash count without Qt: pieces per note or coin, the total, the difference,
and the calls to the cash-count service the page makes.

Counts are whole numbers of pieces; an empty field is none. The difference is
the count minus the book's cash balance at the end of the day: below zero the
box is short (kas kurang), above it holds more than the book (kas lebih).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kasir.actor import Actor
from kasir.cash import service as cash
from kasir.cash.queries import CashCountRow
from kasir.cash.service import DENOMINATIONS
from kasir.i18n import _
from kasir.numbers import format_date_short, format_rupiah
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money
from ui import papers
from ui.presenters.outcome import Outcome, file_problem, refused

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


class CashCountPresenter:
    """The page's state (the book's cash on the chosen day, the month's counts) and its
    calls: read the day, confirm a count, write the month's cash book."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.day = book.clock.today()
        self.book_balance: Money = ZERO
        self.counts: list[CashCountRow] = []

    def load(self, day: dt.date) -> Outcome | None:
        """The book's cash at the end of ``day`` and the counts of its month; a refusal
        to show, or None."""
        self.day = day
        problem = None
        try:
            self.book_balance = cash.cash_count_preview(self.book, day, {}).book
        except LedgerError as exc:
            problem = refused(exc)
        first, last = papers.month_bounds(day)
        self.counts = cash.cash_counts(self.book, first, last)
        return problem

    def counts_title(self) -> str:
        return _("Counts confirmed this month: {count}").format(count=len(self.counts))

    def evaluate(self, typed: Mapping[int, str]) -> CountState:
        return evaluate(typed, self.book_balance)

    def confirm(self, typed: Mapping[int, str], note: str) -> Outcome:
        """Record the count of ``self.day``; a difference goes to suspense with the note."""
        state = self.evaluate(typed)
        if state.errors:
            return refused(next(iter(state.errors.values())))
        try:
            result = cash.confirm_cash_count(self.book, self.actor, self.day, state.pieces, note)
        except LedgerError as exc:
            return refused(exc)
        day = format_date_short(self.day)
        if result.difference:
            kind = _("short") if result.difference.is_negative() else _("over")
            text = _("The count of {date} is confirmed: {kind} {amount}, posted to the "
                     "suspense account 1409 with the note.").format(
                date=day, kind=kind, amount=format_rupiah(abs(result.difference)))
        else:
            text = _("The count of {date} is confirmed: the cash matches the book.").format(
                date=day)
        self.load(self.day)
        return Outcome(text, "ok")

    def cash_book(self, folder: Path) -> Path | Outcome:
        """The month's cash book as a PDF in ``folder``, or why it could not be written."""
        try:
            return papers.cash_book_pdf(self.book, self.day, papers.cash_books_folder(folder))
        except (OSError, LedgerError) as exc:
            return file_problem(exc)
