"""domain.md §1.1's worked example signed through the services, for the report and command
tests: Bu Siti (A-001 of ``members_book``) buys a sewing machine costing 5.000.000 with
500.000 down and 540.000 margin, 12 monthly installments of 420.000 from 5 February 2026."""

from __future__ import annotations

import datetime as dt

from factories import ACTOR, rp
from kasir.financing import service as financing
from kasir.financing.service import Terms
from kasir.journal import recipes
from kasir.uow import Book
from ledger import posting

JAN = dt.date(2026, 1, 5)


def capital(book: Book, amount: int = 20_000_000) -> None:
    book.run(lambda s: posting.post(s, recipes.capital_grant(JAN, rp(amount), name="uji",
                                                             deposit_to="cash",
                                                             repayable=False)))


def siti_terms(**over: object) -> Terms:
    values: dict[str, object] = dict(
        member="A-001", kind="murabahah", cost=rp(5_000_000), margin=rp(540_000), tenor=12,
        first_due=dt.date(2026, 2, 5), frequency="monthly", down_payment=rp(500_000),
        goods="mesin jahit", supplier="Toko Jaya")
    values.update(over)
    return Terms(**values)  # type: ignore[arg-type]


def signed(book: Book, **over: object) -> str:
    """The akad signed on 5 January 2026 (capital granted first); its number."""
    capital(book)
    n = financing.apply(book, ACTOR, siti_terms(**over), JAN).contract
    financing.down_payment(book, ACTOR, n, rp(500_000), JAN)
    financing.purchase(book, ACTOR, n, JAN)
    financing.akad(book, ACTOR, n, JAN)
    return n


def paid_twice(book: Book, **over: object) -> str:
    """Signed, and the installments of February and March paid on their days."""
    n = signed(book, **over)
    for month in (2, 3):
        financing.pay(book, ACTOR, n, rp(420_000), dt.date(2026, month, 5))
    return n
