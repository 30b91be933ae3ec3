"""The demo cooperative's financing: weekly murabahah sales to six members and a qard,
paid at the group meetings — one member behind, one who settled early — so the
contract pages, the collection sheet and the collectibility report have something true
to show."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.actor import Actor
from kasir.financing import payments, rules
from kasir.financing.models import StepEvent
from ledger import posting
from ledger.entry import EntryDraft
from ledger.money import ZERO, Money

# member, goods, cost, margin, weeks, weekday of her group's meeting
SALES = [
    ("A-001", "mesin jahit", 3_000_000, 300_000, 25, 0),
    ("A-002", "stok warung sembako", 1_500_000, 150_000, 20, 0),
    ("A-004", "gerobak dagang", 2_000_000, 200_000, 20, 0),
    ("A-006", "kambing dua ekor", 2_500_000, 250_000, 25, 2),
    ("A-008", "bibit dan pupuk", 1_000_000, 80_000, 16, 2),
    ("A-010", "peralatan salon", 1_200_000, 120_000, 20, 2),
]
LATE = "A-004"  # stopped paying after two weeks
EARLY = "A-008"  # settled early in November
AKAD = dt.date(2026, 10, 1)


def _post(s: Session, actor: Actor, step: tuple[EntryDraft | None, StepEvent]) -> None:
    d, ev = step
    s.add(ev.orm())
    if d is not None:
        posting.post(s, d, user=actor.user)


def add_financing(s: Session, actor: Actor, end: dt.date) -> None:
    maker = Actor("", None, actor.computer)
    contracts = []
    for member, goods, cost, margin, weeks, weekday in SALES:
        first = AKAD + dt.timedelta(days=(weekday - AKAD.weekday()) % 7 + 7)
        c = rules.apply(s, actor, rules.Terms(
            member=member, kind="murabahah", cost=Money.rupiah(cost),
            margin=Money.rupiah(margin), tenor=weeks, first_due=first, goods=goods,
            supplier="Toko Berkah, Cibeber", frequency="weekly"), AKAD)
        rules.approve(s, maker, c)
        c.approved_by = "ketua (contoh)"
        _post(s, actor, rules.purchase(s, actor, c, AKAD, "bank"))
        _post(s, actor, rules.akad(s, actor, c, AKAD))
        contracts.append((member, c, first))
    for member, c, first in contracts:
        due, paid = first, 0
        while due <= end and c.status == "active":
            if member == EARLY and due >= dt.date(2026, 11, 10):
                _post(s, actor, payments.settle(s, actor, c, due))
                break
            if not (member == LATE and paid >= 2):
                amount = min(c.installment, payments.outstanding(c))
                _post(s, actor, payments.installment(s, actor, c, Money(amount), due))
                paid += 1
            due += dt.timedelta(days=7)
    q = rules.apply(s, actor, rules.Terms(
        member="A-007", kind="qard", cost=Money.rupiah(500_000), margin=ZERO, tenor=10,
        first_due=dt.date(2026, 10, 21), goods="biaya berobat anak", fund="own"),
        dt.date(2026, 10, 14))
    rules.approve(s, maker, q)
    _post(s, actor, payments.disburse_qard(s, actor, q, dt.date(2026, 10, 14), "cash"))
    due = q.first_due
    while due <= end:
        _post(s, actor, payments.installment(s, actor, q, Money.rupiah(50_000), due))
        due += dt.timedelta(days=7)
