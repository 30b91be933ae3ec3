"""What the wadiah-bonus screen means, without Qt.

The board of the cooperative may decide to give the members a voluntary bonus
('athaya) on their simpanan sukarela (wadiah). DSN-MUI fatwa 02/2000 forbids
promising any return on wadiah, so the screen never computes one: the
treasurer types, member by member, the amount the board decided ("25.000";
empty is no bonus), and the reference of the decision. This module reads the
amounts strictly and words the running total; ``WadiahBonusPresenter`` reads
the holders and posts the bonus through the savings service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kasir.actor import Actor
from kasir.i18n import _, message
from kasir.numbers import AmountError, format_rupiah, parse_amount
from kasir.savings import service as savings
from kasir.savings.service import WadiahHolder
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money
from ui.presenters.outcome import Outcome, refused


class WadiahBonusProblem(LedgerError):
    """An amount typed on the wadiah-bonus screen that cannot be used."""

    def __init__(self, template: str, member: str = "", **params: object) -> None:
        super().__init__(template, member=member, **params)
        self.member = member


@dataclass(frozen=True, slots=True)
class BonusTotal:
    total: Money
    members: int
    unreadable: tuple[str, ...]  # members whose amount cannot be read

    def text(self) -> str:
        return _("Total bonus: {amount} for {count} members").format(
            amount=format_rupiah(self.total), count=self.members)


def read_one(typed: str) -> Money | None:
    """One member's bonus: empty is none; anything else must be a positive amount."""
    if not typed.strip():
        return None
    return parse_amount(typed)


def running_total(typed: dict[str, str]) -> BonusTotal:
    """The total of the amounts that can be read, and the members whose amount cannot."""
    total, count, bad = ZERO, 0, []
    for number, text in typed.items():
        try:
            amount = read_one(text)
        except AmountError:
            bad.append(number)
            continue
        if amount is not None:
            total, count = total + amount, count + 1
    return BonusTotal(total, count, tuple(bad))


def read_amounts(typed: dict[str, str]) -> dict[str, Money]:
    """Member number -> bonus; one amount that cannot be read refuses them all."""
    amounts: dict[str, Money] = {}
    for number, text in typed.items():
        try:
            amount = read_one(text)
        except AmountError as exc:
            raise WadiahBonusProblem(N_("The bonus of {member} cannot be read: {problem}"),
                                     member=number, problem=message(exc)) from None
        if amount is not None:
            amounts[number] = amount
    if not amounts:
        raise WadiahBonusProblem(N_("Type the bonus the board decided for at least one "
                                    "member."))
    return amounts


class WadiahBonusPresenter:
    """The members holding wadiah savings and the page's one call: post the bonuses the
    board decided. After a refusal it says where the cursor should go back to."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.holders: list[WadiahHolder] = []
        self.bad_member = ""  # the member whose amount was refused
        self.needs_decision = False  # refused for want of the board's decision

    def today(self) -> dt.date:
        """The date the bonus is offered on: the book's today."""
        return self.book.clock.today()

    def load(self) -> list[WadiahHolder]:
        """The active members holding simpanan sukarela, with their balances, read again."""
        self.holders = savings.wadiah_holders(self.book)
        return self.holders

    def table_title(self) -> str:
        if not self.holders:
            return _("No active member holds simpanan sukarela.")
        return _("Members holding simpanan sukarela: {count}").format(count=len(self.holders))

    @staticmethod
    def total(typed: dict[str, str]) -> BonusTotal:
        return running_total(typed)

    def post(self, typed: dict[str, str], day: dt.date, decision: str) -> Outcome:
        """Post the bonuses typed (member number -> amount) under the board's decision in
        one entry; an amount that cannot be read or a missing decision posts nothing."""
        self.bad_member, self.needs_decision = "", False
        try:
            amounts = read_amounts(typed)
            ref = savings.wadiah_bonus(self.book, self.actor, day, decision, amounts)
        except WadiahBonusProblem as exc:
            self.bad_member = exc.member
            return refused(exc)
        except LedgerError as exc:
            self.needs_decision = not decision.strip()
            return refused(exc)
        total = sum(amounts.values(), ZERO)
        return Outcome(_("The wadiah bonus of decision {decision} is posted: entry {entry}, "
                         "{amount} to {count} members.").format(
            decision=decision.strip(), entry=ref.label, amount=format_rupiah(total),
            count=len(amounts)), "ok")
