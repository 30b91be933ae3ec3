"""The cooperative's own details, printed on every paper."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.errors import N_, KasirError
from kasir.settings import get_setting, set_setting
from kasir.uow import Book

COOP_KEYS = ("name", "address", "place", "treasurer")


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
    values = {"name": " ".join(coop.name.split()), "address": coop.address.strip(),
              "place": coop.place.strip(), "treasurer": " ".join(coop.treasurer.split())}

    def work(s: Session) -> None:
        for key, value in values.items():
            set_setting(s, key, value)
        s.flush()
    book.run(work)
