"""A village group of ten members as the treasurer meets it at the weekly meeting: built
with kasir's services (members through the rules, as ``members_book`` does; a capital
grant; contracts signed as ``test_financing.signed`` does).

Group K07 "Kenanga" meets on Mondays. Each member saves Rp5.000 wajib a week. Six of
them (M-01..M-06) bought goods by weekly murabahah (1.000.000 + 100.000 margin, ten
installments of 110.000 from 12 January 2026); M-02 also has a qard of 500.000 (ten
of 50.000). On 12 January everybody paid but M-06, who is in arrears at the meeting
of 19 January 2026.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from factories import ACTOR, rp
from kasir.clock import FixedClock
from kasir.financing import service as financing
from kasir.financing.service import Terms
from kasir.journal import recipes
from kasir.uow import Book
from ledger import posting
from ledger.money import ZERO

APPLIED = dt.date(2026, 1, 5)
FIRST_DUE = dt.date(2026, 1, 12)
MEETING = dt.date(2026, 1, 19)
GROUP = "K07"
NAMES = ("Siti Aminah", "Nur Hasanah", "Rina Marlina", "Dewi Sartika", "Eti Rohaeti",
         "Yuyun Wahyuni", "Neneng Hasanah", "Cucu Suryani", "Imas Masitoh", "Lilis Karlina")
MEMBERS = tuple(f"M-{n:02d}" for n in range(1, 11))
BORROWERS = MEMBERS[:6]


def murabahah(member: str) -> Terms:
    return Terms(member=member, kind="murabahah", cost=rp(1_000_000), margin=rp(100_000),
                 tenor=10, first_due=FIRST_DUE, frequency="weekly", goods="mesin jahit",
                 supplier="Toko Jaya")


def qard(member: str) -> Terms:
    return Terms(member=member, kind="qard", cost=rp(500_000), margin=ZERO, tenor=10,
                 first_due=FIRST_DUE, frequency="weekly", goods="modal warung")


def sign(book: Book, terms: Terms) -> str:
    n = financing.apply(book, ACTOR, terms, APPLIED).contract
    if terms.kind == "qard":
        financing.disburse_qard(book, ACTOR, n, APPLIED)
    else:
        financing.purchase(book, ACTOR, n, APPLIED)
        financing.akad(book, ACTOR, n, APPLIED)
    return n


def build_meeting_book(book: Book) -> dict[str, list[str]]:
    """The group, its members and their contracts; the book's clock on the meeting day.
    Returns each borrower's contracts, oldest first."""
    from kasir.members import rules as members

    def work(s: Session) -> None:
        members.add_group(s, members.GroupInput(GROUP, "Kenanga", "Sukamaju", 0, "Bu Ratna"))
        for number, name in zip(MEMBERS, NAMES):
            members.add_member(s, members.MemberInput(
                number, name, dt.date(2025, 12, 1), GROUP, village="Sukamaju",
                wajib_amount=rp(5_000)))
    book.run(work)
    book.run(lambda s: posting.post(s, recipes.capital_grant(
        APPLIED, rp(20_000_000), name="uji", deposit_to="cash", repayable=False)))
    contracts: dict[str, list[str]] = {}
    for member in BORROWERS:
        contracts[member] = [sign(book, murabahah(member))]
    contracts["M-02"].append(sign(book, qard("M-02")))
    for member in BORROWERS[:5]:
        for n in contracts[member]:
            amount = rp(50_000) if n.startswith("QRD") else rp(110_000)
            financing.pay(book, ACTOR, n, amount, FIRST_DUE)
    book.clock = FixedClock(MEETING)
    return contracts
