"""What the wadiah-bonus screen means, without Qt.

The board of the cooperative may decide to give the members a voluntary bonus
('athaya) on their simpanan sukarela (wadiah). DSN-MUI fatwa 02/2000 forbids
promising any return on wadiah, so the screen never computes one: the
treasurer types, member by member, the amount the board decided ("25.000";
empty is no bonus), and the reference of the decision. This module reads the
amounts strictly and words the running total.
"""

from __future__ import annotations

from dataclasses import dataclass

from kasir.i18n import _, message
from kasir.numbers import AmountError, format_rupiah, parse_amount
from ledger.errors import N_, LedgerError
from ledger.money import ZERO, Money


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
