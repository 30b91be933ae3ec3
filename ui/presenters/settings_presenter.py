"""The settings without Qt: the cooperative's details, its groups, its savings products.

The cooperative's name, address, town and treasurer are printed on every paper
and live in the book, so every laptop prints the same; so does the amount above
which the cashier asks before posting, the minutes after which an idle window
signs out, and the reversal amount above which the ketua approves (the last two
only for a book with users). Groups are added and
changed here; of each savings product the name, the usual amount and the
mudharabah nisbah can be changed (the account and whether it can be withdrawn
follow the chart and the law). Every save gives an ``Outcome``: the words to
show, or the book's refusal, so a dialog stays open with the reason.
"""

from __future__ import annotations

from kasir.actor import Actor
from kasir.book import cooperative
from kasir.book.cooperative import CoopSettings
from kasir.i18n import _
from kasir.members import service as members
from kasir.members.queries import GroupRow
from kasir.members.service import GroupInput
from kasir.numbers import AmountError, format_amount, format_rupiah, parse_amount, parse_nisbah
from kasir.savings import service as savings
from kasir.savings.queries import ProductRow
from kasir.uow import Book
from kasir.users import service as users
from ledger.errors import LedgerError
from ledger.money import ZERO, Money
from ui.presenters.outcome import Outcome, refused

ProductChange = tuple[str, Money, int | None]  # name, usual amount, nisbah (basis points)


def read_product_change(product: ProductRow, name: str, amount: str,
                        nisbah: str) -> ProductChange | Outcome:
    """The product dialog's fields read: an empty amount is none; only mudharabah has a
    nisbah ("30", "27,5"). Anything that is not a number is the reason to show."""
    try:
        money = parse_amount(amount, allow_zero=True) if amount.strip() else ZERO
        bp = parse_nisbah(nisbah) if product.kind == "mudharabah" else None
    except AmountError as exc:
        return refused(exc)
    return name.strip(), money, bp


class SettingsPresenter:
    """What the settings page reads and the calls it makes; none lets a refusal escape."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor

    # --- the cooperative ------------------------------------------------------------------
    def cooperative(self) -> CoopSettings:
        return cooperative.cooperative(self.book)

    def save_cooperative(self, coop: CoopSettings) -> Outcome:
        """Save what is printed on every paper; a cooperative needs a name."""
        try:
            cooperative.save_cooperative(self.book, self.actor, coop)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("The cooperative's details were saved."), "ok")

    # --- the cashier's question before a large amount ----------------------------------------
    def confirm_above(self) -> str:
        """The threshold as the field shows it: ``5.000.000``."""
        return format_amount(cooperative.confirm_above(self.book))

    def save_confirm_above(self, typed: str) -> Outcome:
        """Store the amount above which the cashier asks first; 0 asks about every one."""
        try:
            amount = parse_amount(typed, allow_zero=True)
            cooperative.save_confirm_above(self.book, self.actor, amount)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("The cashier asks before posting more than {amount}.").format(
            amount=format_rupiah(amount)), "ok")

    # --- signing out of an idle window ---------------------------------------------------------
    def idle_minutes(self) -> int:
        return users.idle_minutes(self.book)

    def idle_range(self) -> tuple[int, int]:
        return users.IDLE_RANGE

    def save_idle_minutes(self, minutes: int) -> Outcome:
        """The minutes without a key or a click after which the window signs out."""
        try:
            users.save_idle_minutes(self.book, self.actor, minutes)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("The window signs out after {minutes} minutes without use.").format(
            minutes=minutes), "ok")

    # --- maker-checker -----------------------------------------------------------------------
    def approval_above(self) -> str:
        """The reversal amount above which the ketua approves, as the field shows it."""
        return format_amount(users.approval_threshold(self.book))

    def save_approval_above(self, typed: str) -> Outcome:
        try:
            amount = parse_amount(typed, allow_zero=True)
            users.save_approval_threshold(self.book, self.actor, amount)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("Reversals of more than {amount} wait for the ketua's approval.")
                       .format(amount=format_rupiah(amount)), "ok")

    # --- groups -----------------------------------------------------------------------------
    def groups(self) -> list[GroupRow]:
        return members.groups(self.book)

    def create_group(self, g: GroupInput) -> Outcome:
        """Add a group; a code already used is refused."""
        try:
            members.create_group(self.book, self.actor, g)
        except LedgerError as exc:
            return refused(exc)
        return self.group_added(g)

    def group_added(self, g: GroupInput) -> Outcome:
        return Outcome(_("Group {code} was added.").format(code=g.code), "ok")

    def update_group(self, code: str, g: GroupInput) -> Outcome:
        """Save the group ``code`` (its code stays: members and papers name it)."""
        try:
            members.update_group(self.book, self.actor, code, g)
        except LedgerError as exc:
            return refused(exc)
        return self.group_saved(code)

    def group_saved(self, code: str) -> Outcome:
        return Outcome(_("Group {code} was saved.").format(code=code), "ok")

    # --- savings products ---------------------------------------------------------------------
    def products(self) -> list[ProductRow]:
        return savings.products(self.book)

    def update_product(self, code: str, change: ProductChange) -> Outcome:
        """Save a product's name, usual amount and (mudharabah only) the members' nisbah."""
        name, amount, nisbah = change
        try:
            savings.update_product(self.book, self.actor, code, default_amount=amount,
                                   nisbah_bp=nisbah, name_id=name)
        except LedgerError as exc:
            return refused(exc)
        return self.product_saved()

    def product_saved(self) -> Outcome:
        return Outcome(_("The savings product was saved."), "ok")
