"""The cooperative's own details, printed on every paper, and the amount above which the
cashier asks before posting (one value for the whole book, so every laptop asks alike)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.settings import get_setting, set_setting
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger.money import Money

COOP_KEYS = ("name", "address", "place", "treasurer")
CONFIRM_KEY = "confirm_above"
# Above this the cashier asks once before posting: a slip of three zeros (Rp50.000.000 for
# Rp50.000) is the costliest typing mistake at the desk, and such amounts are rare.
DEFAULT_CONFIRM_ABOVE = Money.rupiah(5_000_000)


@dataclass(frozen=True, slots=True)
class CoopSettings:
    """Printed on every paper: the name, address, town (for "Lebak, 28 November 2026")
    and the treasurer who signs the receipts."""

    name: str = ""
    address: str = ""
    place: str = ""
    treasurer: str = ""


def read(s: Session) -> CoopSettings:
    return CoopSettings(*(get_setting(s, key) for key in COOP_KEYS))


def cooperative(book: Book) -> CoopSettings:
    return book.read(read)


def book_name(book: Book) -> str:
    """The cooperative's name as stored in the book, for the window title."""
    return book.read(lambda s: get_setting(s, "name"))


def save_cooperative(book: Book, actor: Actor, coop: CoopSettings) -> None:
    if not coop.name.strip():
        raise KasirError(N_("The cooperative needs a name."))
    require(book, actor, Permission.SETTINGS)
    values = {"name": " ".join(coop.name.split()), "address": coop.address.strip(),
              "place": coop.place.strip(), "treasurer": " ".join(coop.treasurer.split())}

    def work(s: Session) -> None:
        for key, value in values.items():
            set_setting(s, key, value)
        s.flush()
    book.run(work, actor=actor)


def _read_confirm_above(s: Session) -> Money:
    stored = get_setting(s, CONFIRM_KEY)
    try:
        return Money(int(stored)) if stored else DEFAULT_CONFIRM_ABOVE
    except (ValueError, OverflowError):  # a hand-edited book: the safe default, never a crash
        return DEFAULT_CONFIRM_ABOVE


def confirm_above(book: Book) -> Money:
    """The amount above which the cashier asks "are you sure?" before posting."""
    return book.read(_read_confirm_above)


def save_confirm_above(book: Book, actor: Actor, amount: Money) -> None:
    """Store the threshold in sen (exact); zero means every amount is asked about."""
    if amount.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    require(book, actor, Permission.SETTINGS)

    def work(s: Session) -> None:
        set_setting(s, CONFIRM_KEY, str(amount.sen))
        s.flush()
    book.run(work, actor=actor)
